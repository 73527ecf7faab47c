import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeError, exitCodeFor } from './exit-codes.js';

const errno = (code: string, syscall: string, path?: string) => Object.assign(new Error(`${code}: failed, ${syscall}`), { code, syscall, ...(path ? { path } : {}) });

describe('environment failures: one line naming the path, exit 4 (disk) or 3 (engine memory), no stack', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vidseg-errors-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['ENOSPC', 'no space left on the device: /runs/a/log.jsonl (write) [ENOSPC]'],
    ['EACCES', 'permission denied: /runs/a/log.jsonl (write) [EACCES]'],
    ['EROFS', 'read-only file system: /runs/a/log.jsonl (write) [EROFS]'],
    ['EDQUOT', 'disk quota exceeded: /runs/a/log.jsonl (write) [EDQUOT]'],
  ])('%s', (code, message) => {
    const error = errno(code, 'write', '/runs/a/log.jsonl');
    expect(exitCodeFor(error)).toBe(4);
    const text = describeError(error);
    expect(text.split('\n')[0]).toBe(`error: ${message}`);
    expect(text).toMatch(/\n  hint: /);
    expect(text).not.toMatch(/^\s+at /m);
  });

  it('reports the real reason of a recursive mkdir that Node calls ENOENT (a non-writable parent)', async () => {
    // As root nothing here is non-writable without a mount: the CLI's e2e test covers a read-only mount.
    const error = await mkdir(join(dir, 'missing', 'run'), { recursive: false }).catch((e: unknown) => e);
    expect(describeError(error)).toMatch(/^error: no such file or folder: .*missing\/run \(mkdir\) \[ENOENT\]/);
  });

  it('turns engine aborts into a config error saying what to lower, and leaves other errors alone', () => {
    for (const error of [new WebAssembly.RuntimeError('memory access out of bounds'), new Error('Aborted(). Build with -sASSERTIONS for more info.'), new RangeError('Array buffer allocation failed')]) {
      expect(exitCodeFor(error)).toBe(3);
      expect(describeError(error)).toMatch(/^error: the compute engine ran out of memory or aborted \(.+\)\n  hint: lower train\.batchSize or train\.inputSize/);
    }
    expect(exitCodeFor(new TypeError('x is undefined'))).toBe(1);
    expect(describeError(new TypeError('x is undefined'))).toMatch(/^internal error: TypeError: x is undefined\n\s+at /);
  });
});
