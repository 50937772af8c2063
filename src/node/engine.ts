/**
 * The Node engine adapter: the WebGPU engine on Dawn's best adapter, or the float64 reference when
 * asked for or when no adapter exists (with the reason printed). Always prints which adapter runs.
 */
import { adapterLabel, NoWebGpuAdapter, type AcquiredDevice } from '../engine/device.ts';
import { acquireNodeDevice, type AdapterPreference } from './dawn-device.ts';
import { nodeShaderSources } from './shader-files.ts';
import { referenceEngine, webgpuEngine, type Engine } from '../app/ports.ts';

export type EngineChoice = 'auto' | 'webgpu' | 'reference';

export async function acquireForCli(engine: EngineChoice, preference: AdapterPreference = 'auto', stream: NodeJS.WriteStream = process.stderr): Promise<AcquiredDevice | null> {
  if (engine === 'reference') return null;
  try {
    const acquired = await acquireNodeDevice(preference);
    stream.write(`alpenglow: running on ${adapterLabel(acquired.adapter)}\n`);
    return acquired;
  } catch (error) {
    if (engine === 'webgpu' || !(error instanceof NoWebGpuAdapter)) throw error;
    stream.write(`alpenglow: ${error.message}\nalpenglow: falling back to the float64 reference engine (slow).\n`);
    return null;
  }
}

/** The Engine port for Node: Dawn (shaders read from shaders/) or the float64 reference. */
export async function nodeEngine(engine: EngineChoice, preference: AdapterPreference = 'auto'): Promise<Engine> {
  const acquired = await acquireForCli(engine, preference);
  return acquired ? webgpuEngine(acquired, nodeShaderSources()) : referenceEngine();
}
