import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { createRunContainer, pluginRegistry, SeededRandom, writeSafetensors, type ImageFrame, type RuntimeTensor, type Teacher } from '@vidseg/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { squaresFrame } from '../../test/synthetic-clips.js';
import { randomWeights } from '../../test/test-models.js';
import { testContainer, trainableTestNet } from '../../test/test-plugins.js';
import { TfjsNetwork } from '../network/tfjs-network.js';
import { preprocessFrames } from '../train/preprocess.js';
import { RuntimeTeacherAdapter } from './runtime-teacher-adapter.js';
import type { ZooTeacher } from './zoo-teacher.js';

describe('teachers', () => {
  let dir: string;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    dir = await mkdtemp(join(tmpdir(), 'vidseg-teacher-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  const frames = (): ImageFrame[] => {
    const random = new SeededRandom(3);
    return [0, 1].map((i) => squaresFrame(random, 8, 12, `f${i}`).image);
  };

  it('the zoo teacher runs a zoo model with weights from a file, frozen, in eval mode, with its preprocessing', async () => {
    const model = trainableTestNet(4);
    const weights = randomWeights(model.graph, 5);
    await writeFile(join(dir, 'teacher.safetensors'), writeSafetensors(weights));
    const run = createRunContainer(testContainer(), { seed: 0, baseDir: dir });
    const teacher = pluginRegistry(run).create(run, 'teacher', { type: 'zoo', model: { type: 'test-net', width: 4 }, weights: 'teacher.safetensors' }) as ZooTeacher;
    const outputs = await teacher.predict(frames());
    const reference = new TfjsNetwork(model, weights, { seed: 0 });
    const input = preprocessFrames(frames(), model.preprocessing);
    const expected = reference.forward(input, 'eval').logits;
    expect(outputs.logits.shape).toEqual([2, 8, 12, 3]);
    expect(Array.from(await outputs.logits.data())).toEqual(Array.from(await expected.data()));
    // Frozen: the only trainable variables alive are the reference network's.
    expect(Object.values(tf.engine().registeredVariables).filter((v) => v.trainable)).toHaveLength(reference.parameters.size);
    tf.dispose([input, expected, outputs.logits]);
    reference.dispose();
    await teacher.dispose();
    const missing = pluginRegistry(run).create(run, 'teacher', { type: 'zoo', model: { type: 'test-net' }, weights: 'nope.safetensors' });
    await expect(missing.predict(frames())).rejects.toThrow(/teacher zoo:test-net: cannot read weights .*nope\.safetensors/);
  });

  it('adapts a teacher returning NCHW host tensors to NHWC tfjs tensors', async () => {
    const data = Float32Array.from({ length: 2 * 3 * 2 * 2 }, (_, i) => i);
    const hostTeacher: Teacher<RuntimeTensor> = {
      name: 'onnx-fake',
      classes: ['a', 'b', 'c'],
      predict: async () => ({ logits: { type: 'float32', dims: [2, 3, 2, 2], data } }),
      dispose: () => undefined,
    };
    const adapter = new RuntimeTeacherAdapter(hostTeacher);
    const { logits } = await adapter.predict(frames());
    expect(logits.shape).toEqual([2, 2, 2, 3]);
    const values = await logits.array() as number[][][][];
    // NHWC [n, y, x, c] equals NCHW [n, c, y, x].
    expect(values[1]![0]![1]![2]).toBe(data[((1 * 3 + 2) * 2 + 0) * 2 + 1]);
    logits.dispose();
    const bad: Teacher<RuntimeTensor> = { ...hostTeacher, predict: async () => ({ logits: { type: 'int32', dims: [1, 2], data: new Int32Array(2) } }) };
    await expect(new RuntimeTeacherAdapter(bad).predict(frames())).rejects.toThrow('teacher "onnx-fake" output logits: expected a float32 NCHW tensor, got int32 [1, 2]');
  });
});
