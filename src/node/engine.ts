/**
 * The Node engine adapter: the WebGPU engine on Dawn's best adapter, or the float64 reference when
 * asked for or when no adapter exists (with the reason printed). Always prints which adapter runs.
 */
import { adapterLabel, NoWebGpuAdapter, type AcquiredDevice } from '../engine/device.ts';
import { acquireNodeDevice, ADAPTER_PREFERENCES, type AdapterPreference } from './dawn-device.ts';
import { nodeShaderSources } from './shader-files.ts';
import { referenceEngine, webgpuEngine, type Engine } from '../app/ports.ts';

export type EngineChoice = 'auto' | 'webgpu' | 'reference';

export async function acquireForCli(
  engine: EngineChoice,
  preference: AdapterPreference = 'auto',
  stream: NodeJS.WriteStream = process.stderr,
): Promise<AcquiredDevice | null> {
  if (engine === 'reference') {
    stream.write('alpenglow: running on the float64 reference engine (TypeScript, CPU)\n');
    return null;
  }
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

/**
 * The value of `--adapter` (auto when absent), checked against --engine: it chooses among WebGPU
 * adapters, so with --engine reference only auto makes sense.
 */
export function parseAdapterFlag(raw: string | undefined, engine: EngineChoice): AdapterPreference {
  const value = (raw ?? 'auto') as AdapterPreference;
  if (!ADAPTER_PREFERENCES.includes(value)) throw new AdapterFlagError(`--adapter must be auto, hardware or software (got '${raw}')`);
  if (engine === 'reference' && value !== 'auto')
    throw new AdapterFlagError(`--adapter ${value} chooses a WebGPU adapter; it has no meaning with --engine reference`);
  return value;
}

export class AdapterFlagError extends Error {
  override name = 'AdapterFlagError';
  readonly userFacing = true;
}

/** The Engine port for Node: Dawn (shaders read from shaders/) or the float64 reference. */
export async function nodeEngine(engine: EngineChoice, preference: AdapterPreference = 'auto'): Promise<Engine> {
  const acquired = await acquireForCli(engine, preference);
  return acquired ? webgpuEngine(acquired, nodeShaderSources()) : referenceEngine();
}
