import { SeededRandom } from '@vidseg/core';
import { describe, expect, it } from 'vitest';
import { coverage, warpError } from '../../test/clip-fixtures.js';
import { SyntheticDataset } from '../datasets/synthetic/synthetic-dataset.js';
import { pseudoMotionOptionsSchema } from './pseudo-motion-options.js';
import { pseudoNeighbour } from './pseudo-neighbour.js';
import { SmoothMotion } from './smooth-motion.js';

const options = pseudoMotionOptionsSchema.parse({});

describe('pseudo-motion', () => {
  it('inverts its own motion to a hundredth of a pixel', () => {
    const motion = SmoothMotion.draw(new SeededRandom(1), 120, 90, 3, { ...options, deformation: 1 });
    const moved = new Float64Array(2);
    const back = new Float64Array(2);
    for (const [x, y] of [[0, 0], [60, 45], [119, 89], [33.5, 70.25]] as const) {
      motion.forward(x, y, moved);
      expect(motion.inverse(moved[0]!, moved[1]!, back)).toBeLessThan(1e-3);
      expect(back[0]).toBeCloseTo(x, 3);
      expect(back[1]).toBeCloseTo(y, 3);
    }
  });

  it('makes a neighbour whose exact flows reproduce the still both ways, with labels moved along', async () => {
    const still = await new SyntheticDataset({ size: [90, 120], clips: 1, framesPerClip: 2, sensorNoise: 0, lighting: 0 }).frame(0);
    for (const seed of [1, 2, 3]) {
      const motion = SmoothMotion.draw(new SeededRandom(seed), 120, 90, 3, { ...options, translation: 0.02, deformation: 1 });
      const n = pseudoNeighbour(still, motion, 'x~1', 11);
      expect(coverage(n.valid)).toBeGreaterThan(0.8);
      expect(coverage(n.valid)).toBeLessThan(1);
      // Warping back along the flow, scaled by k, matches best at k = 1 (the rest is interpolation blur).
      const error = (k: number) => warpError(still.image, n.frame.image, { ...n.flow, data: n.flow.data.map((v) => v * k) }, n.valid).mean;
      expect(error(1)).toBeLessThan(3.5);
      expect(error(1)).toBeLessThan(Math.min(error(0.8), error(1.2)));
      expect(error(1)).toBeLessThan(0.6 * error(0));
      // The neighbour was sampled from the still at exactly the backward targets.
      expect(warpError(n.frame.image, still.image, n.backward!.flow, n.backward!.valid).mean).toBe(0);
      // Labels move with the image: the neighbour's label at q is the still's label at the backward target.
      let agree = 0;
      let counted = 0;
      n.backward!.valid.forEach((_, q) => {
        const sx = Math.round((q % 120) + n.backward!.flow.data[2 * q]!);
        const sy = Math.round(Math.floor(q / 120) + n.backward!.flow.data[2 * q + 1]!);
        const outside = sx < 0 || sy < 0 || sx >= 120 || sy >= 90;
        counted++;
        if (n.frame.label!.data[q] === (outside ? 11 : still.label!.data[sy * 120 + sx])) agree++;
      });
      expect(agree).toBeGreaterThan(counted - 5); // float32 rounding may tip a pixel at exactly half
    }
  });
});
