/**
 * Per-scenario exposure and background controls: one row per scenario that is selected or shown,
 * with a POT slider (× 0.01 … × 100 of the scenario's own exposure, as `alpenglow limits --pot`) and
 * a background slider (× 0.1 … × 10 of the scenario's expected backgrounds; page-only). Settings are
 * kept per scenario name, so rows can come and go with the selection without losing them.
 */
import type { Scenario } from '../scenarios/schema.ts';
import { formatNumber, h } from './dom.ts';
import { DEFAULT_EXPOSURE, type ExposureSetting } from './redraw.ts';

/** POT from a slider position (log10 of the factor), rounded to 3 significant digits so the URL and the CLI command carry the exact number the page uses. */
export function potFromSlider(ownPot: number, position: number): number | undefined {
  if (position === 0) return undefined;
  return Number((ownPot * 10 ** position).toPrecision(3));
}

export function scaleFromSlider(position: number): number {
  return position === 0 ? 1 : Number((10 ** position).toPrecision(3));
}

interface Row {
  element: HTMLElement;
  pot: HTMLInputElement;
  potText: HTMLElement;
  background: HTMLInputElement;
  backgroundText: HTMLElement;
}

export class ExposureControls {
  private readonly settings = new Map<string, ExposureSetting>();
  private readonly rows = new Map<string, Row>();

  constructor(
    private readonly host: HTMLElement,
    private readonly onChange: () => void,
  ) {}

  setting(name: string): ExposureSetting {
    return this.settings.get(name) ?? DEFAULT_EXPOSURE;
  }

  /** Exposure as a multiple of the scenario's own POT. */
  factor(scenario: Scenario): number {
    const pot = this.setting(scenario.name).pot;
    return pot === undefined ? 1 : pot / scenario.exposure.pot;
  }

  set(name: string, setting: ExposureSetting): void {
    this.settings.set(name, setting);
  }

  /** Rows for these scenarios (first occurrence of each name), in order; existing rows are kept as they are. */
  show(scenarios: Scenario[]): void {
    const unique = [...new Map(scenarios.map((scenario) => [scenario.name, scenario])).values()];
    const wanted = unique.map((scenario) => this.row(scenario).element);
    const current = Array.from(this.host.children);
    if (wanted.length !== current.length || wanted.some((element, index) => element !== current[index])) this.host.replaceChildren(...wanted);
    if (unique.length === 0) this.host.replaceChildren(h('p', { class: 'muted', text: 'Choose a scenario or load tables.' }));
  }

  private row(scenario: Scenario): Row {
    const name = scenario.name;
    const known = this.rows.get(name);
    if (known) return known;
    const setting = this.setting(name);
    const ownPot = scenario.exposure.pot;
    const potPosition = setting.pot === undefined ? 0 : Math.log10(setting.pot / ownPot);
    const pot = h('input', {
      type: 'range',
      min: -2,
      max: 2,
      step: 0.01,
      value: potPosition.toFixed(2),
      'data-testid': 'pot-slider',
      'data-scenario': name,
      'aria-label': `${name}: exposure, log10 of POT over the scenario's ${formatNumber(ownPot)} POT`,
    });
    const background = h('input', {
      type: 'range',
      min: -1,
      max: 1,
      step: 0.01,
      value: Math.log10(setting.backgroundScale).toFixed(2),
      'data-testid': 'background-slider',
      'data-scenario': name,
      'aria-label': `${name}: background scale, log10`,
    });
    const potText = h('span', { class: 'value', 'data-testid': 'pot-value' });
    const backgroundText = h('span', { class: 'value', 'data-testid': 'background-value' });
    const element = h(
      'div',
      { class: 'exposure-row', 'data-testid': 'exposure-row', 'data-scenario': name },
      h('div', { class: 'exposure-name', text: name }),
      h('div', { class: 'exposure-line' }, h('span', { class: 'exposure-label', text: 'POT' }), pot, potText),
      h('div', { class: 'exposure-line' }, h('span', { class: 'exposure-label', text: 'bkg' }), background, backgroundText),
    );
    const row: Row = { element, pot, potText, background, backgroundText };
    const update = () => {
      const next: ExposureSetting = { pot: potFromSlider(ownPot, Number(pot.value)), backgroundScale: scaleFromSlider(Number(background.value)) };
      this.settings.set(name, next);
      this.describe(row, scenario);
      this.onChange();
    };
    pot.addEventListener('input', update);
    background.addEventListener('input', update);
    this.rows.set(name, row);
    this.describe(row, scenario);
    return row;
  }

  private describe(row: Row, scenario: Scenario): void {
    const setting = this.setting(scenario.name);
    const pot = setting.pot ?? scenario.exposure.pot;
    row.potText.textContent = `${formatNumber(pot)} POT${setting.pot === undefined ? ' (own)' : ` (× ${formatNumber(pot / scenario.exposure.pot)})`}`;
    const backgrounds = scenario.regions.map((region) =>
      formatNumber(
        region.backgroundEvents * setting.backgroundScale * (scenario.exposure.backgroundScaling === 'proportional' ? pot / scenario.exposure.pot : 1),
        3,
      ),
    );
    row.backgroundText.textContent = `× ${formatNumber(setting.backgroundScale)}: b = ${backgrounds.slice(0, 3).join(', ')}${backgrounds.length > 3 ? ', …' : ''}`;
    row.pot.setAttribute('aria-valuetext', row.potText.textContent);
    row.background.setAttribute('aria-valuetext', row.backgroundText.textContent);
  }

  /** Moves the sliders to the settings (after a URL was applied). */
  refresh(scenarios: Scenario[]): void {
    for (const scenario of scenarios) {
      const row = this.rows.get(scenario.name);
      if (!row) continue;
      const setting = this.setting(scenario.name);
      row.pot.value = (setting.pot === undefined ? 0 : Math.log10(setting.pot / scenario.exposure.pot)).toFixed(2);
      row.background.value = Math.log10(setting.backgroundScale).toFixed(2);
      this.describe(row, scenario);
    }
  }
}
