import type { NamedTensors } from '@vidseg/core';
import type { Graph, GraphNode } from '@vidseg/models';

/** A plain NCHW tensor for the reference computation: data row-major over [n, c, h, w]. */
export interface Nchw {
  readonly shape: [number, number, number, number];
  readonly data: Float64Array;
}

/**
 * An independent, deliberately naive NCHW interpreter of the graph IR written from PyTorch's
 * definitions (loops, float64, PyTorch weight layouts), used only to check the tfjs interpreter.
 * BatchNorm uses running statistics (eval mode), or batch statistics when `batchStatistics` is set.
 */
export function runReferenceGraph(graph: Graph, weights: NamedTensors, input: Nchw, batchStatistics = false): Record<string, Nchw> {
  const values = new Map<string, Nchw>([[graph.inputs[0]!.name, input]]);
  const w = (name: string | undefined) => weights.get(name!)!.data as Float32Array;
  for (const node of graph.nodes) {
    const xs = node.inputs.map((name) => values.get(name)!);
    values.set(node.name, referenceOp(node, xs, w, batchStatistics));
  }
  return Object.fromEntries(Object.entries(graph.outputs).map(([role, name]) => [role, values.get(name)!]));
}

const zeros = (shape: [number, number, number, number]): Nchw => ({ shape, data: new Float64Array(shape[0] * shape[1] * shape[2] * shape[3]) });
const at = (t: Nchw, n: number, c: number, y: number, x: number) => ((n * t.shape[1] + c) * t.shape[2] + y) * t.shape[3] + x;
const map = (t: Nchw, f: (v: number, c: number) => number): Nchw => {
  const out = zeros(t.shape);
  const [, C, H, W] = t.shape;
  for (let i = 0; i < t.data.length; i++) out.data[i] = f(t.data[i]!, Math.floor(i / (H * W)) % C);
  return out;
};

function referenceOp(node: GraphNode, xs: Nchw[], w: (name: string | undefined) => Float32Array, batchStatistics: boolean): Nchw {
  const spec = node.spec;
  const x = xs[0]!;
  const [N, C, H, W] = x.shape;
  switch (spec.op) {
    case 'conv2d': {
      const [sh, sw] = spec.stride;
      const [ph, pw] = spec.padding;
      const [dh, dw] = spec.dilation;
      const [kh, kw] = spec.kernel;
      const OH = Math.floor((H + 2 * ph - dh * (kh - 1) - 1) / sh) + 1;
      const OW = Math.floor((W + 2 * pw - dw * (kw - 1) - 1) / sw) + 1;
      const O = spec.outChannels;
      const out = zeros([N, O, OH, OW]);
      const weight = w(node.params.weight);
      const inPerGroup = C / spec.groups;
      const outPerGroup = O / spec.groups;
      for (let n = 0; n < N; n++)
        for (let o = 0; o < O; o++) {
          const g = Math.floor(o / outPerGroup);
          for (let oy = 0; oy < OH; oy++)
            for (let ox = 0; ox < OW; ox++) {
              let sum = spec.bias ? w(node.params.bias)[o]! : 0;
              for (let i = 0; i < inPerGroup; i++)
                for (let ky = 0; ky < kh; ky++)
                  for (let kx = 0; kx < kw; kx++) {
                    const y = oy * sh - ph + ky * dh;
                    const xx = ox * sw - pw + kx * dw;
                    if (y < 0 || y >= H || xx < 0 || xx >= W) continue;
                    sum += x.data[at(x, n, g * inPerGroup + i, y, xx)]! * weight[((o * inPerGroup + i) * kh + ky) * kw + kx]!;
                  }
              out.data[at(out, n, o, oy, ox)] = sum;
            }
        }
      return out;
    }
    case 'convTranspose2d': {
      const [sh, sw] = spec.stride;
      const [ph, pw] = spec.padding;
      const [kh, kw] = spec.kernel;
      const O = spec.outChannels;
      const OH = (H - 1) * sh - 2 * ph + kh + spec.outputPadding[0];
      const OW = (W - 1) * sw - 2 * pw + kw + spec.outputPadding[1];
      const out = zeros([N, O, OH, OW]);
      const weight = w(node.params.weight); // [in, out, kh, kw]
      for (let n = 0; n < N; n++)
        for (let c = 0; c < C; c++)
          for (let y = 0; y < H; y++)
            for (let xx = 0; xx < W; xx++)
              for (let o = 0; o < O; o++)
                for (let ky = 0; ky < kh; ky++)
                  for (let kx = 0; kx < kw; kx++) {
                    const oy = y * sh - ph + ky;
                    const ox = xx * sw - pw + kx;
                    if (oy < 0 || oy >= OH || ox < 0 || ox >= OW) continue;
                    out.data[at(out, n, o, oy, ox)]! += x.data[at(x, n, c, y, xx)]! * weight[((c * O + o) * kh + ky) * kw + kx]!;
                  }
      if (spec.bias) return map(out, (v, o) => v + w(node.params.bias)[o]!);
      return out;
    }
    case 'batchNorm': {
      const gamma = w(node.params.weight);
      const beta = w(node.params.bias);
      let mean: ArrayLike<number> = w(node.params.runningMean);
      let variance: ArrayLike<number> = w(node.params.runningVar);
      if (batchStatistics) ({ mean, variance } = channelMoments(x));
      return map(x, (v, c) => ((v - mean[c]!) / Math.sqrt(variance[c]! + spec.eps)) * gamma[c]! + beta[c]!);
    }
    case 'relu':
      return map(x, (v) => Math.max(v, 0));
    case 'relu6':
      return map(x, (v) => Math.min(Math.max(v, 0), 6));
    case 'prelu': {
      const slope = w(node.params.weight);
      return map(x, (v, c) => (v >= 0 ? v : v * slope[spec.perChannel ? c : 0]!));
    }
    case 'sigmoid':
      return map(x, (v) => 1 / (1 + Math.exp(-v)));
    case 'tanh':
      return map(x, Math.tanh);
    case 'add':
    case 'mul': {
      const out = zeros(x.shape);
      out.data.set(x.data);
      for (const other of xs.slice(1)) for (let i = 0; i < out.data.length; i++) out.data[i] = spec.op === 'add' ? out.data[i]! + other.data[i]! : out.data[i]! * other.data[i]!;
      return out;
    }
    case 'concat': {
      const total = xs.reduce((s, t) => s + t.shape[1], 0);
      const out = zeros([N, total, H, W]);
      for (let n = 0; n < N; n++) {
        let offset = 0;
        for (const t of xs) {
          const block = t.shape[1] * H * W;
          out.data.set(t.data.subarray(n * block, (n + 1) * block), (n * total + offset) * H * W);
          offset += t.shape[1];
        }
      }
      return out;
    }
    case 'avgPool2d':
    case 'maxPool2d': {
      const [kh, kw] = spec.kernel;
      const [sh, sw] = spec.stride;
      const [ph, pw] = spec.padding;
      const OH = Math.floor((H + 2 * ph - kh) / sh) + 1;
      const OW = Math.floor((W + 2 * pw - kw) / sw) + 1;
      const out = zeros([N, C, OH, OW]);
      for (let n = 0; n < N; n++)
        for (let c = 0; c < C; c++)
          for (let oy = 0; oy < OH; oy++)
            for (let ox = 0; ox < OW; ox++) {
              let sum = 0;
              let count = 0;
              let max = -Infinity;
              for (let ky = 0; ky < kh; ky++)
                for (let kx = 0; kx < kw; kx++) {
                  const y = oy * sh - ph + ky;
                  const xx = ox * sw - pw + kx;
                  if (y < 0 || y >= H || xx < 0 || xx >= W) continue;
                  const v = x.data[at(x, n, c, y, xx)]!;
                  sum += v;
                  count++;
                  max = Math.max(max, v);
                }
              const divisor = spec.op === 'avgPool2d' && spec.countIncludePad ? kh * kw : count;
              out.data[at(out, n, c, oy, ox)] = spec.op === 'maxPool2d' ? max : sum / divisor;
            }
      return out;
    }
    case 'globalAvgPool':
    case 'adaptiveAvgPool2d': {
      const [bh, bw] = spec.op === 'globalAvgPool' ? [1, 1] : spec.bins;
      const out = zeros([N, C, bh, bw]);
      for (let n = 0; n < N; n++)
        for (let c = 0; c < C; c++)
          for (let i = 0; i < bh; i++)
            for (let j = 0; j < bw; j++) {
              const [y0, y1] = [Math.floor((i * H) / bh), Math.ceil(((i + 1) * H) / bh)];
              const [x0, x1] = [Math.floor((j * W) / bw), Math.ceil(((j + 1) * W) / bw)];
              let sum = 0;
              for (let y = y0; y < y1; y++) for (let xx = x0; xx < x1; xx++) sum += x.data[at(x, n, c, y, xx)]!;
              out.data[at(out, n, c, i, j)] = sum / ((y1 - y0) * (x1 - x0));
            }
      return out;
    }
    case 'resizeBilinear': {
      const target = spec.target;
      const [OH, OW] =
        'like' in target ? [xs[1]!.shape[2], xs[1]!.shape[3]] : 'size' in target ? target.size : [Math.floor(H * target.scale), Math.floor(W * target.scale)];
      const source = (o: number, inSize: number, outSize: number) => {
        if (spec.coordinateMode === 'align-corners') return outSize > 1 ? (o * (inSize - 1)) / (outSize - 1) : 0;
        if (spec.coordinateMode === 'asymmetric') return (o * inSize) / outSize;
        return Math.max((o + 0.5) * (inSize / outSize) - 0.5, 0);
      };
      const out = zeros([N, C, OH, OW]);
      for (let n = 0; n < N; n++)
        for (let c = 0; c < C; c++)
          for (let oy = 0; oy < OH; oy++)
            for (let ox = 0; ox < OW; ox++) {
              const sy = source(oy, H, OH);
              const sx = source(ox, W, OW);
              const y0 = Math.min(Math.floor(sy), H - 1);
              const x0 = Math.min(Math.floor(sx), W - 1);
              const y1 = Math.min(y0 + 1, H - 1);
              const x1 = Math.min(x0 + 1, W - 1);
              const fy = sy - y0;
              const fx = sx - x0;
              const v = (y: number, xx: number) => x.data[at(x, n, c, y, xx)]!;
              out.data[at(out, n, c, oy, ox)] =
                (1 - fy) * ((1 - fx) * v(y0, x0) + fx * v(y0, x1)) + fy * ((1 - fx) * v(y1, x0) + fx * v(y1, x1));
            }
      return out;
    }
    case 'dropout':
    case 'identity':
      return x;
  }
}

/** Per-channel mean and biased variance over (N, H, W). */
export function channelMoments(x: Nchw): { mean: number[]; variance: number[] } {
  const [N, C, H, W] = x.shape;
  const mean = new Array<number>(C).fill(0);
  const variance = new Array<number>(C).fill(0);
  for (let c = 0; c < C; c++) {
    let sum = 0;
    for (let n = 0; n < N; n++) for (let i = 0; i < H * W; i++) sum += x.data[(n * C + c) * H * W + i]!;
    mean[c] = sum / (N * H * W);
    let squares = 0;
    for (let n = 0; n < N; n++) for (let i = 0; i < H * W; i++) squares += (x.data[(n * C + c) * H * W + i]! - mean[c]!) ** 2;
    variance[c] = squares / (N * H * W);
  }
  return { mean, variance };
}
