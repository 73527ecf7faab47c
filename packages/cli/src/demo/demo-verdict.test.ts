import { describe, expect, it } from 'vitest';
import { demoVerdict } from './demo-verdict.js';

const cost = 'the same cost per frame';

describe('demoVerdict', () => {
  it('says which model is steadier and by how much, from the numbers', () => {
    const text = demoVerdict({ miou: 0.552, tc: 0.83, vc2: 0.95, flicker: 0.08 }, { miou: 0.548, tc: 0.875, vc2: 0.97, flicker: 0.04 }, cost);
    expect(text).toContain('is steadier than the baseline: TC 87.5 % vs 83.0 % (+4.5 points) and VC_2 97.0 % vs 95.0 % (+2.0 points)');
    expect(text).toContain('flicker on 4.0 % of the pixels per frame pair, against 8.0 %');
    expect(text).toContain('at the same accuracy (mIoU 54.8 % vs 55.2 %, −0.4 points)');
    expect(text).toMatch(/the same cost per frame\.$/);
  });

  it('says so when the temporal loss did not help, or cost accuracy', () => {
    const text = demoVerdict({ miou: 0.6, tc: 0.9, vc2: 0.97 }, { miou: 0.55, tc: 0.88, vc2: 0.96 }, cost);
    expect(text).toContain('did not make the model steadier here: TC 88.0 % vs 90.0 % (−2.0 points)');
    expect(text).toContain('at a cost in accuracy (mIoU 55.0 % vs 60.0 %, −5.0 points)');
    expect(text).not.toContain('flicker');
    expect(demoVerdict({ miou: 0.5, tc: 0.8, vc2: 0.97 }, { miou: 0.5, tc: 0.85, vc2: 0.96 }, cost)).toContain('one measure of steadiness only');
    expect(demoVerdict({ miou: 0.5, tc: 0.8, vc2: 0.9 }, { miou: 0.53, tc: 0.85, vc2: 0.96 }, cost)).toContain('more accurate too');
  });

  it('says what the TC difference is worth when one model never predicts classes the other does', () => {
    const figures = { miou: 0.3, tc: 0.6, vc2: 0.94 };
    const shared = { baseline: 0.78, temporal: 0.834, classes: ['a', 'b', 'c'], onlyBaseline: ['pole', 'pedestrian', 'bicyclist'], onlyTemporal: [] };
    expect(demoVerdict(figures, { ...figures, tc: 0.83 }, cost, shared)).toMatch(
      /cost per frame\. TC leaves out the classes a model never predicts, and the model with the temporal loss never predicted pole, pedestrian and bicyclist on these clips: on the 3 classes both models predict, TC is 83\.4 % vs 78\.0 % \(\+5\.4 points\)\.$/,
    );
    expect(demoVerdict(figures, figures, cost, { ...shared, onlyBaseline: [] })).toMatch(/cost per frame\.$/);
  });
});
