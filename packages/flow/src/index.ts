// Optical flow: estimators (plugins), the flow cache, warping, occlusion, .flo files and flow metrics.
// Only re-exports, by name; the raster remapping that @vidseg/data builds on is in `@vidseg/flow/internal`.
export { warpImage } from './warp/warp-image.js';
export { forwardBackwardMask, type ForwardBackwardThresholds } from './occlusion/forward-backward.js';
export { endpointError, type EndpointError } from './metrics/endpoint-error.js';
export { ExactFlowEstimator } from './exact/exact-flow-estimator.js';
export { loadOpenCv, type OpenCv } from './estimators/opencv-loader.js';
export { farnebackOptionsSchema, type FarnebackOptions, type FarnebackOptionsInput } from './estimators/farneback-options.js';
export { FarnebackFlow } from './estimators/farneback-flow.js';
export { floFileOptionsSchema, type FloFileOptions, type FloFileOptionsInput } from './estimators/flo-file-options.js';
export { FloFileFlow } from './estimators/flo-file-flow.js';
export { encodeFlo, decodeFlo } from './io/flo-format.js';
export { flowToColour } from './io/flow-colour.js';
export { CachedFlowEstimator } from './cache/cached-flow-estimator.js';
export { cachedFlowOptionsSchema, type CachedFlowOptions, cachedFlowPlugin } from './cache/cached-flow-plugin.js';
export { register } from './register.js';
