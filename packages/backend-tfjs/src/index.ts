// The training engine: the tfjs training backend, the training run (builder, loop, hooks), checkpoints,
// evaluation and the zoo teacher. Only re-exports, by name.
export { register } from './register.js';
export { selectBackend, BACKEND_NAMES, type BackendName, type BackendSelection } from './backend/select-backend.js';
export { TfjsTrainingBackend } from './backend/tfjs-training-backend.js';
export { backendOptionsSchema, tfjsBackendRequest, type BackendOptions, type TfjsBackendRequest } from './backend/backend-request.js';
export { TfjsNetwork } from './network/tfjs-network.js';
export { preprocessFrames } from './train/preprocess.js';
export { buildTrainingRun } from './train/build-training-run.js';
export type { TrainingRunOptions } from './train/training-run-options.js';
export { TrainingRun } from './train/training-run.js';
export { type Uninterruptible, plainWork } from './train/run-checkpoints.js';
export { checkpointHook } from './hooks/checkpoint-hook.js';
export { evaluationHook } from './hooks/evaluation-hook.js';
export { ProgressHook } from './hooks/progress-hook.js';
export { StopOnSignalHook } from './hooks/stop-on-signal-hook.js';
export { earlyStoppingOptionsSchema, type EarlyStoppingOptions, EarlyStoppingHook } from './hooks/early-stopping-hook.js';
export { type CheckpointContent, type LoadedCheckpoint, CheckpointStore } from './checkpoint/checkpoint-store.js';
export { checkpointWeights } from './checkpoint/training-state.js';
export { predictLabels } from './eval/predict-labels.js';
export { evaluate, type EvaluationOptions } from './eval/evaluate.js';
export { RuntimeTeacherAdapter } from './teacher/runtime-teacher-adapter.js';
export { zooTeacherOptionsSchema, type ZooTeacherOptions, ZooTeacher } from './teacher/zoo-teacher.js';
