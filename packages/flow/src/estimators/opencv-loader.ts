import { InternalError } from '@vidseg/core';
import { createRequire } from 'node:module';

/** The OpenCV.js module (@techstark/opencv-js, pinned 4.12.0-release.1). */
export type OpenCv = typeof import('@techstark/opencv-js');

let loading: Promise<{ readonly cv: OpenCv }> | undefined;

/**
 * Loads OpenCV.js once (about 0.7 s) and waits for its WebAssembly runtime. The module object is a
 * thenable that never settles, so it must never be the value a promise resolves to: it is loaded
 * with require (a dynamic import() would resolve with it under some loaders, e.g. vitest's) and
 * handed out wrapped: `const { cv } = await loadOpenCv()`. Never return `cv` from an async function.
 */
export function loadOpenCv(): Promise<{ readonly cv: OpenCv }> {
  loading ??= new Promise<{ readonly cv: OpenCv }>((resolve, reject) => {
    const cv = createRequire(import.meta.url)('@techstark/opencv-js') as OpenCv & { onRuntimeInitialized?: () => void };
    if (typeof cv.Mat === 'function') {
      resolve({ cv });
      return;
    }
    const timer = setTimeout(() => reject(new InternalError('OpenCV.js did not finish initialising within 60 s')), 60_000);
    cv.onRuntimeInitialized = () => {
      clearTimeout(timer);
      resolve({ cv });
    };
  });
  return loading;
}
