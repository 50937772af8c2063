// KOTO pi0-hypothesis reconstruction (physics.md §7.3; KOTO arXiv:2303.01521 §III.3).
// Two clusters (x_i, y_i, E_i) at the ECAL; assume a pi0 decaying on the beam axis a distance d
// upstream of the ECAL. Requiring the angle between (x_i, y_i, d) to equal the pi0 opening angle
// gives S u^2 - B u - C = 0 in u = d^2 with S = sin^2(theta_pi),
//   B = D^2 - S (r0^2 + r1^2),  Delta = B^2 + S [4 r0^2 r1^2 cos^2 - (r0^2 + r1^2 - D^2)^2],
//   d = sqrt((B + sqrt(Delta)) / (2 S)).
// sin^2 is formed as (1 - cos)(1 + cos) with 1 - cos = m^2/(2 E0 E1) exactly, not 1 - cos^2.
struct KotoReconstruction {
  valid: bool,
  distanceM: f32,     // d: reconstructed distance from the vertex to the ECAL plane
  pTGeV: f32,         // transverse momentum of the reconstructed pi0
  rCoeM: f32,         // centre-of-energy radius
  thetaCaloDeg: f32,  // azimuthal separation of the clusters seen from the axis
  eTheta0: f32,       // E0 [GeV] * angle of photon 0 to the axis [deg]
  eTheta1: f32,
}

fn kotoReconstruct(ev: DecayEvent) -> KotoReconstruction {
  var reco: KotoReconstruction;
  reco.valid = false;
  let r0sq = dot(ev.hit0, ev.hit0);
  let r1sq = dot(ev.hit1, ev.hit1);
  let separation = ev.hit0 - ev.hit1;
  let dsq = dot(separation, separation);
  let oneMinusCos = PI0_MASS_GEV * PI0_MASS_GEV / (2.0 * ev.energy0 * ev.energy1);
  let cosPi = 1.0 - oneMinusCos;
  let sinSq = oneMinusCos * (2.0 - oneMinusCos);
  let rSum = r0sq + r1sq;
  let b = dsq - sinSq * rSum;
  let dotTerm = rSum - dsq;
  let discriminant = b * b + sinSq * (4.0 * r0sq * r1sq * cosPi * cosPi - dotTerm * dotTerm);
  let numerator = b + sqrt(discriminant);
  let d = sqrt(numerator / (2.0 * sinSq));
  let energySum = ev.energy0 + ev.energy1;
  let coe = (ev.energy0 * ev.hit0 + ev.energy1 * ev.hit1) / energySum;
  let rCoe = length(coe);
  let momentum = sqrt(max(energySum * energySum - PI0_MASS_GEV * PI0_MASS_GEV, 0.0));
  let r0 = sqrt(r0sq);
  let r1 = sqrt(r1sq);
  reco.valid = (oneMinusCos <= 2.0) & (sinSq > 0.0) & !(discriminant < 0.0) & (numerator > 0.0);
  reco.distanceM = d;
  reco.rCoeM = rCoe;
  reco.pTGeV = momentum * rCoe / sqrt(rCoe * rCoe + d * d);
  reco.thetaCaloDeg = degrees(acos(clamp(dotTerm / max(2.0 * r0 * r1, 1e-30), -1.0, 1.0)));
  reco.eTheta0 = ev.energy0 * degrees(atan2(r0, d));
  reco.eTheta1 = ev.energy1 * degrees(atan2(r1, d));
  return reco;
}
