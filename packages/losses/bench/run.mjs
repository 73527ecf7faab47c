// node bench/run.mjs [loss-cost] [--backend wasm|cpu] [--reps 5]: runs a benchmark of this folder (scripts/run-ts.mjs).
import { runTypeScript } from '../../../scripts/run-ts.mjs';

await runTypeScript(new URL('.', import.meta.url), 'loss-cost');
