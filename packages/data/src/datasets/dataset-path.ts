import { resolve } from 'node:path';
import type { RunContext } from '@vidseg/core';

/**
 * A dataset path option resolved the way config paths are: absolute paths as they are, relative
 * ones against the config file's folder (the run's `baseDir`), else the working directory.
 */
export function datasetPath(path: string, run: RunContext | undefined): string {
  return resolve(run?.baseDir ?? '.', path);
}
