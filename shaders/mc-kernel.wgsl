// The Monte Carlo kernel: expected-event tallies on a (width x signal region) grid for one mass.
//
// Work split. A workgroup takes one batch of BATCH_SIZE ALP samples and one block of
// WORKGROUP_SIZE widths. Phase 1: the threads build the batch's samples cooperatively
// (production draw, flight direction, decay products in the lab) into workgroup memory; none of
// that depends on the width. Phase 2: each thread takes one width and walks the whole batch in
// sample order: decay length, forced-decay weight and point, projection to the ECAL, selection.
// The same decay-position draw is used for every width of a sample (common random numbers, as
// ALPINIST reuses samples across widths): each cell is still an unbiased estimate, and neighbouring
// widths share their fluctuations, which keeps tables smooth in Gamma.
//
// Reduction. No float atomics exist in WGSL, and atomics would make the sum order (and so the f32
// result) depend on scheduling. Each thread sums its width over the batch in a fixed order and
// writes one partial per (batch, width, region); the host adds the partials in float64 in batch
// order. The batch size is fixed (not tied to the workgroup size or the dispatch chunking), so the
// table is bit-identical whatever the workgroup size or chunking.
//
// Dynamic range. Decay probabilities span e^-1e8 .. 1 across the width grid, far beyond f32.
// Each cell is kept as (ln M, S, S2) with S = sum of w/M and M the largest weight seen so far (a
// streaming log-sum-exp): when a larger weight arrives the running sums are rescaled. Every term
// is then <= 1 and the cell's value M*S is exact to f32 rounding however small M is; the host
// combines batches the same way in float64. Trials with ln w < LOG_WEIGHT_FLOOR (e^-700 ~ 1e-304,
// below anything a rescaled table can use) are skipped before the selection runs.
//
// Histogram (optional, HISTOGRAM_CELL_COUNT > 0). A grid of cells in a plane of two event
// quantities (e.g. z_vtx x p_T) is tallied next to the regions: too many cells for the private
// array of the region sums (WGSL caps function-scope memory at 8 KiB), so each thread keeps its
// histogram cells in its own slice of the tally buffer, cleared at the start of the batch and
// updated in place in sample order. No other thread touches that slice, so there are no races and
// the result is as deterministic as the region tallies. The cell index comes from the generated
// selectTrial() by arithmetic, not by a search over cells.

// Generated from TypeScript (src/engine/shader-assembly.ts wgslHostInterface), not written here:
// the structs RunParams, WidthEntry, TallyCell and SampleRecord (src/engine/layouts.ts) and the
// SampleRecord flag bits; the bindings run, production, widths, tally (src/engine/bindings.ts);
// the production-buffer accessors productionBound, productionEnergyEdge, productionThetaEdge
// (src/engine/production-buffer.ts); the tally indexing tallyBase, TALLY_REGION_OFFSET,
// TALLY_HISTOGRAM_OFFSET, TALLY_CELLS_PER_WIDTH, tallyCell, tallySums (src/engine/tally-layout.ts).

var<workgroup> batchSamples: array<SampleRecord, BATCH_SIZE>;

// Adds one weight, given as its logarithm, to a (ln M, S, S2) cell (see "Dynamic range").
fn addLogWeight(cell: vec3<f32>, logWeight: f32) -> vec3<f32> {
  if (cell.y == 0.0) {
    return vec3<f32>(logWeight, 1.0, 1.0);
  }
  if (logWeight > cell.x) {
    let rescale = exp(cell.x - logWeight);
    return vec3<f32>(logWeight, cell.y * rescale + 1.0, cell.z * rescale * rescale + 1.0);
  }
  let scaled = exp(logWeight - cell.x);
  return vec3<f32>(cell.x, cell.y + scaled, cell.z + scaled * scaled);
}

// Inverse CDF on the integer cumulative table: the first bin whose bound exceeds the draw.
// Integer comparison makes the choice exact and identical to the float64 reference.
fn sampleBin(word: u32) -> u32 {
  var low = 0u;
  var high = run.cdfLength - 1u;
  while (low < high) {
    let middle = (low + high) / 2u;
    if (word < productionBound(middle)) {
      high = middle;
    } else {
      low = middle + 1u;
    }
  }
  return low;
}

// Kallen lambda^(1/2)(M^2, m0^2, m1^2) / (2M) in factorised form (no cancellation at threshold).
fn twoBodyMomentum(parent: f32, m0: f32, m1: f32) -> f32 {
  let product = (parent - m0 - m1) * (parent + m0 + m1) * (parent - m0 + m1) * (parent + m0 - m1);
  return sqrt(max(product, 0.0)) / (2.0 * parent);
}

fn buildSample(sampleIndex: u32) -> SampleRecord {
  var record: SampleRecord;
  record.energiesAndDraw = vec4<f32>(0.0);
  if (sampleIndex >= run.sampleCount) {
    return record;
  }
  let productionDraw = philox4x32(vec4<u32>(sampleIndex, run.massIndex, DRAW_PRODUCTION, 0u), run.seedKey);
  let decayDraw = philox4x32(vec4<u32>(sampleIndex, run.massIndex, DRAW_DECAY, 0u), run.seedKey);

  let bin = sampleBin(productionDraw.x);
  let energyBin = bin / run.thetaBinCount;
  let thetaBin = bin % run.thetaBinCount;
  var energy = mix(productionEnergyEdge(energyBin), productionEnergyEdge(energyBin + 1u), uniformOpen01(productionDraw.y));
  if (run.energyAxisLog == 1u) {
    energy = exp(energy);
  }
  var theta = mix(productionThetaEdge(thetaBin), productionThetaEdge(thetaBin + 1u), uniformOpen01(productionDraw.z));
  if (run.thetaAxisLog == 1u) {
    theta = exp(theta);
  }
  let phi = TWO_PI * uniformOpen01(productionDraw.w);

  let mass = run.massGeV;
  let momentum = sqrt((energy - mass) * (energy + mass));
  if (!(momentum > 0.0)) {
    return record;
  }
  let betaGamma = momentum / mass;
  let gamma = energy / mass;

  // Production frame (z = proton beam) -> detector frame: rotation about x by the axis angle.
  let sinTheta = sin(theta);
  let alongBeam = vec3<f32>(sinTheta * cos(phi), sinTheta * sin(phi), cos(theta));
  let axis = run.axisCosSin;
  let direction = vec3<f32>(alongBeam.x,
                            alongBeam.y * axis.x - alongBeam.z * axis.y,
                            alongBeam.y * axis.y + alongBeam.z * axis.x);

  // Isotropic decay in the rest frame, angle measured from the flight direction.
  let uCos = uniformOpen01(decayDraw.x);
  let cosStar = 2.0 * uCos - 1.0;
  let sinStar = 2.0 * sqrt(uCos * (1.0 - uCos));
  let phiStar = TWO_PI * uniformOpen01(decayDraw.y);
  let pStar = twoBodyMomentum(mass, run.daughterMass0GeV, run.daughterMass1GeV);
  let basis = perpendicularBasis(direction);
  let product0 = boostedDaughter(direction, basis, gamma, betaGamma, run.daughterMass0GeV, pStar, cosStar, sinStar, phiStar);
  let product1 = boostedDaughter(direction, basis, gamma, betaGamma, run.daughterMass1GeV, pStar, -cosStar, sinStar, phiStar + PI);

  var flags = SAMPLE_VALID;
  var slopes = vec4<f32>(0.0);
  if (product0.momentum.z > 0.0) {
    flags = flags | PRODUCT0_FORWARD;
    slopes.x = product0.momentum.x / product0.momentum.z;
    slopes.y = product0.momentum.y / product0.momentum.z;
  }
  if (product1.momentum.z > 0.0) {
    flags = flags | PRODUCT1_FORWARD;
    slopes.z = product1.momentum.x / product1.momentum.z;
    slopes.w = product1.momentum.y / product1.momentum.z;
  }
  record.directionAndInverseBetaGamma = vec4<f32>(direction, mass / momentum);
  record.slopes = slopes;
  record.energiesAndDraw = vec4<f32>(product0.energyGeV, product1.energyGeV, uniformOpen01(decayDraw.z), f32(flags));
  return record;
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(workgroup_id) workgroup: vec3<u32>, @builtin(local_invocation_index) localIndex: u32) {
  let batchInChunk = workgroup.x;
  let batch = run.firstBatch + batchInChunk;
  for (var slot = localIndex; slot < BATCH_SIZE; slot = slot + WORKGROUP_SIZE) {
    batchSamples[slot] = buildSample(batch * BATCH_SIZE + slot);
  }
  workgroupBarrier();

  let widthIndex = workgroup.y * WORKGROUP_SIZE + localIndex;
  if (widthIndex >= run.widthCount) {
    return;
  }
  let width = widths[widthIndex];
  let origin = run.originM.xyz;
  // Distances from the production point to the two fiducial planes along the detector axis;
  // divided by the direction's z component they become path lengths along the flight line
  // (ALPINIST measured them along z: bug B12).
  let startAlongAxis = max(run.fiducialStartZM - origin.z, 0.0);
  let endAlongAxis = run.fiducialEndZM - origin.z;

  var sums: array<vec3<f32>, REGION_COUNT>; // (ln M, S, S2) per region, see "Dynamic range"
  for (var r = 0u; r < REGION_COUNT; r = r + 1u) {
    sums[r] = vec3<f32>(0.0);
  }
  let base = tallyBase(batchInChunk, widthIndex);
  let histogramBase = base + TALLY_HISTOGRAM_OFFSET;
  for (var c = 0u; c < HISTOGRAM_CELL_COUNT; c = c + 1u) {
    tally[histogramBase + c] = tallyCell(vec3<f32>(0.0));
  }
  for (var slot = 0u; slot < BATCH_SIZE; slot = slot + 1u) {
    let record = batchSamples[slot];
    let flags = u32(record.energiesAndDraw.w);
    let direction = record.directionAndInverseBetaGamma.xyz;
    if ((flags & SAMPLE_VALID) == 0u || !(direction.z > 0.0)) {
      continue;
    }
    let inverseDecayLength = width.widthOverHbarCPerM * record.directionAndInverseBetaGamma.w;
    let decay = forcedDecay(startAlongAxis / direction.z, endAlongAxis / direction.z, inverseDecayLength, record.energiesAndDraw.z);
    let logWeight = decay.logWeight;
    if (!(logWeight > LOG_WEIGHT_FLOOR)) {
      continue;
    }
    var event: DecayEvent;
    event.vertex = origin + direction * decay.pathLengthM;
    let toEcal = run.ecalZM - event.vertex.z;
    event.slope0 = record.slopes.xy;
    event.slope1 = record.slopes.zw;
    event.hit0 = event.vertex.xy + event.slope0 * toEcal;
    event.hit1 = event.vertex.xy + event.slope1 * toEcal;
    event.energy0 = record.energiesAndDraw.x;
    event.energy1 = record.energiesAndDraw.y;
    event.forward0 = (flags & PRODUCT0_FORWARD) != 0u;
    event.forward1 = (flags & PRODUCT1_FORWARD) != 0u;
    let selected = selectTrial(event); // (signal region or -1, histogram cell or -1)
    let region = selected.x;
    if (region >= 0) {
      sums[region] = addLogWeight(sums[region], logWeight);
    }
    if (HISTOGRAM_CELL_COUNT > 0u && selected.y >= 0) {
      let at = histogramBase + u32(selected.y);
      tally[at] = tallyCell(addLogWeight(tallySums(tally[at]), logWeight));
    }
  }
  for (var r = 0u; r < REGION_COUNT; r = r + 1u) {
    tally[base + TALLY_REGION_OFFSET + r] = tallyCell(sums[r]);
  }
}
