import type { FlowEstimator, FlowField, ImageFrame } from '@vidseg/core';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { constantFlow, smoothTexture } from '../../test/textures.js';
import { CachedFlowEstimator } from './cached-flow-estimator.js';

class CountingEstimator implements FlowEstimator {
  readonly name = 'counting';
  calls = 0;
  constructor(readonly cacheKey: string) {}
  async estimate(from: ImageFrame): Promise<FlowField> {
    this.calls++;
    return constantFlow(from.width, from.height, this.calls, 0.5);
  }
}

const allFiles = (dir: string): string[] => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));

describe('CachedFlowEstimator', () => {
  it('computes a flow once per (frames, parameters) and reads it back from disk after', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vidseg-cache-'));
    const inner = new CountingEstimator('counting:a');
    const cached = new CachedFlowEstimator(inner, dir);
    const a = smoothTexture(6, 4);
    const b = smoothTexture(6, 4, 1, 0);
    const first = await cached.estimate(a, b);
    const again = await new CachedFlowEstimator(inner, dir).estimate({ ...a, data: a.data.slice() }, b);
    expect(again).toEqual(first);
    expect(inner.calls).toBe(1);
    await cached.estimate(b, a);
    expect(inner.calls).toBe(2);
    await new CachedFlowEstimator(new CountingEstimator('counting:b'), dir).estimate(a, b);
    expect(cached.stats).toEqual({ hits: 0, misses: 2, repaired: 0 });
    const files = allFiles(dir);
    expect(files).toHaveLength(3);
    expect(files.every((f) => f.endsWith('.flo'))).toBe(true);
  });

  it('recomputes and replaces a corrupt cache file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vidseg-cache-'));
    const inner = new CountingEstimator('counting:a');
    const cached = new CachedFlowEstimator(inner, dir);
    const a = smoothTexture(6, 4);
    await cached.estimate(a, a);
    writeFileSync(cached.fileFor(a, a), 'garbage');
    const flow = await cached.estimate(a, a);
    expect(inner.calls).toBe(2);
    expect(flow.data[0]).toBe(2);
    expect(cached.stats).toEqual({ hits: 0, misses: 2, repaired: 1 });
    expect((await cached.estimate(a, a)).data[0]).toBe(2);
    expect(cached.stats.hits).toBe(1);
  });
});
