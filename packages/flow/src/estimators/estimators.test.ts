import { createContainer, createRunContainer, pluginRegistry, UsageError } from '@vidseg/core';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { constantFlow, smoothTexture } from '../../test/textures.js';
import { ExactFlowEstimator } from '../exact/exact-flow-estimator.js';
import { encodeFlo } from '../io/flo-format.js';
import { endpointError } from '../metrics/endpoint-error.js';
import { register } from '../register.js';
import { FarnebackFlow } from './farneback-flow.js';
import { FloFileFlow } from './flo-file-flow.js';

describe('FarnebackFlow', () => {
  it('recovers a sub-pixel translation of a smooth texture (OpenCV.js)', async () => {
    const a = smoothTexture(96, 72);
    const b = smoothTexture(96, 72, 1.5, -0.75);
    const flow = await new FarnebackFlow().estimate(a, b);
    // Interior only: the border has no match for content that moved in.
    const interior = new Uint8Array(96 * 72).map((_, p) => (p % 96 > 8 && p % 96 < 88 && p > 8 * 96 && p < 64 * 96 ? 1 : 0));
    expect(endpointError(flow, constantFlow(96, 72, 1.5, -0.75), interior).mean).toBeLessThan(0.1);
    expect(endpointError(flow, constantFlow(96, 72, 0, 0), interior).mean).toBeGreaterThan(1.5);
  });

  it('puts every parameter in its cache key', () => {
    expect(new FarnebackFlow().cacheKey).toBe('farneback@opencv-js-4.12.0-release.1:pyr=0.5,levels=3,win=15,it=3,polyN=5,sigma=1.2,gauss=0');
    expect(new FarnebackFlow({ windowSize: 21, gaussianWindow: true }).cacheKey).toMatch(/win=21,.*gauss=1$/);
    expect(() => new FarnebackFlow({ polyN: 6 as 5 })).toThrow();
  });
});

describe('FloFileFlow', () => {
  it('reads the .flo file named after the frame ids, and names what is missing or mismatched', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vidseg-flo-'));
    const flow = constantFlow(4, 3, 0.5, -1);
    writeFileSync(join(dir, 'a_b.flo'), encodeFlo(flow));
    const estimator = new FloFileFlow({ dir });
    const image = smoothTexture(4, 3);
    expect(await estimator.estimate(image, image, { from: 'a', to: 'b' })).toEqual(flow);
    await expect(estimator.estimate(image, image, { from: 'b', to: 'a' })).rejects.toThrow(`flow file not found: ${join(dir, 'b_a.flo')} (flow from b to a; flow "flo", pattern {from}_{to}.flo)`);
    await expect(estimator.estimate(image, image)).rejects.toThrow(UsageError);
    await expect(estimator.estimate(smoothTexture(5, 3), smoothTexture(5, 3), { from: 'a', to: 'b' })).rejects.toThrow(`${join(dir, 'a_b.flo')} is a 4x3 flow; the frames a and b are 5x3 and 5x3`);
    const nested = new FloFileFlow({ dir, pattern: 'flows/{from}/{to}.flo' });
    expect(nested.fileFor({ from: 'x', to: 'y' })).toBe(join(dir, 'flows', 'x', 'y.flo'));
    expect(() => new FloFileFlow({ dir, pattern: '{from}.flo' })).toThrow(/must contain \{from\} and \{to\}/);
  });
});

describe('flow plugins', () => {
  it('registers farneback, flo, exact and cached with their options', () => {
    const container = createContainer();
    register(container);
    const registry = pluginRegistry(container);
    expect(registry.names('flow')).toEqual(['cached', 'exact', 'farneback', 'flo']);
    const run = createRunContainer(container, { seed: 0 });
    const farneback = registry.create(run, 'flow', { type: 'farneback', levels: 5 }) as FarnebackFlow;
    expect(farneback.options.levels).toBe(5);
    expect(registry.create(run, 'flow', 'exact')).toBeInstanceOf(ExactFlowEstimator);
    expect(() => registry.create(run, 'flow', { type: 'flo' })).toThrow(/dir/);
    expect(() => registry.create(run, 'flow', { type: 'farneback', windowSise: 3 })).toThrow(/did you mean "windowSize"/);
  });
});
