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
