import * as tf from '@tensorflow/tfjs-core';
import type { WebGPUBackend, webgpu_util } from '@tensorflow/tfjs-backend-webgpu';

/** Name of the kernel that draws dropout masks on the device (registered for WebGPU only). */
export const DROPOUT_MASK = 'VidsegDropoutMask';

/** Attributes of {@link DROPOUT_MASK}. */
interface DropoutMaskAttrs {
  readonly shape: number[];
  readonly rate: number;
  readonly seed: number;
}

/**
 * An inverted-dropout mask drawn on the GPU: 1 / (1 - rate) with probability 1 - rate, else 0,
 * from a PCG integer hash of the element index and the seed (24-bit uniforms). tfjs's dropout draws
 * its uniforms in JavaScript and uploads them: 17 M values, 110 ms and 67 MB per MobileNetV2 step
 * at batch 8, 512 x 1024.
 */
class DropoutMaskProgram {
  readonly variableNames: string[] = [];
  readonly outputShape: number[];
  readonly shaderKey = 'vidsegDropoutMask';
  readonly dispatchLayout: { x: number[] };
  readonly dispatch: [number, number, number];
  readonly workgroupSize: [number, number, number] = [64, 1, 1];
  readonly size = true;
  readonly uniforms = 'keep : f32, scale : f32, seed : u32,';

  constructor(shape: number[], util: WebgpuUtil) {
    this.outputShape = shape;
    this.dispatchLayout = util.flatDispatchLayout(shape);
    this.dispatch = util.computeDispatch(this.dispatchLayout, shape, this.workgroupSize) as [number, number, number];
  }

  getUserCode(): string {
    return `
      fn pcgHash(v : u32) -> u32 {
        let state = v * 747796405u + 2891336453u;
        let word = ((state >> ((state >> 28u) + 4u)) ^ state) * 277803737u;
        return (word >> 22u) ^ word;
      }
      fn main(index : i32) {
        if (index < uniforms.size) {
          let bits = pcgHash(u32(index) ^ pcgHash(uniforms.seed));
          let u = f32(bits >> 8u) * (1.0 / 16777216.0);
          setOutputAtIndex(index, select(0.0, uniforms.scale, u < uniforms.keep));
        }
      }`;
  }
}

/** The dispatch helpers of `@tensorflow/tfjs-backend-webgpu` (the module is loaded at run time: it is optional). */
export type WebgpuUtil = Pick<typeof webgpu_util, 'flatDispatchLayout' | 'computeDispatch'>;

/** The {@link DROPOUT_MASK} kernel of the WebGPU backend, given the loaded backend's helpers. */
export const dropoutMaskKernel = (util: WebgpuUtil): tf.KernelConfig => ({
  kernelName: DROPOUT_MASK,
  backendName: 'webgpu',
  kernelFunc: ({ backend, attrs }) => {
    const { shape, rate, seed } = attrs as unknown as DropoutMaskAttrs;
    const keep = 1 - rate;
    const uniforms = [
      { type: 'float32', data: [keep] },
      { type: 'float32', data: [1 / keep] },
      { type: 'uint32', data: [seed >>> 0] },
    ];
    return (backend as WebGPUBackend).runWebGPUProgram(new DropoutMaskProgram(shape, util) as never, [], 'float32', uniforms as never);
  },
});

/**
 * A dropout mask drawn on the device, when the active backend has the {@link DROPOUT_MASK} kernel
 * (WebGPU after activation), else undefined (callers then use `tf.dropout`, whose masks differ).
 */
export function deviceDropoutMask(shape: readonly number[], rate: number, seed: number): tf.Tensor | undefined {
  if (!tf.getKernel(DROPOUT_MASK, tf.getBackend())) return undefined;
  return tf.engine().runKernel(DROPOUT_MASK, {}, { shape: [...shape], rate, seed } as unknown as tf.NamedAttrMap) as tf.Tensor;
}
