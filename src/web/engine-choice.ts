/**
 * Which engine the page uses: WebGPU through navigator.gpu when the browser offers an adapter,
 * else the float64 reference engine in a worker (slow, small scans) with the reason shown.
 */
import { acquireBrowserDevice } from '../engine/browser-device.ts';
import { adapterLabel } from '../engine/device.ts';
import type { ScanEngine } from './scan.ts';

export interface EngineChoice {
  engine: ScanEngine;
  /** Why WebGPU is not used (null when it is). */
  fallbackReason: string | null;
}

export async function chooseEngine(): Promise<EngineChoice> {
  try {
    const acquired = await acquireBrowserDevice();
    return { engine: { kind: 'webgpu', acquired, label: adapterLabel(acquired.adapter) }, fallbackReason: null };
  } catch (error) {
    return {
      engine: { kind: 'reference', label: 'float64 reference engine (CPU, no WebGPU)' },
      fallbackReason: (error as Error).message,
    };
  }
}
