/**
 * The classes a dataset is evaluated on: ids 0..classes.length-1, plus the label value whose
 * pixels never count (CamVid: 11 Void; Cityscapes trainIds: 255).
 */
export interface LabelSpace {
  readonly classes: readonly string[];
  readonly ignoreLabel: number;
  /**
   * The model's trained void/background output (ESPNet-Cityscapes: 19), when it has one: a
   * prediction of "no class". Every metric treats it like the ignore label where it stands as a
   * reference (P_t of TC, a ground truth that uses it), and as a wrong answer for no class where it
   * is compared with a class. It must lie outside 0..classes.length-1.
   */
  readonly voidClass?: number;
}

/**
 * The label space of an evaluation: the dataset's classes and ignore label, and the evaluated
 * model's void class when it declares one (its `voidClass`, or `vidseg.voidClass` in an exported
 * model's metadata).
 */
export function evaluationLabelSpace(dataset: Pick<LabelSpace, 'classes' | 'ignoreLabel'>, voidClass: number | undefined): LabelSpace {
  return { classes: dataset.classes, ignoreLabel: dataset.ignoreLabel, ...(voidClass === undefined ? {} : { voidClass }) };
}

/** The label values whose pixels never count as a reference: the ignore label and the model's void class. */
export function isIgnoredLabel(space: Pick<LabelSpace, 'ignoreLabel' | 'voidClass'>, value: number): boolean {
  return value === space.ignoreLabel || value === space.voidClass;
}

/** Per-class values keyed by class name. */
export function perClassRecord(space: LabelSpace, values: ArrayLike<number>): Record<string, number> {
  const record: Record<string, number> = {};
  space.classes.forEach((name, c) => {
    record[name] = values[c]!;
  });
  return record;
}
