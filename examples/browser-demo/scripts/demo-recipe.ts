import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { loadConfig, readSafetensors, type NamedTensors, type VidsegConfig } from '@vidseg/core';
import { DEMO_CONFIG_FILE, DEMO_STUDENT_FILE } from './demo-settings.js';

/** `vidseg demo`'s recipe: its resolved config and the pretrained student it fine-tunes. */
export interface DemoRecipe {
  readonly config: VidsegConfig;
  readonly student: NamedTensors;
}

/** Reads `vidseg demo`'s config and pretrained student (paths relative to this package's folder). */
export async function loadDemoRecipe(): Promise<DemoRecipe> {
  const fs = {
    readText: (path: string) => readFile(path, 'utf8'),
    resolve: (fromFile: string, relative: string) => (isAbsolute(relative) ? relative : resolve(dirname(fromFile), relative)),
  };
  const { config } = await loadConfig(resolve(DEMO_CONFIG_FILE), { fs });
  const student = readSafetensors(new Uint8Array(await readFile(DEMO_STUDENT_FILE)), DEMO_STUDENT_FILE).tensors;
  return { config, student };
}
