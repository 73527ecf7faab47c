// Bundles a TypeScript benchmark of this folder with esbuild (workspace packages from their
// sources, tfjs and other npm packages left external) and runs it with the remaining arguments.
// Usage: node bench/run.mjs [train-bench] [--sizes 360x480] [--models espnet] [--reps 3]
import { build } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const name = process.argv[2] && !process.argv[2].startsWith('--') ? process.argv.splice(2, 1)[0] : 'train-bench';
const outfile = join(mkdtempSync(join(here, '..', 'node_modules', '.bench-')), `${name}.mjs`);
await build({
  entryPoints: [join(here, `${name}.ts`)],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  conditions: ['@vidseg/source'],
  external: ['@tensorflow/*', 'sharp', 'onnxruntime-*', 'tsyringe', 'reflect-metadata', 'zod', 'yaml'],
  tsconfigRaw: { compilerOptions: { experimentalDecorators: true } },
  logLevel: 'error',
});
await import(pathToFileURL(outfile).href);
