import { describe, expect, it } from 'vitest';
import { countParameters } from '../../graph/count-model.js';
import { inferShapes } from '../../graph/infer-shapes.js';
import { buildEspnet } from './build-espnet.js';

/**
 * Parameters of ESPNet counted by hand from ../shared/models/README.md section 5 (not from the
 * builder): every conv has no bias, a BR(C) has BN weight + bias (2C learnable, 2C running
 * statistics) and a PReLU slope per channel (C). An ESP block nIn -> nOut with n = floor(nOut / 5)
 * and n1 = nOut - 4n has c1 (n x nIn x 1x1, or 3x3 when strided), d1 (n1 x n x 3x3), d2..d16
 * (4 x n x n x 3x3) and a BR(nOut).
 */
const LEVEL2_BLOCK = 12 * 64 + 16 * 12 * 9 + 4 * 12 * 12 * 9 + 3 * 64; // regular 64 -> 64: 7,872
const LEVEL3_BLOCK = 25 * 128 + 28 * 25 * 9 + 4 * 25 * 25 * 9 + 3 * 128; // regular 128 -> 128: 32,384

/** Learnable parameters and running statistics of everything but the p + q repeated blocks. */
function fixedPart(k: number, skip: number): { trainable: number; buffers: number } {
  const n = Math.floor(k / 5);
  const blocks = {
    'encoder.level1 (CBR 3->16, 3x3)': 16 * 3 * 9 + 3 * 16,
    'encoder.b1 (BR 19)': 3 * 19,
    'encoder.level2_0 (strided ESP 19->64)': 12 * 19 * 9 + 16 * 12 * 9 + 4 * 12 * 12 * 9 + 3 * 64,
    'encoder.b2 (BR 131)': 3 * 131,
    'encoder.level3_0 (strided ESP 131->128)': 25 * 131 * 9 + 28 * 25 * 9 + 4 * 25 * 25 * 9 + 3 * 128,
    'encoder.b3 (BR 256)': 3 * 256,
    'encoder.classifier (conv 256->K, 1x1)': k * 256,
    'br (BN K, no PReLU)': 2 * k,
    'up_l3.0, up_l2.0, classifier (K->K, 2x2)': 3 * k * k * 4,
    'level3_C (conv 131->K, 1x1)': k * 131,
    'combine_l2_l3.0 (BR 2K)': 3 * 2 * k,
    'combine_l2_l3.1 (ESP 2K->K)': n * 2 * k + (k - 4 * n) * n * 9 + 4 * n * n * 9 + 3 * k,
    'up_l2.1 (BR K)': 3 * k,
    'conv (CBR K+skip->K, 3x3)': k * (k + skip) * 9 + 3 * k,
  };
  // BN channels: level1, b1, level2_0, b2, level3_0, b3, then br, combine_l2_l3.0/.1, up_l2.1, conv.
  const bnChannels = 16 + 19 + 64 + 131 + 128 + 256 + k + 2 * k + k + k + k;
  return { trainable: Object.values(blocks).reduce((s, v) => s + v, 0), buffers: 2 * bnChannels };
}

function handCount(k: number, skip: number, p: number, q: number): { trainable: number; buffers: number } {
  const fixed = fixedPart(k, skip);
  return { trainable: fixed.trainable + p * LEVEL2_BLOCK + q * LEVEL3_BLOCK, buffers: fixed.buffers + 2 * (p * 64 + q * 128) };
}

/** The repeated blocks `encoder.level2.i` / `encoder.level3.i` that hold parameters, in graph order. */
function regularBlocks(params: readonly { name: string }[]): string[] {
  return [...new Set(params.map((p) => /^encoder\.level[23]\.\d+/.exec(p.name)?.[0]).filter((b): b is string => b !== undefined))];
}

describe('buildEspnet', () => {
  it('ESPNet-CamVid (p = 2, q = 8) has 354,517 learnable parameters and 3,676 BatchNorm running statistics', () => {
    const model = buildEspnet();
    expect(countParameters(model.graph)).toEqual({ trainable: 354_517, buffers: 3_676 });
    expect(handCount(12, 19, 2, 8)).toEqual({ trainable: 354_517, buffers: 3_676 });
    expect(model.graph.params).toHaveLength(189);
  });

  it('ESPNet-Cityscapes has 364,569 learnable parameters and 368,341 stored floats', () => {
    const counts = countParameters(buildEspnet({ variant: 'cityscapes' }).graph);
    expect(counts).toEqual({ trainable: 364_569, buffers: 368_341 - 364_569 });
    expect(handCount(20, 16, 2, 8)).toEqual(counts);
  });

  it('builds p = 3, q = 5 with three level-2 and five level-3 blocks, matching a hand count and the README shapes', () => {
    const model = buildEspnet({ p: 3, q: 5 });
    const { graph } = model;
    expect(regularBlocks(graph.params)).toEqual([
      'encoder.level2.0',
      'encoder.level2.1',
      'encoder.level2.2',
      'encoder.level3.0',
      'encoder.level3.1',
      'encoder.level3.2',
      'encoder.level3.3',
      'encoder.level3.4',
    ]);
    // 189 tensors at p = 2, q = 8; a regular block has 11 (c1, d1..d16, 4 BN, 1 PReLU).
    expect(graph.params).toHaveLength(189 + 11 * (3 - 2) + 11 * (5 - 8));
    // 79,701 + 3 x 7,872 + 5 x 32,384 learnable; 2 x (686 + 3 x 64 + 5 x 128) running statistics.
    expect(countParameters(graph)).toEqual({ trainable: 265_237, buffers: 3_036 });
    expect(handCount(12, 19, 3, 5)).toEqual({ trainable: 265_237, buffers: 3_036 });

    const shape = (name: string) => graph.params.find((p) => p.name === name)?.shape;
    expect(shape('encoder.level2.2.c1.conv.weight')).toEqual([12, 64, 1, 1]);
    expect(shape('encoder.level2.2.d1.conv.weight')).toEqual([16, 12, 3, 3]);
    expect(shape('encoder.level3.4.c1.conv.weight')).toEqual([25, 128, 1, 1]);
    expect(shape('encoder.level3.4.d16.conv.weight')).toEqual([25, 25, 3, 3]);
    expect(shape('encoder.level3.4.bn.bn.running_var')).toEqual([128]);
    expect(shape('encoder.level3_0.c1.conv.weight')).toEqual([25, 131, 3, 3]);

    // README 5.3 at 480x360: level 2 at 1/4 (120x90), level 3 at 1/8 (60x45), logits at full size.
    const values = inferShapes(graph, { image: [360, 480] });
    expect(values.get('encoder.level2.2.bn.act')).toEqual([64, 90, 120]);
    expect(values.get('encoder.level2.2.residual')).toEqual([64, 90, 120]);
    expect(values.get('encoder.b2.act')).toEqual([131, 90, 120]);
    expect(values.get('encoder.level3.4.bn.act')).toEqual([128, 45, 60]);
    expect(values.get('encoder.b3.act')).toEqual([256, 45, 60]);
    expect(values.get(graph.outputs.logits!)).toEqual([12, 360, 480]);
    // b3 concatenates [e3_0, e3] with e3 the last regular block's output.
    expect(graph.nodes.find((n) => n.name === 'encoder.b3.concat')!.inputs).toEqual(['encoder.level3_0.act', 'encoder.level3.4.bn.act']);
    expect(values.has('encoder.level2.3.bn.act')).toBe(false);
    expect(values.has('encoder.level3.5.bn.act')).toBe(false);
  });

  it('takes its class count from `classes`, keeping the variant\'s preprocessing and skip', () => {
    const student = buildEspnet({ variant: 'cityscapes', p: 2, q: 3, classes: 'camvid' });
    expect(student.classes).toHaveLength(11);
    expect(student.preprocessing).toEqual(buildEspnet({ variant: 'cityscapes' }).preprocessing);
    expect(student.graph.params.find((p) => p.name === 'conv.conv.weight')!.shape).toEqual([11, 11 + 16, 3, 3]);
  });

  it('builds ESPNet-C (encoder only): tensors without the encoder. prefix, logits upsampled from 1/8 to the input', () => {
    const model = buildEspnet({ variant: 'cityscapes', p: 2, q: 3, encoderOnly: true, features: true });
    const names = model.graph.params.map((p) => p.name);
    expect(names[0]).toBe('level1.conv.weight');
    expect(names.at(-1)).toBe('classifier.conv.weight');
    expect(names.some((n) => n.startsWith('encoder.'))).toBe(false);
    // The encoder-decoder's encoder tensors, without the prefix, plus nothing else.
    const full = buildEspnet({ variant: 'cityscapes', p: 2, q: 3 }).graph.params.map((p) => p.name);
    expect(names).toEqual(full.filter((n) => n.startsWith('encoder.')).map((n) => n.slice('encoder.'.length)));
    const shapes = inferShapes(model.graph, { image: [360, 480] });
    expect(shapes.get(model.graph.outputs.logits!)).toEqual([20, 360, 480]);
    expect(shapes.get('classifier.conv')).toEqual([20, 45, 60]);
    expect(shapes.get(model.graph.outputs.features!)).toEqual([256, 45, 60]);
    expect(() => buildEspnet({ encoderOnly: true, auxLogits: true })).toThrow(/auxLogits: the encoder-only form has no auxiliary head/);
  });
});
