// Raster remapping and the exact-flow book that @vidseg/data's augmentation builds on
// (`@vidseg/flow/internal`). Not part of the contract: it may change with the data package.
export { bilinearSupportSet } from './warp/bilinear-support.js';
export { flowTargets, type CoordinateMap } from './warp/coordinate-map.js';
export { remapImage, remapFlowValues, remapLabels, type Remapped } from './warp/remap.js';
export { type ExactMotionSource, ExactFlowBook, exactFlowBook } from './exact/exact-flow-book.js';
