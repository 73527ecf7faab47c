export * from './graph/graph-types.js';
export * from './graph/graph-error.js';
export * from './graph/graph-builder.js';
export * from './graph/infer-shapes.js';
export * from './graph/count-model.js';
export * from './graph/initialize-parameters.js';
export * from './graph/load-weights.js';
