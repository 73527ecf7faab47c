/**
 * The loops behind the reference interpreter, written from PyTorch's op definitions with float64
 * accumulation and no code shared with either engine.
 */
import type { CoordinateMode, OpSpec } from '../graph/graph-types.js';
import { nchwIndex as at, zerosNchw, type Nchw } from './nchw.js';

type Spec<K extends OpSpec['op']> = Extract<OpSpec, { op: K }>;

/** Applies `f(value, channel)` to every element. */
export function mapNchw(x: Nchw, f: (v: number, channel: number) => number): Nchw {
  const out = zerosNchw(x.shape);
  const plane = x.shape[2] * x.shape[3];
  for (let i = 0; i < x.data.length; i++) out.data[i] = f(x.data[i]!, Math.floor(i / plane) % x.shape[1]);
  return out;
}

/** Grouped, dilated 2-D convolution (weights OIHW) to an output of `outHw`. */
export function conv2d(spec: Spec<'conv2d'>, x: Nchw, weight: Float32Array, bias: Float32Array | undefined, outHw: readonly [number, number]): Nchw {
  const [n, c, h, w] = x.shape;
  const out = zerosNchw([n, spec.outChannels, outHw[0], outHw[1]]);
  const [, oc, oh, ow] = out.shape;
  const [kh, kw] = spec.kernel;
  const [sh, sw] = spec.stride;
  const [ph, pw] = spec.padding;
  const [dh, dw] = spec.dilation;
  const inPerGroup = c / spec.groups;
  const outPerGroup = oc / spec.groups;
  for (let b = 0; b < n; b++)
    for (let o = 0; o < oc; o++) {
      const outPlane = at(out, b, o, 0, 0);
      if (bias) out.data.fill(bias[o]!, outPlane, outPlane + oh * ow);
      const firstIn = Math.floor(o / outPerGroup) * inPerGroup;
      for (let i = 0; i < inPerGroup; i++) {
        const inPlane = at(x, b, firstIn + i, 0, 0);
        for (let ky = 0; ky < kh; ky++)
          for (let kx = 0; kx < kw; kx++) {
            const wv = weight[((o * inPerGroup + i) * kh + ky) * kw + kx]!;
            const shiftX = kx * dw - pw;
            // Output columns whose input column lies inside the image.
            const oxStart = Math.max(0, Math.ceil(-shiftX / sw));
            const oxEnd = Math.min(ow, Math.floor((w - 1 - shiftX) / sw) + 1);
            for (let oy = 0; oy < oh; oy++) {
              const iy = oy * sh + ky * dh - ph;
              if (iy < 0 || iy >= h) continue;
              const inRow = inPlane + iy * w + shiftX;
              const outRow = outPlane + oy * ow;
              for (let ox = oxStart; ox < oxEnd; ox++) out.data[outRow + ox] += wv * x.data[inRow + ox * sw]!;
            }
          }
      }
    }
  return out;
}

/** Transposed convolution (weights IOHW, PyTorch's ConvTranspose2d). */
export function convTranspose2d(spec: Spec<'convTranspose2d'>, x: Nchw, weight: Float32Array, bias: Float32Array | undefined, outHw: readonly [number, number]): Nchw {
  const [n, c, h, w] = x.shape;
  const m = spec.outChannels;
  const out = zerosNchw([n, m, outHw[0], outHw[1]]);
  const [, , oh, ow] = out.shape;
  const [kh, kw] = spec.kernel;
  for (let b = 0; b < n; b++) {
    if (bias) for (let o = 0; o < m; o++) out.data.fill(bias[o]!, at(out, b, o, 0, 0), at(out, b, o + 1, 0, 0));
    for (let ci = 0; ci < c; ci++)
      for (let o = 0; o < m; o++)
        for (let ky = 0; ky < kh; ky++)
          for (let kx = 0; kx < kw; kx++) {
            const wv = weight[((ci * m + o) * kh + ky) * kw + kx]!;
            for (let iy = 0; iy < h; iy++) {
              const oy = iy * spec.stride[0] - spec.padding[0] + ky;
              if (oy < 0 || oy >= oh) continue;
              for (let ix = 0; ix < w; ix++) {
                const ox = ix * spec.stride[1] - spec.padding[1] + kx;
                if (ox >= 0 && ox < ow) out.data[at(out, b, o, oy, ox)] += wv * x.data[at(x, b, ci, iy, ix)]!;
              }
            }
          }
  }
  return out;
}

/** Average or max pooling with zero padding that max never picks. */
export function pool2d(spec: Spec<'avgPool2d'> | Spec<'maxPool2d'>, x: Nchw, outHw: readonly [number, number]): Nchw {
  const [n, c, h, w] = x.shape;
  const out = zerosNchw([n, c, outHw[0], outHw[1]]);
  const [kh, kw] = spec.kernel;
  for (let b = 0; b < n; b++)
    for (let ch = 0; ch < c; ch++)
      for (let oy = 0; oy < outHw[0]; oy++)
        for (let ox = 0; ox < outHw[1]; ox++) {
          let [sum, max, count] = [0, -Infinity, 0];
          for (let ky = 0; ky < kh; ky++)
            for (let kx = 0; kx < kw; kx++) {
              const iy = oy * spec.stride[0] - spec.padding[0] + ky;
              const ix = ox * spec.stride[1] - spec.padding[1] + kx;
              if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
              const v = x.data[at(x, b, ch, iy, ix)]!;
              sum += v;
              max = Math.max(max, v);
              count++;
            }
          const divisor = spec.op === 'avgPool2d' && spec.countIncludePad ? kh * kw : count;
          out.data[at(out, b, ch, oy, ox)] = spec.op === 'maxPool2d' ? max : sum / divisor;
        }
  return out;
}

/** PyTorch AdaptiveAvgPool2d: bin i covers [floor(i * L / n), ceil((i + 1) * L / n)). */
export function adaptiveAvgPool(x: Nchw, bins: readonly [number, number]): Nchw {
  const [n, c, h, w] = x.shape;
  const out = zerosNchw([n, c, bins[0], bins[1]]);
  for (let b = 0; b < n; b++)
    for (let ch = 0; ch < c; ch++)
      for (let i = 0; i < bins[0]; i++)
        for (let j = 0; j < bins[1]; j++) {
          const [y0, y1] = [Math.floor((i * h) / bins[0]), Math.ceil(((i + 1) * h) / bins[0])];
          const [x0, x1] = [Math.floor((j * w) / bins[1]), Math.ceil(((j + 1) * w) / bins[1])];
          let sum = 0;
          for (let y = y0; y < y1; y++) for (let xx = x0; xx < x1; xx++) sum += x.data[at(x, b, ch, y, xx)]!;
          out.data[at(out, b, ch, i, j)] = sum / ((y1 - y0) * (x1 - x0));
        }
  return out;
}

/** Source coordinate of output index `i` along an axis of `inSize` -> `outSize` (PyTorch's rule per mode). */
function sourceCoordinate(mode: CoordinateMode, i: number, inSize: number, outSize: number): number {
  if (mode === 'align-corners') return outSize > 1 ? (i * (inSize - 1)) / (outSize - 1) : 0;
  if (mode === 'asymmetric') return (i * inSize) / outSize;
  return Math.max(0, ((i + 0.5) * inSize) / outSize - 0.5);
}

/** Bilinear resize to `size` ([h, w]), clamped at the edges. */
export function resizeBilinearNchw(x: Nchw, size: readonly [number, number], mode: CoordinateMode): Nchw {
  const [n, c, h, w] = x.shape;
  const out = zerosNchw([n, c, size[0], size[1]]);
  const axis = (inSize: number, outSize: number) =>
    Array.from({ length: outSize }, (_, i) => {
      const s = Math.min(sourceCoordinate(mode, i, inSize, outSize), inSize - 1);
      const lo = Math.floor(s);
      return { lo, hi: Math.min(lo + 1, inSize - 1), t: s - lo };
    });
  const ys = axis(h, size[0]);
  const xs = axis(w, size[1]);
  for (let b = 0; b < n; b++)
    for (let ch = 0; ch < c; ch++) {
      const v = (iy: number, ix: number) => x.data[at(x, b, ch, iy, ix)]!;
      ys.forEach((y, oy) =>
        xs.forEach((p, ox) => {
          const top = v(y.lo, p.lo) * (1 - p.t) + v(y.lo, p.hi) * p.t;
          const bottom = v(y.hi, p.lo) * (1 - p.t) + v(y.hi, p.hi) * p.t;
          out.data[at(out, b, ch, oy, ox)] = top * (1 - y.t) + bottom * y.t;
        }),
      );
    }
  return out;
}

/** Per-channel mean and biased variance over (N, H, W): BatchNorm's batch statistics. */
export function channelMoments(x: Nchw): { mean: number[]; variance: number[] } {
  const [n, c, h, w] = x.shape;
  const mean = new Array<number>(c).fill(0);
  const variance = new Array<number>(c).fill(0);
  for (let ch = 0; ch < c; ch++) {
    let sum = 0;
    for (let b = 0; b < n; b++) for (let i = 0; i < h * w; i++) sum += x.data[at(x, b, ch, 0, 0) + i]!;
    mean[ch] = sum / (n * h * w);
    let squares = 0;
    for (let b = 0; b < n; b++) for (let i = 0; i < h * w; i++) squares += (x.data[at(x, b, ch, 0, 0) + i]! - mean[ch]!) ** 2;
    variance[ch] = squares / (n * h * w);
  }
  return { mean, variance };
}
