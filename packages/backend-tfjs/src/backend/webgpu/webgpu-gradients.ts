import * as tf from '@tensorflow/tfjs-core';
import { DEPTHWISE_FILTER_GRADIENT, MOST_TAPS } from './depthwise-filter-gradient-program.js';
import { conv2dFilterGradientByTaps, depthwiseFilterGradientByTaps } from './filter-gradients.js';
import { RELU_GRADIENT } from './relu-gradient-programs.js';

type GradFunc = tf.GradConfig['gradFunc'];

interface ConvAttrs {
  readonly strides: number | [number, number];
  readonly pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  readonly dilations?: number | [number, number];
  readonly dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

let registered = false;

/** Whether gradients run on the WebGPU backend now (the replacements below apply only there). */
const onWebgpu = () => tf.getBackend() === 'webgpu';

/** `original`, except on WebGPU, where `gpu` gives the gradients (it may use `original`'s). */
function onWebgpuOnly(original: GradFunc, gpu: GradFunc): GradFunc {
  return (dy, saved, attrs) => (onWebgpu() ? gpu(dy, saved, attrs) : original(dy, saved, attrs));
}

/** The convolution's geometry from the saved input and filter and the kernel's attributes. */
function geometry(saved: tf.Tensor[], attrs: tf.NamedAttrMap, depthwise: boolean): { x: tf.Tensor4D; info: tf.backend_util.Conv2DInfo } {
  const [x, filter] = saved as [tf.Tensor4D, tf.Tensor4D];
  const a = attrs as unknown as ConvAttrs;
  const info = tf.backend_util.computeConv2DInfo(x.shape, filter.shape as [number, number, number, number], a.strides, a.dilations ?? 1, a.pad, a.dimRoundingMode, depthwise);
  return { x, info };
}

/** The Conv2D / DepthwiseConv2dNative gradient with the filter part replaced by `filterGradient`. */
function withFilterGradient(
  original: GradFunc,
  depthwise: boolean,
  filterGradient: (x: tf.Tensor4D, dy: tf.Tensor4D, info: tf.backend_util.Conv2DInfo) => tf.Tensor4D,
): GradFunc {
  return onWebgpuOnly(original, (dy, saved, attrs) => {
    const gradients = original(dy, saved, attrs);
    const { x, info } = geometry(saved, attrs, depthwise);
    return { ...gradients, filter: () => filterGradient(x, dy as tf.Tensor4D, info) };
  });
}

/**
 * The depthwise filter gradient: one fused program with a workgroup reduction (two dispatches) for
 * multiplier 1 and filters of at most {@link MOST_TAPS} taps, else per-tap products.
 */
function depthwiseFilterGradient(x: tf.Tensor4D, dy: tf.Tensor4D, info: tf.backend_util.Conv2DInfo): tf.Tensor4D {
  const fused = info.outChannels === info.inChannels && info.filterHeight * info.filterWidth <= MOST_TAPS && tf.getKernel(DEPTHWISE_FILTER_GRADIENT, 'webgpu');
  if (!fused) return depthwiseFilterGradientByTaps(x, dy, info);
  return tf.engine().runKernel(DEPTHWISE_FILTER_GRADIENT, { x, dy }, { info } as unknown as tf.NamedAttrMap) as tf.Tensor4D;
}

/** `dy` of a reduction over `axes` of `x`, broadcast back to x's shape on the device. */
function broadcastBack(dy: tf.Tensor, x: tf.Tensor, axes: number[]): tf.Tensor {
  const expandedShape = x.shape.slice();
  for (const axis of axes) expandedShape[axis] = 1;
  return tf.broadcastTo(tf.reshape(dy, expandedShape), x.shape);
}

const reductionAxes = (x: tf.Tensor, attrs: tf.NamedAttrMap) => tf.util.parseAxisParam((attrs as unknown as { axis: number | number[] }).axis, x.shape);

/**
 * Replaces, for the WebGPU backend only, the gradients whose tfjs (or `@vidseg/tfjs-ops`) form is
 * slow there (other backends keep the registered ones, which this wraps):
 * - Conv2D and DepthwiseConv2dNative: the filter gradient as per-tap matrix products
 *   ({@link conv2dFilterGradientByTaps}), or for depthwise ones one fused program
 *   ({@link depthwiseFilterGradient}); the input gradient stays as registered;
 * - Sum and Mean: tfjs multiplies dy by `ones(x.shape)`, an array made in JavaScript and uploaded
 *   at every step (200 MB for 8 logits maps of 12 x 512 x 1024); here dy is broadcast on the GPU;
 * - ResizeBilinear with align-corners (the students' logits upsampling): tfjs's ResizeBilinearGrad
 *   kernel, a gather on the GPU, instead of `@vidseg/tfjs-ops`'s exact adjoint, whose tap tables are
 *   built in JavaScript and uploaded at every step (67 MB for 8 maps of 512 x 1024); tfjs's kernel
 *   is exact for align-corners (it ignores half-pixel centres, so the other modes keep the adjoint);
 * - Relu: one fused program ({@link RELU_GRADIENT}) instead of a step and a product.
 * Call after `registerTrainingKernels()` (whose gradients it wraps); later calls do nothing.
 */
export function registerWebgpuGradients(): void {
  if (registered) return;
  registered = true;
  const conv = tf.getGradient(tf.Conv2D);
  const depthwise = tf.getGradient(tf.DepthwiseConv2dNative);
  const sum = tf.getGradient(tf.Sum);
  const mean = tf.getGradient(tf.Mean);
  const resize = tf.getGradient(tf.ResizeBilinear);
  const relu = tf.getGradient(tf.Relu);
  tf.registerGradient({ ...conv, gradFunc: withFilterGradient(conv.gradFunc, false, conv2dFilterGradientByTaps) });
  tf.registerGradient({ ...depthwise, gradFunc: withFilterGradient(depthwise.gradFunc, true, depthwiseFilterGradient) });
  tf.registerGradient({
    ...sum,
    gradFunc: onWebgpuOnly(sum.gradFunc, (dy, [x], attrs) => ({ x: () => broadcastBack(dy as tf.Tensor, x!, reductionAxes(x!, attrs)) })),
  });
  tf.registerGradient({
    ...mean,
    gradFunc: onWebgpuOnly(mean.gradFunc, (dy, [x], attrs) => {
      const axes = reductionAxes(x!, attrs);
      const count = axes.reduce((n, axis) => n * x!.shape[axis]!, 1);
      return { x: () => tf.div(broadcastBack(dy as tf.Tensor, x!, axes), count) };
    }),
  });
  tf.registerGradient({
    ...resize,
    gradFunc: onWebgpuOnly(resize.gradFunc, (dy, saved, attrs) =>
      (attrs as unknown as tf.ResizeBilinearAttrs).alignCorners
        ? { images: () => tf.engine().runKernel(tf.ResizeBilinearGrad, { images: saved[0]!, dy: dy as tf.Tensor }, attrs) as tf.Tensor }
        : resize.gradFunc(dy, saved, attrs),
    ),
  });
  tf.registerGradient({
    ...relu,
    gradFunc: onWebgpuOnly(relu.gradFunc, (dy, [x]) => ({ x: () => tf.engine().runKernel(RELU_GRADIENT, { dy: dy as tf.Tensor, x: x! }) as tf.Tensor })),
  });
}
