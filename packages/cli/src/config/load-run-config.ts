import { dirname, join, resolve } from 'node:path';
import { loadConfig, UsageError, type ResolvedConfig, type VidsegConfig } from '@vidseg/core';
import { nodeConfigFileSystem } from './node-config-file-system.js';

/** A config loaded for a command, with the folder its relative paths resolve against. */
export interface RunConfig extends ResolvedConfig<VidsegConfig> {
  /** Absolute path of the config file. */
  readonly file: string;
  /** Folder of the config file: relative data, weight and plugin paths resolve against it. */
  readonly baseDir: string;
}

/** Loads `--config` with its `--set` overrides; a missing `--config` is a usage error. */
export async function loadRunConfig(command: string, file: string | undefined, overrides: readonly string[] = []): Promise<RunConfig> {
  if (!file) throw new UsageError(`vidseg ${command}: missing --config <file>`, { hint: `see vidseg ${command} --help` });
  const absolute = resolve(file);
  const resolved = await loadConfig(absolute, { fs: nodeConfigFileSystem, overrides });
  return { ...resolved, file: absolute, baseDir: dirname(absolute) };
}

/** The config a command uses: `--config`, else the saved config of `--run-dir`. */
export function configFileOf(values: { config?: string | undefined; 'run-dir'?: string | undefined }): string | undefined {
  return values.config ?? (values['run-dir'] ? join(values['run-dir'], 'config.json') : undefined);
}
