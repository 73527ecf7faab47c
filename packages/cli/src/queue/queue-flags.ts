import type { RedisUrlOptions } from '@vidseg/queue';

/** The flags of every queue command and of `vidseg worker`: where the queue is. */
export const QUEUE_FLAGS = {
  redis: { type: 'string' },
  tls: { type: 'boolean' },
  queue: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Usage lines for {@link QUEUE_FLAGS}. */
export const QUEUE_FLAGS_USAGE = `      --redis <url>       redis://[user:password@]host[:port][/db], rediss:// for TLS
                          (default $VIDSEG_REDIS_URL, else redis://127.0.0.1:6379; a password not in the
                          URL is read from $VIDSEG_REDIS_PASSWORD)
      --tls               use TLS with a redis:// URL too
      --queue <name>      queue name (default vidseg): several archives can share one Redis
  -h, --help              show this help`;

/** Where the queue is, from the parsed {@link QUEUE_FLAGS}. */
export function queueLocation(values: { redis?: string; tls?: boolean; queue?: string }, defaultUrl: string): { url: string; options: RedisUrlOptions & { queue?: string } } {
  return { url: values.redis ?? defaultUrl, options: { ...(values.tls ? { tls: true } : {}), ...(values.queue ? { queue: values.queue } : {}) } };
}
