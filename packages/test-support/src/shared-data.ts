import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { skipReason } from './prerequisite.js';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The `shared` folder with real data and weights: `$VIDSEG_SHARED` when set, else `../shared`
 * beside the repository (as in CI), else undefined.
 */
export function sharedRoot(): string | undefined {
  const candidates = [process.env.VIDSEG_SHARED, resolve(here, '../../../../shared')].filter((p): p is string => !!p);
  return candidates.find((p) => existsSync(p));
}

/** Absolute path of `segments` under the shared folder, or undefined when it is absent. */
export function sharedPath(...segments: string[]): string | undefined {
  const root = sharedRoot();
  if (!root) return undefined;
  const path = join(root, ...segments);
  return existsSync(path) ? path : undefined;
}

/**
 * Whether tests that need `segments` under the shared folder can run, and if not, why. In CI
 * (CI=true) a missing folder is an error: real-data tests must run there.
 */
export function requireShared(...segments: string[]): { path: string | undefined; skipReason: string } {
  const path = sharedPath(...segments);
  return { path, skipReason: skipReason(path !== undefined, join('../shared', ...segments), 'put the shared folder beside the repository or set VIDSEG_SHARED') };
}
