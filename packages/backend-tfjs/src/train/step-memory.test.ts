import { ConfigError, vidsegConfigSchema, type LossRequirements } from '@vidseg/core';
import { GraphBuilder } from '@vidseg/models';
import { describe, expect, it } from 'vitest';
import { activationBytes, assertStepFits, BYTES_PER_ACTIVATION_BYTE, estimateStepMemory } from './step-memory.js';

/** input (3 channels) -> conv 3x3 stride 2 to 8 channels -> relu -> conv 1x1 to 2 classes. */
function graph() {
  const b = new GraphBuilder();
  const x = b.input('image', 3);
  const features = b.relu(b.conv(x, { name: 'conv', out: 8, kernel: 3, stride: 2, padding: 1 }));
  b.output('logits', b.conv(features, { name: 'classifier', out: 2, kernel: 1 }));
  return b.build();
}

const config = (train: Record<string, unknown>) =>
  vidsegConfigSchema.parse({ model: { type: 'tiny' }, data: { train: { type: 'synthetic' } }, losses: [{ type: 'cross-entropy' }], train });
const needs = (neighbours: boolean): LossRequirements => ({ labels: true, neighbours, teacher: false, features: false, triplet: false });

describe('step memory preflight', () => {
  it('sums every graph value at float32 (hand count)', () => {
    // input 3x40x60 + conv 8x20x30 + relu 8x20x30 + classifier 2x20x30
    expect(activationBytes(graph(), [40, 60])).toBe((3 * 40 * 60 + 8 * 600 + 8 * 600 + 2 * 600) * 4);
  });

  it('scales with the batch and the frames per clip, and knows the wasm limit', () => {
    const estimate = estimateStepMemory(graph(), config({ batchSize: 3, inputSize: [40, 60] }), needs(true), 'wasm');
    expect(estimate.images).toBe(6);
    expect(estimate.bytes).toBe(activationBytes(graph(), [40, 60]) * 6 * BYTES_PER_ACTIVATION_BYTE);
    expect(estimate.limit).toEqual({ bytes: 2 ** 32, reason: "the wasm engine's 4 GiB heap" });
    expect(estimateStepMemory(graph(), config({}), needs(false), 'webgpu').limit).toBeUndefined();
  });

  it('accepts what fits, and refuses the batch or the size, whichever is the cause, saying what fits', () => {
    expect(assertStepFits(graph(), config({ batchSize: 4, inputSize: [512, 1024] }), needs(true), 'wasm').bytes).toBeLessThan(2 ** 32);
    const refusal = (train: Record<string, unknown>) => {
      try {
        assertStepFits(graph(), config(train), needs(false), 'wasm', 'c.yaml');
      } catch (error) {
        return error as ConfigError;
      }
      throw new Error('not refused');
    };
    const batch = refusal({ batchSize: 5000, inputSize: [512, 1024] });
    expect(batch.problems[0]!.path).toBe('train.batchSize');
    expect(batch.message).toMatch(/^train\.batchSize: one training step needs about [\d.]+ GiB \(5000 images of 512x1024, .* more than the wasm engine's 4 GiB heap \(4\.0 GiB\) \(in c\.yaml\)\n  hint: lower train\.batchSize to at most \d+ at this input size/);
    const size = refusal({ batchSize: 1, inputSize: [16000, 16000] });
    expect(size.problems[0]!.path).toBe('train.inputSize');
    const [, h, w] = /train\.inputSize=\[(\d+),(\d+)\]/.exec(size.message)!.map(Number);
    expect(estimateStepMemory(graph(), config({ batchSize: 1, inputSize: [h, w] }), needs(false), 'wasm').bytes).toBeLessThan(2 ** 32);
  });
});
