// Loss terms and distillation strategies (plugins, their options, and the functional losses behind them).
// Only re-exports, by name.
export { register } from './register.js';
export { crossEntropy, type CrossEntropySettings } from './segmentation/cross-entropy.js';
export { medianFrequencyWeights, resolveMedianFrequencyWeights, type MedianFrequencyWeights, type ResolvedClassWeights } from './segmentation/median-frequency.js';
export { crossEntropyOptions, type CrossEntropyOptions, CrossEntropyLoss, crossEntropyPlugin } from './segmentation/cross-entropy-loss.js';
export { temporalLoss, type OcclusionMaskKind, type TemporalSettings, type TemporalPair } from './temporal/temporal-loss.js';
export { temporalOptions, type TemporalOptions, TemporalLoss, temporalPlugin } from './temporal/temporal-loss-term.js';
export { pixelDistillation, type PixelDistillationSettings } from './distillation/pixel-distillation.js';
export { pixelWiseOptions, type PixelWiseOptions, PixelWiseDistiller, pixelWisePlugin } from './distillation/pixel-wise-distiller.js';
export { pairWiseFrameOptions, type PairWiseFrameOptions, PairWiseFrameDistiller, pairWiseFramePlugin } from './distillation/pair-wise-frame-distiller.js';
export { pairWiseOptions, type PairWiseOptions, PairWiseDistiller, pairWisePlugin } from './distillation/pair-wise-distiller.js';
export { type ConvLstmShape, type ConvLstmState, ConvLstmCell } from './distillation/convlstm/convlstm-cell.js';
export { saveConvLstm, loadConvLstm } from './distillation/convlstm/convlstm-weights-file.js';
export { pretrainConvLstm, type ConvLstmPretraining, type PretrainedConvLstm } from './distillation/convlstm/pretrain-convlstm.js';
export { multiFrameOptions, type MultiFrameOptions, MultiFrameDistiller, multiFramePlugin } from './distillation/multi-frame-distiller.js';
export { type TeacherCacheOptions, type TeacherCacheStats, CachedTeacher } from './teacher/cached-teacher.js';
export { cachedTeacherOptions, type CachedTeacherOptions, cachedTeacherPlugin } from './teacher/cached-teacher-plugin.js';
