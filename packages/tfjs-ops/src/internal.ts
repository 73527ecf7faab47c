// Kernel building blocks that backend-tfjs's WebGPU programs share with the wasm kernels
// (`@vidseg/tfjs-ops/internal`): the coefficient formulas and channel passes. Not part of the contract.
export { checkedRowWindow, SHIFTED_CHANNEL_SUMS, AFFINE_CENTERED, type RowWindow } from './kernels/channel-kernels-wasm.js';
export { shiftedChannelSums, windowProductSums, affineCentered, type AffineCoefficients, type PackedAffineCoefficients } from './util/channel-passes.js';
export { BATCH_NORM_FORWARD_COEFFICIENTS, BATCH_NORM_BACKWARD_COEFFICIENTS } from './norm/batch-norm-coefficients.js';
export { PRELU_GRADIENT, RELU6_GRADIENT } from './kernels/activation-gradients-wasm.js';
export { CHANNEL_MEAN } from './util/channel-mean.js';
export { FLIPPED_TRANSPOSED_FILTER } from './conv/conv2d-input-gradient.js';
