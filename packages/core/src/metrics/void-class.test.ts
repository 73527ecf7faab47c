import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors/vidseg-error.js';
import type { FlowField, LabelMap } from '../types/image-frame.js';
import { ConfusionMatrix } from './confusion-matrix.js';
import { MeanIoU } from './mean-iou.js';
import { TemporalConsistency } from './temporal-consistency.js';
import { VideoConsistency } from './video-consistency.js';

/** Two classes, ignore label 255, and a model whose third output (2) is its trained void class. */
const space = { classes: ['road', 'car'], ignoreLabel: 255, voidClass: 2 };
const row = (data: number[]): LabelMap => ({ width: data.length, height: 1, data: Uint8Array.from(data) });
const still = (width: number): FlowField => ({ width, height: 1, data: new Float32Array(width * 2) });

describe("a model's void class", () => {
  it('mIoU: a void prediction is wrong for the reference class and a false positive for none; a void ground truth is ignored', () => {
    const miou = new MeanIoU(space);
    // GT [0, 0, 1, 2]; prediction [0, 2, 1, 1]: pixel 1 predicted void (a miss for road), pixel 3 has GT void (ignored).
    miou.update({ sequence: 's', position: 0, groundTruth: row([0, 0, 1, 2]), prediction: row([0, 2, 1, 1]) });
    const { values, perClass } = miou.result();
    // road: TP 1, FN 1 (the void prediction), FP 0 -> 1/2; car: TP 1, no FP (pixel 3 is ignored) -> 1.
    expect(perClass).toEqual({ road: 0.5, car: 1 });
    expect(values.miou).toBeCloseTo(0.75, 12);
    expect(values.pixelAccuracy).toBeCloseTo(2 / 3, 12);
  });

  it('TC: pixels where P_t is void contribute nothing (as the ignore label); a class that turns void is a disagreement', () => {
    const tc = new TemporalConsistency(space);
    expect(tc.needsFlow).toBe(true);
    // P_0 [2, 0, 1, 0], P_1 [0, 0, 1, 2], still camera.
    tc.update({ sequence: 's', position: 0, prediction: row([2, 0, 1, 0]), flowToNext: still(4) });
    tc.update({ sequence: 's', position: 1, prediction: row([0, 0, 1, 2]) });
    const { values, perClass } = tc.result();
    // Pixel 0 skipped (P_0 void); pixel 1 road=road; pixel 2 car=car; pixel 3 road -> void: a miss for road.
    expect(perClass).toEqual({ road: 0.5, car: 1 });
    expect(values.tc).toBeCloseTo(0.75, 12);
    expect(values.pairs).toBe(1);
  });

  it('TC without a void class rejects the same maps with the error the issue reported', () => {
    const tc = new TemporalConsistency({ classes: space.classes, ignoreLabel: 255 });
    tc.update({ sequence: 's', position: 0, prediction: row([2, 0]), flowToNext: still(2) });
    expect(() => tc.update({ sequence: 's', position: 1, prediction: row([0, 0]) })).toThrow(/^reference label 2 is outside the classes 0\.\.1 and is not the ignore label 255/);
  });

  it('VC: ground-truth void pixels are not GT-stable pixels; a stable void prediction is stable', () => {
    const vc = new VideoConsistency(space, { n: 2 });
    // GT stable at pixels 0 (road) and 1 (car); pixel 2 is GT void (skipped); pixel 3 changes class.
    vc.update({ sequence: 's', position: 0, groundTruth: row([0, 1, 2, 0]), prediction: row([2, 1, 0, 0]) });
    vc.update({ sequence: 's', position: 1, groundTruth: row([0, 1, 2, 1]), prediction: row([2, 0, 1, 1]) });
    // Pixel 0: prediction void in both frames (stable); pixel 1: 1 -> 0 (not stable): share 1/2.
    expect(vc.result().values).toEqual({ vc2: 0.5, vc2Windows: 1 });
  });

  it('must lie outside the class ids', () => {
    expect(() => ConfusionMatrix.of({ classes: ['a', 'b'], ignoreLabel: 255, voidClass: 1 })).toThrow(UsageError);
    expect(() => new ConfusionMatrix(2, 255, 1)).toThrow('ConfusionMatrix: the void class 1 is one of the classes 0..1');
  });
});
