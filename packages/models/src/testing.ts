// Test helpers for the engines' tests (`@vidseg/models/testing`): the zoo's registrations. Not part of
// the contract.
export { MODEL_REGISTRATIONS } from './zoo/model-registrations.js';
