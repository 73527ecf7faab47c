import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContainer, createRunContainer, pluginRegistry, type ImageFrame, type NamedTensors } from '@vidseg/core';
import { GraphBuilder, type Graph } from '@vidseg/models';
import { exportOnnx } from '../export/export-onnx.js';
import { register } from '../register.js';
import { resizeBilinearNchw, runReferenceGraph } from '@vidseg/models/testing';
import { randomImage } from '../../test/test-models.js';
import { OnnxFlowEstimator } from './onnx-flow-estimator.js';

/**
 * A flow "network" with a known answer: dx = 0.5 (R2 - R1) + 1.5 and dy = 0.25 G1 - 2 on raw pixel
 * values, optionally average-pooled to half resolution.
 */
function flowGraph(halfResolution: boolean): { graph: Graph; weights: NamedTensors } {
  const b = new GraphBuilder();
  const both = b.concat([b.input('first', 3), b.input('second', 3)]);
  const flow = b.conv(both, { name: 'flow', out: 2, kernel: 1 });
  b.output('flow', halfResolution ? b.avgPool(flow, { kernel: 2 }) : flow);
  const weight = new Float32Array(12);
  weight[0] = -0.5; // dx from R1
  weight[3] = 0.5; // dx from R2
  weight[6 + 1] = 0.25; // dy from G1
  const weights: NamedTensors = new Map([
    ['flow.weight', { dtype: 'F32', shape: [2, 6, 1, 1], data: weight }],
    ['flow.bias', { dtype: 'F32', shape: [2], data: Float32Array.from([1.5, -2]) }],
  ]);
  return { graph: b.build(), weights };
}

const [H, W] = [12, 16];
const frame = (seed: number): ImageFrame => ({ width: W, height: H, channels: 3, data: randomImage(1, H, W, 3, seed) });
const [from, to] = [frame(1), frame(2)];

function estimator(halfResolution: boolean, flowScale = 1): OnnxFlowEstimator {
  const { graph, weights } = flowGraph(halfResolution);
  const bytes = exportOnnx(graph, weights, { inputSize: 'dynamic', outputs: ['flow'] });
  return new OnnxFlowEstimator({ bytes, source: 'flow.onnx' }, { runtime: 'ort-web', threads: 1, preprocessing: { channelOrder: 'RGB', mean: [0, 0, 0], std: [1, 1, 1], scale: 1 }, flowScale });
}

describe('OnnxFlowEstimator', () => {
  it('returns the model\'s flow as interleaved (dx, dy) per pixel', async () => {
    const flow = await estimator(false).estimate(from, to);
    expect([flow.width, flow.height]).toEqual([W, H]);
    for (let p = 0; p < H * W; p++) {
      expect(flow.data[2 * p]).toBeCloseTo(0.5 * (to.data[3 * p]! - from.data[3 * p]!) + 1.5, 4);
      expect(flow.data[2 * p + 1]).toBeCloseTo(0.25 * from.data[3 * p + 1]! - 2, 4);
    }
  });

  it('upsamples a half-resolution flow and doubles its vectors', async () => {
    const flow = await estimator(true, 3).estimate(from, to);
    const { graph, weights } = flowGraph(true);
    const planar = (image: ImageFrame) => ({
      shape: [1, 3, H, W] as const,
      data: Float32Array.from({ length: 3 * H * W }, (_, i) => image.data[(i % (H * W)) * 3 + Math.floor(i / (H * W))]!),
    });
    const low = runReferenceGraph(graph, weights, { first: planar(from), second: planar(to) }).get(graph.outputs.flow!)!;
    const expected = resizeBilinearNchw(low, [H, W], 'half-pixel');
    for (let p = 0; p < H * W; p++) {
      // size ratio 2 times flowScale 3
      expect(flow.data[2 * p]).toBeCloseTo(6 * expected.data[p]!, 3);
      expect(flow.data[2 * p + 1]).toBeCloseTo(6 * expected.data[H * W + p]!, 3);
    }
  });

  it('has a cache key that follows the model bytes and the options', () => {
    expect(estimator(false).cacheKey).toBe(estimator(false).cacheKey);
    expect(estimator(false).cacheKey).not.toBe(estimator(true).cacheKey);
    expect(estimator(false).cacheKey).not.toBe(estimator(false, 2).cacheKey);
  });

  it('rejects frames of different sizes', async () => {
    await expect(estimator(false).estimate(from, { ...to, width: 8, data: to.data.subarray(0, H * 8 * 3) })).rejects.toThrow(/sizes differ/);
  });

  it('is the "onnx" flow plugin', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vidseg-flow-'));
    const { graph, weights } = flowGraph(false);
    writeFileSync(join(dir, 'flow.onnx'), exportOnnx(graph, weights, { inputSize: 'dynamic', outputs: ['flow'] }));
    const container = createContainer();
    register(container);
    const run = createRunContainer(container, { seed: 0, baseDir: dir });
    const plugin = pluginRegistry(container).create(run, 'flow', { type: 'onnx', model: 'flow.onnx', runtime: 'ort-web', flowScale: 2 });
    const flow = await plugin.estimate(from, to);
    expect(flow.data[1]).toBeCloseTo(2 * (0.25 * from.data[1]! - 2), 4);
    expect(plugin.cacheKey).toMatch(/^onnx:[0-9a-f]{16}:/);
    plugin.dispose?.();
  });
});
