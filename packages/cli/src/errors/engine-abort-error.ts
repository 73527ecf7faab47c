import { VidsegError } from '@vidseg/core';

/** Messages of a compute engine that ran out of memory or aborted (wasm heap, Emscripten abort, allocation failure). */
const ENGINE_ABORT = /^Aborted\(|memory access out of bounds|Out of memory|Cannot enlarge memory|Array buffer allocation failed|Invalid typed array length|WebAssembly\.Memory/i;

/**
 * The one-line error for an engine abort (tfjs-wasm's `Aborted()`, "memory access out of
 * bounds", a failed allocation): almost always a step too large for the engine's memory, which the
 * user fixes in the config. Undefined for any other error.
 */
export function engineAbortError(error: unknown): VidsegError | undefined {
  if (!(error instanceof Error) || error instanceof VidsegError) return undefined;
  const isWasmTrap = typeof WebAssembly !== 'undefined' && error instanceof WebAssembly.RuntimeError;
  if (!isWasmTrap && !ENGINE_ABORT.test(error.message) && !(error instanceof RangeError && /allocation|memory/i.test(error.message))) return undefined;
  const first = error.message.split('\n')[0]!.slice(0, 120);
  return new VidsegError('config', `the compute engine ran out of memory or aborted (${first})`, {
    cause: error,
    hint: 'lower train.batchSize or train.inputSize (or eval.inputSize), or use a smaller model; the wasm engine has a 4 GB heap',
  });
}
