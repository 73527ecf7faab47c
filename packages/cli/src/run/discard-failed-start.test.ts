import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discardFailedStart, folderBeforeStart } from './discard-failed-start.js';
import { RunFolder } from './run-folder.js';

/** What a start writes before it fails. */
function writeStart(folder: RunFolder): void {
  mkdirSync(folder.path('checkpoints'), { recursive: true });
  writeFileSync(folder.path('config.json'), '{}');
  writeFileSync(folder.path('log.jsonl'), '');
}

describe('discardFailedStart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vidseg-discard-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('removes a run folder the failed start created', async () => {
    const folder = RunFolder.open(join(dir, 'new'), { resume: false });
    const before = folderBeforeStart(folder);
    writeStart(folder);
    await discardFailedStart(folder, before);
    expect(existsSync(folder.dir)).toBe(false);
  });

  it("removes only what the start added to an existing folder, never the user's files", async () => {
    mkdirSync(join(dir, 'mine', 'cache'), { recursive: true });
    writeFileSync(join(dir, 'mine', 'notes.txt'), 'keep me');
    const folder = RunFolder.open(join(dir, 'mine'), { resume: false });
    const before = folderBeforeStart(folder);
    writeStart(folder);
    await discardFailedStart(folder, before);
    expect(readdirSync(folder.dir).sort()).toEqual(['cache', 'notes.txt']);
  });
});
