import * as tf from '@tensorflow/tfjs-core';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { CONV_GEOMETRY_UNIFORMS, convGeometry, FlatProgram, int32 } from './flat-program.js';

/**
 * Kernel: the input windows of a convolution as rows, [N * OH * OW, kh * kw * C]: row (n, p, q),
 * column (a * kw + b) * C + c holds x[n, p * strideH + a * dilationH - padTop, q * strideW + b *
 * dilationW - padLeft, c], zero outside x (input x; attribute `info`, tfjs's Conv2DInfo).
 */
export const IM2COL = 'VidsegIm2Col';

/** One thread per element of the window rows; the padding is a bounds check. */
class Im2ColProgram extends FlatProgram {
  readonly variableNames = ['x'];
  readonly shaderKey: string;
  readonly uniforms = `channels : i32, columns : i32, ${CONV_GEOMETRY_UNIFORMS}`;

  constructor(
    outputShape: number[],
    private readonly filterWidth: number,
  ) {
    super(outputShape);
    this.shaderKey = `vidsegIm2Col_${filterWidth}`;
  }

  getUserCode(): string {
    return `
      fn main(index : i32) {
        if (index < uniforms.size) {
          let r = index / uniforms.columns;
          let column = index % uniforms.columns;
          let t = column / uniforms.channels;
          let c = column % uniforms.channels;
          let q = r % uniforms.outWidth;
          let p = (r / uniforms.outWidth) % uniforms.outHeight;
          let n = r / (uniforms.outWidth * uniforms.outHeight);
          let y = p * uniforms.strideH + (t / ${this.filterWidth}) * uniforms.dilationH - uniforms.padTop;
          let xx = q * uniforms.strideW + (t % ${this.filterWidth}) * uniforms.dilationW - uniforms.padLeft;
          var value = 0.0;
          if (y >= 0 && y < uniforms.inHeight && xx >= 0 && xx < uniforms.inWidth) {
            value = x[((n * uniforms.inHeight + y) * uniforms.inWidth + xx) * uniforms.channels + c];
          }
          setOutputAtIndex(index, value);
        }
      }`;
  }
}

/** {@link IM2COL} on WebGPU: one dispatch (per-tap strided slices of a padded copy took kh * kw + 1). */
export const im2colWebgpu: tf.KernelConfig = {
  kernelName: IM2COL,
  backendName: 'webgpu',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { x } = inputs as { x: tf.TensorInfo };
    const { info } = attrs as unknown as { info: tf.backend_util.Conv2DInfo };
    const columns = info.filterHeight * info.filterWidth * info.inChannels;
    const rows = info.batchSize * info.outHeight * info.outWidth;
    const uniforms = [...int32(info.inChannels, columns), ...convGeometry(info)];
    return (backend as WebGPUBackend).runWebGPUProgram(new Im2ColProgram([rows, columns], info.filterWidth) as never, [x], 'float32', uniforms as never);
  },
};
