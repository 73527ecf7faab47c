/**
 * The classes a dataset is evaluated on: ids 0..classes.length-1, plus the label value whose
 * pixels never count (CamVid: 11 Void; Cityscapes trainIds: 255).
 */
export interface LabelSpace {
  readonly classes: readonly string[];
  readonly ignoreLabel: number;
}

/** Per-class values keyed by class name. */
export function perClassRecord(space: LabelSpace, values: ArrayLike<number>): Record<string, number> {
  const record: Record<string, number> = {};
  space.classes.forEach((name, c) => {
    record[name] = values[c]!;
  });
  return record;
}
