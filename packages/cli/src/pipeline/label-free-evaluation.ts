import { evaluationOrder, REAL_VIDEO_FLOW, type ClipDataset, type LabelSpace, type VidsegConfig } from '@vidseg/core';

/** The label-free consistency of a model on video, as `vidseg eval` reports it on frames without labels. */
export interface LabelFreeFigures {
  /**
   * TC between the model's own consecutive predictions along estimated flow (mean IoU of the
   * prediction of frame t+1 and the prediction of frame t warped to it). Not VC: no labels involved.
   */
  readonly labelFreeTc: number;
  /** Flow-free: share of pixels whose predicted class is the same in consecutive frames. */
  readonly unchangedShare: number;
  /** Consecutive frame pairs compared. */
  readonly pairs: number;
}

/** Predictions never hold this value: label-free figures count every predicted pixel. */
const NO_IGNORE_LABEL = 255;

/**
 * The label space of label-free figures: the model's classes less its void class (which TC skips
 * as in every metric), and no ignore label, whatever the frames' dataset says (there are no labels).
 */
export function labelFreeSpace(model: { readonly classes: readonly string[]; readonly voidClass: number | undefined }): LabelSpace {
  return {
    classes: model.classes.filter((_, i) => i !== model.voidClass),
    ignoreLabel: NO_IGNORE_LABEL,
    ...(model.voidClass === undefined ? {} : { voidClass: model.voidClass }),
  };
}

/** Whether the dataset's first frame in evaluation order has no label map (a frames folder, a video). */
export async function isUnlabelled(dataset: ClipDataset): Promise<boolean> {
  const first = evaluationOrder(dataset)[0];
  return first === undefined || !(await dataset.frame(first)).label;
}

/**
 * The config with its evaluation made label-free: the `tc` and `unchanged` metrics, along
 * `eval.flow`, else the flow of `data.unlabelled`, else Farneback with a disk cache.
 */
export function labelFreeConfig(config: VidsegConfig): VidsegConfig {
  const flow = config.eval.flow ?? config.data.unlabelled?.flow ?? REAL_VIDEO_FLOW;
  return { ...config, eval: { ...config.eval, metrics: [{ type: 'tc' }, { type: 'unchanged' }], flow } };
}

/** The label-free figures among the values of an evaluation with {@link labelFreeConfig}. */
export function labelFreeFigures(values: Readonly<Record<string, number>>): LabelFreeFigures {
  return { labelFreeTc: values.tc ?? Number.NaN, unchangedShare: values.unchangedShare ?? Number.NaN, pairs: values.pairs ?? 0 };
}
