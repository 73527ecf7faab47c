// node bench/gpu/dispatches.mjs [--size 64x128] [--batch 2] [--models espnet,...]: the dispatch and
// upload count per training step (count-dispatches.ts, through scripts/run-ts.mjs).
import { runTypeScript } from '../../../../scripts/run-ts.mjs';

await runTypeScript(new URL('.', import.meta.url), 'count-dispatches');
