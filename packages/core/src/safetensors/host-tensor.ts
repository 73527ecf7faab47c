import { UsageError } from '../errors/vidseg-error.js';

/** A tensor in host memory, in one of the element types vidseg stores in safetensors files. */
export type HostTensor =
  | { readonly dtype: 'F32'; readonly shape: readonly number[]; readonly data: Float32Array }
  | { readonly dtype: 'I32'; readonly shape: readonly number[]; readonly data: Int32Array }
  | { readonly dtype: 'I64'; readonly shape: readonly number[]; readonly data: BigInt64Array }
  | { readonly dtype: 'U8'; readonly shape: readonly number[]; readonly data: Uint8Array };

/** Tensors by name, in insertion (file) order. */
export type NamedTensors = Map<string, HostTensor>;

/** Number of elements of a tensor of this shape (1 for a scalar). */
export function elementCount(shape: readonly number[]): number {
  let count = 1;
  for (const dim of shape) count *= dim;
  return count;
}

/** A float32 host tensor; checks that `data` has as many elements as `shape` says (a {@link UsageError} if not). */
export function float32Tensor(shape: readonly number[], data: Float32Array): HostTensor {
  if (data.length !== elementCount(shape)) {
    throw new UsageError(`float32Tensor: shape [${shape.join(', ')}] needs ${elementCount(shape)} elements, the data has ${data.length}`);
  }
  return { dtype: 'F32', shape: [...shape], data };
}
