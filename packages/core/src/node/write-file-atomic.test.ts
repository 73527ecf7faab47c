import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from './write-file-atomic.js';

describe('writeFileAtomic', () => {
  it('creates missing folders, replaces an existing file and leaves no temporary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vidseg-atomic-'));
    const path = join(dir, 'a', 'b', 'file.bin');
    await writeFileAtomic(path, Uint8Array.from([1, 2, 3]));
    await writeFileAtomic(path, Uint8Array.from([4]));
    expect(Array.from(readFileSync(path))).toEqual([4]);
    expect(readdirSync(join(dir, 'a', 'b'))).toEqual(['file.bin']);
  });

  it('fails without touching the old file when the target cannot be replaced', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vidseg-atomic-'));
    writeFileSync(join(dir, 'blocker'), 'a file where a folder is needed');
    await expect(writeFileAtomic(join(dir, 'blocker', 'x.bin'), new Uint8Array(1))).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['blocker']);
  });
});
