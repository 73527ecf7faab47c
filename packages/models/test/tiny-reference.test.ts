import { describe, expect, it } from 'vitest';
import { buildTiny, initializeParameters, inferShapes } from '../src/index.js';
import { buildTinyEveryOp } from '../src/zoo/tiny/build-tiny-every-op.js';
import { referenceForward } from './reference-forward.js';

describe('tiny networks in the reference interpreter', () => {
  for (const model of [buildTiny({ features: true, auxLogits: true }), buildTinyEveryOp({ features: true, auxLogits: true })]) {
    it(`${model.name} runs every output at its inferred shape with finite values`, () => {
      const [h, w] = [19, 26];
      const image = { c: 3, h, w, data: Float64Array.from({ length: 3 * h * w }, (_, i) => Math.sin(i)) };
      const outputs = referenceForward(model.graph, { image }, initializeParameters(model.graph, 0));
      const shapes = inferShapes(model.graph, { image: [h, w] });
      for (const [role, name] of Object.entries(model.graph.outputs)) {
        const value = outputs.get(role)!;
        expect([value.c, value.h, value.w]).toEqual(shapes.get(name));
        expect(value.data.every(Number.isFinite)).toBe(true);
        expect(value.data.some((v) => v !== 0)).toBe(true);
      }
    });
  }
});
