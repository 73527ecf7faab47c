import { DataError, type FlowField } from '@vidseg/core';

/**
 * The demo's flow file format: for each consecutive frame pair (t, t+1), the exact flow F(t -> t+1)
 * rounded to whole pixels, as int8 (dx, dy) per pixel, row-major, pairs one after the other (the
 * file is that gzip-compressed). Rounding loses nothing for temporal consistency: its
 * nearest-neighbour warp reads round(x + dx), which is x + round(dx) for whole x.
 */
const PACKED_FLOW_LIMIT = 127;

/** Packs flows (all of one size) into the int8 layout; a component beyond ±127 px is a DataError. */
export function packFlows(flows: readonly FlowField[]): Int8Array {
  const first = flows[0];
  if (!first) return new Int8Array(0);
  const pairSize = first.width * first.height * 2;
  const out = new Int8Array(pairSize * flows.length);
  flows.forEach((flow, pair) => {
    if (flow.width !== first.width || flow.height !== first.height) {
      throw new DataError(`flow of pair ${pair} is ${flow.width}x${flow.height}; expected ${first.width}x${first.height} like pair 0`);
    }
    for (let i = 0; i < pairSize; i++) {
      const value = Math.round(flow.data[i]!);
      if (Math.abs(value) > PACKED_FLOW_LIMIT) throw new DataError(`flow of pair ${pair} moves ${value} px at component ${i}; the packed format holds ±${PACKED_FLOW_LIMIT}`);
      out[pairSize * pair + i] = value;
    }
  });
  return out;
}

/** The flow F(t -> t+1) of pair `pair` from packed bytes of `width` x `height` frames. */
export function unpackFlow(packed: Int8Array, width: number, height: number, pair: number): FlowField {
  const pairSize = width * height * 2;
  const pairs = packed.length / pairSize;
  if (!Number.isInteger(pairs)) throw new DataError(`packed flow has ${packed.length} bytes, not a whole number of ${width}x${height} pairs`);
  if (!(pair >= 0 && pair < pairs)) throw new DataError(`packed flow has pairs 0..${pairs - 1}; pair ${pair} was asked for`);
  return { width, height, data: Float32Array.from(packed.subarray(pairSize * pair, pairSize * (pair + 1))) };
}
