import { describe, expect, it } from 'vitest';
import { LatencyStats, WARM_UP_FRAMES } from './latency-stats.js';

describe('LatencyStats', () => {
  it('leaves out the warm-up runs and gives nearest-rank quantiles', () => {
    const stats = new LatencyStats();
    expect(stats.quantile(0.5)).toBeNaN();
    for (const ms of [500, 400, 3, 1, 4, 2, 10, 5, 6, 7, 8, 9]) stats.add(ms);
    expect(WARM_UP_FRAMES).toBe(2);
    expect(stats.count).toBe(10);
    expect(stats.quantile(0.5)).toBe(5);
    expect(stats.quantile(0.9)).toBe(9);
    expect(stats.quantile(1)).toBe(10);
    stats.reset();
    stats.add(1);
    expect(stats.count).toBe(0);
  });
});
