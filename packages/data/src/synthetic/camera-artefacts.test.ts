import { warpLabelsNearest, type ImageFrame } from '@vidseg/core';
import { describe, expect, it } from 'vitest';
import { cleanSynthetic, warpError } from '../../test/clip-fixtures.js';
import { applyCameraArtefacts, NO_CAMERA_ARTEFACTS } from './camera-artefacts.js';

const flat = (value: number, width = 16, height = 16): ImageFrame => ({ width, height, channels: 3, data: new Uint8Array(width * height * 3).fill(value) });
const meanAbsDifference = (a: ImageFrame, b: ImageFrame) => {
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) sum += Math.abs(a.data[i]! - b.data[i]!);
  return sum / a.data.length;
};

describe('applyCameraArtefacts', () => {
  it('leaves a frame alone for a perfect camera', () => {
    const image = flat(100);
    applyCameraArtefacts(image, NO_CAMERA_ARTEFACTS, 3, 5);
    expect(image.data.every((v) => v === 100)).toBe(true);
  });

  it('flickers: a grey frame gets one gain per channel that changes from frame to frame, deterministically', () => {
    const gains = (time: number) => {
      const image = flat(100);
      applyCameraArtefacts(image, { ...NO_CAMERA_ARTEFACTS, flicker: 0.2 }, 7, time);
      expect(new Set(image.data.filter((_, i) => i % 3 === 0)).size).toBe(1); // uniform over the frame
      return [image.data[0]!, image.data[1]!, image.data[2]!];
    };
    expect(gains(4)).toEqual(gains(4));
    expect(gains(4)).not.toEqual(gains(5));
    // Exposure within +-20 % and white balance within +-10 %: every channel stays within 100 * 1.2 * 1.1.
    for (let t = 0; t < 20; t++) for (const g of gains(t)) expect(Math.abs(g - 100)).toBeLessThanOrEqual(33);
  });

  it('compresses: detail below the step vanishes within an 8x8 block, the block mean survives', () => {
    const image = flat(0, 8, 8);
    image.data.forEach((_, i) => (image.data[i] = 120 + (i % 2 ? 2 : -2)));
    applyCameraArtefacts(image, { ...NO_CAMERA_ARTEFACTS, compression: 16 }, 1, 0);
    expect(image.data.every((v) => v === 120)).toBe(true);
  });

  it('blurs along rows only: a vertical edge spreads, a horizontal one stays sharp', () => {
    const vertical = flat(0, 16, 4);
    const horizontal = flat(0, 16, 4);
    for (let y = 0; y < 4; y++) for (let x = 0; x < 16; x++) for (let c = 0; c < 3; c++) {
      vertical.data[(y * 16 + x) * 3 + c] = x < 8 ? 0 : 240;
      horizontal.data[(y * 16 + x) * 3 + c] = y < 2 ? 0 : 240;
    }
    // Some frame of the first ten draws a blur of at least one pixel.
    const time = Array.from({ length: 10 }, (_, t) => t).find((t) => {
      const probe = flat(0, 16, 1);
      probe.data.fill(240, 24);
      applyCameraArtefacts(probe, { ...NO_CAMERA_ARTEFACTS, motionBlur: 4 }, 2, t);
      return probe.data[21] !== 0;
    })!;
    expect(time).toBeDefined();
    applyCameraArtefacts(vertical, { ...NO_CAMERA_ARTEFACTS, motionBlur: 4 }, 2, time);
    applyCameraArtefacts(horizontal, { ...NO_CAMERA_ARTEFACTS, motionBlur: 4 }, 2, time);
    expect(vertical.data[7 * 3]).toBeGreaterThan(0);
    expect(vertical.data[7 * 3]).toBeLessThan(240);
    expect(new Set(horizontal.data)).toEqual(new Set([0, 240]));
  });
});

describe('synthetic clips with camera artefacts', () => {
  const artefacts = { flicker: 0.12, compression: 12, motionBlur: 2, sensorNoise: 6, shake: 0.004 } as const;

  it('change the images but not the labels (shake aside, which moves the camera)', async () => {
    const clean = cleanSynthetic();
    const spoiled = cleanSynthetic({ ...artefacts, shake: 0 });
    const a = await clean.frame(3);
    const b = await spoiled.frame(3);
    expect(b.label!.data).toEqual(a.label!.data);
    expect(meanAbsDifference(a.image, b.image)).toBeGreaterThan(3);
  });

  it('keep the flow exact with camera shake: labels warped along it agree, and shake moves the frame', async () => {
    const shaken = cleanSynthetic({ shake: 0.01 });
    const steady = cleanSynthetic();
    const moved = await shaken.exactNeighbour(2, 1);
    const target = await shaken.frame(2);
    const warped = warpLabelsNearest(moved.frame.label!, moved.flow, 255);
    let agree = 0;
    let visible = 0;
    moved.valid.forEach((v, p) => {
      if (!v) return;
      visible++;
      if (warped.data[p] === target.label!.data[p]) agree++;
    });
    expect(agree / visible).toBeGreaterThan(0.98);
    const error = warpError(target.image, moved.frame.image, moved.flow, moved.valid);
    expect(error.mean).toBeLessThan(3);
    const steadyLabels = (await steady.frame(2)).label!.data;
    expect(target.label!.data).not.toEqual(steadyLabels);
  });
});
