import type { TemporalSettings } from '../../src/temporal/temporal-loss.js';
import { Nhwc } from '../nhwc.js';
import { referenceResizeAlignCorners } from './resize-reference.js';
import { referenceSoftmax } from './softmax.js';
import { referenceWarp } from './warp-reference.js';

/** One (t, t') pair as float64 arrays: outputs [N, h, w, K], images [N, H, W, 3], flows [N, H, W, 2]. */
export interface ReferenceTemporalPair {
  readonly output: Nhwc;
  readonly neighbourOutput: Nhwc;
  readonly image: Nhwc;
  readonly neighbourImage: Nhwc;
  readonly flow: Nhwc;
  readonly backwardFlow?: Nhwc;
}

/** Float64 photometric mask [N, H, W, 1]: exp(-alpha |sum_c (I_t - warp(I_t', F))_c|). */
export function referencePhotometricMask(image: Nhwc, neighbourImage: Nhwc, flow: Nhwc, alpha: number): Nhwc {
  const [n, h, w] = image.shape;
  const warped = referenceWarp(neighbourImage, flow);
  const mask = new Nhwc([n, h, w, 1]);
  for (let b = 0; b < n; b++)
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        let difference = 0;
        for (let c = 0; c < 3; c++) difference += image.at(b, y, x, c) - warped.at(b, y, x, c);
        mask.data[mask.index(b, y, x, 0)] = Math.exp(-alpha * Math.abs(difference));
      }
  return mask;
}

/**
 * Float64 forward-backward mask [N, H, W, 1] (Sundaram et al. 2010): with B(p) the backward flow
 * read bilinearly at p + F(p), 1 where |F + B|^2 <= relative (|F|^2 + |B|^2) + absolute, else 0.
 */
export function referenceForwardBackwardMask(flow: Nhwc, backwardFlow: Nhwc, tolerance: TemporalSettings['consistency']): Nhwc {
  const [n, h, w] = flow.shape;
  const back = referenceWarp(backwardFlow, flow);
  const mask = new Nhwc([n, h, w, 1]);
  for (let b = 0; b < n; b++)
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const [fx, fy, bx, by] = [flow.at(b, y, x, 0), flow.at(b, y, x, 1), back.at(b, y, x, 0), back.at(b, y, x, 1)];
        const mismatch = (fx + bx) ** 2 + (fy + by) ** 2;
        const allowed = tolerance.relative * (fx ** 2 + fy ** 2 + bx ** 2 + by ** 2) + tolerance.absolute;
        mask.data[mask.index(b, y, x, 0)] = mismatch <= allowed ? 1 : 0;
      }
  return mask;
}

/** A flow field resized (align-corners) to height x width, its (dx, dy) scaled to pixels of the new grid. */
function referenceResizeFlow(flow: Nhwc, height: number, width: number): Nhwc {
  const [, h, w] = flow.shape;
  const resized = referenceResizeAlignCorners(flow, height, width);
  const scale = [w > 1 ? (width - 1) / (w - 1) : 1, h > 1 ? (height - 1) / (h - 1) : 1];
  for (let i = 0; i < resized.data.length; i++) resized.data[i] = resized.data[i]! * scale[i % 2]!;
  return resized;
}

/**
 * Float64 temporal loss, written from the reference's FlowModel.cal_loss and the documented
 * options: mean over n, p, k of (O M S_t - O M warp(S_t'))^2, with O the non-occlusion mask
 * (photometric, forward-backward or 1) computed at the flow's size and M the in-frame mask of the
 * flow on the comparison grid. `input` resolution: both outputs upsampled (align-corners) to the
 * flow's size; `output`: the flow resized and rescaled to the outputs' size, O resized likewise.
 * In probability space the softmax is taken after the resize.
 */
export function referenceTemporalLoss(pair: ReferenceTemporalPair, settings: TemporalSettings): number {
  const [n, flowHeight, flowWidth] = pair.flow.shape;
  const [, outputHeight, outputWidth, k] = pair.output.shape;
  const atInput = settings.resolution === 'input';
  const [h, w] = atInput ? [flowHeight, flowWidth] : [outputHeight, outputWidth];
  const occlusion =
    settings.mask === 'photometric'
      ? referencePhotometricMask(pair.image, pair.neighbourImage, pair.flow, settings.alpha)
      : settings.mask === 'forward-backward'
        ? referenceForwardBackwardMask(pair.flow, pair.backwardFlow!, settings.consistency)
        : undefined;
  const mask = occlusion && referenceResizeAlignCorners(occlusion, h, w);
  const flow = atInput ? pair.flow : referenceResizeFlow(pair.flow, h, w);
  const toSpace = (output: Nhwc) => {
    const resized = referenceResizeAlignCorners(output, h, w);
    return settings.space === 'probabilities' ? referenceSoftmax(resized) : resized;
  };
  const current = toSpace(pair.output);
  const warped = referenceWarp(toSpace(pair.neighbourOutput), flow);
  let total = 0;
  for (let b = 0; b < n; b++) {
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const tx = x + flow.at(b, y, x, 0);
        const ty = y + flow.at(b, y, x, 1);
        const inside = tx >= 0 && tx <= w - 1 && ty >= 0 && ty <= h - 1 ? 1 : 0;
        const m = inside * (mask ? mask.at(b, y, x, 0) : 1);
        for (let c = 0; c < k; c++) total += (m * current.at(b, y, x, c) - m * warped.at(b, y, x, c)) ** 2;
      }
    }
  }
  return total / (n * h * w * k);
}
