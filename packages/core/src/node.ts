// Node-only helpers (`@vidseg/core/node`); the main entry stays free of them so it runs in browsers.
export { writeFileAtomic } from './node/write-file-atomic.js';
