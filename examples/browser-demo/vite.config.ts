import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { gzipWasm } from './scripts/compress-wasm.js';

const OUT_DIR = 'dist/page';

/**
 * The page is built into dist/page with relative URLs, so it can be served from any folder. The
 * shipped clip and models (public/demo) are copied as they are; onnxruntime-web's WebAssembly
 * binary is emitted by its `?url` import (src/page/ort-setup.ts), and `vite preview` serves it
 * gzip-compressed (its own compression covers only text types).
 */
export default defineConfig({
  base: './',
  build: {
    outDir: OUT_DIR,
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1024,
    // @vidseg/core installs the Reflect polyfill (reflect-metadata, CommonJS) before tsyringe (ESM)
    // loads; Rolldown keeps that order only when asked to.
    // The plugin-timing notice reports the large wasm asset's copy time on every build; it says
    // nothing about the page.
    rolldownOptions: { output: { strictExecutionOrder: true }, checks: { bundlerTimings: false } },
  },
  plugins: [
    {
      name: 'vidseg-gzip-wasm',
      configurePreviewServer(server) {
        server.middlewares.use(gzipWasm(resolve(server.config.root, OUT_DIR)));
      },
    },
  ],
  // Pre-bundling would move onnxruntime-web away from its files in the dev server.
  optimizeDeps: { exclude: ['onnxruntime-web'] },
});
