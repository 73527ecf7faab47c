import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether Debian's `redis-server` is on the PATH (the queue tests need a real server). */
export function hasRedisServer(): boolean {
  return spawnSync('redis-server', ['--version']).status === 0;
}

/** A redis-server started for a test, on a free local port, persisting to its own folder. */
export interface TestRedisServer {
  readonly url: string;
  readonly port: number;
  /** Folder of its append-only file. */
  readonly dir: string;
  /** Stops it (SIGTERM: it writes its data) and waits for the exit. */
  stop(): Promise<void>;
  /** Kills it outright (SIGKILL), as a crash would. */
  kill(): Promise<void>;
  /** Starts it again on the same port and folder (so it reloads what it persisted). */
  start(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `redis-server` on a free port of 127.0.0.1 with `appendonly yes` (every write logged,
 * fsync every second) and no RDB snapshots, in a fresh temporary folder.
 */
export async function startRedisServer(): Promise<TestRedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'vidseg-redis-'));
  let child: ChildProcess | undefined;
  const launch = () =>
    new Promise<void>((resolve, reject) => {
      const process = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', '', '--protected-mode', 'yes'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let log = '';
      const onData = (chunk: Buffer) => {
        log += chunk.toString();
        if (/Ready to accept connections/.test(log)) {
          process.stdout.off('data', onData);
          resolve();
        }
      };
      process.stdout.on('data', onData);
      process.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
      process.on('error', reject);
      process.on('exit', (code) => reject(new Error(`redis-server exited with code ${code} before it was ready: ${log.slice(-500)}`)));
      child = process;
    });
  const exited = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  await launch();
  return { url: `redis://127.0.0.1:${port}`, port, dir, stop: () => exited('SIGTERM'), kill: () => exited('SIGKILL'), start: launch };
}
