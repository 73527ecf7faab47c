// Test helpers for other packages' tests (`@vidseg/core/testing`); not part of the contract.
export { rootContainer } from './di/tsyringe.js';
