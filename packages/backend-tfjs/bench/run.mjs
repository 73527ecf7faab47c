// node bench/run.mjs [train-bench|profile-step|plain-inference] [--sizes 360x480] [--models espnet] [--reps 3]:
// runs a benchmark of this folder (scripts/run-ts.mjs).
import { runTypeScript } from '../../../scripts/run-ts.mjs';

await runTypeScript(new URL('.', import.meta.url), 'train-bench');
