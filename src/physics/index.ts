/**
 * Public API of the CPU float64 physics library (issue #3). Coupling convention: KOTO
 * (arXiv:2303.01521 eq. 1, 4) unless a name says otherwise (…Bauer…, gAgamma…).
 */
export {
  type AlpModelKoto,
  type BenchmarkName,
  UnknownModelError,
  modelFromName,
  treePhotonCouplingKoto,
  kotoToBauerPerGeV,
  bauerToKotoPerGeV,
  gAgammaFromKoto,
  kotoPerGeVFromGAgamma,
  gAgammaFromBauer,
  KOTO_TO_BAUER_FACTOR,
} from './couplings.ts';
export { effectivePhotonCoupling, effectivePhotonCouplingAbs2, effectivePhotonCouplingComplex } from './effective-coupling.ts';
export {
  type MixingMeson,
  type MixingAngles,
  MIXING_MESONS,
  mixingAngleKoto,
  mixingAnglesKoto,
  kineticMixing,
  massMixingGeV2,
  quarkKappas,
  vmdFactor,
} from './mixing.ts';
export {
  type DecayChannel,
  type WidthOptions,
  partialWidthsGeV,
  totalWidthGeV,
  branchingRatio,
  properDecayLengthM,
  gammaGammaWidthGeV,
  gammaGammaWidthFromCouplingGeV,
  leptonWidthGeV,
  hadronicWidthGeV,
  effectiveLeptonCoupling,
} from './widths.ts';
export {
  type HadronicChannel,
  type HadronicWidthModel,
  type ReducedWidthTable,
  builtInHadronicModel,
  tableHadronicModel,
  threePionWidthLoChptGeV,
  reducedWidthScaleGeVPerEv,
} from './hadronic-widths.ts';
export {
  type TargetMaterial,
  TARGETS,
  targetByName,
  UnknownTargetError,
  photonAbsorptionCrossSectionBarn,
  pairCrossSectionBarn,
  helmRadiusFm,
  inelasticCrossSectionBarn,
} from './targets.ts';
export { primakoffCrossSectionBarn, primakoffAngleQuantilesRad, helmFormFactor, atomicScreeningFactor } from './primakoff.ts';
export { budnevFlux, budnevXdNdx, beamPrimakoffDSigmaBarn, sigmaPABarn, sigmaPpMb } from './photon-flux.ts';
export { defaultMesonSpectrum, mesonMultiplicitiesPerPot, photonsPerPp, MESON_SPECTRA_BEAM_RANGE_GEV } from './meson-spectra.ts';
export { type WeightedMesons, type WeightedPhotons, photonMoments } from './meson-decays.ts';
export {
  type ProductionMode,
  type ProductionRequest,
  type ProductionResult,
  type TableProductionMode,
  PRODUCTION_MODES,
  TABLE_PRODUCTION_MODES,
  isBProductionMode,
  buildProductionTable,
  primakoffMesonPhotonYieldPerPot,
  defaultPhotons,
  defaultMesons,
  photonsFromMesons,
  REFERENCE_G_AGAMMA_PER_GEV,
  REFERENCE_CGG_OVER_FA_PER_GEV,
} from './production.ts';
export { bsCouplingFromWPerGeV, bToRecoilAlpBranchingRatioFromW } from './b-meson-decays.ts';
export { PhysicsInputError } from './errors.ts';
export { gAgammaPerGeV, productionYieldsPerPot, type ModeYield } from './yields.ts';
