// How the GPU benchmarks find their optional packages: `webgpu` (Dawn) from the path given by
// `--dawn` (the carried .gpu/webgpu/index.js on the GPU machine) or from node_modules, and the tfjs
// WebGPU backend through a static import, so that esbuild bundles it.
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { WebgpuSettings } from '../../src/backend/activate-webgpu.js';
import { nodeModuleLoader, type ModuleLoader } from '../../src/backend/module-loader.js';
import { argument, flag } from '../command-line.js';

/** The module loader of the benchmarks. */
export function benchLoader(): ModuleLoader {
  const dawn = argument('dawn', '');
  return {
    isInstalled: (specifier) => (specifier === 'webgpu' && dawn !== '') || specifier === '@tensorflow/tfjs-backend-webgpu' || nodeModuleLoader.isInstalled(specifier),
    load: (specifier) => {
      if (specifier === '@tensorflow/tfjs-backend-webgpu') return import('@tensorflow/tfjs-backend-webgpu');
      if (specifier === 'webgpu' && dawn !== '') return import(pathToFileURL(isAbsolute(dawn) ? dawn : resolve(dawn)).href);
      return nodeModuleLoader.load(specifier);
    },
  };
}

/** Dawn settings from `--dawn-flags a,b`, `--feature-level core|compatibility` and `--stock-tfjs`. */
export function dawnSettings(): WebgpuSettings {
  const flags = argument('dawn-flags', '');
  return {
    dawnFlags: flags ? flags.split(',') : [],
    featureLevel: argument('feature-level', 'core') as WebgpuSettings['featureLevel'],
    stockTfjs: flag('stock-tfjs'),
  };
}
