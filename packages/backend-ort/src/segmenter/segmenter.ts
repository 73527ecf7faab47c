import { DataError, UsageError, type ImageFrame, type InferenceSession, type LabelMap, type Palette, type Preprocessing } from '@vidseg/core';
import { FrameFeeder } from '../io/frame-feeder.js';
import { describeModelIo, type ModelIo, type ModelIoOverrides } from '../io/model-io.js';
import { loadModelSource, type ModelSource } from '../io/model-source.js';
import { OutputReader } from '../io/output-reader.js';
import { readOnnxModel } from '../onnx/read-onnx-model.js';
import { resolveRuntime, type RuntimeChoice } from '../runtime/resolve-runtime.js';

/** Options of {@link createSegmenter}. */
export interface SegmenterOptions extends ModelIoOverrides {
  /** The .onnx model: bytes, or a file path in Node. */
  readonly model: ModelSource;
  /** `auto` (default: onnxruntime-node when installed, else onnxruntime-web), a runtime name, or any runtime. */
  readonly runtime?: RuntimeChoice;
  /** Intra-op threads (default 1). */
  readonly threads?: number;
  /** Also return class probabilities (K x H x W) for each frame (default false). */
  readonly probabilities?: boolean;
  /** Folder a relative model path is resolved against (Node). */
  readonly baseDir?: string;
}

/** The segmentation of one frame. */
export interface SegmentationResult {
  /** Class id per pixel. In `segment`, its data is a buffer reused by the next call: copy it to keep it. */
  readonly labels: LabelMap;
  /** Class probabilities, K x H x W (channel-major), when the segmenter was created with `probabilities`. Reused like `labels`. */
  readonly probabilities?: Float32Array;
  readonly timestampMs: number;
}

/**
 * Creates a {@link Segmenter} for an ONNX segmentation model: reads and checks the file, takes its
 * classes, palette, preprocessing and input constraint from the vidseg metadata (or from `options`
 * for other models), and opens a session on the chosen runtime.
 */
export async function createSegmenter(options: SegmenterOptions): Promise<Segmenter> {
  const { bytes, source } = await loadModelSource(options.model, options.baseDir ? { baseDir: options.baseDir } : {});
  const io = describeModelIo(readOnnxModel(bytes, source), options);
  const probabilities = options.probabilities ?? false;
  if (!io.outputs.labels && !io.outputs.logits) throw new DataError(`${source}: has neither a "labels" nor a "logits" output to segment with`, { hint: 'use a model exported by vidseg export' });
  if (probabilities && !io.outputs.probabilities && !io.outputs.logits) {
    throw new UsageError(`${source}: has no "probabilities" or "logits" output, so probabilities cannot be returned`, { hint: 'export it with outputs labels, probabilities' });
  }
  const threads = options.threads ?? 1;
  const runtime = await resolveRuntime(options.runtime, { threads });
  const session = await runtime.createSession(bytes, { threads });
  return new Segmenter(session, io, { source, runtime: runtime.name, probabilities });
}

/**
 * Segments frames one at a time with a loaded model. In video mode ({@link segment}) timestamps
 * must increase and the input and output buffers are reused from frame to frame (no per-frame
 * allocation of input or output arrays by vidseg); {@link segmentImages} is the batch mode for
 * independent images.
 */
export class Segmenter {
  /** The model file's name, for messages. */
  readonly source: string;
  /** The runtime the session runs on, e.g. `ort-node`. */
  readonly runtime: string;
  private readonly feeder: FrameFeeder;
  private readonly reader: OutputReader;
  private readonly probabilities: boolean;
  private lastTimestamp: number | undefined;
  private busy = false;
  private closed = false;

  constructor(
    private readonly session: InferenceSession,
    private readonly io: ModelIo,
    options: { source: string; runtime: string; probabilities: boolean },
  ) {
    this.source = options.source;
    this.runtime = options.runtime;
    this.probabilities = options.probabilities;
    this.feeder = new FrameFeeder(io, this.source);
    this.reader = new OutputReader(io, this.source);
  }

  /** Class names, in label order. */
  get classes(): readonly string[] {
    return this.io.classes;
  }

  /** Height and width of the model's input must be multiples of this. */
  get multipleOf(): number {
    return this.io.input.multipleOf;
  }

  /** The model's trained void/background class ("no class"), when it declares one. */
  get voidClass(): number | undefined {
    return this.io.voidClass;
  }

  /** The [height, width] the network was trained at, when its metadata says (a dynamic-size model still has one). */
  get nativeSize(): readonly [number, number] | undefined {
    return this.io.input.nativeSize;
  }

  /** Display colours stored in the model, when it has them. */
  get palette(): Palette | undefined {
    return this.io.palette;
  }

  get preprocessing(): Preprocessing {
    return this.io.preprocessing;
  }

  /** The fixed [height, width] the model takes, or null when it takes any size (a multiple of `multipleOf`). */
  get inputSize(): readonly [number, number] | null {
    return this.io.input.size;
  }

  /**
   * Segments the next frame of a video. `timestampMs` must be larger than the previous frame's;
   * a frame of the wrong size or type, or a timestamp that does not increase, is a UsageError and
   * changes nothing (the call can be repeated with a correct frame). The result's buffers are
   * reused by the next call.
   */
  async segment(frame: ImageFrame, timestampMs: number): Promise<SegmentationResult> {
    this.assertOpen();
    if (!Number.isFinite(timestampMs)) throw new UsageError(`${this.source}: timestamp ${timestampMs} is not a finite number of milliseconds`);
    if (this.lastTimestamp !== undefined && timestampMs <= this.lastTimestamp) {
      throw new UsageError(`${this.source}: timestamp ${timestampMs} ms is not after the previous frame's ${this.lastTimestamp} ms; segment() is for video frames in time order`, {
        hint: 'use segmentImages() for independent images',
      });
    }
    const outputs = await this.run(frame);
    this.lastTimestamp = timestampMs;
    return { ...outputs, timestampMs };
  }

  /**
   * Batch mode for independent images (files): no timestamps, each result owns its arrays.
   * Frames may differ in size when the model's input size is dynamic. `timestampMs` of the results
   * is the image's index.
   */
  async segmentImages(frames: readonly ImageFrame[]): Promise<SegmentationResult[]> {
    this.assertOpen();
    const results: SegmentationResult[] = [];
    for (const [index, frame] of frames.entries()) {
      const { labels, probabilities } = await this.run(frame, `image ${index}`);
      results.push({
        labels: { ...labels, data: labels.data.slice() },
        ...(probabilities ? { probabilities: probabilities.slice() } : {}),
        timestampMs: index,
      });
    }
    return results;
  }

  /** Releases the session; the segmenter cannot be used afterwards. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.session.release();
  }

  private async run(frame: ImageFrame, what = 'frame'): Promise<{ labels: LabelMap; probabilities?: Float32Array }> {
    if (this.busy) throw new UsageError(`${this.source}: a frame is still being segmented; await each call before the next`);
    this.busy = true;
    try {
      const input = this.feeder.feed([frame], what);
      const outputs = await this.session.run({ [this.io.input.name]: input }, this.reader.outputNames(this.probabilities));
      return this.reader.read(outputs, 0, frame.height, frame.width, this.probabilities);
    } finally {
      this.busy = false;
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new UsageError(`${this.source}: the segmenter is closed`);
  }
}
