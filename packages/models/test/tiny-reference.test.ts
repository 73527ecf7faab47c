import { describe, expect, it } from 'vitest';
import { buildTiny, initializeParameters, inferShapes } from '../src/index.js';
import { buildTinyEveryOp } from '../src/zoo/tiny/build-tiny-every-op.js';
import { runReferenceGraph } from '../src/testing.js';

describe('tiny networks in the reference interpreter', () => {
  for (const model of [buildTiny({ features: true, auxLogits: true }), buildTinyEveryOp({ features: true, auxLogits: true })]) {
    it(`${model.name} runs every output at its inferred shape with finite values`, () => {
      const [h, w] = [19, 26];
      const image = { shape: [1, 3, h, w] as const, data: Float64Array.from({ length: 3 * h * w }, (_, i) => Math.sin(i)) };
      const outputs = runReferenceGraph(model.graph, initializeParameters(model.graph, 0), { image });
      const shapes = inferShapes(model.graph, { image: [h, w] });
      for (const [role, name] of Object.entries(model.graph.outputs)) {
        const value = outputs.get(role)!;
        expect(value.shape.slice(1)).toEqual(shapes.get(name));
        expect(value.data.every(Number.isFinite)).toBe(true);
        expect(value.data.some((v) => v !== 0)).toBe(true);
      }
    });
  }
});
