import * as tf from '@tensorflow/tfjs-core';
import { DataError, type ImageFrame, type NetworkOutputs, type RuntimeTensor, type Teacher } from '@vidseg/core';

/** Whether `value` is a host {@link RuntimeTensor} (what inference runtimes return) rather than a tfjs tensor. */
export function isRuntimeTensor(value: unknown): value is RuntimeTensor {
  if (value instanceof tf.Tensor || typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<RuntimeTensor>;
  return Array.isArray(candidate.dims) && typeof candidate.type === 'string' && ArrayBuffer.isView(candidate.data);
}

/** An NCHW float32 host tensor as an NHWC tfjs tensor. */
export function runtimeToNhwc(tensor: RuntimeTensor, what: string): tf.Tensor4D {
  if (tensor.type !== 'float32' || tensor.dims.length !== 4) {
    throw new DataError(`${what}: expected a float32 NCHW tensor, got ${tensor.type} [${tensor.dims.join(', ')}]`);
  }
  const [n, c, h, w] = tensor.dims as [number, number, number, number];
  return tf.tidy(() => tf.transpose(tf.tensor4d(tensor.data as Float32Array, [n, c, h, w]), [0, 2, 3, 1]));
}

/**
 * Wraps a teacher that returns host tensors in NCHW (the ONNX teacher of `@vidseg/backend-ort`)
 * as a `Teacher<tf.Tensor>` with NHWC outputs, as the losses expect. A teacher that already
 * returns tfjs tensors passes through unchanged; any other output is a {@link DataError}.
 */
export class RuntimeTeacherAdapter implements Teacher<tf.Tensor> {
  constructor(private readonly inner: Teacher<unknown>) {}

  get name(): string {
    return this.inner.name;
  }

  get classes(): readonly string[] {
    return this.inner.classes;
  }

  async predict(frames: readonly ImageFrame[], options?: { features?: boolean }): Promise<NetworkOutputs<tf.Tensor>> {
    const outputs = await this.inner.predict(frames, options);
    const convert = (value: unknown, role: string): tf.Tensor => {
      if (value instanceof tf.Tensor) return value;
      if (isRuntimeTensor(value)) return runtimeToNhwc(value, `teacher "${this.inner.name}" output ${role}`);
      throw new DataError(`teacher "${this.inner.name}" output ${role}: expected a tfjs tensor or a host tensor (dims, type, data)`);
    };
    return {
      logits: convert(outputs.logits, 'logits'),
      ...(outputs.features ? { features: convert(outputs.features, 'features') } : {}),
      ...(outputs.auxLogits ? { auxLogits: convert(outputs.auxLogits, 'auxLogits') } : {}),
    };
  }

  dispose(): Promise<void> | void {
    return this.inner.dispose();
  }
}
