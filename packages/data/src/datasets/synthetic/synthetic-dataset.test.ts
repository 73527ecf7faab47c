import { warpLabelsNearest } from '@vidseg/core';
import { ExactFlowEstimator } from '@vidseg/flow';
import { describe, expect, it } from 'vitest';
import { cleanSynthetic, coverage, warpError } from '../../../test/clip-fixtures.js';
import { SyntheticDataset } from './synthetic-dataset.js';

describe('SyntheticDataset', () => {
  it('is deterministic by seed and differs between seeds and splits', async () => {
    const a = await new SyntheticDataset({ size: [40, 60], clips: 1, framesPerClip: 3 }).frame(1);
    const b = await new SyntheticDataset({ size: [40, 60], clips: 1, framesPerClip: 3 }).frame(1);
    const c = await new SyntheticDataset({ size: [40, 60], clips: 1, framesPerClip: 3, seed: 1 }).frame(1);
    const d = await new SyntheticDataset({ size: [40, 60], clips: 1, framesPerClip: 3, split: 'val' }).frame(1);
    expect(b.image.data).toEqual(a.image.data);
    expect(b.label!.data).toEqual(a.label!.data);
    expect(c.image.data).not.toEqual(a.image.data);
    expect(d.image.data).not.toEqual(a.image.data);
    expect(a).toMatchObject({ sequence: 'synthetic-train-000', index: 1, id: 'synthetic-train-000_0001' });
  });

  it('renders any size with CamVid labels: sky, building, road and pavement in every street', async () => {
    const data = new SyntheticDataset({ size: [50, 130], clips: 3, framesPerClip: 2 });
    for (let clip = 0; clip < 3; clip++) {
      const frame = await data.frame(clip * 2);
      expect(frame.image).toMatchObject({ width: 130, height: 50, channels: 3 });
      const present = new Set(frame.label!.data);
      expect(Math.max(...present)).toBeLessThanOrEqual(10);
      for (const c of [0, 1, 3, 4]) expect(present.has(c)).toBe(true);
    }
  });

  it('gives exact flow: the neighbour warped back reproduces the frame where the flow is valid', async () => {
    const data = cleanSynthetic();
    for (const [position, offset] of [[2, 3], [5, -3], [9, 3]] as const) {
      const target = await data.frame(position);
      const n = await data.exactNeighbour(position, offset);
      const visible = coverage(n.valid);
      expect(visible).toBeGreaterThan(0.5);
      expect(visible).toBeLessThan(1);
      const error = warpError(target.image, n.frame.image, n.flow, n.valid);
      const unmoved = warpError(target.image, n.frame.image, { ...n.flow, data: new Float32Array(n.flow.data.length) }, n.valid);
      expect(error.mean).toBeLessThan(2.5);
      expect(error.mean).toBeLessThan(unmoved.mean / 2);
      // Labels warped by nearest neighbour agree except where rounding crosses a boundary.
      const warped = warpLabelsNearest(n.frame.label!, n.flow, 255);
      let agree = 0;
      n.valid.forEach((v, p) => (agree += v && warped.data[p] === target.label!.data[p] ? 1 : 0));
      expect(agree / error.pixels).toBeGreaterThan(0.99);
    }
  });

  it('gives a zero flow from a frame to itself and moving objects whose flow differs from the camera motion', async () => {
    const data = cleanSynthetic({ traffic: 3, size: [144, 192] });
    const self = await data.exactNeighbour(4, 0);
    expect(self.flow.data.every((v) => Math.abs(v) < 1e-3)).toBe(true);
    const target = await data.frame(4);
    const ahead = await data.exactNeighbour(4, 3);
    // Camera-only flow: the world point seen at each pixel of frame 4, held still, projected with
    // the camera of frame 7 (what every pixel's flow would be in a static scene).
    const clip = data.clip(0);
    const from = clip.frame(4);
    const to = clip.frame(7);
    const { width, height } = clip.camera;
    const still = new Float32Array(2 * width * height);
    const q = { x: 0, y: 0, depth: 0 };
    for (let p = 0; p < width * height; p++) {
      clip.camera.project(to.pose, from.points[3 * p]!, from.points[3 * p + 1]!, from.points[3 * p + 2]!, q);
      still[2 * p] = q.x - (p % width);
      still[2 * p + 1] = q.y - Math.floor(p / width);
    }
    const CAR = 8; // CamVid: 8 car, 9 pedestrian, 10 bicyclist move; 0..7 are the static world
    let staticOff = 0;
    let objects = 0;
    let objectsMoved = 0;
    const moved = new Uint8Array(width * height);
    for (let p = 0; p < width * height; p++) {
      const off = Math.hypot(ahead.flow.data[2 * p]! - still[2 * p]!, ahead.flow.data[2 * p + 1]! - still[2 * p + 1]!);
      if (target.label!.data[p]! < CAR) {
        staticOff = Math.max(staticOff, off);
        continue;
      }
      objects++;
      if (off > 0.25) objectsMoved++;
      moved[p] = off > 1 && ahead.valid[p] ? 1 : 0;
    }
    expect(staticOff).toBeLessThan(1e-3); // the static world moves with the camera only
    // Parked cars and standing sprites follow the camera; the moving ones (here about a third of
    // the object pixels) do not.
    expect(objects).toBeGreaterThan(500);
    expect(objectsMoved / objects).toBeGreaterThan(0.15);
    // Independent check on the images: where an object's own motion shifts it by more than a pixel,
    // the exact flow warps frame 7 onto frame 4 to within interpolation error (< 2.5 levels, as for
    // the whole frame above), and the camera-only flow lands on something else (about 20 levels).
    const exact = warpError(target.image, ahead.frame.image, ahead.flow, moved);
    const cameraOnly = warpError(target.image, ahead.frame.image, { ...ahead.flow, data: still }, moved);
    expect(exact.pixels).toBeGreaterThan(30);
    expect(exact.mean).toBeLessThan(2.5);
    expect(cameraOnly.mean).toBeGreaterThan(5 * exact.mean + 5);
  });

  it('lists every clip as a sequence of consecutive positions and feeds the exact estimator', async () => {
    const data = cleanSynthetic();
    expect(data.sequences().map((s) => [s.name, s.positions.length, s.frameStep])).toEqual([
      ['synthetic-train-000', 8, 1],
      ['synthetic-train-001', 8, 1],
    ]);
    expect(data.sequences()[1]!.positions[0]).toBe(8);
    const a = await data.frame(5);
    const b = await data.frame(6);
    const flow = await new ExactFlowEstimator().estimate(a.image, b.image);
    const n = await data.exactNeighbour(5, 1);
    expect(flow.data).toEqual(n.flow.data);
    const other = await data.frame(9);
    await expect(new ExactFlowEstimator().estimate(a.image, other.image)).rejects.toThrow(/not known/);
    await expect(data.frame(16)).rejects.toThrow(/position 16 is out of range.*0\.\.15/);
  });
});
