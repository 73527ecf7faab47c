import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { skipReason } from '@vidseg/test-support';
import { describe, expect, it } from 'vitest';
import { runCli, TINY_CONFIG, VIDSEG_BIN, workspace } from './run-cli.js';

const PLUGIN = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'call-recorder-hook.mjs');
const built = existsSync(VIDSEG_BIN);

describe.skipIf(!built)(`hooks from a config${skipReason(built, VIDSEG_BIN, 'run npm run build')}`, () => {
  it('a hook plugin loaded from a file is listed and called at the documented points', { timeout: 600_000 }, () => {
    const dir = workspace({
      'c.yaml': `plugins: ['${PLUGIN}']\nhooks: [{ type: call-recorder, file: calls.txt }]\n${TINY_CONFIG.replace('steps: 6,', 'steps: 4, evalEvery: 2,')}`,
    });
    const listed = runCli(['list', 'hook', '--plugin', PLUGIN], dir);
    expect(listed.status, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/call-recorder\s+Appends a line to a file at every hook point.*\[cli test fixture\]/);

    const result = runCli(['train', '-c', 'c.yaml', '--run-dir', 'run'], dir);
    expect(result.status, result.stderr).toBe(0);
    // checkpointEvery: 2, evalEvery: 2, 4 steps: the built-in hooks checkpoint and evaluate at step 2,
    // checkpoint at step 4 and evaluate at the end; the config's hook runs after them.
    expect(readFileSync(join(dir, 'calls.txt'), 'utf8').trim().split('\n')).toEqual([
      'beforeRun 0',
      'beforeStep 0',
      'afterStep 1',
      'beforeStep 1',
      'afterCheckpoint 2',
      'afterEvaluation 2 miou=number',
      'afterStep 2',
      'beforeStep 2',
      'afterStep 3',
      'beforeStep 3',
      'afterCheckpoint 4',
      'afterStep 4',
      'afterEvaluation 4 miou=number',
      'afterRun 4 stopped=false',
    ]);
  });
});
