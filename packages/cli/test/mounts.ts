import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

/** Runs `mount args...`; true when it worked (root in a system that allows mounts). */
function mount(args: readonly string[]): boolean {
  if (process.getuid?.() !== 0) return false;
  return spawnSync('mount', args, { stdio: 'ignore' }).status === 0;
}

/** Mounts a tmpfs of `size` (e.g. `2m`) at `folder`; false where mounting is impossible. */
export function mountTmpfs(folder: string, size: string): boolean {
  mkdirSync(folder, { recursive: true });
  return mount(['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', folder]);
}

/** Makes `folder` read-only by a read-only bind mount over itself (stops root too); false where impossible. */
export function mountReadOnly(folder: string): boolean {
  mkdirSync(folder, { recursive: true });
  if (!mount(['--bind', folder, folder])) return false;
  if (mount(['-o', 'remount,bind,ro', folder])) return true;
  unmount(folder);
  return false;
}

/** Unmounts what {@link mountTmpfs} or {@link mountReadOnly} mounted (lazily, so an open file cannot block it). */
export function unmount(folder: string): void {
  spawnSync('umount', ['-l', folder], { stdio: 'ignore' });
}

/** Why a mount-based fault test falls back to another fault, for its title. */
export const MOUNT_FALLBACK = process.getuid?.() === 0 ? 'mounting failed here' : 'not root, so no mounts';
