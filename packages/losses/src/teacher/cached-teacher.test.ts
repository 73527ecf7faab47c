import * as tf from '@tensorflow/tfjs-core';
import type { NetworkOutputs, RuntimeTensor, Teacher } from '@vidseg/core';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTeacher, randomFrame } from '../../test/fake-teacher.js';
import { useBackend } from '../../test/tf-setup.js';
import { CachedTeacher } from './cached-teacher.js';

/** Awaits teacher outputs that a test does not read, and frees them. */
async function discard(outputs: Promise<NetworkOutputs<tf.Tensor>>): Promise<void> {
  const { logits, features, auxLogits } = await outputs;
  tf.dispose([logits, features, auxLogits].filter((t): t is tf.Tensor => t !== undefined));
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('CachedTeacher', () => {
  let dir: string;
  beforeAll(async () => {
    await useBackend('cpu');
    dir = await mkdtemp(join(tmpdir(), 'vidseg-teacher-cache-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('answers later epochs from disk, per frame, in any batch composition, with the same values', async () => {
    const inner = new FakeTeacher();
    const cache = new CachedTeacher(inner, { dir: join(dir, 'epochs') });
    const [a, b, c] = [1, 2, 3].map((seed) => randomFrame(4, 3, seed));
    const direct = await new FakeTeacher().predict([c!, a!], { features: true });

    await discard(cache.predict([a!, b!], { features: true }));
    expect(cache.stats).toEqual({ hits: 0, misses: 2 });
    const mixed = await cache.predict([c!, a!], { features: true });
    expect(cache.stats).toEqual({ hits: 1, misses: 3 });
    expect(inner.batches).toBe(2);
    expect(inner.framesPredicted).toBe(3); // only c went to the teacher the second time
    expect(mixed.logits.shape).toEqual([2, 3, 4, 3]);
    expect(await mixed.logits.data()).toEqual(await direct.logits.data());
    expect(await mixed.features!.data()).toEqual(await direct.features!.data());

    const fresh = new CachedTeacher(new FakeTeacher(), { dir: join(dir, 'epochs') });
    await discard(fresh.predict([a!, b!, c!]));
    expect(fresh.stats).toEqual({ hits: 3, misses: 0 });
    // Atomic writes leave no temporary files behind.
    expect((await listFiles(join(dir, 'epochs'))).every((f) => f.endsWith('.safetensors'))).toBe(true);
    tf.dispose([direct.logits, direct.features!, mixed.logits, mixed.features!]);
  });

  it('separates teachers by id, recomputes entries without features when features are asked, and rewrites unreadable entries', async () => {
    const root = join(dir, 'ids');
    const frame = randomFrame(2, 2, 9);
    const first = new CachedTeacher(new FakeTeacher(), { dir: root, teacherId: 'v1' });
    await discard(first.predict([frame]));
    const other = new CachedTeacher(new FakeTeacher(), { dir: root, teacherId: 'v2' });
    await discard(other.predict([frame]));
    expect(other.stats.misses).toBe(1);
    await discard(first.predict([frame], { features: true }));
    expect(first.stats).toEqual({ hits: 0, misses: 2 });
    const [entry] = (await listFiles(root)).sort();
    await writeFile(entry!, 'truncated');
    const again = new CachedTeacher(new FakeTeacher(), { dir: root, teacherId: 'v1' });
    const v2 = new CachedTeacher(new FakeTeacher(), { dir: root, teacherId: 'v2' });
    await discard(again.predict([frame]));
    await discard(v2.predict([frame]));
    expect(again.stats.misses + v2.stats.misses).toBe(1);
  });

  it('caches a teacher that returns NCHW host tensors (the ONNX teacher) and answers with NHWC tfjs tensors', async () => {
    // Logits [1, 2, 1, 3] (N, K, H, W) with value 100 k + x at class k, column x.
    let calls = 0;
    const host: Teacher<RuntimeTensor> = {
      name: 'host',
      classes: ['a', 'b'],
      predict: async () => {
        calls++;
        return { logits: { type: 'float32', dims: [1, 2, 1, 3], data: Float32Array.from([0, 1, 2, 100, 101, 102]) } };
      },
      dispose: () => {},
    };
    const cache = new CachedTeacher(host, { dir: join(dir, 'host') });
    const frame = randomFrame(3, 1, 5);
    for (const expectedCalls of [1, 1]) {
      const { logits } = await cache.predict([frame]);
      expect(calls).toBe(expectedCalls);
      expect(logits).toBeInstanceOf(tf.Tensor);
      expect(logits.shape).toEqual([1, 1, 3, 2]);
      expect(Array.from(await logits.data())).toEqual([0, 100, 1, 101, 2, 102]);
      logits.dispose();
    }
    const integer: Teacher<RuntimeTensor> = { ...host, predict: async () => ({ logits: { type: 'int32', dims: [1, 2, 1, 3], data: new Int32Array(6) } }) };
    await expect(new CachedTeacher(integer, { dir: join(dir, 'host-int') }).predict([frame])).rejects.toThrow(
      'teacher cache: teacher "host" output logits: expected a float32 N x C x H x W host tensor, got int32 [1, 2, 1, 3]',
    );
  });

  it('takes the caller\'s keys and refuses a batch whose cached entries differ in size', async () => {
    const cache = new CachedTeacher(new FakeTeacher(), { dir: join(dir, 'keys') });
    await discard(cache.predictWithKeys(['frame-1'], [randomFrame(2, 2, 1)]));
    await discard(cache.predictWithKeys(['frame-2'], [randomFrame(3, 2, 2)]));
    const hit = await cache.predictWithKeys(['frame-1'], [randomFrame(2, 2, 99)]);
    expect(cache.stats).toEqual({ hits: 1, misses: 2 });
    hit.logits.dispose();
    await expect(cache.predictWithKeys(['frame-1', 'frame-2'], [randomFrame(2, 2, 1), randomFrame(2, 2, 1)])).rejects.toThrow(
      'teacher cache: logits of "frame-2" is [2, 3, 3], of "frame-1" [2, 2, 3]: frames of one batch must have one size',
    );
    await expect(cache.predictWithKeys(['x'], [])).rejects.toThrow('teacher cache: 1 keys for 0 frames');
  });
});
