/**
 * The kernel's WGSL files, bundled by Vite (every shaders/*.wgsl as raw text) so the page feeds
 * exactly the files Node reads from shaders/ (src/node/shader-files.ts) to the same
 * assembleKernelWgsl.
 */
import { KERNEL_SHADER_FILES, type ShaderSources } from '../engine/shader-assembly.ts';

const FILES = import.meta.glob('../../shaders/*.wgsl', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

let cached: ShaderSources | null = null;

/** Every file the assembler needs, checked once (a missing file is a build problem, named here). */
export function browserShaderSources(): ShaderSources {
  if (!cached) {
    const sources: Record<string, string> = {};
    for (const [path, text] of Object.entries(FILES)) sources[path.split('/').pop()!] = text;
    const missing = KERNEL_SHADER_FILES.filter((file) => typeof sources[file] !== 'string' || sources[file].length === 0);
    if (missing.length > 0) throw new Error(`the web bundle lacks shader source(s) ${missing.join(', ')} (expected in shaders/)`);
    cached = sources;
  }
  return cached;
}
