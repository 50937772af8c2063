// Isotropic two-body decay a -> 1 + 2 in the ALP rest frame and the boost to the lab
// (physics.md §7.1 steps 4-5). The rest-frame momentum uses the Kallen function,
// p* = lambda^(1/2)(M^2, m1^2, m2^2) / (2M) -- never ALPINIST's sqrt(M^2 - 4 m1 m2)/2 (bug B1).
//
// The decay angle is drawn relative to the ALP flight direction, so cos(theta*) and
// 1 -/+ cos(theta*) come straight from the uniform draw without cancellation. Boosting a backward
// daughter of a gamma ~ 1e4 ALP naively (gamma*E* - beta*gamma*p*) cancels in f32 and can even
// return a negative energy; for cos(theta*) < 0 the product form
//     E = (E*^2 + (beta gamma)^2 (m_d^2 + p*^2 sin^2 theta*)) / (gamma E* - beta gamma p* cos theta*)
// is used instead (the same identity for the longitudinal momentum).

struct Daughter {
  energyGeV: f32,
  momentum: vec3<f32>, // GeV, detector frame
}

fn kallen(a: f32, b: f32, c: f32) -> f32 {
  return a * a + b * b + c * c - 2.0 * (a * b + a * c + b * c);
}

// Orthonormal basis perpendicular to unit vector n (Duff et al., JCGT 6(1), 2017: branchless,
// no normalisation, stable for every direction).
fn perpendicularBasis(n: vec3<f32>) -> array<vec3<f32>, 2> {
  let s = select(-1.0, 1.0, n.z >= 0.0);
  let a = -1.0 / (s + n.z);
  let b = n.x * n.y * a;
  return array<vec3<f32>, 2>(
    vec3<f32>(1.0 + s * n.x * n.x * a, s * b, -s * n.x),
    vec3<f32>(b, s + n.y * n.y * a, -n.y));
}

// One daughter of mass m with rest-frame momentum pStar at cosine `c` (sine `sinTheta`) to the
// flight direction and azimuth `phi`. oneMinusC and onePlusC are passed in exactly.
fn boostedDaughter(direction: vec3<f32>, basis: array<vec3<f32>, 2>, gamma: f32, betaGamma: f32,
                   massGeV: f32, pStar: f32, c: f32, sinTheta: f32, phi: f32) -> Daughter {
  let eStar = sqrt(pStar * pStar + massGeV * massGeV);
  let pTransverse = pStar * sinTheta;
  var energy: f32;
  var pLongitudinal: f32;
  if (c >= 0.0) {
    energy = gamma * eStar + betaGamma * pStar * c;
    pLongitudinal = gamma * pStar * c + betaGamma * eStar;
  } else {
    let denominatorE = gamma * eStar - betaGamma * pStar * c;
    energy = (eStar * eStar + betaGamma * betaGamma * (massGeV * massGeV + pTransverse * pTransverse)) / denominatorE;
    let denominatorP = gamma * pStar * c - betaGamma * eStar;
    pLongitudinal = (pStar * pStar * c * c - betaGamma * betaGamma * (massGeV * massGeV + pTransverse * pTransverse)) / denominatorP;
  }
  var daughter: Daughter;
  daughter.energyGeV = energy;
  daughter.momentum = direction * pLongitudinal + (basis[0] * cos(phi) + basis[1] * sin(phi)) * pTransverse;
  return daughter;
}
