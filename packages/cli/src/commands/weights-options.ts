import type { WeightsSource } from '../pipeline/model-weights.js';

/** Flags that say where trained weights come from (export, eval). */
export const WEIGHTS_OPTIONS = {
  'run-dir': { type: 'string' },
  checkpoint: { type: 'string' },
  weights: { type: 'string' },
} as const;

/** Usage lines for {@link WEIGHTS_OPTIONS}. */
export const WEIGHTS_OPTIONS_USAGE = `      --run-dir <folder>    a run folder: its config.json (when no --config) and latest checkpoint
      --checkpoint <folder> a checkpoint (step-N) or checkpoints folder (its latest)
      --weights <file>      plain weights (safetensors, PyTorch names), e.g. ../shared/models/espnet-camvid.safetensors`;

/** The weights source the flags name. */
export function weightsSourceOf(values: { 'run-dir'?: string | undefined; checkpoint?: string | undefined; weights?: string | undefined }): WeightsSource {
  return {
    ...(values['run-dir'] ? { runDir: values['run-dir'] } : {}),
    ...(values.checkpoint ? { checkpoint: values.checkpoint } : {}),
    ...(values.weights ? { weights: values.weights } : {}),
  };
}
