import { DataError, type LabelMap, type RuntimeTensor } from '@vidseg/core';
import { argmaxChannels, softmaxChannels } from './channel-ops.js';
import type { ModelIo } from './model-io.js';

/** The label map (and probabilities) of one frame, in buffers owned by the reader. */
export interface FrameOutputs {
  readonly labels: LabelMap;
  /** Class probabilities, K x H x W, when asked for. */
  readonly probabilities?: Float32Array;
}

/**
 * Reads one frame's label map and probabilities from a model's outputs into buffers it reuses
 * while the frame size stays the same: from the model's `labels` and `probabilities` outputs when
 * it has them, else computed from its logits (argmax, softmax).
 */
export class OutputReader {
  private labels = new Uint8Array(0);
  private probabilities = new Float32Array(0);
  private scratch = new Float32Array(0);

  constructor(
    private readonly io: ModelIo,
    private readonly source: string,
  ) {}

  /** The output names to fetch from the model for these needs. */
  outputNames(probabilities: boolean): string[] {
    const { labels, logits } = this.io.outputs;
    const names = new Set<string>();
    names.add(labels ?? logits!);
    if (probabilities) names.add(this.io.outputs.probabilities ?? logits!);
    return [...names];
  }

  /** The outputs of batch item `index`, for a frame of `height` x `width`; valid until the next call. */
  read(outputs: Readonly<Record<string, RuntimeTensor>>, index: number, height: number, width: number, probabilities: boolean): FrameOutputs {
    const plane = height * width;
    if (this.labels.length !== plane) {
      this.labels = new Uint8Array(plane);
      this.scratch = new Float32Array(plane);
    }
    const classes = this.io.classes.length;
    const { labels: labelsName, probabilities: probabilitiesName, logits: logitsName } = this.io.outputs;
    if (labelsName) {
      const labels = this.expect(outputs, labelsName, 'uint8', [height, width]);
      this.labels.set((labels.data as Uint8Array).subarray(index * plane, (index + 1) * plane));
    } else {
      const logits = this.expect(outputs, logitsName!, 'float32', [classes, height, width]);
      argmaxChannels(logits.data as Float32Array, index * classes * plane, classes, plane, this.labels, this.scratch);
    }
    const labels: LabelMap = { width, height, data: this.labels };
    if (!probabilities) return { labels };
    if (this.probabilities.length !== classes * plane) this.probabilities = new Float32Array(classes * plane);
    if (probabilitiesName) {
      const source = this.expect(outputs, probabilitiesName, 'float32', [classes, height, width]).data as Float32Array;
      this.probabilities.set(source.subarray(index * classes * plane, (index + 1) * classes * plane));
    } else {
      const logits = this.expect(outputs, logitsName!, 'float32', [classes, height, width]);
      softmaxChannels(logits.data as Float32Array, index * classes * plane, classes, plane, this.probabilities);
    }
    return { labels, probabilities: this.probabilities };
  }

  private expect(outputs: Readonly<Record<string, RuntimeTensor>>, name: string, type: string, trailing: readonly number[]): RuntimeTensor {
    const tensor = outputs[name];
    const dims = tensor?.dims.slice(1) ?? [];
    if (!tensor || tensor.type !== type || dims.length !== trailing.length || dims.some((d, i) => d !== trailing[i])) {
      throw new DataError(
        `${this.source}: output "${name}" should be ${type} [N, ${trailing.join(', ')}], got ${tensor ? `${tensor.type} [${tensor.dims.join(', ')}]` : 'nothing'}`,
        { hint: 'the model must output labels or logits at the input size, one channel per class' },
      );
    }
    return tensor;
  }
}
