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
//    mattering to a rescaled table, so the weight is returned as a logarithm; the tally keeps it in
//    log-sum-exp form (mc-kernel.wgsl, "Dynamic range").

// 1 - exp(-b) for b >= 0, accurate in relative terms for all b.
fn oneMinusExpNeg(b: f32) -> f32 {
  if (b < 0.01) {
    return b * (1.0 - b * (0.5 - b * (1.0 / 6.0 - b * (1.0 / 24.0 - b * (1.0 / 120.0)))));
  }
  return 1.0 - exp(-b);
}

// -ln(1 - t) for t in [0, 1): series below t = 0.01 (truncation t^6/6, relative < 2e-11),
// the logarithm above (relative error <= ulp(1)/((1-t)(-ln(1-t))) <= 6e-6).
fn negLogOneMinus(t: f32) -> f32 {
  if (t < 0.01) {
    return t * (1.0 + t * (0.5 + t * (1.0 / 3.0 + t * (0.25 + t * 0.2))));
  }
  return -log(1.0 - t);
}

struct DecayPoint {
  // The weight P(decay in [l1, l2]) = exp(-survivalExponent) * decayFraction, kept as its two
  // factors: the tally takes it apart into a power of two and a fraction without forming its
  // logarithm (mc-kernel.wgsl, scaledWeight).
  survivalExponent: f32, // a = l1 / lambda
  decayFraction: f32,    // q = 1 - exp(-(l2 - l1) / lambda), in (0, 1]
  pathLengthM: f32,      // sampled distance from production to the decay point along the flight line
}

// The decay point from the truncated exponential on [l1, l2]:
//     l = l1 - lambda * ln(1 - u * (1 - exp(-(l2 - l1)/lambda))),  u in (0, 1).
// Written with t = u * q and -ln(1 - t)/x so that lambda >> L gives l = l1 + u (l2 - l1) exactly
// instead of l1 (which the naive f32 formula returns once u*q < 6e-8).
// The caller passes both 1/lambda and lambda (formed from per-width and per-sample factors), so
// the decay point needs no division.
fn forcedDecay(l1: f32, l2: f32, inverseDecayLength: f32, decayLengthM: f32, u: f32) -> DecayPoint {
  let q = oneMinusExpNeg((l2 - l1) * inverseDecayLength);
  var point: DecayPoint;
  point.survivalExponent = l1 * inverseDecayLength;
  point.decayFraction = q;
  point.pathLengthM = l1 + negLogOneMinus(u * q) * decayLengthM;
  return point;
}
