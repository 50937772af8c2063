/** WebGPU in the browser: navigator.gpu. Same engine code; only acquisition differs. */
import { describeAdapter, NoWebGpuAdapter, requestEngineDevice, type AcquiredDevice } from './device.ts';

export async function acquireBrowserDevice(): Promise<AcquiredDevice> {
  const gpu = (globalThis.navigator as Navigator | undefined)?.gpu;
  if (!gpu) {
    throw new NoWebGpuAdapter('this browser does not expose WebGPU (navigator.gpu is missing). Use a recent Chrome or Edge, or explore precomputed tables.');
  }
  let adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  let featureLevel: 'core' | 'compatibility' = 'core';
  if (!adapter) {
    adapter = await gpu.requestAdapter({ featureLevel: 'compatibility' } as GPURequestAdapterOptions);
    featureLevel = 'compatibility';
  }
  if (!adapter) throw new NoWebGpuAdapter('the browser offers WebGPU but returned no adapter (blocked or unsupported GPU).');
  return requestEngineDevice(adapter, describeAdapter(adapter, 'browser', featureLevel));
}
