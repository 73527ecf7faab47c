// Test helpers for the engines' tests (`@vidseg/models/testing`): the zoo's registrations and the
// reference interpreter of the graph IR. Not part of the contract.
export { MODEL_REGISTRATIONS } from './zoo/model-registrations.js';
export { zerosNchw, nchwIndex, type Nchw } from './testing/nchw.js';
export { runReferenceGraph, type ReferenceOptions } from './testing/reference-graph.js';
export { channelMoments, resizeBilinearNchw } from './testing/reference-ops.js';
