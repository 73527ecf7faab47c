import * as tf from '@tensorflow/tfjs-core';
import { ConfigError, createContainer, createRunContainer, pluginRegistry, readSafetensors } from '@vidseg/core';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FakeTeacher, randomFrame } from '../../test/fake-teacher.js';
import { useBackend } from '../../test/tf-setup.js';
import { register } from '../register.js';
import { CachedTeacher } from './cached-teacher.js';

/** A container with this package and a `fake` teacher plugin that records the teachers it builds. */
function setup(baseDir: string) {
  const built: FakeTeacher[] = [];
  const container = createContainer();
  register(container);
  pluginRegistry(container).add({
    kind: 'teacher',
    name: 'fake',
    packageName: 'test',
    description: 'the test FakeTeacher',
    options: z.object({ version: z.number().default(1).describe('ignored; changes the entry') }),
    factory: () => {
      const teacher = new FakeTeacher();
      built.push(teacher);
      return teacher;
    },
  });
  const run = createRunContainer(container, { seed: 0, baseDir });
  return { built, run, registry: pluginRegistry(run) };
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('the cached teacher plugin', () => {
  let baseDir: string;
  beforeAll(async () => {
    await useBackend('cpu');
    baseDir = await mkdtemp(join(tmpdir(), 'vidseg-cached-teacher-'));
  });
  afterAll(() => rm(baseDir, { recursive: true, force: true }));

  it('builds the wrapped teacher from its entry; a miss writes one complete entry per frame under the config folder, a hit skips the teacher', async () => {
    const { built, run, registry } = setup(baseDir);
    const entry = { type: 'cached', dir: 'cache', teacher: { type: 'fake' } };
    const teacher = registry.create(run, 'teacher', entry, { path: 'teacher' }) as CachedTeacher;
    expect(teacher).toBeInstanceOf(CachedTeacher);
    expect([teacher.name, teacher.classes]).toEqual(['fake', ['a', 'b', 'c']]);
    const frames = [randomFrame(4, 3, 1), randomFrame(4, 3, 2)];
    const expected = await new FakeTeacher().predict(frames);
    const expectedValues = Array.from(await expected.logits.data());

    const missed = await teacher.predict(frames);
    expect(built[0]!.framesPredicted).toBe(2);
    // Written before predict resolves, through a temporary file renamed into place: only the two
    // final entries are there, each a complete safetensors file with the frame's [h, w, K] logits.
    const files = await listFiles(join(baseDir, 'cache'));
    expect(files).toHaveLength(2);
    expect(files.every((f) => f.endsWith('.safetensors') && !f.includes('.tmp'))).toBe(true);
    const stored = await Promise.all(files.map(async (f) => readSafetensors(await readFile(f), f).tensors.get('logits')!));
    expect(stored.map((t) => t.shape)).toEqual([[3, 4, 3], [3, 4, 3]]);
    const storedValues = stored.flatMap((t) => Array.from(t.data as Float32Array));
    expect(storedValues.sort()).toEqual([...expectedValues].sort());

    const hit = await teacher.predict(frames);
    expect(built[0]!.framesPredicted).toBe(2);
    expect(teacher.stats).toEqual({ hits: 2, misses: 2 });
    expect(Array.from(await hit.logits.data())).toEqual(expectedValues);
    expect(Array.from(await missed.logits.data())).toEqual(expectedValues);

    // A later run with the same config reads the entries without calling its teacher.
    const later = setup(baseDir);
    const again = later.registry.create(later.run, 'teacher', { type: 'cached', teacher: { type: 'fake' }, dir: 'cache' }) as CachedTeacher;
    const reused = await again.predict(frames);
    expect(later.built[0]!.framesPredicted).toBe(0);
    expect(Array.from(await reused.logits.data())).toEqual(expectedValues);
    tf.dispose([expected.logits, missed.logits, hit.logits, reused.logits]);
  });

  it("keys entries by the wrapped teacher's entry unless teacherId is given", async () => {
    const { built, run, registry } = setup(baseDir);
    const frames = [randomFrame(2, 2, 7)];
    const predictWith = async (entry: Record<string, unknown>) => {
      const outputs = await (registry.create(run, 'teacher', { type: 'cached', dir: 'ids', ...entry }) as CachedTeacher).predict(frames);
      outputs.logits.dispose();
      return built.at(-1)!.framesPredicted;
    };
    expect(await predictWith({ teacher: { type: 'fake', version: 1 } })).toBe(1);
    expect(await predictWith({ teacher: { version: 1, type: 'fake' } })).toBe(0); // key order does not matter
    expect(await predictWith({ teacher: { type: 'fake', version: 2 } })).toBe(1); // other options: other entries
    expect(await predictWith({ teacher: { type: 'fake', version: 3 }, teacherId: 'pinned' })).toBe(1);
    expect(await predictWith({ teacher: { type: 'fake', version: 4 }, teacherId: 'pinned' })).toBe(0);
  });

  it('reports an unknown or invalid wrapped teacher at its path', () => {
    const { run, registry } = setup(baseDir);
    const create = (teacher: unknown) => () => registry.create(run, 'teacher', { type: 'cached', teacher } as never);
    expect(create({ type: 'fak' })).toThrow(ConfigError);
    expect(create({ type: 'fak' })).toThrow(/^teacher\.type: unknown teacher "fak" \(did you mean "fake"\?\); known teachers: cached, fake/);
    expect(create({ type: 'fake', versoin: 2 })).toThrow(/teacher\.versoin: .*did you mean "version"/);
    expect(create(undefined)).toThrow(/teacher: /);
  });
});
