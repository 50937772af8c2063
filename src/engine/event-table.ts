/**
 * The engine's product: per (mass, width, region), the mean over produced ALPs of
 * P(decay in fiducial volume) × (selection passed), with its MC standard error.
 * Expected signal = POT × yieldPerPot × efficiency × BR × A_add (applied downstream, src/limits).
 */
import { tallyGeometry } from './tally-layout.ts';

export interface EngineInfo {
  kind: 'webgpu' | 'reference';
  adapter: string;
}

/**
 * The selection's 2-D histogram (src/engine/selection/types.ts Histogram2D), same normalisation
 * as `efficiency`: per produced ALP, the mean of P(decay in volume) × (selected and in this cell).
 */
export interface HistogramTable {
  x: string;
  y: string;
  xBins: [number, number, number];
  yBins: [number, number, number];
  /** Index ((mass · nWidths + width) · xCount + xIndex) · yCount + yIndex. */
  efficiency: Float64Array;
  efficiencyError: Float64Array;
}

/** The grid and run settings every (mass, width, region) table carries: the engine's and the stored MassWidthTable. */
export interface TableGridFields {
  channel: string;
  massesGeV: number[];
  widthsGeV: number[];
  regionNames: string[];
  samplesPerMass: number;
  seed: number;
}

export interface EventTable extends TableGridFields {
  label: string;
  /** ALPs per POT at the reference coupling, per mass (integral of its production table). */
  yieldPerPot: number[];
  /** Index (mass · nWidths + width) · nRegions + region. */
  efficiency: Float64Array;
  efficiencyError: Float64Array;
  /** Present when the job's selection asked for a histogram. */
  histogram?: HistogramTable;
  engine: EngineInfo;
}

/**
 * Both engines tally regions and histogram cells side by side, `regionCount + cellCount` cells per
 * (mass, width) in the order of src/engine/tally-layout.ts; this splits them into the region
 * arrays and the histogram arrays.
 */
export function splitTallies(
  combined: { efficiency: Float64Array; efficiencyError: Float64Array },
  rows: number,
  regionCount: number,
  cellCount: number,
): { efficiency: Float64Array; efficiencyError: Float64Array; cellEfficiency: Float64Array; cellEfficiencyError: Float64Array } {
  const { cellsPerWidth: stride, sectionOffset } = tallyGeometry(1, { regionCount, histogramCellCount: cellCount });
  const efficiency = new Float64Array(rows * regionCount);
  const efficiencyError = new Float64Array(rows * regionCount);
  const cellEfficiency = new Float64Array(rows * cellCount);
  const cellEfficiencyError = new Float64Array(rows * cellCount);
  for (let row = 0; row < rows; row++) {
    const regions = row * stride + sectionOffset.region;
    const cells = row * stride + sectionOffset.histogram;
    efficiency.set(combined.efficiency.subarray(regions, regions + regionCount), row * regionCount);
    efficiencyError.set(combined.efficiencyError.subarray(regions, regions + regionCount), row * regionCount);
    cellEfficiency.set(combined.efficiency.subarray(cells, cells + cellCount), row * cellCount);
    cellEfficiencyError.set(combined.efficiencyError.subarray(cells, cells + cellCount), row * cellCount);
  }
  return { efficiency, efficiencyError, cellEfficiency, cellEfficiencyError };
}

/**
 * Float64 sums of weights for one mass, kept in log-sum-exp form per (width, region) cell:
 * value = exp(logScale) · sum, with every added term ≤ 1 relative to the cell's largest weight.
 * Partials from the GPU arrive already in that form (one per batch, see shaders/mc-kernel.wgsl);
 * the reference adds single weights. Either way the order of addition is fixed, so results are
 * reproducible bit for bit.
 */
export class MassAccumulator {
  readonly logScale: Float64Array;
  readonly sumWeight: Float64Array;
  readonly sumWeightSquared: Float64Array;

  constructor(
    readonly widthCount: number,
    readonly regionCount: number,
  ) {
    const cells = widthCount * regionCount;
    this.logScale = new Float64Array(cells);
    this.sumWeight = new Float64Array(cells);
    this.sumWeightSquared = new Float64Array(cells);
  }

  /** Adds a partial (Σ w e^{−logScale}, Σ w² e^{−2 logScale}) to a cell. */
  addPartial(cell: number, logScale: number, sum: number, sumSquared: number): void {
    if (!(sum > 0)) return;
    const current = this.sumWeight[cell];
    if (current === 0) {
      this.logScale[cell] = logScale;
      this.sumWeight[cell] = sum;
      this.sumWeightSquared[cell] = sumSquared;
    } else if (logScale > this.logScale[cell]) {
      const rescale = Math.exp(this.logScale[cell] - logScale);
      this.logScale[cell] = logScale;
      this.sumWeight[cell] = current * rescale + sum;
      this.sumWeightSquared[cell] = this.sumWeightSquared[cell] * rescale * rescale + sumSquared;
    } else {
      const rescale = Math.exp(logScale - this.logScale[cell]);
      this.sumWeight[cell] = current + sum * rescale;
      this.sumWeightSquared[cell] += sumSquared * rescale * rescale;
    }
  }

  /** Adds one weight given as its logarithm. */
  addLogWeight(cell: number, logWeight: number): void {
    this.addPartial(cell, logWeight, 1, 1);
  }

  /** Writes mean and standard error of the mean over `samples` samples into the table arrays. */
  finish(samples: number, efficiency: Float64Array, error: Float64Array, massIndex: number): void {
    const cells = this.widthCount * this.regionCount;
    for (let cell = 0; cell < cells; cell++) {
      const sum = this.sumWeight[cell];
      const mean = sum / samples;
      // Var(mean) = (Σw² − (Σw)²/N) / (N (N − 1)), in units of e^{logScale}; f32 rounding can make
      // the bracket slightly negative when all weights are equal: clamp at 0.
      const variance = samples > 1 ? Math.max(this.sumWeightSquared[cell] - sum * mean, 0) / (samples * (samples - 1)) : mean * mean;
      const scale = sum > 0 ? Math.exp(this.logScale[cell]) : 0;
      const out = massIndex * cells + cell;
      efficiency[out] = mean * scale;
      error[out] = Math.sqrt(variance) * scale;
    }
  }
}
