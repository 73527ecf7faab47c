import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadConfig, UsageError, type ResolvedConfig, type VidsegConfig } from '@vidseg/core';
import { RunFolder } from '../run/run-folder.js';
import { nodeConfigFileSystem } from './node-config-file-system.js';

/** A config loaded for a command, with the folder its relative paths resolve against. */
export interface RunConfig extends ResolvedConfig<VidsegConfig> {
  /** Absolute path of the config file. */
  readonly file: string;
  /** Folder of the config file: relative data, weight and plugin paths resolve against it. */
  readonly baseDir: string;
}

/** A config file to load, and the folder its relative paths resolve against when not its own. */
export interface ConfigSource {
  readonly file: string | undefined;
  /** Set for a run folder's saved config: the folder of the config the run was started from. */
  readonly baseDir?: string;
}

/** Loads `--config` with its `--set` overrides; a missing `--config`, or a file that does not exist, is a usage error. */
export async function loadRunConfig(command: string, source: ConfigSource | string | undefined, overrides: readonly string[] = []): Promise<RunConfig> {
  const { file, baseDir } = typeof source === 'object' ? source : { file: source, baseDir: undefined };
  if (!file) throw new UsageError(`vidseg ${command}: missing --config <file>`, { hint: `see vidseg ${command} --help` });
  const absolute = resolve(file);
  if (!existsSync(absolute)) throw new UsageError(`vidseg ${command}: config file ${absolute} does not exist`, { hint: 'check the -c/--config path (or the --run-dir folder)' });
  const resolved = await loadConfig(absolute, { fs: nodeConfigFileSystem, overrides });
  return { ...resolved, file: absolute, baseDir: baseDir ?? dirname(absolute) };
}

/**
 * The config a command uses: `--config`, else the saved config of `--run-dir`, whose relative
 * paths (data, weights, plugins) still resolve against the folder of the config the run began with.
 */
export function configFileOf(values: { config?: string | undefined; 'run-dir'?: string | undefined }): ConfigSource {
  if (values.config || !values['run-dir']) return { file: values.config };
  return { file: join(values['run-dir'], 'config.json'), ...RunFolder.savedBaseDir(values['run-dir']) };
}
