/**
 * Shared WebGPU device for the engine tests: the hardware adapter where one exists, else Mesa
 * llvmpipe through Dawn's OpenGL backend (CI machines have no GPU). One device per test file.
 */
import { acquireNodeDevice } from '../../src/node/dawn-device.ts';
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

/**
 * Runs a compute shader and returns its u32 output. Without `input`, binding 0 is the output;
 * with it, binding 0 is the f32 input and binding 1 the output.
 */
export async function runKernel(code: string, options: { outputWords: number; workgroups: number; input?: Float32Array<ArrayBuffer> }): Promise<Uint32Array> {
  const { device } = await testDevice();
  device.pushErrorScope('validation');
  const module = device.createShaderModule({ code });
  const info = await module.getCompilationInfo();
  const errors = info.messages.filter((m) => m.type === 'error');
  if (errors.length) throw new Error(errors.map((m) => `${m.lineNum}: ${m.message}`).join('\n'));
  const pipeline = device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' } });
  const outputBytes = Math.max(16, options.outputWords * 4);
  const output = device.createBuffer({ size: outputBytes, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
  const readback = device.createBuffer({ size: outputBytes, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const buffers = [output, readback];
  const entries: GPUBindGroupEntry[] = [];
  if (options.input) {
    const input = device.createBuffer({ size: Math.max(16, options.input.byteLength), usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
    device.queue.writeBuffer(input, 0, options.input);
    buffers.push(input);
    entries.push({ binding: 0, resource: { buffer: input } }, { binding: 1, resource: { buffer: output } });
  } else {
    entries.push({ binding: 0, resource: { buffer: output } });
  }
  const bindGroup = device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries });
  const encoder = device.createCommandEncoder();
  const pass = encoder.beginComputePass();
  pass.setPipeline(pipeline);
  pass.setBindGroup(0, bindGroup);
  pass.dispatchWorkgroups(options.workgroups);
  pass.end();
  encoder.copyBufferToBuffer(output, 0, readback, 0, outputBytes);
  device.queue.submit([encoder.finish()]);
  await readback.mapAsync(GPUMapMode.READ);
  const words = new Uint32Array(readback.getMappedRange().slice(0, options.outputWords * 4));
  readback.unmap();
  const error = await device.popErrorScope();
  if (error) throw new Error(error.message);
  for (const buffer of buffers) buffer.destroy();
  return words;
}

/** Runs a one-binding compute shader writing `outputWords` u32 and returns them. */
export function runWordKernel(code: string, outputWords: number, workgroups = 1): Promise<Uint32Array> {
  return runKernel(code, { outputWords, workgroups });
}
