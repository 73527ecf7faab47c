import * as tf from '@tensorflow/tfjs-core';
import { DataError, SeededRandom, readSafetensors } from '@vidseg/core';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectClose } from '../../../test/gradient-check.js';
import { Nhwc, randomValues } from '../../../test/nhwc.js';
import { referenceConvLstm } from '../../../test/reference/convlstm-reference.js';
import { BACKENDS, useBackend } from '../../../test/tf-setup.js';
import { buildConvLstmCell } from '@vidseg/models';
import { CONVLSTM_GATES, ConvLstmCell, convLstmParameterNames } from './convlstm-cell.js';
import { fusedWeights } from '../../../test/reference/convlstm-reference.js';
import { loadConvLstm, saveConvLstm } from './convlstm-weights-file.js';

const shape = { inputChannels: 2, hiddenChannels: 3, kernelSize: 3 };

describe.each(BACKENDS)('ConvLstmCell on %s', (backend) => {
  let dir: string;
  beforeAll(async () => {
    await useBackend(backend);
    dir = await mkdtemp(join(tmpdir(), 'vidseg-convlstm-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('runs a sequence as the float64 reference ConvLSTM to 1e-5 (gate order, padding, concat order)', async () => {
    const cell = ConvLstmCell.random(shape, new SeededRandom(3));
    const named = await cell.toNamedTensors();
    const sequence = [0, 1, 2].map((s) => randomValues(2 * 4 * 5 * 2, 40 + s, 2));
    const tensors = sequence.map((values) => tf.tensor4d(values, [2, 4, 5, 2]));
    const state = cell.run(tensors);
    const reference = referenceConvLstm(
      sequence.map((values) => new Nhwc([2, 4, 5, 2], values)),
      { ...fusedWeights(named), inputChannels: 2, hidden: 3, kernel: 3 },
    );
    expectClose(await state.h.data(), reference.h.data, 1e-5);
    expectClose(await state.c.data(), reference.c.data, 1e-5);
    tf.dispose([...tensors, state.h, state.c]);
    cell.dispose();
  });

  it('saves PyTorch-layout safetensors and loads them back identically', async () => {
    const cell = ConvLstmCell.random(shape, new SeededRandom(5));
    const path = join(dir, `cell-${backend}.safetensors`);
    await saveConvLstm(path, cell, { note: 'test' });
    const file = readSafetensors(await readFile(path), path);
    expect([...file.tensors.keys()]).toEqual(CONVLSTM_GATES.flatMap((gate) => [convLstmParameterNames(gate).weight, convLstmParameterNames(gate).bias]));
    expect(file.tensors.get('gates.forget.weight')!.shape).toEqual([3, 5, 3, 3]);
    expect(file.metadata).toEqual({ note: 'test' });
    const loaded = await loadConvLstm(path, shape);
    expect(await loaded.kernel.data()).toEqual(await cell.kernel.data());
    expect(await loaded.bias.data()).toEqual(await cell.bias.data());
    await expect(loadConvLstm(path, { ...shape, hiddenChannels: 4 })).rejects.toThrow(DataError);
    await expect(loadConvLstm(path, { ...shape, hiddenChannels: 4 })).rejects.toThrow(
      /tensor "gates.input.weight" is F32 \[3, 5, 3, 3\], expected F32 \[4, 6, 3, 3\]/,
    );
    await expect(loadConvLstm(join(dir, 'absent.safetensors'), shape)).rejects.toThrow(/cannot read the ConvLSTM weights .*absent.safetensors/);
    cell.dispose();
    loaded.dispose();
  });

  it("writes exactly the parameters (names and shapes) of @vidseg/models' ConvLSTM cell description", async () => {
    const cell = ConvLstmCell.random({ inputChannels: 1, hiddenChannels: 4, kernelSize: 3 }, new SeededRandom(6));
    const named = await cell.toNamedTensors();
    const described = buildConvLstmCell({ inputChannels: 1, hiddenChannels: 4, kernel: 3 }).params;
    expect([...named].map(([name, t]) => [name, t.shape]).sort()).toEqual(described.map((p) => [p.name, [...p.shape]]).sort());
    cell.dispose();
  });
});
