/**
 * The production table: what physics hands to the engine for one ALP mass and one production mode.
 *
 * It is a binned density of produced ALPs in (E_a, θ_a), θ measured from the proton beam in the
 * production frame (target at the origin, z along the beam), per proton on target (POT) at a
 * reference coupling. The engine samples bins in proportion to `binContent` and places the ALP
 * uniformly inside the bin in the axis variable (E or ln E; θ or ln θ), with φ uniform.
 *
 * Contract (checked by validateProductionTable):
 * - energyEdgesGeV strictly increasing, length nE + 1, first edge > massGeV (so p > 0 everywhere);
 * - thetaEdgesRad strictly increasing in [0, π], length nθ + 1;
 * - binContent has nE·nθ entries, index iE·nθ + iθ, each finite and ≥ 0, total > 0;
 * - binContent is the number of ALPs per POT in the bin (already integrated over the bin), so
 *   yieldPerPot = Σ binContent.
 */
export interface ProductionTable {
  /** ALP mass this table was made for, GeV. */
  massGeV: number;
  /** Production mode label, e.g. 'primakoff-meson-photons', 'mixing', 'toy'. */
  mode: string;
  /** Bin edges in ALP lab energy, GeV. */
  energyEdgesGeV: Float64Array | number[];
  /** Bin edges in ALP polar angle to the proton beam, rad. */
  thetaEdgesRad: Float64Array | number[];
  /** Sample uniformly in ln E (true) or in E (false) inside an energy bin. */
  energyAxisLog: boolean;
  /** Sample uniformly in ln θ (true) or in θ (false) inside an angle bin. */
  thetaAxisLog: boolean;
  /** ALPs per POT per bin at the reference coupling; row-major [iE][iθ]. */
  binContent: Float64Array | number[];
  /** Human-readable statement of the reference coupling the content is normalised to. */
  referenceCoupling: string;
}

export class InvalidProductionTable extends Error {
  override name = 'InvalidProductionTable';
}

function checkEdges(edges: ArrayLike<number>, field: string, where: string): void {
  if (edges.length < 2) throw new InvalidProductionTable(`${where}: ${field} needs at least 2 edges (got ${edges.length})`);
  for (let i = 0; i < edges.length; i++) {
    const value = edges[i];
    if (!Number.isFinite(value)) throw new InvalidProductionTable(`${where}: ${field}[${i}] must be finite (got ${value})`);
    if (i > 0 && !(value > edges[i - 1])) {
      throw new InvalidProductionTable(`${where}: ${field} must be strictly increasing (${field}[${i - 1}] = ${edges[i - 1]}, ${field}[${i}] = ${value})`);
    }
  }
}

/** Throws InvalidProductionTable naming the field and value when the table breaks the contract. */
export function validateProductionTable(table: ProductionTable, where = 'production table'): void {
  if (!(table.massGeV > 0) || !Number.isFinite(table.massGeV)) {
    throw new InvalidProductionTable(`${where}: massGeV must be a finite number > 0 (got ${table.massGeV})`);
  }
  checkEdges(table.energyEdgesGeV, 'energyEdgesGeV', where);
  checkEdges(table.thetaEdgesRad, 'thetaEdgesRad', where);
  if (!(table.energyEdgesGeV[0] > table.massGeV)) {
    throw new InvalidProductionTable(
      `${where}: energyEdgesGeV[0] must exceed massGeV = ${table.massGeV} so every ALP has p > 0 (got ${table.energyEdgesGeV[0]})`,
    );
  }
  if (table.energyAxisLog && !(table.energyEdgesGeV[0] > 0)) {
    throw new InvalidProductionTable(`${where}: energyEdgesGeV[0] must be > 0 on a log axis (got ${table.energyEdgesGeV[0]})`);
  }
  const thetaEdges = table.thetaEdgesRad;
  if (thetaEdges[0] < 0 || thetaEdges[thetaEdges.length - 1] > Math.PI) {
    throw new InvalidProductionTable(`${where}: thetaEdgesRad must lie in [0, π] (got ${thetaEdges[0]} … ${thetaEdges[thetaEdges.length - 1]})`);
  }
  if (table.thetaAxisLog && !(thetaEdges[0] > 0)) {
    throw new InvalidProductionTable(`${where}: thetaEdgesRad[0] must be > 0 on a log axis (got ${thetaEdges[0]})`);
  }
  const expected = (table.energyEdgesGeV.length - 1) * (thetaEdges.length - 1);
  if (table.binContent.length !== expected) {
    throw new InvalidProductionTable(`${where}: binContent must have ${expected} entries (nE·nθ), got ${table.binContent.length}`);
  }
  let total = 0;
  for (let i = 0; i < table.binContent.length; i++) {
    const content = table.binContent[i];
    if (!Number.isFinite(content) || content < 0) {
      throw new InvalidProductionTable(`${where}: binContent[${i}] must be finite and ≥ 0 (got ${content})`);
    }
    total += content;
  }
  if (!(total > 0)) throw new InvalidProductionTable(`${where}: binContent sums to 0: no ALPs to sample`);
}

/** ALPs per POT at the reference coupling: the integral of the table. */
export function productionYieldPerPot(table: ProductionTable): number {
  let total = 0;
  for (let i = 0; i < table.binContent.length; i++) total += table.binContent[i];
  return total;
}
