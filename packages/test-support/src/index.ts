// Helpers for vidseg's tests: shared data (../shared) with visible skip reasons, prerequisites, Redis.
export { sharedRoot, sharedPath, requireShared } from './shared-data.js';
export { skipReason } from './prerequisite.js';
export { hasRedisServer, startRedisServer, type TestRedisServer } from './redis-server.js';
