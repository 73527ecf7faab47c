import type { EntryLocation } from './plugin-registry.js';

/** The {@link EntryLocation} of config path `path` in `file` (when known), for error messages. */
export function entryLocation(path: string, file?: string): EntryLocation {
  return file === undefined ? { path } : { path, file };
}
