import type { ConfigFileSystem } from './config-file-system.js';

/** Joins and normalises POSIX paths (`.` and `..` resolved), without `node:path`. */
function resolvePosix(fromFile: string, relative: string): string {
  if (relative.startsWith('/')) return normalise(relative);
  const folder = fromFile.includes('/') ? fromFile.slice(0, fromFile.lastIndexOf('/')) : '.';
  return normalise(`${folder}/${relative}`);
}

function normalise(path: string): string {
  const absolute = path.startsWith('/');
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(part);
  }
  return (absolute ? '/' : '') + parts.join('/');
}

/**
 * A config file system over an in-memory map of path to text: for browsers (configs fetched
 * beforehand) and tests.
 */
export function createMemoryFileSystem(files: Readonly<Record<string, string>>): ConfigFileSystem {
  return {
    async readText(path) {
      const text = files[normalise(path)];
      if (text === undefined) throw Object.assign(new Error(`no such file: ${path}`), { code: 'ENOENT' });
      return text;
    },
    resolve: resolvePosix,
  };
}
