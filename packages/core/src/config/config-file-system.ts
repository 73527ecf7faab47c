/**
 * How the config loader reads files. Core runs in browsers too, so it never imports `node:fs`:
 * the CLI passes a Node implementation, tests an in-memory one.
 */
export interface ConfigFileSystem {
  /** The file's text; throws when it cannot be read. */
  readText(path: string): Promise<string>;
  /** `relative` resolved against the folder of `fromFile` (absolute paths unchanged). */
  resolve(fromFile: string, relative: string): string;
}
