import { createRequire } from 'node:module';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, createContainer, entryLocation, type DependencyContainer } from '@vidseg/core';

/** The packages whose plugins every `vidseg` command has. */
export const BUILTIN_PLUGIN_PACKAGES = [
  '@vidseg/core',
  '@vidseg/models',
  '@vidseg/losses',
  '@vidseg/data',
  '@vidseg/flow',
  '@vidseg/backend-tfjs',
  '@vidseg/backend-ort',
] as const;

type RegisterFunction = (container: DependencyContainer) => void;

async function importRegister(specifier: string, where: { path: string; file?: string }): Promise<RegisterFunction> {
  let module: Record<string, unknown>;
  try {
    module = (await import(specifier)) as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError([{ path: where.path, message: `cannot load plugin module "${specifier}": ${(error as Error).message}` }], where.file, { cause: error });
  }
  const register = module.register ?? (module.default as Record<string, unknown> | undefined)?.register;
  if (typeof register !== 'function') {
    throw new ConfigError([{ path: where.path, message: `plugin module "${specifier}" exports no register(container) function` }], where.file);
  }
  return register as RegisterFunction;
}

/**
 * Where a `plugins:` entry is loaded from: paths (`./x.js`, `/abs/x.js`) resolve against the
 * config's folder; package names resolve as Node would from that folder.
 */
function pluginSpecifier(entry: string, baseDir: string): string {
  if (entry.startsWith('.') || isAbsolute(entry)) return pathToFileURL(resolve(baseDir, entry)).href;
  try {
    return pathToFileURL(createRequire(resolve(baseDir, 'noop.js')).resolve(entry)).href;
  } catch {
    return entry;
  }
}

/**
 * A container with the built-in plugins and those named in the config's `plugins` list
 * (registered in that order; a name registered twice by different packages is an error).
 */
export async function createPluginContainer(plugins: readonly string[], baseDir: string, configFile?: string): Promise<DependencyContainer> {
  const container = createContainer();
  for (const name of BUILTIN_PLUGIN_PACKAGES) (await importRegister(name, { path: '(built-in)' }))(container);
  for (const [i, entry] of plugins.entries()) {
    const where = entryLocation(`plugins[${i}]`, configFile);
    (await importRegister(pluginSpecifier(entry, baseDir), where))(container);
  }
  return container;
}
