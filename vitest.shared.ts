import { defineConfig } from 'vitest/config';

/**
 * Settings every package's vitest config extends. The `@vidseg/source` export condition makes
 * workspace packages resolve to their TypeScript sources, so tests never need a prior build.
 */
export const sharedVitestConfig = defineConfig({
  resolve: { conditions: ['@vidseg/source'] },
  ssr: { resolve: { conditions: ['@vidseg/source'] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    pool: 'forks',
    passWithNoTests: true,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default'],
    // TensorFlow.js greets every process that writes to its cpu backend in Node with a banner
    // recommending tfjs-node (not installable here); tests use cpu as their reference on purpose.
    onConsoleLog: (log) => !log.includes('Hi, looks like you are running TensorFlow.js in Node.js'),
  },
});
