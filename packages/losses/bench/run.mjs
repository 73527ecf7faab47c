// Bundles a TypeScript benchmark of this folder with esbuild (workspace packages from their
// sources, npm packages left external) and runs it with the remaining arguments.
// Usage: node bench/run.mjs [loss-cost] [--backend wasm|cpu] [--reps 5]
import { build } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const name = process.argv[2] && !process.argv[2].startsWith('--') ? process.argv.splice(2, 1)[0] : 'loss-cost';
const outfile = join(mkdtempSync(join(here, '..', 'node_modules', '.bench-')), `${name}.mjs`);
await build({
  entryPoints: [join(here, `${name}.ts`)],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  conditions: ['@vidseg/source'],
  external: ['@tensorflow/*', 'tsyringe', 'reflect-metadata', 'zod', 'yaml'],
  tsconfigRaw: { compilerOptions: { experimentalDecorators: true } },
  logLevel: 'error',
});
await import(pathToFileURL(outfile).href);
