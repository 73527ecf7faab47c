export * from './warp/bilinear.js';
export * from './warp/coordinate-map.js';
export * from './warp/remap.js';
export * from './warp/warp-image.js';
export * from './occlusion/forward-backward.js';
export * from './metrics/endpoint-error.js';
export * from './exact/exact-flow-book.js';
export * from './exact/exact-flow-estimator.js';
