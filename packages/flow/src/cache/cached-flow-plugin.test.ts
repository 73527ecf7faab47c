import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContainer, createRunContainer, pluginRegistry, type FlowEstimator } from '@vidseg/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { register } from '../register.js';
import type { CachedFlowEstimator } from './cached-flow-estimator.js';

describe('the cached flow plugin', () => {
  it('builds the wrapped estimator from its entry and caches its flows under the config folder', async () => {
    let calls = 0;
    const container = createContainer();
    register(container);
    pluginRegistry(container).add({
      kind: 'flow',
      name: 'counting',
      packageName: 'test',
      description: 'a zero flow that counts its calls',
      options: z.object({}),
      factory: (): FlowEstimator => ({
        name: 'counting',
        cacheKey: 'counting',
        estimate: async (a) => {
          calls++;
          return { width: a.width, height: a.height, data: new Float32Array(a.width * a.height * 2).fill(0.5) };
        },
      }),
    });
    const baseDir = mkdtempSync(join(tmpdir(), 'vidseg-flow-'));
    const run = createRunContainer(container, { seed: 0, baseDir });
    const flow = pluginRegistry(run).create(run, 'flow', { type: 'cached', dir: 'cache', estimator: { type: 'counting' } }) as CachedFlowEstimator;
    const frame = (v: number) => ({ width: 2, height: 2, channels: 3 as const, data: new Uint8Array(12).fill(v) });
    const first = await flow.estimate(frame(1), frame(2));
    const second = await flow.estimate(frame(1), frame(2));
    expect(calls).toBe(1);
    expect(Array.from(second.data)).toEqual(Array.from(first.data));
    expect(flow.dir).toBe(join(baseDir, 'cache'));
    expect(readdirSync(join(baseDir, 'cache')).length).toBe(1);
  });

  it('reports an unknown wrapped estimator at its path', () => {
    const container = createContainer();
    register(container);
    const run = createRunContainer(container, { seed: 0 });
    expect(() => pluginRegistry(run).create(run, 'flow', { type: 'cached', estimator: { type: 'farnback' } })).toThrow(/estimator\.type: unknown flow "farnback" \(did you mean "farneback"\?\)/);
  });
});
