/**
 * Device acquisition shared by Node and the browser: what an acquired device carries, how an
 * adapter is described, and the device request with the limits the kernel needs. The
 * platform-specific halves are src/node/dawn-device.ts (Dawn through the `webgpu` package) and
 * browser-device.ts (navigator.gpu).
 */

export interface AdapterDescription {
  /** e.g. "llvmpipe (LLVM 15.0.6, 256 bits)" or "NVIDIA H200". */
  name: string;
  vendor: string;
  architecture: string;
  /** Which path produced it: 'vulkan', 'opengl', 'default', 'browser', … */
  backend: string;
  featureLevel: 'core' | 'compatibility';
  isSoftware: boolean;
  limits: Record<string, number>;
}

export interface AcquiredDevice {
  device: GPUDevice;
  adapter: AdapterDescription;
  /** Resolves when the device is lost (never for a healthy run). */
  lost: Promise<GPUDeviceLostInfo>;
}

export class NoWebGpuAdapter extends Error {
  override name = 'NoWebGpuAdapter';
  readonly userFacing = true;
}

export class DeviceLostError extends Error {
  override name = 'DeviceLostError';
  readonly userFacing = true;
}

const REPORTED_LIMITS = [
  'maxStorageBufferBindingSize',
  'maxBufferSize',
  'maxComputeWorkgroupSizeX',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupsPerDimension',
  'maxComputeWorkgroupStorageSize',
  'maxStorageBuffersPerShaderStage',
] as const;

const SOFTWARE_NAMES = /llvmpipe|swiftshader|softpipe|lavapipe|software|microsoft basic render/i;

export function describeAdapter(adapter: GPUAdapter, backend: string, featureLevel: 'core' | 'compatibility'): AdapterDescription {
  const info = adapter.info;
  const name = info.description || info.device || info.architecture || info.vendor || 'unknown adapter';
  const limits: Record<string, number> = {};
  for (const key of REPORTED_LIMITS) limits[key] = Number(adapter.limits[key]);
  const fallbackFlag = (info as GPUAdapterInfo & { isFallbackAdapter?: boolean }).isFallbackAdapter === true;
  return {
    name,
    vendor: info.vendor,
    architecture: info.architecture,
    backend,
    featureLevel,
    isSoftware: fallbackFlag || SOFTWARE_NAMES.test(`${name} ${info.vendor} ${info.architecture}`),
    limits,
  };
}

export function adapterLabel(adapter: AdapterDescription): string {
  const tags = [adapter.backend, adapter.featureLevel, adapter.isSoftware ? 'software' : 'hardware'];
  return `${adapter.name} [${tags.join(', ')}]`;
}

/** Requests a device asking for the adapter's full storage-buffer limits (tally buffers can be large). */
export async function requestEngineDevice(adapter: GPUAdapter, description: AdapterDescription): Promise<AcquiredDevice> {
  const device = await adapter.requestDevice({
    label: `alpenglow on ${description.name}`,
    requiredLimits: {
      maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
      maxBufferSize: adapter.limits.maxBufferSize,
    },
  });
  return { device, adapter: description, lost: device.lost };
}
