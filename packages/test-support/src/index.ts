export * from './shared-data.js';
export * from './prerequisite.js';
export { hasRedisServer, startRedisServer, type TestRedisServer } from './redis-server.js';
