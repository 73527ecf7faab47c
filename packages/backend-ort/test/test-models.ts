import { SeededRandom, elementCount, type ModelHandle, type NamedTensors, type Preprocessing, type RuntimeTensor } from '@vidseg/core';
import { GraphBuilder, type Graph } from '@vidseg/models';
import { OrtWebRuntime } from '../src/runtime/ort-web-runtime.js';
import type { Nchw } from '@vidseg/models/testing';

/** ImageNet-style preprocessing in BGR order, so channel reordering is exercised. */
export const TEST_PREPROCESSING: Preprocessing = { channelOrder: 'BGR', mean: [100, 110, 120], std: [60, 65, 70], scale: 1 };

/** A model handle around a test graph. */
export function testModel(graph: Graph, options: { classes?: number; nativeSize?: [number, number]; multipleOf?: number; name?: string } = {}): ModelHandle<Graph> {
  const classes = Array.from({ length: options.classes ?? 4 }, (_, i) => `class${i}`);
  return {
    name: options.name ?? 'test-net',
    graph,
    classes,
    preprocessing: TEST_PREPROCESSING,
    outputs: { logits: true, features: graph.outputs.features !== undefined, auxLogits: false },
    input: { multipleOf: options.multipleOf ?? 1, ...(options.nativeSize ? { nativeSize: options.nativeSize } : {}) },
  };
}

/**
 * Parameters with every value informative, drawn fast (xorshift, uniform with He variance for
 * convolutions, so that the 70 M parameters of PSPNet-ResNet-101 take a fraction of a second):
 * convolution weights U(-a, a) with a = sqrt(6 / fan_in); biases and BatchNorm means U(-0.2, 0.2);
 * BatchNorm variances U(0.5, 1.5); BatchNorm scales and PReLU slopes U(0.1, 0.6).
 */
export function randomWeights(graph: Graph, seed = 1): NamedTensors {
  let state = (seed * 2654435761) >>> 0 || 1;
  const uniform = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
  const tensors: NamedTensors = new Map();
  for (const param of graph.params) {
    const data = new Float32Array(elementCount(param.shape));
    const [low, high] =
      param.init.kind === 'he-normal'
        ? [-Math.sqrt(6 / param.init.fanIn), Math.sqrt(6 / param.init.fanIn)]
        : param.name.endsWith('running_var')
          ? [0.5, 1.5]
          : param.name.endsWith('running_mean') || param.name.endsWith('.bias')
            ? [-0.2, 0.2]
            : [0.1, 0.6];
    for (let i = 0; i < data.length; i++) data[i] = low + (high - low) * uniform();
    tensors.set(param.name, { dtype: 'F32', shape: [...param.shape], data });
  }
  return tensors;
}

/** A random NCHW tensor with values in [-scale, scale]. */
export function randomNchw(shape: readonly [number, number, number, number], seed = 2, scale = 1): Nchw {
  const random = new SeededRandom(seed);
  const data = new Float32Array(shape[0] * shape[1] * shape[2] * shape[3]);
  for (let i = 0; i < data.length; i++) data[i] = scale * (2 * random.next() - 1);
  return { shape, data };
}

/** A random uint8 NHWC image batch. */
export function randomImage(batch: number, height: number, width: number, channels: 3 | 4, seed = 3): Uint8Array {
  const random = new SeededRandom(seed);
  return Uint8Array.from({ length: batch * height * width * channels }, () => Math.floor(random.next() * 256));
}

/** A float32 feed for a session. */
export function floatFeed(tensor: Nchw): RuntimeTensor {
  return { type: 'float32', dims: [...tensor.shape], data: tensor.data instanceof Float32Array ? tensor.data : Float32Array.from(tensor.data) };
}

/** The largest absolute difference between two arrays of equal length. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

/** The largest absolute value. */
export function maxAbs(a: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]!));
  return max;
}

const web = new OrtWebRuntime();

/** Runs ONNX bytes once on onnxruntime-web and releases the session. */
export async function runOnnx(model: Uint8Array, feeds: Record<string, RuntimeTensor>): Promise<Record<string, RuntimeTensor>> {
  const session = await web.createSession(model);
  try {
    return await session.run(feeds);
  } finally {
    await session.release();
  }
}

/**
 * A small segmentation net: two stride-2 conv blocks (features at 1/4), a pyramid-pooling branch
 * (adaptive pooling and a resize back), and a 1x1 classifier; logits at 1/4 of the input, or at the
 * input size when `fullResolution` (a final bilinear resize inside the graph).
 */
export function tinySegNet(classes = 4, fullResolution = false): Graph {
  const b = new GraphBuilder();
  const image = b.input('image', 3);
  let x = b.prelu(b.batchNorm(b.conv(image, { name: 'stem', out: 8, kernel: 3, stride: 2, bias: false }), { name: 'stem_bn' }), { name: 'stem_act' });
  x = b.relu(b.conv(x, { name: 'block', out: 8, kernel: 3, stride: 2 }));
  const pooled = b.resize(b.conv(b.adaptiveAvgPool(x, 3), { name: 'ppm', out: 4, kernel: 1 }), { like: x }, 'align-corners');
  const features = b.concat([x, pooled], 'features');
  b.output('features', features);
  let logits = b.conv(features, { name: 'classifier', out: classes, kernel: 1 });
  if (fullResolution) logits = b.resize(logits, { like: image }, 'half-pixel', 'upsample');
  b.output('logits', logits);
  return b.build();
}

/** NCHW float input of a network, preprocessed from a uint8 NHWC image the way the model says. */
export function preprocessReference(image: Uint8Array, batch: number, height: number, width: number, channels: 3 | 4, preprocessing: Preprocessing): Nchw {
  const data = new Float32Array(batch * 3 * height * width);
  for (let n = 0; n < batch; n++)
    for (let c = 0; c < 3; c++) {
      const source = preprocessing.channelOrder === 'RGB' ? c : 2 - c;
      for (let p = 0; p < height * width; p++) {
        const v = image[(n * height * width + p) * channels + source]!;
        data[(n * 3 + c) * height * width + p] = ((v - preprocessing.mean[c]!) / preprocessing.std[c]!) * preprocessing.scale;
      }
    }
  return { shape: [batch, 3, height, width], data };
}
