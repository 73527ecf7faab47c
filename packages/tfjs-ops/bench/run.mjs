// Bundles a TypeScript script of this folder with esbuild (workspace packages from their sources,
// npm packages left external) and runs it with the remaining arguments.
// Usage: node bench/run.mjs <name> [args], e.g. node bench/run.mjs conv-kernels --batch 1
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const name = process.argv.splice(2, 1)[0] ?? 'conv-kernels';
// Inside the package's node_modules, so that the bundle resolves the external packages.
mkdirSync(join(here, '..', 'node_modules'), { recursive: true });
const folder = mkdtempSync(join(here, '..', 'node_modules', '.bench-'));
const outfile = join(folder, `${name}.mjs`);
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
try {
  await import(pathToFileURL(outfile).href);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
