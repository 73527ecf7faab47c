export * from './shared-data.js';
export * from './prerequisite.js';
