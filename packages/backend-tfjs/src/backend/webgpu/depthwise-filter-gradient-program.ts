import * as tf from '@tensorflow/tfjs-core';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { channelSumParts, lanesFor, sumParts } from './channel-programs.js';
import { CONV_GEOMETRY_UNIFORMS, convGeometry, FlatProgram, int32, WORKGROUP } from './flat-program.js';

/** Kernel: the filter gradient [kh, kw, C, 1] of a depthwise convolution with multiplier 1 (inputs x, dy; attribute `info`, tfjs's Conv2DInfo). */
export const DEPTHWISE_FILTER_GRADIENT = 'VidsegDepthwiseFilterGradient';

/** Most filter taps the program keeps in registers (7 x 7 and larger filters take the per-tap form). */
export const MOST_TAPS = 25;

/**
 * Per-part sums over output positions of x(tap window) * dy, per tap and channel, [parts, taps, C]:
 * workgroup g covers part g / blocks for the `lanes` channels of block g % blocks; each thread keeps
 * one sum per tap in registers (reading dy once per position), then the row lanes are reduced in
 * workgroup memory one tap at a time. Padding is a bounds check (the padded input is never made).
 */
class PartialTapSumsProgram extends FlatProgram {
  readonly variableNames = ['x', 'dy'];
  readonly shaderKey: string;
  readonly uniforms = `channels : i32, positions : i32, partRows : i32, blocks : i32, ${CONV_GEOMETRY_UNIFORMS}`;

  constructor(
    parts: number,
    private readonly info: tf.backend_util.Conv2DInfo,
    private readonly lanes: number,
    blocks: number,
  ) {
    super([parts, info.filterHeight * info.filterWidth, info.inChannels], parts * blocks);
    this.shaderKey = `vidsegPartialTapSums_${info.filterHeight}_${info.filterWidth}_${lanes}`;
  }

  getUserCode(): string {
    const { filterHeight: kh, filterWidth: kw } = this.info;
    const lanes = this.lanes;
    const taps = kh * kw;
    return `
      var<workgroup> sums : array<f32, ${WORKGROUP}>;
      fn main(index : i32) {
        let group = i32(workgroupId.x);
        let part = group / uniforms.blocks;
        let lane = i32(localIndex) % ${lanes};
        let c = (group % uniforms.blocks) * ${lanes} + lane;
        var acc : array<f32, ${taps}>;
        if (c < uniforms.channels) {
          let last = min((part + 1) * uniforms.partRows, uniforms.positions);
          for (var r = part * uniforms.partRows + i32(localIndex) / ${lanes}; r < last; r = r + ${WORKGROUP / lanes}) {
            let q = r % uniforms.outWidth;
            let p = (r / uniforms.outWidth) % uniforms.outHeight;
            let n = r / (uniforms.outWidth * uniforms.outHeight);
            let g = dy[r * uniforms.channels + c];
            for (var a = 0; a < ${kh}; a = a + 1) {
              let y = p * uniforms.strideH + a * uniforms.dilationH - uniforms.padTop;
              if (y >= 0 && y < uniforms.inHeight) {
                let rowBase = (n * uniforms.inHeight + y) * uniforms.inWidth;
                for (var b = 0; b < ${kw}; b = b + 1) {
                  let xx = q * uniforms.strideW + b * uniforms.dilationW - uniforms.padLeft;
                  if (xx >= 0 && xx < uniforms.inWidth) {
                    acc[a * ${kw} + b] = acc[a * ${kw} + b] + x[(rowBase + xx) * uniforms.channels + c] * g;
                  }
                }
              }
            }
          }
        }
        for (var t = 0; t < ${taps}; t = t + 1) {
          sums[localIndex] = acc[t];
          workgroupBarrier();
          for (var stride = ${WORKGROUP / 2}u; stride >= ${lanes}u; stride = stride / 2u) {
            if (localIndex < stride) {
              sums[localIndex] = sums[localIndex] + sums[localIndex + stride];
            }
            workgroupBarrier();
          }
          if (i32(localIndex) < ${lanes} && c < uniforms.channels) {
            result[(part * ${taps} + t) * uniforms.channels + c] = sums[localIndex];
          }
          workgroupBarrier();
        }
      }`;
  }
}

/**
 * {@link DEPTHWISE_FILTER_GRADIENT} on WebGPU: one dispatch of per-part tap sums and one summing
 * the parts, where the per-tap form takes a strided slice, a product, a split product with a row of
 * ones and its sum per tap, then a concatenation (about 40 dispatches for a 3 x 3 filter).
 */
export const depthwiseFilterGradientWebgpu: tf.KernelConfig = {
  kernelName: DEPTHWISE_FILTER_GRADIENT,
  backendName: 'webgpu',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const gpu = backend as WebGPUBackend;
    const { x, dy } = inputs as Record<'x' | 'dy', tf.TensorInfo>;
    const { info } = attrs as unknown as { info: tf.backend_util.Conv2DInfo };
    const channels = info.inChannels;
    const lanes = lanesFor(channels);
    const blocks = Math.ceil(channels / lanes);
    const positions = info.batchSize * info.outHeight * info.outWidth;
    const parts = channelSumParts(positions, blocks);
    const uniforms = [...int32(channels, positions, Math.ceil(positions / parts), blocks), ...convGeometry(info)];
    const partials = gpu.runWebGPUProgram(new PartialTapSumsProgram(parts, info, lanes, blocks) as never, [x, dy], 'float32', uniforms as never);
    return sumParts(gpu, partials, parts, [info.filterHeight, info.filterWidth, channels, 1]);
  },
};
