/**
 * A slow, plain reference interpreter of the graph description (inference semantics: BatchNorm
 * with running statistics, dropout as identity), written straight from the op definitions in
 * graph-types.ts with float64 accumulation. Test-only: it checks that the zoo's descriptions
 * compute what their references say (ESPNet against ../shared/models/espnet-camvid-check.json).
 */
import type { NamedTensors } from '@vidseg/core';
import type { CoordinateMode, Graph, GraphNode, OpSpec, ParamRole } from '../src/index.js';
import { inferShapes } from '../src/index.js';

/** One activation without its batch axis: [c, h, w] row-major. */
export interface Activation {
  readonly c: number;
  readonly h: number;
  readonly w: number;
  readonly data: Float64Array;
}

const zeros = (c: number, h: number, w: number): Activation => ({ c, h, w, data: new Float64Array(c * h * w) });

/**
 * Runs `graph` on one image per input; returns the graph outputs by role and the values named in
 * `keep` (other intermediate values are freed as soon as no later node reads them).
 */
export function referenceForward(
  graph: Graph,
  inputs: Readonly<Record<string, Activation>>,
  params: NamedTensors,
  keep: readonly string[] = [],
): Map<string, Activation> {
  const sizes = Object.fromEntries(Object.entries(inputs).map(([name, a]) => [name, [a.h, a.w] as const]));
  const shapes = inferShapes(graph, sizes);
  const lastUse = new Map<string, number>();
  graph.nodes.forEach((node, i) => node.inputs.forEach((name) => lastUse.set(name, i)));
  const wanted = new Set([...keep, ...Object.values(graph.outputs)]);
  const values = new Map<string, Activation>(Object.entries(inputs));
  graph.nodes.forEach((node, i) => {
    const param = (role: ParamRole) => {
      const tensor = params.get(node.params[role]!);
      if (!tensor || tensor.dtype !== 'F32') throw new Error(`node ${node.name}: parameter ${node.params[role]} missing`);
      return tensor.data;
    };
    const args = node.inputs.map((name) => values.get(name)!);
    const [c, h, w] = shapes.get(node.name)!;
    values.set(node.name, evaluate(node, args, param, zeros(c, h, w)));
    for (const name of node.inputs) if (lastUse.get(name) === i && !wanted.has(name)) values.delete(name);
  });
  const result = new Map<string, Activation>();
  for (const name of wanted) result.set(name, values.get(name)!);
  for (const [role, name] of Object.entries(graph.outputs)) result.set(role, values.get(name)!);
  return result;
}

function evaluate(node: GraphNode, args: Activation[], param: (role: ParamRole) => Float32Array, out: Activation): Activation {
  const spec = node.spec;
  const x = args[0]!;
  const map = (f: (v: number, channel: number) => number) => {
    const plane = x.h * x.w;
    for (let i = 0; i < out.data.length; i++) out.data[i] = f(x.data[i]!, Math.floor(i / plane));
    return out;
  };
  switch (spec.op) {
    case 'conv2d':
      return conv2d(spec, x, param('weight'), spec.bias ? param('bias') : undefined, out);
    case 'convTranspose2d':
      return convTranspose2d(spec, x, param('weight'), spec.bias ? param('bias') : undefined, out);
    case 'batchNorm': {
      const [g, b, m, v] = [param('weight'), param('bias'), param('runningMean'), param('runningVar')];
      return map((value, ch) => ((value - m[ch]!) / Math.sqrt(v[ch]! + spec.eps)) * g[ch]! + b[ch]!);
    }
    case 'relu':
      return map((v) => Math.max(0, v));
    case 'relu6':
      return map((v) => Math.min(6, Math.max(0, v)));
    case 'prelu': {
      const slope = param('weight');
      return map((v, ch) => (v >= 0 ? v : slope[spec.perChannel ? ch : 0]! * v));
    }
    case 'sigmoid':
      return map((v) => 1 / (1 + Math.exp(-v)));
    case 'tanh':
      return map(Math.tanh);
    case 'dropout':
    case 'identity':
      return map((v) => v);
    case 'add':
    case 'mul':
      for (let i = 0; i < out.data.length; i++) {
        let acc = spec.op === 'add' ? 0 : 1;
        for (const a of args) acc = spec.op === 'add' ? acc + a.data[i]! : acc * a.data[i]!;
        out.data[i] = acc;
      }
      return out;
    case 'concat': {
      let offset = 0;
      for (const a of args) {
        out.data.set(a.data, offset);
        offset += a.data.length;
      }
      return out;
    }
    case 'avgPool2d':
    case 'maxPool2d':
      return pool(spec, x, out);
    case 'globalAvgPool':
    case 'adaptiveAvgPool2d':
      return adaptiveAvgPool(x, out);
    case 'resizeBilinear':
      return resizeBilinear(x, spec.coordinateMode, out);
  }
}

type Spec<K extends OpSpec['op']> = Extract<OpSpec, { op: K }>;

function conv2d(spec: Spec<'conv2d'>, x: Activation, weight: Float32Array, bias: Float32Array | undefined, out: Activation): Activation {
  const [kh, kw] = spec.kernel;
  const [sh, sw] = spec.stride;
  const [ph, pw] = spec.padding;
  const [dh, dw] = spec.dilation;
  const inPerGroup = x.c / spec.groups;
  const outPerGroup = out.c / spec.groups;
  for (let oc = 0; oc < out.c; oc++) {
    const outPlane = oc * out.h * out.w;
    if (bias) out.data.fill(bias[oc]!, outPlane, outPlane + out.h * out.w);
    const firstIn = Math.floor(oc / outPerGroup) * inPerGroup;
    for (let icl = 0; icl < inPerGroup; icl++) {
      const inPlane = (firstIn + icl) * x.h * x.w;
      for (let ky = 0; ky < kh; ky++) {
        for (let kx = 0; kx < kw; kx++) {
          const wv = weight[((oc * inPerGroup + icl) * kh + ky) * kw + kx]!;
          const shiftX = kx * dw - pw;
          const oxStart = Math.max(0, Math.ceil(-shiftX / sw));
          const oxEnd = Math.min(out.w, Math.floor((x.w - 1 - shiftX) / sw) + 1);
          for (let oy = 0; oy < out.h; oy++) {
            const iy = oy * sh + ky * dh - ph;
            if (iy < 0 || iy >= x.h) continue;
            const inRow = inPlane + iy * x.w + shiftX;
            const outRow = outPlane + oy * out.w;
            for (let ox = oxStart; ox < oxEnd; ox++) out.data[outRow + ox] += wv * x.data[inRow + ox * sw]!;
          }
        }
      }
    }
  }
  return out;
}

function convTranspose2d(spec: Spec<'convTranspose2d'>, x: Activation, weight: Float32Array, bias: Float32Array | undefined, out: Activation): Activation {
  const [kh, kw] = spec.kernel;
  const [sh, sw] = spec.stride;
  const [ph, pw] = spec.padding;
  if (bias) for (let oc = 0; oc < out.c; oc++) out.data.fill(bias[oc]!, oc * out.h * out.w, (oc + 1) * out.h * out.w);
  for (let ic = 0; ic < x.c; ic++) {
    for (let oc = 0; oc < out.c; oc++) {
      for (let ky = 0; ky < kh; ky++) {
        for (let kx = 0; kx < kw; kx++) {
          const wv = weight[((ic * out.c + oc) * kh + ky) * kw + kx]!;
          for (let iy = 0; iy < x.h; iy++) {
            const oy = iy * sh - ph + ky;
            if (oy < 0 || oy >= out.h) continue;
            for (let ix = 0; ix < x.w; ix++) {
              const ox = ix * sw - pw + kx;
              if (ox < 0 || ox >= out.w) continue;
              out.data[(oc * out.h + oy) * out.w + ox] += wv * x.data[(ic * x.h + iy) * x.w + ix]!;
            }
          }
        }
      }
    }
  }
  return out;
}

function pool(spec: Spec<'avgPool2d'> | Spec<'maxPool2d'>, x: Activation, out: Activation): Activation {
  const [kh, kw] = spec.kernel;
  const [sh, sw] = spec.stride;
  const [ph, pw] = spec.padding;
  for (let ch = 0; ch < x.c; ch++) {
    for (let oy = 0; oy < out.h; oy++) {
      for (let ox = 0; ox < out.w; ox++) {
        let sum = 0;
        let max = -Infinity;
        let count = 0;
        for (let ky = 0; ky < kh; ky++) {
          for (let kx = 0; kx < kw; kx++) {
            const iy = oy * sh - ph + ky;
            const ix = ox * sw - pw + kx;
            if (iy < 0 || iy >= x.h || ix < 0 || ix >= x.w) continue;
            const v = x.data[(ch * x.h + iy) * x.w + ix]!;
            sum += v;
            max = Math.max(max, v);
            count++;
          }
        }
        const divisor = spec.op === 'avgPool2d' && spec.countIncludePad ? kh * kw : count;
        out.data[(ch * out.h + oy) * out.w + ox] = spec.op === 'maxPool2d' ? max : sum / divisor;
      }
    }
  }
  return out;
}

/** PyTorch AdaptiveAvgPool2d: bin i covers [floor(i * L / n), ceil((i + 1) * L / n)). */
function adaptiveAvgPool(x: Activation, out: Activation): Activation {
  for (let ch = 0; ch < x.c; ch++) {
    for (let by = 0; by < out.h; by++) {
      const y0 = Math.floor((by * x.h) / out.h);
      const y1 = Math.ceil(((by + 1) * x.h) / out.h);
      for (let bx = 0; bx < out.w; bx++) {
        const x0 = Math.floor((bx * x.w) / out.w);
        const x1 = Math.ceil(((bx + 1) * x.w) / out.w);
        let sum = 0;
        for (let iy = y0; iy < y1; iy++) for (let ix = x0; ix < x1; ix++) sum += x.data[(ch * x.h + iy) * x.w + ix]!;
        out.data[(ch * out.h + by) * out.w + bx] = sum / ((y1 - y0) * (x1 - x0));
      }
    }
  }
  return out;
}

/** Source coordinate of output index `i` along an axis of `inSize` -> `outSize`. */
export function sourceCoordinate(mode: CoordinateMode, i: number, inSize: number, outSize: number): number {
  if (mode === 'align-corners') return outSize > 1 ? (i * (inSize - 1)) / (outSize - 1) : 0;
  if (mode === 'asymmetric') return (i * inSize) / outSize;
  return Math.max(0, ((i + 0.5) * inSize) / outSize - 0.5);
}

function resizeBilinear(x: Activation, mode: CoordinateMode, out: Activation): Activation {
  const axis = (inSize: number, outSize: number) =>
    Array.from({ length: outSize }, (_, i) => {
      const s = Math.min(sourceCoordinate(mode, i, inSize, outSize), inSize - 1);
      const lo = Math.floor(s);
      return { lo, hi: Math.min(lo + 1, inSize - 1), t: s - lo };
    });
  const ys = axis(x.h, out.h);
  const xs = axis(x.w, out.w);
  for (let ch = 0; ch < x.c; ch++) {
    const at = (iy: number, ix: number) => x.data[(ch * x.h + iy) * x.w + ix]!;
    ys.forEach((y, oy) => {
      xs.forEach((p, ox) => {
        const top = at(y.lo, p.lo) * (1 - p.t) + at(y.lo, p.hi) * p.t;
        const bottom = at(y.hi, p.lo) * (1 - p.t) + at(y.hi, p.hi) * p.t;
        out.data[(ch * out.h + oy) * out.w + ox] = top * (1 - y.t) + bottom * y.t;
      });
    });
  }
  return out;
}
