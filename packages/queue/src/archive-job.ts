/** How an input's frames are segmented and written (the options of `vidseg infer` that change outputs). */
export interface SegmentOptions {
  /** Overlay opacity. */
  readonly alpha: number;
  /** Write overlays and the animated preview (else only label maps). */
  readonly overlays: boolean;
  /** Resample a video to this frame rate (also the preview's rate). */
  readonly fps?: number;
  /** Segment at most this many frames. */
  readonly maxFrames?: number;
  /** ONNX runtime name (`auto`, `ort-node`, `ort-web`). */
  readonly runtime?: string;
  /** Segment frames at their own size instead of the model's input size (`vidseg infer --native-size`). */
  readonly nativeSize?: boolean;
}

/** One input of the archive (a video file or a folder of frames) and everything needed to segment it. */
export interface VideoJobSpec {
  /** Identity of the work: a hash of the model's content hash, the input, the output folder and the options. */
  readonly key: string;
  /** Absolute path of the video file or frames folder. */
  readonly input: string;
  readonly kind: 'video' | 'frames';
  /** Short name, e.g. the file name without extension. */
  readonly name: string;
  /** Absolute folder this input's outputs go to (labels/, overlays/, preview.webp, segmentation.json). */
  readonly outDir: string;
  /** Absolute path of the .onnx model. */
  readonly model: string;
  /** Content hash of the model file when the job was added; a worker refuses a model file that changed since. */
  readonly modelHash: string;
  /** Frames to segment, or null when the input could not be probed when added (one chunk then: the worker reports why). */
  readonly frames: number | null;
  /** Frames per chunk job. */
  readonly chunkFrames: number;
  readonly options: SegmentOptions;
}

/** Data of a `chunk` job: frames [start, end) of one input. */
export interface ChunkJobData {
  readonly video: VideoJobSpec;
  /** Chunk number, from 0. */
  readonly chunk: number;
  readonly start: number;
  /** Exclusive end, or null for "to the end of the input". */
  readonly end: number | null;
}

/** Data of a `video` job, run once all chunks of its input are done: it merges them. */
export interface VideoJobData {
  readonly video: VideoJobSpec;
  readonly chunks: number;
}

/** What segmenting a range of an input's frames produced (the per-frame pipeline of `vidseg infer`). */
export interface SegmentedRange {
  /** Frames segmented. */
  readonly frames: number;
  /** Frame ids of the first and last frame (file names of the outputs without extension). */
  readonly firstFrameId: string;
  readonly lastFrameId: string;
  /** Ids of the range's frames that belong to the animated preview (the input's first frames). */
  readonly previewIds: readonly string[];
  /** The range's rows of frames.csv (output name, input file or video time), in frame order. */
  readonly frameRows: readonly string[];
  /** Time in `segment` calls (model and its pre/post-processing), summed over the range's frames. */
  readonly modelMs: number;
  /** Label-free stability of consecutive frames inside the range (see {@link VideoRecord}). */
  readonly unchangedPixels: number;
  readonly comparedPixels: number;
  readonly pairs: number;
}

/** What a chunk job returns (kept in Redis with the job). */
export interface ChunkResult extends SegmentedRange {
  readonly chunk: number;
  readonly start: number;
  /** The input's frame rate (a video's own or resampled rate), when it has one. */
  readonly frameRate?: number;
  /** Wall time of the chunk: decode, segment, encode and write. */
  readonly wallMs: number;
  /** `host:pid` of the worker that finished it. */
  readonly worker: string;
  readonly startedAt: string;
  readonly finishedAt: string;
}

/** The per-input record, written as `segmentation.json` and returned by its `video` job. */
export interface VideoRecord {
  readonly input: string;
  readonly name: string;
  readonly outDir: string;
  readonly model: string;
  readonly modelHash: string;
  readonly options: SegmentOptions;
  readonly frames: number;
  readonly chunks: number;
  /** Mean time per frame in `segment` (model and its pre/post-processing), ms. */
  readonly msPerFrame: number;
  /** Mean wall time per frame of the chunk jobs (decode, segment, encode PNGs, write), ms. */
  readonly wallMsPerFrame: number;
  /** Wall time of the merge (boundary pairs, preview, this record), ms. */
  readonly mergeMs: number;
  /**
   * Label-free consistency (no ground truth, no flow): over every pair of consecutive frames, the
   * share of pixels whose predicted class is unchanged. 1 for a static prediction; it mixes real
   * motion with flicker, so compare it between models on the same videos, not as an accuracy.
   */
  readonly labelFree: { readonly unchangedPixelShare: number | null; readonly pairs: number };
  /** `host:pid` of the worker that finished each chunk, in chunk order. */
  readonly workers: readonly string[];
  readonly startedAt: string;
  readonly finishedAt: string;
}
