/** Reads shaders/*.wgsl from disk (Node). The web app bundles the same files with Vite instead. */
import { readFileSync } from 'node:fs';
import { KERNEL_SHADER_FILES, type ShaderSources } from '../engine/shader-assembly.ts';

let cached: ShaderSources | null = null;

export function nodeShaderSources(): ShaderSources {
  if (!cached) {
    const sources: Record<string, string> = {};
    for (const file of KERNEL_SHADER_FILES) {
      sources[file] = readFileSync(new URL(`../../shaders/${file}`, import.meta.url), 'utf8');
    }
    cached = sources;
  }
  return cached;
}
