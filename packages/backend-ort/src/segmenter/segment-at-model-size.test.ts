import { describe, expect, it } from 'vitest';
import { resizeImageArea, resizeLabelsNearest, type ImageFrame } from '@vidseg/core';
import { exportOnnx } from '../export/export-onnx.js';
import { randomImage, randomWeights, testModel, tinySegNet } from '../../test/test-models.js';
import { createSegmenter } from './segmenter.js';
import { segmentAtModelSize, segmentationSize } from './segment-at-model-size.js';

const graph = tinySegNet(5, true);
const weights = randomWeights(graph, 21);
const model = testModel(graph, { classes: 5, multipleOf: 4, nativeSize: [16, 24] });
const fixedModel = exportOnnx(model, weights, { image: 'rgb', outputs: ['labels'] });
const dynamicModel = exportOnnx(model, weights, { image: 'rgb', outputs: ['labels'], inputSize: 'dynamic' });
const frame = (height: number, width: number, seed = 3): ImageFrame => ({ width, height, channels: 3, data: randomImage(1, height, width, 3, seed) });

describe('segmentationSize', () => {
  const facts = (inputSize: [number, number] | null, nativeSize?: [number, number]) => ({ inputSize, multipleOf: 8, ...(nativeSize ? { nativeSize } : {}) });
  it('takes the fixed size, else the training size, else the frame rounded to the multiple; frame sizing and an explicit size win', () => {
    expect(segmentationSize(facts([512, 1024]), { height: 1024, width: 2048 })).toEqual([512, 1024]);
    expect(segmentationSize(facts(null, [512, 1024]), { height: 1024, width: 2048 })).toEqual([512, 1024]);
    expect(segmentationSize(facts(null), { height: 481, width: 853 })).toEqual([480, 856]);
    expect(segmentationSize(facts(null), { height: 3, width: 3 })).toEqual([8, 8]);
    expect(segmentationSize(facts(null, [512, 1024]), { height: 1024, width: 2048 }, 'frame')).toEqual([1024, 2048]);
    expect(segmentationSize(facts([512, 1024]), { height: 1024, width: 2048 }, 'model', [256, 512])).toEqual([256, 512]);
  });
});

describe('segmentAtModelSize', () => {
  it('runs a fixed-size model on a frame twice its size: area-shrunk input, labels back at the frame size by nearest', async () => {
    const segmenter = await createSegmenter({ model: fixedModel, runtime: 'ort-web' });
    const reference = await createSegmenter({ model: fixedModel, runtime: 'ort-web' });
    try {
      const big = frame(32, 48);
      const fitted = await segmentAtModelSize(segmenter, big, 0);
      expect(fitted.modelSize).toEqual([16, 24]);
      expect([fitted.labels.height, fitted.labels.width]).toEqual([32, 48]);
      // The same as shrinking by hand, segmenting at 16x24 and upscaling the label map.
      const { labels } = await reference.segment(resizeImageArea(big, 16, 24), 0);
      expect(Array.from(fitted.labels.data)).toEqual(Array.from(resizeLabelsNearest(labels, 32, 48).data));
      // A result is the caller's: the next call does not overwrite it.
      const kept = fitted.labels.data.slice();
      await segmentAtModelSize(segmenter, frame(16, 24, 9), 1);
      expect(Array.from(fitted.labels.data)).toEqual(Array.from(kept));
    } finally {
      await segmenter.close();
      await reference.close();
    }
  });

  it('runs a dynamic-size model at its training size by default, and at the frame size with frame sizing', async () => {
    const segmenter = await createSegmenter({ model: dynamicModel, runtime: 'ort-web' });
    try {
      expect(segmenter.inputSize).toBeNull();
      expect(segmenter.nativeSize).toEqual([16, 24]);
      expect((await segmentAtModelSize(segmenter, frame(32, 48), 0)).modelSize).toEqual([16, 24]);
      expect((await segmentAtModelSize(segmenter, frame(32, 48), 1, { sizing: 'frame' })).modelSize).toEqual([32, 48]);
    } finally {
      await segmenter.close();
    }
  });
});
