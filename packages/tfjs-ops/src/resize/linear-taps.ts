import type { CoordinateMode } from '@vidseg/core';
import { sourceCoordinate } from './coordinate-mode.js';

/**
 * One axis of a linear resize: output o = (1 - weight[o]) * input[lower[o]] + weight[o] * input[upper[o]].
 * The source coordinate is clamped to [0, inLength - 1], as ONNX (edge values) and PyTorch do.
 */
export interface LinearTaps {
  readonly lower: Int32Array;
  readonly upper: Int32Array;
  readonly weight: Float32Array;
}

/** The taps of a linear resize of an axis from `inLength` to `outLength` (computed in float64). */
export function linearTaps(inLength: number, outLength: number, mode: CoordinateMode): LinearTaps {
  const lower = new Int32Array(outLength);
  const upper = new Int32Array(outLength);
  const weight = new Float32Array(outLength);
  for (let o = 0; o < outLength; o++) {
    const source = Math.min(Math.max(sourceCoordinate(o, inLength, outLength, mode), 0), inLength - 1);
    const below = Math.floor(source);
    lower[o] = below;
    upper[o] = Math.min(below + 1, inLength - 1);
    weight[o] = source - below;
  }
  return { lower, upper, weight };
}
