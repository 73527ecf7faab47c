import { UsageError } from '@vidseg/core';

/** The Redis a command uses when given none: `$VIDSEG_REDIS_URL`, else a local server on the default port. */
export function defaultRedisUrl(): string {
  return process.env.VIDSEG_REDIS_URL ?? 'redis://127.0.0.1:6379';
}

/** How to reach Redis, as ioredis takes it (BullMQ passes these options to ioredis). */
export interface RedisConnectionOptions {
  readonly host: string;
  readonly port: number;
  readonly username?: string;
  readonly password?: string;
  readonly db: number;
  /** Set for `rediss://` URLs or `tls: true`: the connection is TLS, checked against the system's CAs. */
  readonly tls?: { readonly servername: string };
  /** BullMQ workers need null: a worker waits for Redis to come back instead of failing its commands. */
  readonly maxRetriesPerRequest: null;
}

/** Options of {@link redisConnectionOptions}. */
export interface RedisUrlOptions {
  /** Force TLS (as `rediss://` does). */
  readonly tls?: boolean;
  /** Password when the URL has none (default `$VIDSEG_REDIS_PASSWORD`), so it stays out of process listings. */
  readonly password?: string;
}

/**
 * Parses a Redis URL (`redis://[user:password@]host[:port][/db]`, or `rediss://` for TLS) into
 * connection options. A malformed URL is a {@link UsageError} naming `flag`.
 */
export function redisConnectionOptions(url: string, options: RedisUrlOptions = {}, flag = '--redis'): RedisConnectionOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`${flag} "${url}" is not a URL`, { hint: 'write it as redis://[user:password@]host[:port][/db] (rediss:// for TLS)' });
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new UsageError(`${flag} "${url}": the scheme must be redis:// or rediss:// (TLS), not ${parsed.protocol}//`);
  }
  const dbText = parsed.pathname.replace(/^\//, '');
  const db = dbText === '' ? 0 : Number(dbText);
  if (!Number.isInteger(db) || db < 0) throw new UsageError(`${flag} "${url}": the database number "${dbText}" is not a non-negative integer`);
  const port = parsed.port === '' ? 6379 : Number(parsed.port);
  const password = parsed.password !== '' ? decodeURIComponent(parsed.password) : (options.password ?? process.env.VIDSEG_REDIS_PASSWORD);
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  const tls = parsed.protocol === 'rediss:' || options.tls === true;
  return {
    host,
    port,
    db,
    ...(parsed.username !== '' ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(password ? { password } : {}),
    ...(tls ? { tls: { servername: host } } : {}),
    maxRetriesPerRequest: null,
  };
}

/** The URL without its password, for messages and logs. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}
