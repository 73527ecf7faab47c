import type { FlowField, ImageFrame } from '@vidseg/core';

/** The Middlebury colour wheel: 55 hues from red through yellow, green, cyan, blue and magenta. */
function colourWheel(): Uint8Array {
  const [ry, yg, gc, cb, bm, mr] = [15, 6, 4, 11, 13, 6];
  const wheel: number[] = [];
  for (let i = 0; i < ry; i++) wheel.push(255, Math.floor((255 * i) / ry), 0);
  for (let i = 0; i < yg; i++) wheel.push(255 - Math.floor((255 * i) / yg), 255, 0);
  for (let i = 0; i < gc; i++) wheel.push(0, 255, Math.floor((255 * i) / gc));
  for (let i = 0; i < cb; i++) wheel.push(0, 255 - Math.floor((255 * i) / cb), 255);
  for (let i = 0; i < bm; i++) wheel.push(Math.floor((255 * i) / bm), 0, 255);
  for (let i = 0; i < mr; i++) wheel.push(255, 0, 255 - Math.floor((255 * i) / mr));
  return Uint8Array.from(wheel);
}

const WHEEL = colourWheel();

/**
 * Draws a flow in the Middlebury colour coding: hue is the direction, saturation the magnitude
 * relative to `maxMagnitude` (default: the largest magnitude in the field). White is no motion.
 */
export function flowToColour(flow: FlowField, maxMagnitude?: number): ImageFrame {
  const count = flow.width * flow.height;
  let max = maxMagnitude ?? 0;
  if (maxMagnitude === undefined) for (let p = 0; p < count; p++) max = Math.max(max, Math.hypot(flow.data[2 * p]!, flow.data[2 * p + 1]!));
  const colours = WHEEL.length / 3;
  const out = new Uint8Array(count * 3);
  for (let p = 0; p < count; p++) {
    const u = flow.data[2 * p]! / (max || 1);
    const v = flow.data[2 * p + 1]! / (max || 1);
    const radius = Math.min(1, Math.hypot(u, v));
    const angle = Math.atan2(-v, -u) / Math.PI;
    const position = ((angle + 1) / 2) * (colours - 1);
    const k0 = Math.floor(position);
    const k1 = (k0 + 1) % colours;
    const f = position - k0;
    for (let c = 0; c < 3; c++) {
      const hue = ((1 - f) * WHEEL[3 * k0 + c]! + f * WHEEL[3 * k1 + c]!) / 255;
      out[3 * p + c] = Math.round(255 * (1 - radius * (1 - hue)));
    }
  }
  return { width: flow.width, height: flow.height, channels: 3, data: out };
}
