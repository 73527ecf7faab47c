// node bench/run.mjs <conv-kernels|tfjs-facts> [args]: runs a benchmark of this folder (scripts/run-ts.mjs).
import { runTypeScript } from '../../../scripts/run-ts.mjs';

await runTypeScript(new URL('.', import.meta.url), 'conv-kernels');
