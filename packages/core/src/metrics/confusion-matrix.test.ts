import { describe, expect, it } from 'vitest';
import { DataError, UsageError } from '../errors/vidseg-error.js';
import { ConfusionMatrix } from './confusion-matrix.js';

const map = (data: number[], width = data.length, height = 1) => ({ width, height, data: Uint8Array.from(data) });

describe('ConfusionMatrix', () => {
  it('matches a hand-computed mIoU and pixel accuracy, ignoring the ignore label', () => {
    const m = new ConfusionMatrix(3, 255);
    m.update(map([0, 0, 1, 1, 255, 2]), map([0, 1, 1, 1, 0, 2]));
    // IoU0 = 1/2, IoU1 = 2/3, IoU2 = 1; pixel accuracy 4 of 5 counted pixels.
    expect(Array.from(m.iou())).toEqual([0.5, 2 / 3, 1].map((v) => expect.closeTo(v, 12)));
    expect(m.meanIoU()).toBeCloseTo((0.5 + 2 / 3 + 1) / 3, 12);
    expect(m.pixelAccuracy()).toBeCloseTo(0.8, 12);
    expect(m.total()).toBe(5);
  });

  it('leaves a class absent from both maps out of the mean (NaN IoU)', () => {
    const m = new ConfusionMatrix(4, 255);
    m.update(map([0, 1]), map([0, 0]));
    const iou = m.iou();
    expect(iou[0]).toBeCloseTo(0.5);
    expect(iou[1]).toBe(0);
    expect(Number.isNaN(iou[2])).toBe(true);
    expect(Number.isNaN(iou[3])).toBe(true);
    expect(m.meanIoU()).toBeCloseTo(0.25);
  });

  it('counts a prediction outside the class range as wrong without crediting any class', () => {
    const m = new ConfusionMatrix(2, 2);
    m.update(map([0, 0, 1]), map([0, 2, 1]));
    expect(m.iou()[0]).toBeCloseTo(0.5);
    expect(m.iou()[1]).toBe(1);
    expect(m.pixelAccuracy()).toBeCloseTo(2 / 3);
  });

  it('returns NaN for an all-ignore frame and is unaffected by it later', () => {
    const m = new ConfusionMatrix(2, 255);
    m.update(map([255, 255]), map([0, 1]));
    expect(m.total()).toBe(0);
    expect(Number.isNaN(m.meanIoU())).toBe(true);
    expect(Number.isNaN(m.pixelAccuracy())).toBe(true);
    m.update(map([0, 1]), map([0, 1]));
    expect(m.meanIoU()).toBe(1);
  });

  it('rejects reference labels outside the class set with a DataError', () => {
    const m = new ConfusionMatrix(2, 255);
    expect(() => m.update(map([3]), map([0]))).toThrow(DataError);
    expect(() => m.update(map([3]), map([0]))).toThrow(/^reference label 3 is outside the classes 0\.\.1 and is not the ignore label 255\n {2}hint: /);
  });

  it('rejects maps of different sizes with a DataError naming both', () => {
    const m = new ConfusionMatrix(2, 255);
    expect(() => m.update(map([0, 1]), map([0, 1, 1]))).toThrow(DataError);
    expect(() => m.update(map([0, 1]), map([0, 1, 1]))).toThrow(
      'confusion matrix update (reference vs prediction): sizes differ (2x1 vs 3x1, width x height)',
    );
  });

  it('rejects a bad class count and merging matrices of different class counts with a UsageError', () => {
    expect(() => new ConfusionMatrix(0, 255)).toThrow(UsageError);
    expect(() => new ConfusionMatrix(0, 255)).toThrow('ConfusionMatrix: numClasses must be an integer in 1..256');
    expect(() => new ConfusionMatrix(2, 255).merge(new ConfusionMatrix(3, 255))).toThrow(UsageError);
    expect(() => new ConfusionMatrix(2, 255).merge(new ConfusionMatrix(3, 255))).toThrow('cannot merge a 3-class matrix into a 2-class one');
  });

  it('merges matrices', () => {
    const a = new ConfusionMatrix(2, 255);
    const b = new ConfusionMatrix(2, 255);
    a.update(map([0]), map([0]));
    b.update(map([1]), map([0]));
    a.merge(b);
    expect(Array.from(a.counts)).toEqual([1, 0, 1, 0]);
  });
});
