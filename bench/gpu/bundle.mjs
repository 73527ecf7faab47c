// Bundles the GPU benchmarks of @vidseg/backend-tfjs (packages/backend-tfjs/bench/gpu/*.ts) into
// single ES modules under bench/gpu/dist/ that run on the lent GPU machine, which has no
// node_modules: everything is bundled except Dawn (`webgpu`), which the benchmarks import at run
// time from the path given by --dawn (the carried .gpu/webgpu/index.js). Also copies the tfjs wasm
// binaries beside them and writes each student's graph JSON for torch_graph.py.
// Usage (repo root): node bench/gpu/bundle.mjs   then see bench/gpu/README.md for the device command.
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const sources = join(root, 'packages', 'backend-tfjs', 'bench', 'gpu');
const out = join(here, 'dist');
const ENTRIES = ['train-steps', 'loss-curve', 'profile-step', 'write-graphs'];

/** Native packages the benchmarks never call: replaced by stubs that throw if they ever are. */
const stubNative = {
  name: 'stub-native',
  setup(b) {
    b.onResolve({ filter: /^(sharp|onnxruntime-node|onnxruntime-web)(\/.*)?$/ }, (args) => ({ path: args.path, namespace: 'stub' }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, (args) => ({
      contents: `const fail = () => { throw new Error(${JSON.stringify(args.path)} + ' is not in the GPU benchmark bundle'); };\nexport default fail;`,
      loader: 'js',
    }));
  },
};

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await build({
  entryPoints: ENTRIES.map((name) => join(sources, `${name}.ts`)),
  outdir: out,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: false,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minifyWhitespace: true,
  conditions: ['@vidseg/source'],
  mainFields: ['main', 'module'],
  external: ['webgpu'],
  plugins: [stubNative],
  // CommonJS dependencies call require() and read __dirname (the wasm backend finds its .wasm there).
  banner: {
    js: [
      "import { createRequire as __createRequire } from 'node:module';",
      "import { dirname as __pathDirname } from 'node:path';",
      "import { fileURLToPath as __fileURLToPath } from 'node:url';",
      'const require = __createRequire(import.meta.url);',
      'const __filename = __fileURLToPath(import.meta.url);',
      'const __dirname = __pathDirname(__filename);',
    ].join('\n'),
  },
  tsconfigRaw: { compilerOptions: { experimentalDecorators: true } },
  logLevel: 'error',
});
const wasmDir = join(root, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist');
for (const file of ['tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm.wasm']) copyFileSync(join(wasmDir, file), join(out, file));
execFileSync(process.execPath, [join(out, 'write-graphs.mjs'), '--out', join(out, 'graphs')], { stdio: 'inherit' });
const total = readdirSync(out, { recursive: true }).reduce((sum, file) => sum + (statSync(join(out, String(file))).isFile() ? statSync(join(out, String(file))).size : 0), 0);
console.log(`bench/gpu/dist: ${(total / 2 ** 20).toFixed(1)} MiB (${ENTRIES.map((e) => e + '.mjs').join(', ')}, wasm binaries, graphs/)`);
