import { defineConfig } from 'vite';

/**
 * The page is built into dist/page with relative URLs, so it can be served from any folder. The
 * shipped clip and models (public/demo) are copied as they are; onnxruntime-web's WebAssembly
 * binary is emitted by its `?url` import (src/page/ort-setup.ts).
 */
export default defineConfig({
  base: './',
  build: {
    outDir: 'dist/page',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1024,
    // @vidseg/core installs the Reflect polyfill (reflect-metadata, CommonJS) before tsyringe (ESM)
    // loads; Rolldown keeps that order only when asked to.
    rolldownOptions: { output: { strictExecutionOrder: true } },
  },
  // Pre-bundling would move onnxruntime-web away from its files in the dev server.
  optimizeDeps: { exclude: ['onnxruntime-web'] },
});
