/**
 * Control values, read and validated where the user typed them: each error is shown under its
 * field (and the first one in the status badge) in words naming the field and the value.
 */
import { parseDecimal } from '../physics/decimal.ts';
import { parseLimitsModel, type LimitsModel } from '../limits/index.ts';
import { compileScenario } from '../scenarios/compile.ts';
import { checkMassRange, parseRangeSpec, type RangeSpec } from '../tables/grid-spec.ts';
import type { BundledScenario } from './bundled-scenarios.ts';
import type { Layout } from './layout.ts';
import { formatQueryNumber } from './page-query.ts';

export class UserInputError extends Error {
  override name = 'UserInputError';
  readonly userFacing = true;
}

export function requireNumber(name: string, raw: string, options: { integer?: boolean; min?: number; positive?: boolean } = {}): number {
  const value = parseDecimal(raw);
  if (!Number.isFinite(value)) throw new UserInputError(`${name} must be a decimal number (got '${raw}')`);
  if (options.integer && !Number.isInteger(value)) throw new UserInputError(`${name} must be an integer (got ${raw})`);
  if (options.positive && !(value > 0)) throw new UserInputError(`${name} must be > 0 (got ${raw})`);
  if (options.min !== undefined && value < options.min) throw new UserInputError(`${name} must be ≥ ${options.min} (got ${raw})`);
  return value;
}

export function logSlider(value: number, [lo, hi]: [number, number]): string {
  return String(Math.round((1000 * Math.log(value / lo)) / Math.log(hi / lo)));
}

export function fromLogSlider(position: string, [lo, hi]: [number, number]): number {
  return lo * (hi / lo) ** (Number(position) / 1000);
}

export interface ScanFields {
  scenarios: BundledScenario[];
  masses: RangeSpec;
  /** null: 'auto', the width grid `alpenglow limits` derives from the model, masses and coupling axis. */
  widths: RangeSpec | null;
  samples: number;
  seed: number;
  maxAddedMasses: number;
}

export function controlReaders(layout: Layout, bundled: BundledScenario[]) {
  function selectedScenarios(): BundledScenario[] {
    return Array.from(layout.scenarioSelect.selectedOptions)
      .map((option) => bundled.find((entry) => entry.hash === option.value)!)
      .filter(Boolean);
  }

  /** The model as `alpenglow limits --model` spells it. */
  function modelText(): string {
    if (layout.modelSelect.value !== 'custom') return layout.modelSelect.value;
    const value = (key: keyof typeof layout.customInputs) => formatQueryNumber(Number(layout.customInputs[key].number.value));
    return `custom:${value('cGG')},${value('cBB')},${value('cWW')},${value('cLL')}`;
  }

  function currentModel(): LimitsModel {
    layout.customError.textContent = '';
    if (layout.modelSelect.value !== 'custom') return parseLimitsModel(layout.modelSelect.value);
    try {
      return parseLimitsModel(modelText());
    } catch (error) {
      layout.customError.textContent = (error as Error).message;
      throw error;
    }
  }

  function couplingRange(): [number, number] {
    layout.fieldErrors.couplings.error.textContent = '';
    try {
      const lo = requireNumber('coupling from', layout.couplingLo.value, { positive: true });
      const hi = requireNumber('coupling to', layout.couplingHi.value, { positive: true });
      if (!(hi > lo)) throw new UserInputError(`coupling range needs from < to (got ${lo} … ${hi})`);
      return [lo, hi];
    } catch (error) {
      layout.fieldErrors.couplings.error.textContent = (error as Error).message;
      throw error;
    }
  }

  const markerCoupling = (): number => fromLogSlider(layout.couplingMarker.value, couplingRange());

  function readScanFields(): ScanFields {
    for (const entry of Object.values(layout.fieldErrors)) entry.error.textContent = '';
    const errors: string[] = [];
    const guard = <T>(target: { error: HTMLElement }, compute: () => T): T | undefined => {
      try {
        return compute();
      } catch (error) {
        target.error.textContent = (error as Error).message;
        errors.push((error as Error).message);
        return undefined;
      }
    };
    const { fieldErrors } = layout;
    const scenarios = guard(fieldErrors.scenario, () => {
      const chosen = selectedScenarios();
      if (chosen.length === 0) throw new UserInputError('choose at least one scenario');
      return chosen;
    });
    const masses = guard(fieldErrors.masses, () => {
      const lo = requireNumber('lowest mass', layout.massLo.value, { positive: true });
      const hi = requireNumber('highest mass', layout.massHi.value, { positive: true });
      const count = requireNumber('mass count', layout.massCount.value, { integer: true, min: 1 });
      const spec = parseRangeSpec('masses', `${lo}:${count === 1 ? lo : hi}:${count}`, 'GeV');
      for (const entry of scenarios ?? []) checkMassRange(spec, entry.scenario, compileScenario(entry.scenario));
      return spec;
    });
    const widths = guard(fieldErrors.widths, () =>
      ['auto', ''].includes(layout.widths.value.trim()) ? null : parseRangeSpec('widths', layout.widths.value.trim(), 'GeV'),
    );
    const samples = guard(fieldErrors.samples, () => requireNumber('samples per mass', layout.samples.value, { integer: true, min: 1 }));
    const seed = guard(fieldErrors.seed, () => {
      const value = requireNumber('seed', layout.seed.value, { integer: true, min: 0 });
      if (value > 0xffffffff) throw new UserInputError(`seed must be ≤ ${0xffffffff} (got ${value})`);
      return value;
    });
    const maxAddedMasses = guard(fieldErrors.maxAddedMasses, () =>
      requireNumber('masses added (at most)', layout.maxAddedMasses.value, { integer: true, min: 0 }),
    );
    guard(fieldErrors.couplings, () => couplingRange());
    guard(fieldErrors.model, () => currentModel());
    if (errors.length > 0) throw new UserInputError(errors[0]);
    return { scenarios: scenarios!, masses: masses!, widths: widths ?? null, samples: samples!, seed: seed!, maxAddedMasses: maxAddedMasses! };
  }

  return { selectedScenarios, modelText, currentModel, couplingRange, markerCoupling, readScanFields };
}

export type ControlReaders = ReturnType<typeof controlReaders>;
