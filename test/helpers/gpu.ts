/**
 * Shared WebGPU device for the engine tests: the hardware adapter where one exists, else Mesa
 * llvmpipe through Dawn's OpenGL backend (CI machines have no GPU). One device per test file.
 */
import { acquireNodeDevice } from '../../src/engine/node-device.ts';
import type { AcquiredDevice } from '../../src/engine/device.ts';
import { adapterLabel } from '../../src/engine/device.ts';

let shared: Promise<AcquiredDevice> | null = null;

export function testDevice(): Promise<AcquiredDevice> {
  if (!shared) {
    const preference = (process.env.ALPENGLOW_ADAPTER as 'auto' | 'hardware' | 'software' | undefined) ?? 'auto';
    shared = acquireNodeDevice(preference).then((acquired) => {
      console.log(`[test] WebGPU adapter: ${adapterLabel(acquired.adapter)}`);
      return acquired;
    });
  }
  return shared;
}

/** Runs a one-binding compute shader writing `outputWords` u32 and returns them. */
export async function runWordKernel(code: string, outputWords: number, workgroups = 1): Promise<Uint32Array> {
  const { device } = await testDevice();
  device.pushErrorScope('validation');
  const module = device.createShaderModule({ code });
  const info = await module.getCompilationInfo();
  const errors = info.messages.filter((m) => m.type === 'error');
  if (errors.length) throw new Error(errors.map((m) => `${m.lineNum}: ${m.message}`).join('\n'));
  const pipeline = device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' } });
  const output = device.createBuffer({ size: outputWords * 4, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
  const readback = device.createBuffer({ size: outputWords * 4, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const bindGroup = device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries: [{ binding: 0, resource: { buffer: output } }] });
  const encoder = device.createCommandEncoder();
  const pass = encoder.beginComputePass();
  pass.setPipeline(pipeline);
  pass.setBindGroup(0, bindGroup);
  pass.dispatchWorkgroups(workgroups);
  pass.end();
  encoder.copyBufferToBuffer(output, 0, readback, 0, outputWords * 4);
  device.queue.submit([encoder.finish()]);
  await readback.mapAsync(GPUMapMode.READ);
  const words = new Uint32Array(readback.getMappedRange().slice(0));
  readback.unmap();
  const error = await device.popErrorScope();
  if (error) throw new Error(error.message);
  output.destroy();
  readback.destroy();
  return words;
}
