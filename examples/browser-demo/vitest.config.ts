import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedVitestConfig } from '../../vitest.shared.js';

// The browser test loads a page, runs two models on a few frames and reads pixels back.
export default mergeConfig(
  sharedVitestConfig,
  defineConfig({ test: { include: ['scripts/**/*.test.ts'], testTimeout: 180_000, hookTimeout: 120_000 } }),
);
