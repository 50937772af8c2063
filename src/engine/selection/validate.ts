/**
 * Structural checks on a selection that the compilers rely on. Scenario files are validated by
 * their schema first (src/scenarios/schema.ts); this is the engine's own guard for selections
 * built in code, with messages naming the JSON-style path and the bad value.
 */
import { QUANTITIES, quantityNames } from './quantities.ts';
import { MAX_HISTOGRAM_CELLS, type Area, type BinSpec, type Selection, type Shape } from './types.ts';
import { validateSpectrometer } from '../charged-tracks.ts';

export class InvalidSelection extends Error {
  override name = 'InvalidSelection';
  readonly userFacing = true;
}

function finite(value: number, path: string): void {
  if (!Number.isFinite(value)) throw new InvalidSelection(`${path} must be a finite number (got ${value})`);
}

function checkShape(shape: Shape, path: string): void {
  switch (shape.type) {
    case 'disc':
      finite(shape.radius, `${path}.radius`);
      if (!(shape.radius > 0)) throw new InvalidSelection(`${path}.radius must be > 0 (got ${shape.radius})`);
      finite(shape.centerX ?? 0, `${path}.centerX`);
      finite(shape.centerY ?? 0, `${path}.centerY`);
      return;
    case 'box':
      for (const key of ['xMin', 'xMax', 'yMin', 'yMax'] as const) finite(shape[key], `${path}.${key}`);
      if (!(shape.xMin < shape.xMax)) throw new InvalidSelection(`${path}.xMin must be < xMax (got ${shape.xMin} ≥ ${shape.xMax})`);
      if (!(shape.yMin < shape.yMax)) throw new InvalidSelection(`${path}.yMin must be < yMax (got ${shape.yMin} ≥ ${shape.yMax})`);
      return;
    case 'polygon':
      if (shape.vertices.length < 3) throw new InvalidSelection(`${path}.vertices needs at least 3 points (got ${shape.vertices.length})`);
      shape.vertices.forEach(([x, y], index) => {
        finite(x, `${path}.vertices[${index}][0]`);
        finite(y, `${path}.vertices[${index}][1]`);
      });
      return;
    default:
      throw new InvalidSelection(`${path}.type must be one of disc, box, polygon (got ${(shape as { type: unknown }).type})`);
  }
}

function checkArea(area: Area, path: string): void {
  checkShape(area.include, `${path}.include`);
  (area.exclude ?? []).forEach((shape, index) => checkShape(shape, `${path}.exclude[${index}]`));
}

function checkQuantity(name: string, path: string, selection: Selection, scope?: 'event'): void {
  const quantity = QUANTITIES[name];
  if (!quantity) throw new InvalidSelection(`${path} must be one of ${quantityNames().join(', ')} (got '${name}')`);
  if (scope && quantity.scope !== scope) throw new InvalidSelection(`${path} must be an event quantity, not the per-product '${name}'`);
  if (quantity.requires === 'koto' && !selection.reconstruction) {
    throw new InvalidSelection(`${path} uses '${name}', which needs "reconstruction": {"type": "koto-pi0", …}`);
  }
  if (quantity.requires === 'track' && !selection.spectrometer) {
    throw new InvalidSelection(`${path} uses '${name}', which needs a "spectrometer" block (charged tracks)`);
  }
  if (quantity.scope === 'event' && quantity.requires !== 'none' && selection.acceptance?.productsRequired === 1) {
    throw new InvalidSelection(`${path} uses '${name}', which needs both products at the ECAL; it cannot be used with productsRequired = 1`);
  }
}

function checkBins(bins: BinSpec, path: string): void {
  if (!Array.isArray(bins) || bins.length !== 3) throw new InvalidSelection(`${path} must be [lo, hi, count] (got ${JSON.stringify(bins)})`);
  const [lo, hi, count] = bins;
  finite(lo, `${path}[0]`);
  finite(hi, `${path}[1]`);
  if (!(lo < hi)) throw new InvalidSelection(`${path} must have lo < hi (got [${lo}, ${hi}])`);
  if (!Number.isInteger(count) || count < 1) throw new InvalidSelection(`${path}[2] must be an integer ≥ 1 (got ${count})`);
}

export function validateSelection(selection: Selection): void {
  if (selection.spectrometer) validateSpectrometer(selection.spectrometer);
  if (selection.acceptance) {
    checkArea(selection.acceptance.area, 'acceptance.area');
    const required = selection.acceptance.productsRequired;
    if (required !== 1 && required !== 2) throw new InvalidSelection(`acceptance.productsRequired must be 1 or 2 (got ${required})`);
  }
  if (selection.reconstruction) {
    if (selection.reconstruction.type !== 'koto-pi0') {
      throw new InvalidSelection(`reconstruction.type must be 'koto-pi0' (got '${selection.reconstruction.type}')`);
    }
    finite(selection.reconstruction.zVertexOriginM, 'reconstruction.zVertexOriginM');
  }
  selection.cuts.forEach((cut, index) => {
    const path = `cuts[${index}]`;
    checkQuantity(cut.quantity, `${path}.quantity`, selection);
    if (cut.min === undefined && cut.max === undefined) throw new InvalidSelection(`${path} needs min or max`);
    if (cut.min !== undefined) finite(cut.min, `${path}.min`);
    if (cut.max !== undefined) finite(cut.max, `${path}.max`);
    if (cut.min !== undefined && cut.max !== undefined && !(cut.min < cut.max)) {
      throw new InvalidSelection(`${path}.min must be < max (got ${cut.min} ≥ ${cut.max})`);
    }
  });
  const seen = new Set<string>();
  selection.regions.forEach((region, index) => {
    const path = `regions[${index}]`;
    if (!region.name) throw new InvalidSelection(`${path}.name must be a non-empty string`);
    if (seen.has(region.name)) throw new InvalidSelection(`${path}.name '${region.name}' is used twice`);
    seen.add(region.name);
    checkQuantity(region.x, `${path}.x`, selection, 'event');
    checkQuantity(region.y, `${path}.y`, selection, 'event');
    checkArea(region.area, `${path}.area`);
  });
  const histogram = selection.histogram;
  if (histogram) {
    checkQuantity(histogram.x, 'histogram.x', selection, 'event');
    checkQuantity(histogram.y, 'histogram.y', selection, 'event');
    checkBins(histogram.xBins, 'histogram.xBins');
    checkBins(histogram.yBins, 'histogram.yBins');
    const cells = histogram.xBins[2] * histogram.yBins[2];
    if (cells > MAX_HISTOGRAM_CELLS) throw new InvalidSelection(`histogram has ${cells} cells, more than the ${MAX_HISTOGRAM_CELLS} the engine tallies`);
  }
}
