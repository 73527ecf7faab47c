export * from './network/permute.js';
export * from './network/weight-layout.js';
export * from './network/graph-interpreter.js';
export * from './network/tfjs-network.js';
export * from './ops/op-context.js';
export * from './ops/resize.js';
