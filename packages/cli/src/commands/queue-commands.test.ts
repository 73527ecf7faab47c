import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { main } from '../main.js';

/** Runs `vidseg args...` in this process; resolves to the exit code and what it wrote. */
async function vidseg(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: { write: (text: string) => ((out += text), true) }, err: { write: (text: string) => ((err += text), true) } });
  return { code, out, err };
}

/** A local port with nothing listening on it. */
async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('vidseg queue and vidseg worker: usage errors', () => {
  it('are listed in vidseg --help', async () => {
    const { out } = await vidseg('--help');
    for (const name of ['queue add', 'queue status', 'queue retry-failed', 'queue drain', 'worker']) expect(out).toMatch(new RegExp(`^ {2}${name} `, 'm'));
  });

  it('reject missing flags, missing inputs and bad numbers with exit code 2', async () => {
    expect(await vidseg('queue', 'add', '--out', 'o', 'a.mp4')).toMatchObject({ code: 2, err: expect.stringMatching(/^error: vidseg queue add: missing --model/) });
    expect(await vidseg('queue', 'add', '--model', 'm.onnx', '--out', 'o')).toMatchObject({ code: 2, err: expect.stringMatching(/no inputs given/) });
    expect(await vidseg('queue', 'add', '--model', 'm.onnx', '--out', 'o', '--chunk-frames', '0', 'a.mp4')).toMatchObject({ code: 2, err: expect.stringMatching(/--chunk-frames must be an integer >= 1, got "0"/) });
    expect(await vidseg('worker', '--concurrency', 'two')).toMatchObject({ code: 2, err: expect.stringMatching(/--concurrency must be an integer >= 1, got "two"/) });
    expect(await vidseg('queue', 'status', '--redis', 'http://h:1')).toMatchObject({ code: 2, err: expect.stringMatching(/--redis "http:\/\/h:1": the scheme must be redis:\/\/ or rediss:\/\//) });
    expect(await vidseg('queue', 'drain', '--redsi', 'redis://h')).toMatchObject({ code: 2, err: expect.stringMatching(/unknown option --redsi \(did you mean "--redis"\?\)/) });
  });

  it('says in one line when Redis cannot be reached', { timeout: 120_000 }, async () => {
    const url = `redis://user:secret@127.0.0.1:${await closedPort()}`;
    const result = await vidseg('queue', 'status', '--redis', url);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^error: cannot reach Redis at redis:\/\/user:\*\*\*@127\.0\.0\.1:\d+ within 10 s/);
    expect(result.err).not.toMatch(/secret|\n\s+at /);
  });
});
