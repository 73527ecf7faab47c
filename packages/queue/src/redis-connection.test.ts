import { describe, expect, it } from 'vitest';
import { redactRedisUrl, redisConnectionOptions } from './redis-connection.js';

describe('redisConnectionOptions', () => {
  it('reads host, port, database, user and password from the URL, and TLS from rediss://', () => {
    expect(redisConnectionOptions('redis://127.0.0.1:6380/2', { password: '' })).toEqual({ host: '127.0.0.1', port: 6380, db: 2, maxRetriesPerRequest: null });
    expect(redisConnectionOptions('rediss://worker:s%40cret@redis.example.com')).toEqual({
      host: 'redis.example.com',
      port: 6379,
      db: 0,
      username: 'worker',
      password: 's@cret',
      tls: { servername: 'redis.example.com' },
      maxRetriesPerRequest: null,
    });
    expect(redisConnectionOptions('redis://h', { tls: true, password: 'p' })).toMatchObject({ tls: { servername: 'h' }, password: 'p' });
  });

  it('rejects what is not a redis URL with a message naming the flag', () => {
    expect(() => redisConnectionOptions('localhost:6379')).toThrow(/--redis "localhost:6379": the scheme must be redis:\/\/ or rediss:\/\//);
    expect(() => redisConnectionOptions('not a url')).toThrow(/--redis "not a url" is not a URL/);
    expect(() => redisConnectionOptions('redis://h/x')).toThrow(/database number "x"/);
  });

  it('hides the password in messages', () => {
    expect(redactRedisUrl('redis://u:secret@h:1/0')).toBe('redis://u:***@h:1/0');
  });
});
