import { OrtWebGpuRuntime, OrtWebRuntime } from '@vidseg/backend-ort';
import type { InferenceRuntime } from '@vidseg/core';
// Vite copies the WebAssembly binary of onnxruntime-web's default bundle (WebAssembly and WebGPU
// execution providers) into the build and gives its URL.
import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.jsep.wasm?url';

/** Which execution provider the page asks for: `auto` takes WebGPU when the browser has an adapter. */
export type RuntimeChoice = 'auto' | 'wasm' | 'webgpu';

/** The runtime the page runs models on, and how to name it. */
export interface ChosenRuntime {
  readonly runtime: InferenceRuntime;
  readonly description: string;
}

/**
 * Points onnxruntime-web at the WebAssembly binary served with the page, on one thread (no
 * cross-origin isolation needed), and picks the runtime: WebGPU (operators it lacks fall back to
 * WebAssembly) when `navigator.gpu` gives an adapter and `choice` allows it, else WebAssembly.
 */
export async function chooseRuntime(choice: RuntimeChoice): Promise<ChosenRuntime> {
  // The module backend-ort's runtimes load; imported the same way so that both share one chunk.
  const ort = await import('onnxruntime-web');
  ort.env.wasm.wasmPaths = { wasm: new URL(wasmUrl, document.baseURI).href };
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.proxy = false;
  const options = { threads: 1 };
  if (choice !== 'wasm') {
    const webgpu = new OrtWebGpuRuntime(options);
    if (await webgpu.isAvailable()) return { runtime: webgpu, description: 'onnxruntime-web on WebGPU' };
    if (choice === 'webgpu') throw new Error('WebGPU was asked for (?runtime=webgpu) but this browser has no WebGPU adapter');
  }
  const why = choice === 'wasm' ? 'asked for' : 'no WebGPU adapter here';
  return { runtime: new OrtWebRuntime(options), description: `onnxruntime-web on WebAssembly, 1 thread (${why})` };
}
