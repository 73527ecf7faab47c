import { describe, expect, it } from 'vitest';
import { describeEvaluation, isCountValue, type EvaluationRecord } from './evaluation-summary.js';

const record: EvaluationRecord = {
  model: 'espnet from w.safetensors',
  dataset: 'cityscapes/val',
  frames: 4,
  runtime: 'ort-node',
  flow: 'farneback',
  medianMsPerFrame: 12.34,
  labelSpacing: [1],
  values: { miou: 0.5, pixelAccuracy: 0.75, tc: 0.25, pairs: 3, vc2: 1, vc2Windows: 3, vc8: Number.NaN, vc8Windows: 0 },
  perClass: { miou: { road: 0.5, car: Number.NaN }, tc: { road: 0.25, car: 1 }, vc2: null },
  skipped: [],
};

describe('describeEvaluation', () => {
  it('prints fractions as percentages, counts (pairs, each VC window count) as counts, per-class IoU per metric and the label spacing', () => {
    expect(describeEvaluation(record).split('\n')).toEqual([
      'espnet from w.safetensors on cityscapes/val (4 frames, ort-node, 12.3 ms/frame median, TC flow: farneback)',
      '  miou           50.00 %',
      '  pixelAccuracy  75.00 %',
      '  tc             25.00 %',
      '  vc2            100.00 %',
      '  vc8            -',
      '  pairs          3',
      '  vc2Windows     3',
      '  vc8Windows     0',
      '',
      'class  miou IoU    tc IoU',
      '-----  --------  --------',
      'road    50.00 %   25.00 %',
      'car           -  100.00 %',
      '',
      'TC and VC compare consecutive labelled frames, here 1 video frame apart: the further apart, the more the scene changes, ' +
        'so compare TC only between splits with the same spacing (CamVid val: 2 frames, 15 Hz; test: 30 frames, 1 Hz).',
    ]);
  });

  it('tells counts from fractions', () => {
    expect(['pairs', 'vc2Windows', 'vc8Windows', 'miou', 'tc', 'vc2'].map(isCountValue)).toEqual([true, true, true, false, false, false]);
  });
});
