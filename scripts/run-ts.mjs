// Runs a TypeScript script of a package's bench/ folder: bundles it with esbuild (workspace
// packages from their TypeScript sources, npm packages left external so they resolve from the
// package's node_modules), then imports the bundle with the remaining command-line arguments.
// The packages' bench/run.mjs call this: `node bench/run.mjs <name> [args]`.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Runs `<benchFolder>/<name>.ts`, where `name` is the first command-line argument when it is not
 * a flag, else `defaultName`.
 */
export async function runTypeScript(benchFolder, defaultName) {
  const here = fileURLToPath(benchFolder);
  const name = process.argv[2] && !process.argv[2].startsWith('--') ? process.argv.splice(2, 1)[0] : defaultName;
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
    external: ['@tensorflow/*', 'tsyringe', 'reflect-metadata', 'zod', 'yaml', 'sharp', 'onnxruntime-node', 'onnxruntime-web', 'webgpu'],
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true } },
    logLevel: 'error',
  });
  try {
    await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
