import {
  CAMVID_PALETTE,
  inject,
  injectable,
  TOKENS,
  type ClipDataset,
  type ClipFrame,
  type ExactNeighbour,
  type LabelledSequence,
  type SequenceFrame,
} from '@vidseg/core';
import { exactFlowBook } from '@vidseg/flow/internal';
import { hash3 } from '../../random/hash.js';
import { SyntheticClip } from '../../synthetic/synthetic-clip.js';
import { assertPosition } from '../assert-position.js';
import { syntheticDatasetOptionsSchema, type SyntheticDatasetOptions, type SyntheticDatasetOptionsInput } from './synthetic-options.js';

const SPLIT_SEEDS = { train: 1, val: 2, test: 3 } as const;
/** Furnish each street for this many frames beyond the clip, so neighbours of the end frames look alike. */
const TIME_MARGIN = 16;

/**
 * The `synthetic` dataset: procedurally drawn street clips in the CamVid label space with exact
 * labels for every frame and the exact flow and visibility between any two frames of a clip.
 * Deterministic by seed, any frame size, rendered on demand. Frames are shared with an internal
 * cache: treat them as read-only.
 */
@injectable()
export class SyntheticDataset implements ClipDataset {
  readonly name = 'synthetic';
  readonly split: string;
  readonly classes = CAMVID_PALETTE.classes;
  readonly ignoreLabel = CAMVID_PALETTE.ignoreLabel;
  readonly size: number;
  readonly options: SyntheticDatasetOptions;
  private readonly clips = new Map<number, SyntheticClip>();

  constructor(@inject(TOKENS.pluginOptions) options: SyntheticDatasetOptionsInput = {}) {
    this.options = syntheticDatasetOptionsSchema.parse(options);
    this.split = this.options.split;
    this.size = this.options.clips * this.options.framesPerClip;
  }

  /** Clip `index` of the split (rendered lazily; the most recently used clips are kept). */
  clip(index: number): SyntheticClip {
    const cached = this.clips.get(index);
    if (cached) {
      this.clips.delete(index);
      this.clips.set(index, cached);
      return cached;
    }
    const { seed, split, framesPerClip, size, speed, traffic, lighting, sensorNoise, flicker, compression, motionBlur, shake, cachedClips } = this.options;
    const clip = new SyntheticClip(
      hash3(seed, SPLIT_SEEDS[split], index, 0x5eed),
      { speed, traffic, lighting, sensorNoise, shake, artefacts: { flicker, compression, motionBlur }, timeSpan: [-TIME_MARGIN, framesPerClip - 1 + TIME_MARGIN] },
      size[1],
      size[0],
    );
    this.clips.set(index, clip);
    if (this.clips.size > cachedClips) this.clips.delete(this.clips.keys().next().value!);
    return clip;
  }

  async frame(position: number): Promise<SequenceFrame> {
    assertPosition(this, position);
    const { clip, time } = this.locate(position);
    return { ...this.clipFrame(clip, time), sequence: this.sequenceName(clip), index: time };
  }

  async neighbour(position: number, offset: number): Promise<ClipFrame> {
    assertPosition(this, position);
    const { clip, time } = this.locate(position);
    return this.clipFrame(clip, time + offset);
  }

  async exactNeighbour(position: number, offset: number): Promise<ExactNeighbour> {
    assertPosition(this, position);
    const { clip, time } = this.locate(position);
    const motion = this.clip(clip).motion(time, time + offset);
    const backward = this.clip(clip).motion(time + offset, time);
    return { frame: this.clipFrame(clip, time + offset), flow: motion.flow, valid: motion.valid, backward };
  }

  sequences(): readonly LabelledSequence[] {
    const n = this.options.framesPerClip;
    return Array.from({ length: this.options.clips }, (_, c) => ({
      name: this.sequenceName(c),
      positions: Array.from({ length: n }, (__, t) => c * n + t),
      frameStep: 1,
    }));
  }

  private locate(position: number): { clip: number; time: number } {
    const n = this.options.framesPerClip;
    return { clip: Math.floor(position / n), time: position % n };
  }

  private sequenceName(clip: number): string {
    return `synthetic-${this.split}-${String(clip).padStart(3, '0')}`;
  }

  private clipFrame(clipIndex: number, time: number): ClipFrame {
    const clip = this.clip(clipIndex);
    const rendered = clip.frame(time);
    exactFlowBook.recordOrigin(rendered.image, clip, time);
    return { image: rendered.image, label: rendered.label, id: `${this.sequenceName(clipIndex)}_${String(time).padStart(4, '0')}` };
  }
}
