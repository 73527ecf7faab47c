import type { Nhwc } from '../nhwc.js';
import { referenceWarp } from './warp-reference.js';

/**
 * Float64 temporal loss at the flow's resolution with the photometric mask, written from the
 * reference's FlowModel.cal_loss: mean((O M S_t - O M warp(S_t')))^2 with O = exp(-alpha |sum_c (I_t -
 * warp(I_t'))|) and M the in-frame mask.
 */
export function referenceTemporalLoss(output: Nhwc, neighbourOutput: Nhwc, image: Nhwc, neighbourImage: Nhwc, flow: Nhwc, alpha: number): number {
  const [n, h, w, k] = output.shape;
  const warped = referenceWarp(neighbourOutput, flow);
  const warpedImage = referenceWarp(neighbourImage, flow);
  let total = 0;
  for (let b = 0; b < n; b++) {
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const tx = x + flow.at(b, y, x, 0);
        const ty = y + flow.at(b, y, x, 1);
        const inside = tx >= 0 && tx <= w - 1 && ty >= 0 && ty <= h - 1 ? 1 : 0;
        let difference = 0;
        for (let c = 0; c < 3; c++) difference += image.at(b, y, x, c) - warpedImage.at(b, y, x, c);
        const mask = inside * Math.exp(-alpha * Math.abs(difference));
        for (let c = 0; c < k; c++) total += (mask * output.at(b, y, x, c) - mask * warped.at(b, y, x, c)) ** 2;
      }
    }
  }
  return total / (n * h * w * k);
}
