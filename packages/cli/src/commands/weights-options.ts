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

/** Where paths resolve, for the help of commands that take both a config and weight paths. */
export const PATHS_NOTE = `Paths on the command line (--weights, --checkpoint, --run-dir, --model, --out) are relative to the
working directory; paths inside a config file (data roots, plugins) to that file's folder.`;

/** The weights source the flags name. */
export function weightsSourceOf(values: { 'run-dir'?: string | undefined; checkpoint?: string | undefined; weights?: string | undefined }): WeightsSource {
  return {
    ...(values['run-dir'] ? { runDir: values['run-dir'] } : {}),
    ...(values.checkpoint ? { checkpoint: values.checkpoint } : {}),
    ...(values.weights ? { weights: values.weights } : {}),
  };
}
