import { DataError, inject, injectable, TOKENS, type ClipDataset, type ClipFrame, type ImageFrame, type LabelledSequence, type RunContext, type SequenceFrame } from '@vidseg/core';
import { datasetPath } from '../dataset-path.js';
import { existsSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { assertPosition } from '../assert-position.js';
import { decodeArguments, probeVideo, runFfmpeg, type VideoProbe } from './ffmpeg.js';
import { videoOptionsSchema, type VideoOptions, type VideoOptionsInput } from './video-options.js';

/** Decoded chunks kept in memory. */
const KEPT_CHUNKS = 3;

/**
 * The `video` dataset: the frames of a video file, decoded through the system's ffmpeg (probed with
 * ffprobe) in chunks of consecutive frames. Frames are unlabelled; it serves inference and
 * temporal consistency. Without ffmpeg it fails with an error naming the missing program.
 */
@injectable()
export class VideoDataset implements ClipDataset {
  readonly name = 'video';
  readonly split: string;
  readonly classes: readonly string[] = [];
  readonly ignoreLabel = 255;
  readonly size: number;
  readonly options: VideoOptions;
  /** What ffprobe reported for the file. */
  readonly probe: VideoProbe;
  private readonly file: string;
  private readonly width: number;
  private readonly height: number;
  /** Frames per second as decoded: the `fps` option, else the file's own rate. */
  readonly frameRate: number;
  private readonly chunks = new Map<number, Promise<ImageFrame[]>>();

  constructor(@inject(TOKENS.pluginOptions) options: VideoOptionsInput, @inject(TOKENS.runContext) run?: RunContext) {
    this.options = videoOptionsSchema.parse(options);
    this.file = datasetPath(this.options.path, run);
    if (!existsSync(this.file)) throw new DataError(`video file not found: ${this.file}`);
    this.probe = probeVideo(this.options.ffprobe, this.file);
    this.split = this.options.split;
    this.frameRate = this.options.fps ?? this.probe.fps;
    [this.height, this.width] = this.options.size ?? [this.probe.height, this.probe.width];
    const available = this.options.fps ? Math.floor((this.probe.frames / this.probe.fps) * this.options.fps) : this.probe.frames;
    this.size = Math.min(available, this.options.maxFrames ?? Infinity);
  }

  async frame(position: number): Promise<SequenceFrame> {
    assertPosition(this, position);
    return { ...(await this.decoded(position)), sequence: this.sequenceName(), index: position };
  }

  async neighbour(position: number, offset: number): Promise<ClipFrame | undefined> {
    assertPosition(this, position);
    const other = position + offset;
    return other >= 0 && other < this.size ? this.decoded(other) : undefined;
  }

  /** The video file, the time of the frame at `position` and its frame number in the file. */
  sourceOf(position: number): string {
    assertPosition(this, position);
    const seconds = position / this.frameRate;
    return `${this.file} at ${seconds.toFixed(3)} s (frame ${Math.round(seconds * this.probe.fps)} of the file)`;
  }

  sequences(): readonly LabelledSequence[] {
    return [{ name: this.sequenceName(), positions: Array.from({ length: this.size }, (_, i) => i), frameStep: 1 }];
  }

  private sequenceName(): string {
    return basename(this.file, extname(this.file));
  }

  private async decoded(index: number): Promise<ClipFrame> {
    const chunkSize = this.options.chunkFrames;
    const chunk = Math.floor(index / chunkSize);
    const frames = await this.chunk(chunk);
    const image = frames[index - chunk * chunkSize];
    if (!image) {
      const decodable = chunk * chunkSize + frames.length;
      throw new DataError(`video ${this.file}: frame ${index} could not be decoded (ffmpeg returned ${frames.length} frames from frame ${chunk * chunkSize}; the file may be cut short: ffprobe said ${this.probe.frames})`, {
        hint: `use only the frames that decode: --max-frames ${decodable} (maxFrames: ${decodable} in a config)`,
      });
    }
    return { image, id: `${this.sequenceName()}_${String(index).padStart(6, '0')}` };
  }

  private chunk(chunk: number): Promise<ImageFrame[]> {
    const cached = this.chunks.get(chunk);
    if (cached) return cached;
    const loading = this.decodeChunk(chunk);
    this.chunks.set(chunk, loading);
    loading.catch(() => this.chunks.delete(chunk));
    if (this.chunks.size > KEPT_CHUNKS) this.chunks.delete(this.chunks.keys().next().value!);
    return loading;
  }

  private async decodeChunk(chunk: number): Promise<ImageFrame[]> {
    const start = chunk * this.options.chunkFrames;
    const count = Math.min(this.options.chunkFrames, this.size - start);
    const scale = this.width !== this.probe.width || this.height !== this.probe.height;
    const args = decodeArguments({ file: this.file, start, count, fps: this.frameRate, resample: this.options.fps !== undefined, width: this.width, height: this.height }, scale);
    const bytes = await runFfmpeg(this.options.ffmpeg, args, this.file);
    const frameBytes = this.width * this.height * 3;
    const frames: ImageFrame[] = [];
    for (let offset = 0; offset + frameBytes <= bytes.length; offset += frameBytes) {
      frames.push({ width: this.width, height: this.height, channels: 3, data: new Uint8Array(bytes.buffer, bytes.byteOffset + offset, frameBytes) });
    }
    return frames;
  }
}
