/**
 * WebGPU in Node through Dawn (the `webgpu` package). Order of preference:
 *  1. hardware adapters on Dawn's default backends (Vulkan on Linux), powerPreference 'high-performance';
 *  2. the software path that works on GPU-less machines: Dawn's OpenGL backend on Mesa llvmpipe,
 *     with EGL_PLATFORM=surfaceless and featureLevel 'compatibility'.
 * If neither yields an adapter, NoWebGpuAdapter says what to install.
 */
import { existsSync, readdirSync } from 'node:fs';
import { adapterLabel, describeAdapter, NoWebGpuAdapter, requestEngineDevice, type AcquiredDevice, type AdapterDescription } from '../engine/device.ts';

type DawnModule = { create: (options: string[]) => GPU; globals: Record<string, unknown> };

let dawn: DawnModule | null = null;
async function loadDawn(): Promise<DawnModule> {
  if (!dawn) {
    try {
      dawn = (await import('webgpu')) as unknown as DawnModule;
    } catch (error) {
      // An optional dependency (browser-only users may omit it): say how to get it, or how to do without.
      const missing = (error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND';
      const cause = missing ? 'is not installed' : `could not be loaded (${(error as Error).message.split('\n')[0]})`;
      throw new NoWebGpuAdapter(
        `the optional package 'webgpu' (Dawn for Node, which runs the WebGPU engine) ${cause}: install it with 'npm install webgpu', or run with --engine reference (the float64 engine, slower)`,
      );
    }
    // WebGPU enums and classes (GPUBufferUsage, …) as globals, as in a browser.
    for (const [name, value] of Object.entries(dawn.globals)) {
      if (!(name in globalThis)) (globalThis as Record<string, unknown>)[name] = value;
    }
  }
  return dawn;
}

export type AdapterPreference = 'auto' | 'hardware' | 'software';

interface Candidate {
  backend: string;
  options: string[];
  request: GPURequestAdapterOptions & { featureLevel?: string };
  featureLevel: 'core' | 'compatibility';
}

const HARDWARE: Candidate = { backend: 'default', options: [], request: { powerPreference: 'high-performance' }, featureLevel: 'core' };
const SOFTWARE_GL: Candidate = { backend: 'opengl', options: ['backend=opengl'], request: { featureLevel: 'compatibility' }, featureLevel: 'compatibility' };

function candidatesFor(preference: AdapterPreference): Candidate[] {
  if (preference === 'hardware') return [HARDWARE];
  if (preference === 'software') return [SOFTWARE_GL];
  return [HARDWARE, SOFTWARE_GL];
}

// Dawn instances must outlive their devices: if a GPU object is garbage-collected while a device made
// from it is in use, Dawn tears the instance down under the running device and the process aborts
// at a random moment (seen here as 'futex facility returned an unexpected error code'). Keep one per
// backend alive for the life of the process.
const instances = new Map<string, GPU>();

async function tryCandidate(candidate: Candidate): Promise<{ adapter: GPUAdapter; description: AdapterDescription } | null> {
  const { create } = await loadDawn();
  // EGL must be told to run without a display before Dawn's OpenGL backend starts.
  if (candidate.backend === 'opengl' && !process.env.EGL_PLATFORM) process.env.EGL_PLATFORM = 'surfaceless';
  let adapter: GPUAdapter | null = null;
  try {
    let instance = instances.get(candidate.backend);
    if (!instance) {
      instance = create(candidate.options);
      instances.set(candidate.backend, instance);
    }
    adapter = await instance.requestAdapter(candidate.request as GPURequestAdapterOptions);
  } catch {
    adapter = null;
  }
  if (!adapter) return null;
  const description = describeAdapter(adapter, candidate.backend === 'default' ? 'dawn-default' : candidate.backend, candidate.featureLevel);
  // Dawn's GL adapter reports only the GL version string; without a DRM render node the only GL
  // implementation that can answer is Mesa's software rasteriser (llvmpipe).
  if (candidate.backend === 'opengl' && !hasRenderNode()) {
    description.isSoftware = true;
    if (/mesa/i.test(description.name) && !/llvmpipe/i.test(description.name)) description.name = `Mesa llvmpipe (${description.name})`;
  }
  // A software adapter found on the "hardware" path (e.g. lavapipe) is still usable, but we keep looking
  // for real hardware first only when asked for auto: report what it is either way.
  return { adapter, description };
}

function hasRenderNode(): boolean {
  try {
    return readdirSync('/dev/dri').some((entry) => entry.startsWith('renderD'));
  } catch {
    return false;
  }
}

/** Where Mesa's pieces should be on Debian/Ubuntu; used only to word the error message. */
function mesaHint(): string {
  const egl = ['/usr/lib/x86_64-linux-gnu/libEGL.so.1', '/usr/lib/aarch64-linux-gnu/libEGL.so.1', '/usr/lib64/libEGL.so.1'].some(existsSync);
  const dri = ['/usr/lib/x86_64-linux-gnu/dri', '/usr/lib/aarch64-linux-gnu/dri', '/usr/lib64/dri'].some(existsSync);
  const missing = [!egl ? 'libegl1' : null, !dri ? 'libgl1-mesa-dri' : null].filter(Boolean);
  return missing.length > 0
    ? `Mesa is not installed (missing: ${missing.join(', ')}). On Debian/Ubuntu run: sudo apt-get install -y ${missing.join(' ')}`
    : 'Mesa EGL and DRI drivers appear installed but gave no adapter; check EGL_PLATFORM=surfaceless and run `alpenglow devices` for details.';
}

/** Every adapter the candidates find (for `alpenglow devices`). */
export async function listNodeAdapters(): Promise<AdapterDescription[]> {
  const found: AdapterDescription[] = [];
  for (const candidate of [HARDWARE, SOFTWARE_GL]) {
    const result = await tryCandidate(candidate);
    if (result) found.push(result.description);
  }
  return found;
}

/** `--adapter hardware` was asked for and only software adapters (or none) exist here. */
export class NoHardwareAdapter extends NoWebGpuAdapter {
  override name = 'NoHardwareAdapter';
}

export const ADAPTER_PREFERENCES: readonly AdapterPreference[] = ['auto', 'hardware', 'software'];

/**
 * The engine's device on the preferred adapter. 'hardware' accepts only an adapter that is not a
 * software rasteriser (llvmpipe, lavapipe, SwiftShader, Dawn's fallback adapter) and otherwise fails
 * with NoHardwareAdapter naming what was found; 'software' takes Mesa llvmpipe through OpenGL;
 * 'auto' takes hardware first, then software.
 */
export async function acquireNodeDevice(preference: AdapterPreference = 'auto'): Promise<AcquiredDevice> {
  const skipped: AdapterDescription[] = [];
  for (const candidate of candidatesFor(preference)) {
    const result = await tryCandidate(candidate);
    if (!result) continue;
    if (preference === 'hardware' && result.description.isSoftware) {
      skipped.push(result.description);
      continue;
    }
    return requestEngineDevice(result.adapter, result.description);
  }
  if (preference === 'hardware') {
    // Name what this machine does have, so a job on a node without a GPU says why it stopped.
    const software = await tryCandidate(SOFTWARE_GL);
    if (software && !skipped.some((d) => d.name === software.description.name)) skipped.push(software.description);
    const found =
      skipped.length > 0
        ? `has only the software adapter${skipped.length > 1 ? 's' : ''} ${skipped.map((d) => `'${adapterLabel(d)}'`).join(', ')}`
        : 'has no WebGPU adapter at all';
    throw new NoHardwareAdapter(
      `a hardware GPU adapter is required (--adapter hardware) but this machine ${found}. ` +
        "On a GPU node install the Vulkan loader (libvulkan1) and the GPU vendor's Vulkan driver (NVIDIA: the driver's " +
        'nvidia_icd.json ICD); `alpenglow devices` lists what Dawn sees. --adapter auto would run on the software adapter (slow).',
    );
  }
  throw new NoWebGpuAdapter(`no WebGPU adapter found (${preference} preference). ${mesaHint()}`);
}
