/**
 * The (mass, width) table of one (scenario, production mode, channel): what the engine produces
 * and what everything downstream reads (rescaling, limits, the grid files of `alpenglow grid`,
 * the web app). Values are per produced ALP at the reference coupling of the production mode:
 *
 *   N_sig(m, Γ, region) = POT × (coupling/reference)² × yieldPerPotAtReference[m]
 *                         × efficiency[m, Γ, region] × BR(channel) × A_add
 *
 * (the coupling factor and BR are src/limits' business). Browser-safe.
 */
import type { TableProductionMode } from '../physics/production.ts';
import type { TableGridFields } from '../engine/event-table.ts';

export const TABLE_FORMAT = 'alpenglow-mass-width-table';
export const TABLE_FORMAT_VERSION = 1;

export interface MassWidthTable extends TableGridFields {
  format: typeof TABLE_FORMAT;
  formatVersion: typeof TABLE_FORMAT_VERSION;
  scenario: { name: string; hash: string };
  /** A physics production mode, or 'imported' for tables read from other tools. */
  productionMode: TableProductionMode | 'imported';
  /** ALPs per POT produced at the mode's reference coupling (within the table's angle range), per mass. */
  yieldPerPotAtReference: number[];
  /** Index (mass · nWidths + width) · nRegions + region: mean of P(decay in volume) × pass. */
  efficiency: number[];
  efficiencyError: number[];
  provenance: { alpenglowVersion: string; engine: 'webgpu' | 'reference' | 'imported'; adapter: string; wallSeconds: number };
}

export function tableIndex(table: Pick<MassWidthTable, 'widthsGeV' | 'regionNames'>, massIndex: number, widthIndex: number, regionIndex: number): number {
  return (massIndex * table.widthsGeV.length + widthIndex) * table.regionNames.length + regionIndex;
}
