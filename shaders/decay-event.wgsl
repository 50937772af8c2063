// What the selection sees of one trial: the two decay products at the calorimeter plane.
// Filled by the kernel (mc-kernel.wgsl) and read by the generated selection code
// (src/engine/selection/compile-wgsl.ts), which decides pass/fail and the signal region.
struct DecayEvent {
  hit0: vec2<f32>,        // product 0 at the ECAL plane, detector frame (x, y), m
  hit1: vec2<f32>,        // product 1 at the ECAL plane, m
  slope0: vec2<f32>,      // product 0 direction (px/pz, py/pz)
  slope1: vec2<f32>,      // product 1 direction
  energy0: f32,           // GeV
  energy1: f32,           // GeV
  forward0: bool,         // product 0 moves towards the ECAL (pz > 0)
  forward1: bool,
  vertex: vec3<f32>,      // true decay point, detector frame, m
}

fn openingAngleRad(ev: DecayEvent) -> f32 {
  let a = vec3<f32>(ev.slope0, 1.0);
  let b = vec3<f32>(ev.slope1, 1.0);
  // atan2(|a x b|, a.b) keeps full precision for the tiny angles of boosted ALPs (acos would not).
  return atan2(length(cross(a, b)), dot(a, b));
}

// |p_T| of the pair about the detector axis (= the ALP's p_T), GeV: sum over products of
// p_i (s_x, s_y) / sqrt(1 + s^2) with p_i = sqrt(E_i^2 - m_i^2). Needs both products forward
// (the slopes of backward products are not stored). Twin: quantities.ts 'pair.pTGeV'.
fn pairTransverseMomentumGeV(ev: DecayEvent, mass0GeV: f32, mass1GeV: f32) -> f32 {
  let p0 = sqrt(max((ev.energy0 - mass0GeV) * (ev.energy0 + mass0GeV), 0.0));
  let p1 = sqrt(max((ev.energy1 - mass1GeV) * (ev.energy1 + mass1GeV), 0.0));
  let t0 = ev.slope0 * (p0 / sqrt(1.0 + dot(ev.slope0, ev.slope0)));
  let t1 = ev.slope1 * (p1 / sqrt(1.0 + dot(ev.slope1, ev.slope1)));
  return length(t0 + t1);
}
