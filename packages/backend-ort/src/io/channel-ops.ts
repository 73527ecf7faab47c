/**
 * Per-pixel argmax over the K channel planes of one NCHW item starting at `offset`, written to
 * `out` (the first maximum wins, as ONNX ArgMax and tfjs argMax). `bestValues` is scratch space of
 * at least `plane` floats, so that nothing is allocated per call.
 */
export function argmaxChannels(data: Float32Array, offset: number, classes: number, plane: number, out: Uint8Array, bestValues: Float32Array): void {
  out.fill(0, 0, plane);
  bestValues.set(data.subarray(offset, offset + plane));
  for (let k = 1; k < classes; k++) {
    const channel = data.subarray(offset + k * plane, offset + (k + 1) * plane);
    for (let p = 0; p < plane; p++) {
      const v = channel[p]!;
      if (v > bestValues[p]!) {
        bestValues[p] = v;
        out[p] = k;
      }
    }
  }
}

/** Softmax over the K channel planes of one NCHW item starting at `offset`, written to `out` (K x plane). */
export function softmaxChannels(data: Float32Array, offset: number, classes: number, plane: number, out: Float32Array): void {
  for (let p = 0; p < plane; p++) {
    let max = -Infinity;
    for (let k = 0; k < classes; k++) max = Math.max(max, data[offset + k * plane + p]!);
    let total = 0;
    for (let k = 0; k < classes; k++) {
      const e = Math.exp(data[offset + k * plane + p]! - max);
      out[k * plane + p] = e;
      total += e;
    }
    for (let k = 0; k < classes; k++) out[k * plane + p]! /= total;
  }
}
