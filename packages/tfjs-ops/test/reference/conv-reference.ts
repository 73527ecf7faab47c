import { at, type Nhwc } from './nhwc.js';

/** PyTorch Conv2d attributes for the reference loops. */
export interface ReferenceConv {
  readonly stride: [number, number];
  readonly padding: [number, number];
  readonly dilation: [number, number];
  readonly groups: number;
}

/**
 * PyTorch's Conv2d by direct loops in float64, on NHWC input with filter [kh, kw, in / groups, out]
 * (for a depthwise convolution pass the filter as [kh, kw, 1, C * multiplier]).
 */
export function referenceConv2d(x: Nhwc, filter: Nhwc, conv: ReferenceConv): Nhwc {
  const [n, h, w] = x.shape;
  const [kh, kw, cinPerGroup, cout] = filter.shape;
  const outPerGroup = cout / conv.groups;
  const oh = Math.floor((h + 2 * conv.padding[0] - conv.dilation[0] * (kh - 1) - 1) / conv.stride[0]) + 1;
  const ow = Math.floor((w + 2 * conv.padding[1] - conv.dilation[1] * (kw - 1) - 1) / conv.stride[1]) + 1;
  const shape = [n, oh, ow, cout] as const;
  const out = new Float64Array(n * oh * ow * cout);
  for (let b = 0; b < n; b++)
    for (let i = 0; i < oh; i++)
      for (let j = 0; j < ow; j++)
        for (let o = 0; o < cout; o++) {
          const group = Math.floor(o / outPerGroup);
          let sum = 0;
          for (let a = 0; a < kh; a++) {
            const y = i * conv.stride[0] - conv.padding[0] + a * conv.dilation[0];
            if (y < 0 || y >= h) continue;
            for (let d = 0; d < kw; d++) {
              const xx = j * conv.stride[1] - conv.padding[1] + d * conv.dilation[1];
              if (xx < 0 || xx >= w) continue;
              for (let c = 0; c < cinPerGroup; c++) {
                sum += x.data[at(x.shape, b, y, xx, group * cinPerGroup + c)]! * filter.data[((a * kw + d) * cinPerGroup + c) * cout + o]!;
              }
            }
          }
          out[at(shape, b, i, j, o)] = sum;
        }
  return { data: out, shape };
}

/**
 * PyTorch's ConvTranspose2d by direct loops in float64: NHWC input, filter [kh, kw, out, in],
 * out[i * s + a - p] += x[i] * w[a] per axis, output (H - 1) s - 2 p + k + outputPadding.
 */
export function referenceConvTranspose2d(
  x: Nhwc,
  filter: Nhwc,
  stride: [number, number],
  padding: [number, number],
  outputPadding: [number, number],
): Nhwc {
  const [n, h, w, cin] = x.shape;
  const [kh, kw, cout] = filter.shape;
  const oh = (h - 1) * stride[0] - 2 * padding[0] + kh + outputPadding[0];
  const ow = (w - 1) * stride[1] - 2 * padding[1] + kw + outputPadding[1];
  const shape = [n, oh, ow, cout] as const;
  const out = new Float64Array(n * oh * ow * cout);
  for (let b = 0; b < n; b++)
    for (let i = 0; i < h; i++)
      for (let j = 0; j < w; j++)
        for (let a = 0; a < kh; a++)
          for (let d = 0; d < kw; d++) {
            const y = i * stride[0] + a - padding[0];
            const xx = j * stride[1] + d - padding[1];
            if (y < 0 || y >= oh || xx < 0 || xx >= ow) continue;
            for (let o = 0; o < cout; o++)
              for (let c = 0; c < cin; c++) out[at(shape, b, y, xx, o)] += x.data[at(x.shape, b, i, j, c)]! * filter.data[((a * kw + d) * cout + o) * cin + c]!;
          }
  return { data: out, shape };
}
