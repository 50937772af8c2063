/**
 * Model-independent limits for ALPs from B → K(*) a (issue #8; the NA62 dump interpretation of the
 * seeds: Panichi WIFAI2024 §4 and Fig. 5, Baigarashev 2024 and Goudzovski 2024 "ALP interpretation"):
 * at a fixed ALP mass m_a, the free parameters are the lifetime τ_a and the product
 * BR(B → K(*) a) × BR(a → ℓℓ). With the engine's efficiency ε_r(τ) (P(decay in volume) × selection,
 * per signal region r) and the ALP yield Y per POT per unit BR(B → X a) (src/physics/b-meson-production.ts),
 *
 *   N_r(τ, BR×BR) = POT × A_add × Y × ε_r(τ) × BR×BR,
 *
 * linear in BR×BR, so at each τ the 90 % CL (CLs) upper limit is BR×BR_up(τ) = s_up / (POT A_add Y Σ_r ε_r)
 * for one region (s_up from src/stats, physics.md §9.1), or μ_up of the multi-region CLs with the
 * signal shape per unit BR×BR. The excluded band at τ is BR×BR_up(τ) ≤ BR×BR ≤ 1.
 *
 * Expected limits (one region): the background-only quantiles of docs/statistics.md §4 at the
 * exposure used; the projection (default 1e18 POT, the NA62 Run 2 goal: Panichi §5, Goudzovski 2024)
 * scales the background as exposure.backgroundScaling says and reports expected limits only.
 *
 * Browser-safe (no Node APIs); the figure is src/plots/model-independent.ts.
 */
import { HBAR_C_GEV_M, HBAR_GEV_S } from '../physics/constants.ts';
import { B_MODE_RECOIL, B_PRODUCTION_MODES, type BProductionMode } from '../physics/b-meson-production.ts';
import type { Scenario } from '../scenarios/schema.ts';
import { DEFAULT_CONFIDENCE_LEVEL, expectedLimitsSingleRegion, upperLimitMultiRegion, upperLimitSingleRegion, type ExpectedLimits } from '../stats/index.ts';
import { ALPENGLOW_VERSION } from '../version.ts';
import { LimitsInputError, requirePositiveFinite } from './errors.ts';

/** `--model bk:<m_a in GeV>`: B → K(*) a with a free lifetime, at one mass. */
export const BK_MODEL_PREFIX = 'bk:';

/** True when a --model value asks for the model-independent B → K(*) a limits. */
export function isModelIndependentModel(spec: string | undefined): boolean {
  return typeof spec === 'string' && spec.trim().toLowerCase().startsWith(BK_MODEL_PREFIX);
}

/** Parses `bk:<m_a in GeV>`; the mass must be a finite number > 0. */
export function parseBkModel(spec: string): { name: string; massGeV: number } {
  const text = spec.trim();
  if (!text.toLowerCase().startsWith(BK_MODEL_PREFIX))
    throw new LimitsInputError(`model must be bk:<m_a in GeV> for the model-independent B -> K(*) a limits (got '${spec}')`);
  const raw = text.slice(BK_MODEL_PREFIX.length).trim();
  const massGeV = raw === '' ? NaN : Number(raw);
  if (!Number.isFinite(massGeV) || !(massGeV > 0)) throw new LimitsInputError(`model bk:<m_a>: m_a must be a finite number > 0 in GeV (got '${raw}')`);
  return { name: `bk:${massGeV}`, massGeV };
}

/** Default lifetime grid: 1e-13 … 1e-6 s, 8 points per decade (57 points). */
export const DEFAULT_LIFETIMES_S: [number, number, number] = [1e-13, 1e-6, 57];
/** Default projection exposure: 1e18 POT, the NA62 dump goal for Run 2 (Panichi WIFAI2024 §5; Goudzovski 2024). */
export const DEFAULT_PROJECTION_POT = 1e18;

/** The B modes a scenario lists (those the model-independent limits use). */
export function scenarioBModes(scenario: Scenario): BProductionMode[] {
  const modes = scenario.production.modes.filter((mode): mode is BProductionMode => (B_PRODUCTION_MODES as readonly string[]).includes(mode));
  if (modes.length === 0) {
    throw new LimitsInputError(
      `scenario '${scenario.name}' has no B -> K(*) a production mode (production.modes must include ${B_PRODUCTION_MODES.join(' or ')}; it has ${scenario.production.modes.join(', ')})`,
    );
  }
  return modes;
}

/** Engine output for one B mode at the one mass: efficiency index w · nRegions + r over the lifetimes. */
export interface BModeEfficiency {
  mode: BProductionMode;
  /** ALPs per POT per unit BR(B → X a) inside the table's (E, θ) range. */
  yieldPerPot: number;
  outOfRangeYieldPerPot: number;
  bMesonsPerPot: number;
  efficiency: ArrayLike<number>;
  efficiencyError: ArrayLike<number>;
}

export interface ModelIndependentInput {
  scenario: Scenario;
  scenarioHash: string;
  massGeV: number;
  lifetimesS: number[];
  regionNames: string[];
  modes: BModeEfficiency[];
  /** Exposure; default the scenario's (then the basis is 'observed' where every region has a count). */
  pot?: number;
  projectionPot?: number;
  confidenceLevel?: number;
  /** How the B spectrum was made (recorded). */
  bSpectrum: string;
  provenance: { engine: string; adapter: string; samplesPerMass: number; seed: number; wallSeconds: number };
}

export interface LimitPoint {
  tauS: number;
  /** cτ in m. */
  ctauM: number;
  widthGeV: number;
  /** ε_r(τ) per region and its MC standard error. */
  efficiency: number[];
  efficiencyError: number[];
  /** Expected signal events per unit BR×BR at the exposure used (Σ over regions). */
  signalPerUnitBr: number;
  /** Upper limit on BR×BR (basis: observed or expected median); null where no signal is expected or the limit is above 1 (no limit). */
  upperLimit: number | null;
  /** Expected limits at the exposure used (one region only). */
  expected: ExpectedLimits | null;
  /** Expected limits at the projection exposure (one region only). */
  projection: ExpectedLimits | null;
}

export interface BandRow {
  tauS: number;
  /** Smallest excluded BR×BR at this lifetime; everything above it up to 1 is excluded. */
  lowerBrTimesBr: number;
  upperBrTimesBr: 1;
}

export interface ModeLimits {
  mode: BProductionMode;
  decay: string;
  alpYieldPerPotPerUnitBr: number;
  alpYieldOutOfRangePerPotPerUnitBr: number;
  bMesonsPerPot: number;
  points: LimitPoint[];
  /** The excluded band (rows where the limit is ≤ 1). */
  band: BandRow[];
  /** Same for the projection's expected median. */
  projectionBand: BandRow[];
  /** The strongest limit over the lifetime grid. */
  best: { tauS: number; upperLimit: number } | null;
}

export interface ModelIndependentLimitsJson {
  scenario: string;
  scenarioHash: string;
  model: string;
  massGeV: number;
  channel: string;
  quantity: string;
  cl: number;
  pot: number;
  basis: 'observed' | 'expected-median';
  basisNote: string;
  additionalAcceptance: number;
  regions: { name: string; backgroundEvents: number; observedEvents: number | null; countUsed: number }[];
  /** s_up: the upper limit on signal events (one region) for the basis count. */
  signalEventsUpperLimit: number | null;
  projection: { pot: number; regions: { name: string; backgroundEvents: number }[] };
  bSpectrum: string;
  modes: ModeLimits[];
  provenance: ModelIndependentInput['provenance'] & { alpenglowVersion: string };
}

const CHANNEL_TEXT: Record<string, string> = { electronPair: 'e+ e-', muonPair: 'mu+ mu-', gammaGamma: 'gamma gamma' };

function scaledBackground(scenario: Scenario, background: number, pot: number): number {
  return scenario.exposure.backgroundScaling === 'proportional' ? (background * pot) / scenario.exposure.pot : background;
}

function bandOf(points: LimitPoint[], pick: (point: LimitPoint) => number | null | undefined): BandRow[] {
  const rows: BandRow[] = [];
  for (const point of points) {
    const value = pick(point);
    if (value !== null && value !== undefined && Number.isFinite(value) && value <= 1)
      rows.push({ tauS: point.tauS, lowerBrTimesBr: value, upperBrTimesBr: 1 });
  }
  return rows;
}

/** The limits object (see module comment). */
/** BR(B → K(*) a) × BR(a → ℓℓ) cannot exceed 1. */
export const PHYSICAL_BOUND = 1;

export function computeModelIndependentLimits(input: ModelIndependentInput): ModelIndependentLimitsJson {
  const { scenario } = input;
  requirePositiveFinite('massGeV', input.massGeV, 'GeV');
  const confidenceLevel = input.confidenceLevel ?? DEFAULT_CONFIDENCE_LEVEL;
  const pot = input.pot ?? scenario.exposure.pot;
  requirePositiveFinite('pot', pot);
  const projectionPot = input.projectionPot ?? DEFAULT_PROJECTION_POT;
  requirePositiveFinite('projection POT', projectionPot);
  const nRegions = input.regionNames.length;
  const nTau = input.lifetimesS.length;
  if (nRegions === 0) throw new LimitsInputError('no signal regions');
  const regionsByName = new Map(scenario.regions.map((region) => [region.name, region]));
  const regions = input.regionNames.map((name) => {
    const region = regionsByName.get(name);
    if (!region) throw new LimitsInputError(`engine region '${name}' is not a region of scenario '${scenario.name}'`);
    return region;
  });
  const allObserved = regions.every((region) => region.observedEvents !== null);
  const basis: 'observed' | 'expected-median' = input.pot === undefined && allObserved ? 'observed' : 'expected-median';
  const backgrounds = regions.map((region) => scaledBackground(scenario, region.backgroundEvents, pot));
  const projectionBackgrounds = regions.map((region) => scaledBackground(scenario, region.backgroundEvents, projectionPot));
  const single = nRegions === 1;
  const expectedNow = single ? expectedLimitsSingleRegion(backgrounds[0], { confidenceLevel }) : null;
  const expectedProjection = single ? expectedLimitsSingleRegion(projectionBackgrounds[0], { confidenceLevel }) : null;
  const counts = regions.map((region, r) =>
    basis === 'observed' ? region.observedEvents! : single ? expectedNow!.quantiles[2].observed : medianCount(backgrounds[r]),
  );
  const signalUpperLimit = single ? upperLimitSingleRegion(counts[0], backgrounds[0], { confidenceLevel }) : null;
  const additionalAcceptance = scenario.additionalAcceptance.value;

  const modes: ModeLimits[] = input.modes.map((mode) => {
    if (mode.efficiency.length !== nTau * nRegions) {
      throw new LimitsInputError(`${mode.mode}: efficiency has ${mode.efficiency.length} cells for ${nTau} lifetimes × ${nRegions} regions`);
    }
    const perUnitBr = pot * additionalAcceptance * mode.yieldPerPot;
    const perUnitBrProjection = projectionPot * additionalAcceptance * mode.yieldPerPot;
    const points: LimitPoint[] = input.lifetimesS.map((tauS, w) => {
      const efficiency = Array.from({ length: nRegions }, (_, r) => mode.efficiency[w * nRegions + r]);
      const efficiencyError = Array.from({ length: nRegions }, (_, r) => mode.efficiencyError[w * nRegions + r]);
      const shape = efficiency.map((e) => perUnitBr * e);
      const total = shape.reduce((a, b) => a + b, 0);
      // A product of branching ratios is at most 1: a "limit" above that excludes nothing, so it is
      // reported as none (null) in limits.json, band.csv and the plots (issue 16: 2.5e225 was written).
      const scale = (limits: ExpectedLimits | null, denominator: number): ExpectedLimits | null => {
        if (!limits || !(denominator > 0)) return null;
        const scaled = {
          minus2Sigma: limits.minus2Sigma / denominator,
          minus1Sigma: limits.minus1Sigma / denominator,
          median: limits.median / denominator,
          plus1Sigma: limits.plus1Sigma / denominator,
          plus2Sigma: limits.plus2Sigma / denominator,
        };
        return scaled.median <= PHYSICAL_BOUND ? scaled : null;
      };
      let upperLimit: number | null = null;
      if (total > 0) {
        const limit = single
          ? signalUpperLimit! / total
          : upperLimitMultiRegion(shape, backgrounds, counts, { method: 'enumeration', seed: 1, confidenceLevel }).muUp;
        upperLimit = Number.isFinite(limit) && limit <= PHYSICAL_BOUND ? limit : null;
      }
      const projectionTotal = efficiency.reduce((a, e) => a + perUnitBrProjection * e, 0);
      return {
        tauS,
        ctauM: (HBAR_C_GEV_M / HBAR_GEV_S) * tauS,
        widthGeV: HBAR_GEV_S / tauS,
        efficiency,
        efficiencyError,
        signalPerUnitBr: total,
        upperLimit,
        expected: scale(expectedNow, total),
        projection: scale(expectedProjection, projectionTotal),
      };
    });
    const finite = points.filter((point) => point.upperLimit !== null && Number.isFinite(point.upperLimit));
    const best = finite.length === 0 ? null : finite.reduce((a, b) => (b.upperLimit! < a.upperLimit! ? b : a));
    const recoil = B_MODE_RECOIL[mode.mode];
    return {
      mode: mode.mode,
      decay: recoil === 'K' ? 'B -> K a' : 'B -> K* a',
      alpYieldPerPotPerUnitBr: mode.yieldPerPot,
      alpYieldOutOfRangePerPotPerUnitBr: mode.outOfRangeYieldPerPot,
      bMesonsPerPot: mode.bMesonsPerPot,
      points,
      band: bandOf(points, (point) => point.upperLimit),
      projectionBand: bandOf(points, (point) => point.projection?.median),
      best: best ? { tauS: best.tauS, upperLimit: best.upperLimit! } : null,
    };
  });

  const channel = CHANNEL_TEXT[scenario.channel] ?? scenario.channel;
  return {
    scenario: scenario.name,
    scenarioHash: input.scenarioHash,
    model: `bk:${input.massGeV}`,
    massGeV: input.massGeV,
    channel: scenario.channel,
    quantity: `BR(B -> K(*) a) x BR(a -> ${channel})`,
    cl: confidenceLevel,
    pot,
    basis,
    basisNote:
      basis === 'observed'
        ? 'limits from the observed counts of the scenario at its exposure'
        : 'expected median (background-only most likely count): --pot was given or a region has no observed count',
    additionalAcceptance,
    regions: regions.map((region, r) => ({ name: region.name, backgroundEvents: backgrounds[r], observedEvents: region.observedEvents, countUsed: counts[r] })),
    signalEventsUpperLimit: signalUpperLimit,
    projection: { pot: projectionPot, regions: regions.map((region, r) => ({ name: region.name, backgroundEvents: projectionBackgrounds[r] })) },
    bSpectrum: input.bSpectrum,
    modes,
    provenance: { ...input.provenance, alpenglowVersion: ALPENGLOW_VERSION },
  };
}

/** Most likely count of Poisson(b): ⌊b⌋ (for the multi-region expected-median basis). */
function medianCount(background: number): number {
  return Math.floor(background);
}
