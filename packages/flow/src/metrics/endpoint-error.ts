import { assertSameSize, type FlowField } from '@vidseg/core';

/** Endpoint-error statistics of an estimated flow against a reference, over the counted pixels. */
export interface EndpointError {
  /** Mean of |estimate - reference| (Euclidean, in pixels). */
  readonly mean: number;
  /** Share of counted pixels whose error exceeds 1 and 3 pixels. */
  readonly over1: number;
  readonly over3: number;
  /** Number of counted pixels. */
  readonly pixels: number;
}

/** The endpoint error of `estimate` against `reference`, counting only pixels where `mask` is non-zero (all when omitted). */
export function endpointError(estimate: FlowField, reference: FlowField, mask?: Uint8Array): EndpointError {
  assertSameSize(estimate, reference, 'endpointError (estimate vs reference)');
  const count = estimate.width * estimate.height;
  let sum = 0;
  let over1 = 0;
  let over3 = 0;
  let pixels = 0;
  for (let p = 0; p < count; p++) {
    if (mask && !mask[p]) continue;
    const dx = estimate.data[2 * p]! - reference.data[2 * p]!;
    const dy = estimate.data[2 * p + 1]! - reference.data[2 * p + 1]!;
    const e = Math.sqrt(dx * dx + dy * dy);
    sum += e;
    if (e > 1) over1++;
    if (e > 3) over3++;
    pixels++;
  }
  return pixels === 0 ? { mean: NaN, over1: NaN, over3: NaN, pixels } : { mean: sum / pixels, over1: over1 / pixels, over3: over3 / pixels, pixels };
}
