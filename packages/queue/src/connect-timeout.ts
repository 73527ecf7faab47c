import { UsageError } from '@vidseg/core';
import { redactRedisUrl } from './redis-connection.js';

/** How long a command waits for Redis before saying it cannot reach it. */
export const CONNECT_TIMEOUT_MS = 10_000;

/**
 * Waits for `ready` (a BullMQ object's `waitUntilReady()`), or fails after `timeoutMs` with a
 * {@link UsageError} naming the Redis URL: ioredis itself would retry forever.
 */
export async function connectedWithin(ready: Promise<unknown>, url: string, timeoutMs = CONNECT_TIMEOUT_MS): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new UsageError(`cannot reach Redis at ${redactRedisUrl(url)} within ${timeoutMs / 1000} s`, {
        hint: 'start it (redis-server --appendonly yes), or give the right --redis URL (rediss:// for TLS; password in the URL or $VIDSEG_REDIS_PASSWORD)',
      }));
    }, timeoutMs);
  });
  try {
    await Promise.race([ready, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
