import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeError, exitCodeFor } from '../errors/exit-codes.js';
import { RunFolder } from './run-folder.js';

const hasDevFull = existsSync('/dev/full');

describe.skipIf(!hasDevFull)(`a log write on a full disk${hasDevFull ? '' : ' (skipped: no /dev/full on this system)'}`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'vidseg-log-fault-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names log.jsonl in a one-line ENOSPC error with exit code 4 (log.jsonl is a link to /dev/full, which fails every write with ENOSPC)', () => {
    const folder = RunFolder.open(join(dir, 'run'), { resume: false });
    mkdirSync(folder.dir);
    symlinkSync('/dev/full', folder.path('log.jsonl'));
    const error = (() => {
      try {
        folder.log({ event: 'step', step: 1 });
      } catch (caught) {
        return caught;
      }
      throw new Error('the write did not fail');
    })();
    expect(exitCodeFor(error)).toBe(4);
    expect(describeError(error).split('\n')[0]).toBe(`error: no space left on the device: ${folder.path('log.jsonl')} (write) [ENOSPC]`);
  });
});
