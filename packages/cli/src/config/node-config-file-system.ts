import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { ConfigFileSystem } from '@vidseg/core';

/** Reads config files from disk; relative `extends` resolve against the including file's folder. */
export const nodeConfigFileSystem: ConfigFileSystem = {
  readText: (path) => readFile(path, 'utf8'),
  resolve: (fromFile, relative) => (isAbsolute(relative) ? relative : resolve(dirname(fromFile), relative)),
};
