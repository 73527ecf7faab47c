import { DataError, type ClipSample } from '@vidseg/core';

/**
 * A label check moved from a loss term to the host: on engines without synchronous reads (WebGPU)
 * the trainer turns off the term's own `checkLabels` (it reads the device synchronously at every
 * step) and checks the labelled frames' label maps here, before they are uploaded, with the same rule.
 */
export interface HostLabelCheck {
  /** What the labels are for, for the error, e.g. `losses[0] (cross-entropy)`. */
  readonly what: string;
  /** The term's own ignore label, when its options set one; else the run's. */
  readonly ignoreLabel?: number;
}

/**
 * Throws a {@link DataError} when a labelled frame of `samples` holds a value that is neither a class
 * id in [0, classes) nor the ignore label (the rule of the losses' `checkLabels`), naming the frame.
 */
export function assertHostLabelsInRange(samples: readonly ClipSample[], classes: number, ignoreLabel: number, what: string): void {
  for (const sample of samples) {
    const frame = sample.frames[sample.target]!;
    if (!frame.label) continue;
    let count = 0;
    let example = 0;
    for (const value of frame.label.data) {
      if (value >= classes && value !== ignoreLabel) {
        count++;
        example = value;
      }
    }
    if (count > 0) {
      throw new DataError(
        `${what} labels of frame ${frame.id}: ${count} pixel(s) have label values outside the ${classes} classes and the ignore label ${ignoreLabel} (e.g. ${example})`,
        { hint: "check the dataset's class mapping, or the loss's ignoreLabel" },
      );
    }
  }
}
