/**
 * A deliberately naive NCHW interpreter of the graph IR, written from the op definitions (PyTorch
 * semantics) with plain loops and no shared code with the exporter: the independent reference the
 * ONNX export is checked against.
 */
import type { NamedTensors } from '@vidseg/core';
import type { Graph, GraphNode, OpSpec } from '@vidseg/models';

/** A float32 NCHW tensor. */
export interface Nchw {
  readonly shape: readonly [number, number, number, number];
  readonly data: Float32Array;
}

const zeros = (n: number, c: number, h: number, w: number): Nchw => ({ shape: [n, c, h, w], data: new Float32Array(n * c * h * w) });
const at = (t: Nchw, n: number, c: number, y: number, x: number) => ((n * t.shape[1] + c) * t.shape[2] + y) * t.shape[3] + x;
type Spec<K extends OpSpec['op']> = Extract<OpSpec, { op: K }>;

/** Every value of the graph computed on `inputs` with `params`. */
export function runReference(graph: Graph, params: NamedTensors, inputs: Readonly<Record<string, Nchw>>): Map<string, Nchw> {
  const values = new Map<string, Nchw>(Object.entries(inputs));
  for (const node of graph.nodes) values.set(node.name, evaluate(node, node.inputs.map((name) => values.get(name)!), params));
  return values;
}

function param(node: GraphNode, role: 'weight' | 'bias' | 'runningMean' | 'runningVar', params: NamedTensors): Float32Array {
  return params.get(node.params[role]!)!.data as Float32Array;
}

function map(x: Nchw, f: (v: number, c: number) => number): Nchw {
  const out = zeros(...x.shape);
  const plane = x.shape[2] * x.shape[3];
  for (let i = 0; i < x.data.length; i++) out.data[i] = f(x.data[i]!, Math.floor(i / plane) % x.shape[1]);
  return out;
}

function evaluate(node: GraphNode, inputs: Nchw[], params: NamedTensors): Nchw {
  const x = inputs[0]!;
  const spec = node.spec;
  switch (spec.op) {
    case 'conv2d':
      return conv(x, spec, param(node, 'weight', params), spec.bias ? param(node, 'bias', params) : undefined);
    case 'convTranspose2d':
      return convTranspose(x, spec, param(node, 'weight', params), spec.bias ? param(node, 'bias', params) : undefined);
    case 'batchNorm': {
      const [w, b, m, v] = [param(node, 'weight', params), param(node, 'bias', params), param(node, 'runningMean', params), param(node, 'runningVar', params)];
      return map(x, (value, c) => ((value - m[c]!) / Math.sqrt(v[c]! + spec.eps)) * w[c]! + b[c]!);
    }
    case 'relu':
      return map(x, (v) => Math.max(0, v));
    case 'relu6':
      return map(x, (v) => Math.min(6, Math.max(0, v)));
    case 'prelu': {
      const slope = param(node, 'weight', params);
      return map(x, (v, c) => (v >= 0 ? v : v * slope[spec.perChannel ? c : 0]!));
    }
    case 'sigmoid':
      return map(x, (v) => 1 / (1 + Math.exp(-v)));
    case 'tanh':
      return map(x, Math.tanh);
    case 'add':
      return { shape: x.shape, data: x.data.map((_, i) => inputs.reduce((s, t) => s + t.data[i]!, 0)) };
    case 'mul':
      return { shape: x.shape, data: x.data.map((_, i) => inputs.reduce((s, t) => s * t.data[i]!, 1)) };
    case 'concat':
      return concat(inputs);
    case 'avgPool2d':
      return pool(x, spec.kernel, spec.stride, spec.padding, 'avg', spec.countIncludePad);
    case 'maxPool2d':
      return pool(x, spec.kernel, spec.stride, spec.padding, 'max', false);
    case 'globalAvgPool':
      return adaptive(x, [1, 1]);
    case 'adaptiveAvgPool2d':
      return adaptive(x, spec.bins);
    case 'resizeBilinear': {
      const t = spec.target;
      const size: readonly [number, number] =
        'size' in t ? t.size : 'like' in t ? [inputs[1]!.shape[2], inputs[1]!.shape[3]] : [Math.floor(x.shape[2] * t.scale), Math.floor(x.shape[3] * t.scale)];
      return resize(x, size, spec.coordinateMode);
    }
    case 'dropout':
    case 'identity':
      return x;
  }
}

function conv(x: Nchw, spec: Spec<'conv2d'>, weight: Float32Array, bias: Float32Array | undefined): Nchw {
  const [n, c, h, w] = x.shape;
  const [kh, kw] = spec.kernel;
  const oh = Math.floor((h + 2 * spec.padding[0] - spec.dilation[0] * (kh - 1) - 1) / spec.stride[0]) + 1;
  const ow = Math.floor((w + 2 * spec.padding[1] - spec.dilation[1] * (kw - 1) - 1) / spec.stride[1]) + 1;
  const out = zeros(n, spec.outChannels, oh, ow);
  const inPerGroup = c / spec.groups;
  const outPerGroup = spec.outChannels / spec.groups;
  for (let b = 0; b < n; b++)
    for (let o = 0; o < spec.outChannels; o++) {
      const group = Math.floor(o / outPerGroup);
      for (let y = 0; y < oh; y++)
        for (let xx = 0; xx < ow; xx++) {
          let sum = bias ? bias[o]! : 0;
          for (let ci = 0; ci < inPerGroup; ci++)
            for (let i = 0; i < kh; i++)
              for (let j = 0; j < kw; j++) {
                const sy = y * spec.stride[0] - spec.padding[0] + i * spec.dilation[0];
                const sx = xx * spec.stride[1] - spec.padding[1] + j * spec.dilation[1];
                if (sy < 0 || sy >= h || sx < 0 || sx >= w) continue;
                sum += x.data[at(x, b, group * inPerGroup + ci, sy, sx)]! * weight[((o * inPerGroup + ci) * kh + i) * kw + j]!;
              }
          out.data[at(out, b, o, y, xx)] = sum;
        }
    }
  return out;
}

function convTranspose(x: Nchw, spec: Spec<'convTranspose2d'>, weight: Float32Array, bias: Float32Array | undefined): Nchw {
  const [n, c, h, w] = x.shape;
  const [kh, kw] = spec.kernel;
  const oh = (h - 1) * spec.stride[0] - 2 * spec.padding[0] + kh + spec.outputPadding[0];
  const ow = (w - 1) * spec.stride[1] - 2 * spec.padding[1] + kw + spec.outputPadding[1];
  const m = spec.outChannels;
  const out = zeros(n, m, oh, ow);
  for (let b = 0; b < n; b++) {
    for (let o = 0; o < m; o++) for (let i = 0; i < oh * ow; i++) out.data[at(out, b, o, 0, 0) + i] = bias ? bias[o]! : 0;
    for (let ci = 0; ci < c; ci++)
      for (let y = 0; y < h; y++)
        for (let xx = 0; xx < w; xx++)
          for (let o = 0; o < m; o++)
            for (let i = 0; i < kh; i++)
              for (let j = 0; j < kw; j++) {
                const ty = y * spec.stride[0] - spec.padding[0] + i;
                const tx = xx * spec.stride[1] - spec.padding[1] + j;
                if (ty < 0 || ty >= oh || tx < 0 || tx >= ow) continue;
                out.data[at(out, b, o, ty, tx)] += x.data[at(x, b, ci, y, xx)]! * weight[((ci * m + o) * kh + i) * kw + j]!;
              }
  }
  return out;
}

function concat(inputs: Nchw[]): Nchw {
  const [n, , h, w] = inputs[0]!.shape;
  const channels = inputs.reduce((s, t) => s + t.shape[1], 0);
  const out = zeros(n, channels, h, w);
  for (let b = 0; b < n; b++) {
    let offset = 0;
    for (const t of inputs) {
      for (let c = 0; c < t.shape[1]; c++) for (let i = 0; i < h * w; i++) out.data[at(out, b, offset + c, 0, 0) + i] = t.data[at(t, b, c, 0, 0) + i]!;
      offset += t.shape[1];
    }
  }
  return out;
}

function pool(x: Nchw, kernel: readonly [number, number], stride: readonly [number, number], padding: readonly [number, number], kind: 'avg' | 'max', countPad: boolean): Nchw {
  const [n, c, h, w] = x.shape;
  const oh = Math.floor((h + 2 * padding[0] - kernel[0]) / stride[0]) + 1;
  const ow = Math.floor((w + 2 * padding[1] - kernel[1]) / stride[1]) + 1;
  const out = zeros(n, c, oh, ow);
  for (let b = 0; b < n; b++)
    for (let ch = 0; ch < c; ch++)
      for (let y = 0; y < oh; y++)
        for (let xx = 0; xx < ow; xx++) {
          let sum = 0;
          let max = -Infinity;
          let count = 0;
          for (let i = 0; i < kernel[0]; i++)
            for (let j = 0; j < kernel[1]; j++) {
              const sy = y * stride[0] - padding[0] + i;
              const sx = xx * stride[1] - padding[1] + j;
              if (sy < 0 || sy >= h || sx < 0 || sx >= w) continue;
              const v = x.data[at(x, b, ch, sy, sx)]!;
              sum += v;
              max = Math.max(max, v);
              count++;
            }
          out.data[at(out, b, ch, y, xx)] = kind === 'max' ? max : sum / (countPad ? kernel[0] * kernel[1] : count);
        }
  return out;
}

function adaptive(x: Nchw, bins: readonly [number, number]): Nchw {
  const [n, c, h, w] = x.shape;
  const out = zeros(n, c, bins[0], bins[1]);
  for (let b = 0; b < n; b++)
    for (let ch = 0; ch < c; ch++)
      for (let i = 0; i < bins[0]; i++)
        for (let j = 0; j < bins[1]; j++) {
          const y0 = Math.floor((i * h) / bins[0]);
          const y1 = Math.ceil(((i + 1) * h) / bins[0]);
          const x0 = Math.floor((j * w) / bins[1]);
          const x1 = Math.ceil(((j + 1) * w) / bins[1]);
          let sum = 0;
          for (let y = y0; y < y1; y++) for (let xx = x0; xx < x1; xx++) sum += x.data[at(x, b, ch, y, xx)]!;
          out.data[at(out, b, ch, i, j)] = sum / ((y1 - y0) * (x1 - x0));
        }
  return out;
}

/** Bilinear resize, PyTorch's source-coordinate rule for each mode (clamped to the edges). */
export function resize(x: Nchw, size: readonly [number, number], mode: 'half-pixel' | 'align-corners' | 'asymmetric'): Nchw {
  const [n, c, h, w] = x.shape;
  const out = zeros(n, c, size[0], size[1]);
  const source = (d: number, inSize: number, outSize: number) => {
    if (mode === 'align-corners') return outSize > 1 ? (d * (inSize - 1)) / (outSize - 1) : 0;
    if (mode === 'asymmetric') return (d * inSize) / outSize;
    return Math.max(0, ((d + 0.5) * inSize) / outSize - 0.5);
  };
  for (let b = 0; b < n; b++)
    for (let ch = 0; ch < c; ch++)
      for (let y = 0; y < size[0]; y++)
        for (let xx = 0; xx < size[1]; xx++) {
          const sy = Math.min(source(y, h, size[0]), h - 1);
          const sx = Math.min(source(xx, w, size[1]), w - 1);
          const y0 = Math.floor(sy);
          const x0 = Math.floor(sx);
          const y1 = Math.min(y0 + 1, h - 1);
          const x1 = Math.min(x0 + 1, w - 1);
          const fy = sy - y0;
          const fx = sx - x0;
          const v = (yy: number, xv: number) => x.data[at(x, b, ch, yy, xv)]!;
          out.data[at(out, b, ch, y, xx)] = (1 - fy) * ((1 - fx) * v(y0, x0) + fx * v(y0, x1)) + fy * ((1 - fx) * v(y1, x0) + fx * v(y1, x1));
        }
  return out;
}
