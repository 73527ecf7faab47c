import { forEachFlowTarget, type FlowField, type LabelMap } from '@vidseg/core';

/**
 * Share of the pixels of frame t whose predicted label changes at frame t+1 beyond what the motion
 * explains: `next` is followed back along the flow F(t -> t+1) to the nearest pixel (as TC does),
 * over the pixels visible in both frames (`valid`, when given; flow leaving the frame is skipped).
 * 0 when no pixel can be compared.
 */
export function labelFlicker(current: LabelMap, next: LabelMap, flow: FlowField, valid?: Uint8Array): number {
  let compared = 0;
  let changed = 0;
  forEachFlowTarget(flow, (p, q) => {
    if (valid && valid[p] === 0) return;
    compared++;
    if (current.data[p] !== next.data[q]) changed++;
  });
  return compared === 0 ? 0 : changed / compared;
}
