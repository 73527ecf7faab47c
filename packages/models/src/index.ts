// The backend-neutral graph description of networks, its shape/parameter/FLOP tools, weights by name
// and the model zoo. Only re-exports, by name; Node file loading is in `@vidseg/models/node`.
export type { Pair, CoordinateMode, ResizeTarget, OpSpec, OpName, GraphNode, ParamRole, ParamInit, ParamSpec, GraphInput, Graph, ValueShape } from './graph/graph-types.js';
export { GraphError } from './graph/graph-error.js';
export { type Value, type PairLike, type ConvOptions, GraphBuilder } from './graph/graph-builder.js';
export { inferShapes, windowOutputSize } from './graph/infer-shapes.js';
export { countParameters, countFlops, type ParameterCount } from './graph/count-model.js';
export { initializeParameters } from './graph/initialize-parameters.js';
export { loadWeights, type WeightReport, type LoadWeightsOptions } from './graph/load-weights.js';
export type { MisshapedTensor } from './graph/match-parameters.js';
export { segmentationModel, type SegmentationModel } from './zoo/common/segmentation-model.js';
export { outputSelectionOptions, type OutputSelection, classesOption, type ClassesOption, resizeModeOption } from './zoo/common/model-options.js';
export { classNames } from './zoo/common/class-names.js';
export { IMAGENET_PREPROCESSING } from './zoo/common/imagenet-preprocessing.js';
export { type EspnetVariant, type EspnetVariantSpec, ESPNET_CAMVID_VOID_CLASS, ESPNET_VARIANTS } from './zoo/espnet/espnet-variants.js';
export { buildEspnet, espnetOptionsSchema, type EspnetOptions } from './zoo/espnet/build-espnet.js';
export { pretrainedEspnet, type PretrainedModel } from './zoo/espnet/pretrained-espnet.js';
export { ESPNET_CHECK_LAYERS } from './zoo/espnet/espnet-check-layers.js';
export { detectEspnetArchitecture, type EspnetArchitecture } from './zoo/espnet/detect-espnet-architecture.js';
export { initFromWeights, type InitFromWeightsOptions, type InitReport } from './graph/init-from-weights.js';
export { buildMobileNetV2, mobileNetV2OptionsSchema } from './zoo/mobilenetv2/build-mobilenetv2.js';
export { buildPspnet, pspnetOptionsSchema } from './zoo/pspnet/build-pspnet.js';
export { buildConvLstmCell, convLstmCellOptionsSchema, CONVLSTM_GATES } from './zoo/convlstm/build-convlstm-cell.js';
export { buildTiny, tinyOptionsSchema } from './zoo/tiny/build-tiny.js';
export { register } from './register.js';
