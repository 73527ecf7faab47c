import type { ClipFrame, ExactNeighbour, FlowField } from '@vidseg/core';
import { bilinearSupportSet, exactFlowBook, remapImage, remapLabels, type CoordinateMap } from '@vidseg/flow/internal';
import type { SmoothMotion } from './smooth-motion.js';

/** Largest residual (pixels) of the inverse motion for a pixel to count as valid. */
const INVERSE_TOLERANCE = 0.01;

/**
 * Makes a neighbour of `still` by moving it along `motion`: the neighbour shows at q what the still
 * shows at motion^-1(q) (bilinear for the image, nearest for the label, `ignoreLabel` where it
 * comes from outside the still). The forward flow is exact by construction (F(p) = motion(p) - p);
 * the backward flow is the inverse motion. Pixels are valid where the other end lies inside. Both flows are recorded for the `exact` estimator.
 */
export function pseudoNeighbour(still: ClipFrame, motion: SmoothMotion, id: string, ignoreLabel: number): ExactNeighbour {
  const { width, height } = still.image;
  const count = width * height;
  const point = new Float64Array(2);
  const sources = new Float32Array(count * 2);
  const backward = new Float32Array(count * 2);
  const converged = new Uint8Array(count);
  for (let y = 0, q = 0; y < height; y++) {
    for (let x = 0; x < width; x++, q++) {
      const residual = motion.inverse(x, y, point);
      sources[2 * q] = point[0]!;
      sources[2 * q + 1] = point[1]!;
      backward[2 * q] = point[0]! - x;
      backward[2 * q + 1] = point[1]! - y;
      converged[q] = residual < INVERSE_TOLERANCE ? 1 : 0;
    }
  }
  const map: CoordinateMap = { width, height, data: sources };
  const { result: image, inside } = remapImage(still.image, map, 0);
  const label = still.label ? remapLabels(still.label, map, ignoreLabel) : undefined;
  const forward = new Float32Array(count * 2);
  const valid = new Uint8Array(count);
  for (let y = 0, p = 0; y < height; y++) {
    for (let x = 0; x < width; x++, p++) {
      motion.forward(x, y, point);
      forward[2 * p] = point[0]! - x;
      forward[2 * p + 1] = point[1]! - y;
      valid[p] = bilinearSupportSet(inside, width, height, point[0]!, point[1]!) ? 1 : 0;
    }
  }
  // The still is complete: a backward flow is valid wherever it lands inside it.
  const validBack = new Uint8Array(count);
  for (let q = 0; q < count; q++) {
    const sx = sources[2 * q]!;
    const sy = sources[2 * q + 1]!;
    validBack[q] = converged[q] && sx >= 0 && sy >= 0 && sx <= width - 1 && sy <= height - 1 ? 1 : 0;
  }
  const flow: FlowField = { width, height, data: forward };
  const backFlow: FlowField = { width, height, data: backward };
  exactFlowBook.recordFlow(still.image, image, flow);
  exactFlowBook.recordFlow(image, still.image, backFlow);
  return {
    frame: { image, ...(label ? { label } : {}), id },
    flow,
    valid,
    backward: { flow: backFlow, valid: validBack },
  };
}
