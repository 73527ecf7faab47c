// Preloaded with `node --import` by the test: appends the file of every module the program loads to
// $MODULE_LOG, ES modules through a resolve hook and CommonJS modules from require.cache at exit.
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

const log = process.env.MODULE_LOG;
if (!log) throw new Error('record-modules.mjs: set MODULE_LOG to the file to append to');
register('./resolve-hook.mjs', import.meta.url, { data: { log } });
process.on('exit', () => appendFileSync(log, Object.keys(createRequire(import.meta.url).cache).map((file) => `${file}\n`).join('')));
