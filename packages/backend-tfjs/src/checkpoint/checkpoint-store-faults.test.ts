import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CheckpointStore } from './checkpoint-store.js';

/** File names whose next write fails as on a full disk (the simulated fault; the CLI's e2e test fills a real tmpfs). */
const failingWrites = new Set<string>();

vi.mock('node:fs/promises', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:fs/promises')>();
  const open: typeof original.open = async (...args: Parameters<typeof original.open>) => {
    const handle = await original.open(...args);
    const name = String(args[0]).split('/').pop()!;
    if (!failingWrites.has(name)) return handle;
    failingWrites.delete(name);
    // What a write to a full disk throws: through a file handle, with no path.
    handle.writeFile = () => Promise.reject(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' }));
    return handle;
  };
  return { ...original, open };
});

const content = (step: number) => ({ tensors: new Map([['w', { dtype: 'F32' as const, shape: [4], data: new Float32Array(4).fill(step) }]]), state: { step } });

describe('CheckpointStore on a full disk (simulated ENOSPC)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vidseg-ckpt-enospc-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('removes the partial checkpoint at once, names the file, keeps the previous latest, and saves again once there is room', async () => {
    const store = new CheckpointStore(join(dir, 'a'));
    await store.save(1, content(1));
    failingWrites.add('state.safetensors');
    const error = (await store.save(2, content(2)).catch((e: unknown) => e)) as NodeJS.ErrnoException;
    expect(error.code).toBe('ENOSPC');
    expect(error.path).toMatch(/\.tmp-step-00000002-.*\/state\.safetensors$/);
    expect((await readdir(store.dir)).sort()).toEqual(['latest.json', 'step-00000001']);
    expect((await store.loadLatest())!.step).toBe(1);

    failingWrites.add('checkpoint.json');
    await expect(store.save(2, content(2))).rejects.toMatchObject({ code: 'ENOSPC' });
    expect((await readdir(store.dir)).sort()).toEqual(['latest.json', 'step-00000001']);

    await store.save(2, content(2));
    expect((await store.loadLatest())!.step).toBe(2);
  });

  it('falls back past damaged checkpoints to the newest intact one, reporting each, and sets a damaged one aside', async () => {
    const store = new CheckpointStore(join(dir, 'b'));
    for (const step of [1, 2, 3]) await store.save(step, content(step));
    const { writeFile } = await vi.importActual<typeof import('node:fs/promises')>('node:fs/promises');
    await writeFile(join(store.dir, 'step-00000003', 'state.safetensors'), 'cut short');
    await writeFile(join(store.dir, 'step-00000002', 'checkpoint.json'), '{"step": 2');
    const damaged: string[] = [];
    const intact = await store.loadNewestIntact((folder) => damaged.push(folder));
    expect(intact!.step).toBe(1);
    expect(damaged.map((f) => f.split('/').pop())).toEqual(['step-00000003', 'step-00000002']);
    const aside = await store.setAside(join(store.dir, 'step-00000003'));
    expect(aside).toMatch(/damaged-step-00000003-\d+$/);
    expect(await new CheckpointStore(join(dir, 'empty')).loadNewestIntact()).toBeUndefined();
    await writeFile(join(store.dir, 'step-00000001', 'state.safetensors'), '');
    await expect(store.loadNewestIntact()).rejects.toThrow(/no intact checkpoint in .*; every kept one is damaged:\n  step-00000002: .*\n  step-00000001: /);
  });
});
