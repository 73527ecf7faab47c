import { join } from 'node:path';
import { DataError, writeSafetensors, type NamedTensors } from '@vidseg/core';
import { requireShared } from '@vidseg/test-support';
import { describe, expect, it } from 'vitest';
import { countParameters } from '../../graph/count-model.js';
import { initializeParameters } from '../../graph/initialize-parameters.js';
import { loadPretrainedEspnet } from '../../node/load-pretrained-espnet.js';
import { buildEspnet } from './build-espnet.js';
import { pretrainedEspnet } from './pretrained-espnet.js';

const models = requireShared('models');

describe.skipIf(!models.path)(`pretrained ESPNet files ${models.skipReason}`, { timeout: 600_000 }, () => {
  it('loads espnet-camvid.safetensors by name with no missing or unexpected tensor', async () => {
    const { model, weights, report } = await loadPretrainedEspnet(join(models.path!, 'espnet-camvid.safetensors'));
    expect(report.missing).toEqual([]);
    expect(report.unexpected).toEqual([]);
    expect(report.misshaped).toEqual([]);
    expect(report.loaded).toHaveLength(189);
    expect(weights.size).toBe(189);
    expect(countParameters(model.graph)).toEqual({ trainable: 354_517, buffers: 3_676 });
    expect(model.classes).toHaveLength(12);
    expect(model.classes[11]).toBe('Void');
    expect(model.preprocessing).toMatchObject({ channelOrder: 'BGR', scale: 1 / 255 });
  });

  it('loads espnet-cityscapes.safetensors, whose last conv reads the level-1 output', async () => {
    const { model, report } = await loadPretrainedEspnet(join(models.path!, 'espnet-cityscapes.safetensors'), { features: true, auxLogits: true });
    expect(report.missing).toEqual([]);
    expect(report.unexpected).toEqual([]);
    expect(report.loaded).toHaveLength(189);
    // README: 364,569 learnable parameters, 368,341 stored floats with the running statistics.
    expect(countParameters(model.graph)).toEqual({ trainable: 364_569, buffers: 368_341 - 364_569 });
    expect(model.graph.params.find((p) => p.name === 'conv.conv.weight')!.shape).toEqual([20, 36, 3, 3]);
    expect(model.outputs).toEqual({ logits: true, features: true, auxLogits: true });
  });
});

describe.skipIf(!models.path)(`the smaller Cityscapes ESPNets and the ESPNet-C encoders ${models.skipReason}`, () => {
  // ../shared/models/README.md section 8: tensors and learnable parameters of each file.
  it.each([
    ['espnet-p2q3-cityscapes', 134, 202_649, { p: 2, q: 3, encoderOnly: false }],
    ['espnet-p2q5-cityscapes', 156, 267_417, { p: 2, q: 5, encoderOnly: false }],
    ['espnet-c-p2q3-cityscapes', 99, 187_529, { p: 2, q: 3, encoderOnly: true }],
    ['espnet-c-p2q5-cityscapes', 121, 252_297, { p: 2, q: 5, encoderOnly: true }],
    ['espnet-c-p2q8-cityscapes', 154, 349_449, { p: 2, q: 8, encoderOnly: true }],
  ] as const)('%s loads exactly into its own architecture (%i tensors, %i learnable)', async (name, tensors, learnable, architecture) => {
    const { model, report } = await loadPretrainedEspnet(join(models.path!, `${name}.safetensors`), { features: true });
    expect(report).toMatchObject({ missing: [], unexpected: [], misshaped: [] });
    expect(report.loaded).toHaveLength(tensors);
    expect(countParameters(model.graph).trainable).toBe(learnable);
    expect(model.classes).toHaveLength(20);
    expect(buildEspnet({ variant: 'cityscapes', ...architecture }).graph.params.map((p) => p.name)).toEqual(model.graph.params.map((p) => p.name));
  });
});

describe('pretrainedEspnet', () => {
  const camvidFile = (): NamedTensors => initializeParameters(buildEspnet().graph, 1);

  it('finds the variant from the class count when the file has no metadata', () => {
    const cityscapes = initializeParameters(buildEspnet({ variant: 'cityscapes' }).graph, 1);
    expect(pretrainedEspnet(writeSafetensors(cityscapes)).model.classes).toHaveLength(20);
    expect(pretrainedEspnet(writeSafetensors(camvidFile())).model.classes).toHaveLength(12);
  });

  it('names every missing, unexpected and mis-shaped tensor and the file', () => {
    const file = camvidFile();
    file.delete('encoder.level3.7.d16.conv.weight');
    file.set('encoder.level3.7.d32.conv.weight', { dtype: 'F32', shape: [1], data: new Float32Array(1) });
    file.set('up_l2.0.weight', { dtype: 'F32', shape: [12, 12, 3, 3], data: new Float32Array(12 * 12 * 9) });
    const load = () => pretrainedEspnet(writeSafetensors(file, { variant: 'camvid' }), { source: 'espnet-bad.safetensors' });
    expect(load).toThrow(DataError);
    expect(load).toThrow(
      'espnet-bad.safetensors: 3 tensor(s) do not fit the model:\n' +
        '  missing: encoder.level3.7.d16.conv.weight\n' +
        '  unexpected: encoder.level3.7.d32.conv.weight\n' +
        '  mis-shaped: up_l2.0.weight is F32 [12, 12, 3, 3], expected F32 [12, 12, 2, 2]',
    );
  });

  it('rejects a file that is not ESPNet, saying why', () => {
    const other = new Map([['classifier.weight', { dtype: 'F32' as const, shape: [7, 7, 2, 2], data: new Float32Array(196) }]]);
    expect(() => pretrainedEspnet(writeSafetensors(other), { source: 'other.safetensors' })).toThrow(
      /other\.safetensors: not an ESPNet weights file: .* is \[7, 7, 2, 2\], expected \[K, K, 2, 2\] with K = 12/,
    );
  });

  it('says which file cannot be read', async () => {
    await expect(loadPretrainedEspnet('/nonexistent/espnet.safetensors')).rejects.toThrow(/\/nonexistent\/espnet\.safetensors: cannot read/);
  });
});
