// Trainable TensorFlow.js ops and the training kernels/gradients the stock backends lack.
// Only re-exports, by name; kernel building blocks shared with backend-tfjs are in `@vidseg/tfjs-ops/internal`.
export { registerTfjsGradients } from './register-gradients.js';
export { registerTrainingKernels } from './register-training-kernels.js';
export { conv2dTrainable, type Conv2dOptions } from './conv/conv2d-trainable.js';
export { convTranspose2d, type ConvTranspose2dOptions } from './conv/conv-transpose2d.js';
export { batchNormTrain, batchNormEval, type BatchNormParams, type BatchNormEvalParams, type BatchNormTrainResult } from './norm/batch-norm.js';
export type { Pool2dOptions } from './pool/pool-options.js';
export { avgPool2d, type AvgPool2dOptions } from './pool/avg-pool2d.js';
export { maxPool2d } from './pool/max-pool2d.js';
export { adaptiveBinEdges, adaptivePoolingMatrix } from './pool/adaptive-bins.js';
export { adaptiveAvgPool } from './pool/adaptive-avg-pool.js';
export { resizeBilinear } from './resize/resize-bilinear.js';
export type { WarpBorder } from './warp/warp-border.js';
export { warpBilinear, type WarpOptions } from './warp/warp-bilinear.js';
export { releasingVariableGrads, type VariableGradients } from './backprop/releasing-variable-grads.js';
