import * as tf from '@tensorflow/tfjs-core';
import { WASM_BASE64 } from '../../generated/simd-kernels-wasm.js';

/** The part of tfjs-backend-wasm's `BackendWasm` these kernels use. */
export interface WasmBackendInternals {
  /** The Emscripten module; `asm.memory` is its heap (not part of tfjs's typed API). */
  wasm: { asm?: { memory?: unknown } };
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  getMemoryOffset(dataId: tf.DataId): number;
  disposeData(dataId: tf.DataId, force?: boolean): boolean;
  /** A view of a tensor's values in the wasm heap (invalid once the heap grows). */
  typedArrayFromHeap(info: tf.TensorInfo): tf.TypedArray;
}

/** The wasm backend a kernel runs on, as the internals these kernels use (tfjs types it as a plain KernelBackend). */
export function wasmInternals(backend: object): WasmBackendInternals {
  return backend as WasmBackendInternals;
}

/** The exports of src/simd/simd-kernels.wat; pointers are byte offsets in tfjs's heap. */
export interface SimdKernelExports {
  shifted_sums(a: number, shiftA: number, b: number, shiftB: number, rows: number, channels: number, out: number, scratch: number): void;
  affine_centered(a: number, b: number, coefficients: number, rows: number, channels: number, out: number): void;
  prelu_backward(dy: number, x: number, alpha: number, rows: number, channels: number, dx: number, out: number, scratch: number): void;
  relu6_backward(dy: number, x: number, n: number, dx: number): void;
  max_pool_backward(
    dy: number, x: number, dx: number, batch: number, height: number, width: number, channels: number, outHeight: number, outWidth: number,
    filterHeight: number, filterWidth: number, strideY: number, strideX: number, padTop: number, padLeft: number,
  ): void;
  exp(x: number, n: number, out: number): void;
}

const instances = new WeakMap<object, SimdKernelExports | null>();
let moduleBytes: Uint8Array<ArrayBuffer> | undefined;

/**
 * The SIMD kernels bound to this wasm backend's heap, or null where they cannot be: a runtime
 * without WebAssembly SIMD, or a tfjs-wasm build whose heap is not reachable or is shared memory
 * (the threaded build). Callers then compose the same math from tfjs ops.
 */
export function simdKernelsFor(backend: object): SimdKernelExports | null {
  if (instances.has(backend)) return instances.get(backend)!;
  let kernels: SimdKernelExports | null = null;
  const memory = (backend as Partial<WasmBackendInternals>).wasm?.asm?.memory;
  moduleBytes ??= Uint8Array.from(atob(WASM_BASE64), (c) => c.charCodeAt(0));
  if (memory instanceof WebAssembly.Memory && WebAssembly.validate(moduleBytes)) {
    try {
      kernels = new WebAssembly.Instance(new WebAssembly.Module(moduleBytes), { env: { memory } }).exports as unknown as SimdKernelExports;
    } catch {
      // A LinkError: the heap is shared memory (threaded tfjs-wasm), which this module does not import.
      kernels = null;
    }
  }
  instances.set(backend, kernels);
  return kernels;
}

/** Whether the active backend runs `kernelName` as a SIMD kernel (registered, on tfjs-wasm with a reachable heap). */
export function hasSimdKernel(kernelName: string): boolean {
  return tf.getBackend() === 'wasm' && tf.getKernel(kernelName, 'wasm') !== undefined && simdKernelsFor(tf.backend()) !== null;
}
