// Forced decay inside the fiducial volume with an exact weight (physics.md §7.1 step 3).
//
// Along the flight direction the fiducial volume spans path lengths [l1, l2]. With x = 1/lambda
// (lambda = beta*gamma*c*tau) the probability to decay inside is
//     P = exp(-l1 x) * (1 - exp(-(l2 - l1) x)).
// WGSL has neither expm1 nor f64, and both limits matter here:
//  - lambda >> L (tiny widths): 1 - exp(-b) cancels catastrophically in f32 (b = 1e-12 gives 0),
//    so below b = 0.01 a 5-term Taylor series is used (truncation < b^5/120, relative < 1e-12);
//    above it the subtraction loses at most ulp(1)/(1 - e^-0.01) ~ 6e-6 relatively.
//  - lambda << l1 (large widths): exp(-l1 x) underflows f32 long before the physics stops
//    mattering to a rescaled table, so the weight is returned as its two factors exp(-a) and q; the
//    tally takes them apart into a power of two and a fraction (mc-kernel.wgsl, "Dynamic range").
// The decay point needs no logarithm per width (forcedDecay: a series for small b, the folded
// exponential with one logarithm per sample otherwise).

// 1 - exp(-b) for b >= 0, accurate in relative terms for all b.
fn oneMinusExpNeg(b: f32) -> f32 {
  if (b < 0.01) {
    return b * (1.0 - b * (0.5 - b * (1.0 / 6.0 - b * (1.0 / 24.0 - b * (1.0 / 120.0)))));
  }
  return 1.0 - exp(-b);
}

// -ln(1 - t) for t in [0, 0.1) by its series (truncation below t^8/8: relative < 2e-8).
fn negLogOneMinusSeries(t: f32) -> f32 {
  return t * (1.0 + t * (1.0 / 2.0 + t * (1.0 / 3.0 + t * (1.0 / 4.0 + t * (1.0 / 5.0 + t * (1.0 / 6.0 + t * (1.0 / 7.0)))))));
}

// Below this b = (l2 - l1) / lambda the decay point comes from the inverse CDF's series, above it
// from the folded exponential (forcedDecay).
const FOLD_THRESHOLD: f32 = 0.1;

struct DecayPoint {
  // The weight P(decay in [l1, l2]) = exp(-survivalExponent) * decayFraction, kept as its two
  // factors: the tally takes it apart into a power of two and a fraction without forming its
  // logarithm (mc-kernel.wgsl, scaledWeight).
  survivalExponent: f32, // a = l1 / lambda
  decayFraction: f32,    // q = 1 - exp(-(l2 - l1) / lambda), in (0, 1]
  pathLengthM: f32,      // sampled distance from production to the decay point along the flight line
}

// The decay point, distributed as the exponential truncated to [l1, l2] (density prop. to
// exp(-l / lambda)), for one sample's uniform u at every width, without a logarithm per width:
//  - b >= FOLD_THRESHOLD: the memoryless property. If E ~ Exp(1) then E mod b has exactly the
//    truncated density e^-x / (1 - e^-b) on [0, b) (sum over the folds k of e^-(x + k b)). With
//    E = -ln(1 - u), formed once per sample (the caller passes E / (l2 - l1)), the point is
//        l = l1 + (l2 - l1) * fract(E / b),   E / b = lambda * E / (l2 - l1).
//    E / b <= 17 / 0.1 keeps fract's absolute error below 2e-5, i.e. 2e-5 (l2 - l1). When E < b (no
//    fold) this is l1 + lambda E: the same point as the inverse CDF below for q -> 1.
//  - b < FOLD_THRESHOLD: the inverse CDF l = l1 - lambda ln(1 - u q), q = 1 - e^-b, with the series
//    of -ln(1 - t) (t = u q < 0.1); lambda >> L gives l = l1 + u (l2 - l1) without cancellation.
// Both are exact samplers of the same distribution and the choice depends on b only (not on u), so
// the estimate is unbiased; the float64 reference (src/engine/reference-engine.ts) uses the inverse
// CDF throughout, and the tests compare the two statistically. llvmpipe evaluates both sides of a
// select, so the per-width cost is a few multiplications instead of a logarithm.
// The caller passes both 1/lambda and lambda (formed from per-width and per-sample factors), so
// the decay point needs no division.
fn forcedDecay(l1: f32, l2: f32, inverseDecayLength: f32, decayLengthM: f32, u: f32, exponentialOverLengthPerM: f32) -> DecayPoint {
  let b = (l2 - l1) * inverseDecayLength;
  let q = oneMinusExpNeg(b);
  var point: DecayPoint;
  point.survivalExponent = l1 * inverseDecayLength;
  point.decayFraction = q;
  let inverseCdfPath = l1 + negLogOneMinusSeries(u * q) * decayLengthM;
  let foldedPath = l1 + fract(exponentialOverLengthPerM * decayLengthM) * (l2 - l1);
  point.pathLengthM = select(foldedPath, inverseCdfPath, b < FOLD_THRESHOLD);
  return point;
}
