import {
  DataError,
  type ClipDataset,
  type ClipFrame,
  type ExactNeighbour,
  type ImageFrame,
  type LabelledSequence,
  type LabelMap,
  type RandomSource,
  type SequenceFrame,
} from '@vidseg/core';
import { readLabelMap, type LabelMapExpectation } from '../io/read-label-map.js';
import { readRgbImage } from '../io/read-rgb-image.js';
import type { PseudoMotionOptions } from '../motion/pseudo-motion-options.js';
import { pseudoNeighbour } from '../motion/pseudo-neighbour.js';
import { SmoothMotion } from '../motion/smooth-motion.js';
import { assertPosition } from './assert-position.js';
import type { SkippedFrame } from './bad-input.js';
import type { FrameFile } from './frame-file.js';
import { labelledSequences } from './labelled-sequences.js';

/** What a file dataset is made of. */
export interface FileClipListing {
  readonly name: string;
  readonly split: string;
  readonly classes: readonly string[];
  readonly ignoreLabel: number;
  /** The frames evaluated and trained on, in dataset order (positions). */
  readonly labelled: readonly FrameFile[];
  /** Every frame that can serve as a neighbour (the labelled ones included). */
  readonly all: readonly FrameFile[];
  /** How label files decode (class count, ignore label, optional value lookup or palette). */
  readonly labels: Omit<LabelMapExpectation, 'width' | 'height'>;
  readonly pseudoMotion: PseudoMotionOptions;
  /** The list file or folder the frames came from, for messages about an empty split. */
  readonly source: string;
  /** Frames left out while listing (onBadInput: skip). */
  readonly skipped: readonly SkippedFrame[];
  /** What a frame that cannot be decoded does in training and evaluation (the dataset's `onBadInput`). */
  readonly onBadInput: 'error' | 'skip';
}

/** Decoded frames kept for reuse (a sampler reads a target again for its pseudo-motion neighbour). */
const DECODED_FRAMES = 6;

/**
 * A dataset of image files: labelled frames at positions, raw neighbours looked up by
 * (sequence, index + offset), pseudo-motion neighbours where the settings ask for them, and
 * labelled sequences for evaluation. Images decode through sharp; label maps are validated.
 */
export class FileClipDataset implements ClipDataset {
  readonly name: string;
  readonly split: string;
  readonly classes: readonly string[];
  readonly ignoreLabel: number;
  readonly size: number;
  /** Frames left out while listing (onBadInput: skip), with the reason. */
  readonly skipped: readonly SkippedFrame[];
  readonly onBadInput: 'error' | 'skip';
  /** Frames decoded so far that were not plain RGB (grey, with alpha, CMYK), converted to RGB: how many, and the first. */
  readonly converted = { count: 0, first: undefined as { file: string; from: string } | undefined };
  private readonly byKey = new Map<string, FrameFile>();
  private readonly decoded = new Map<string, Promise<ClipFrame>>();

  constructor(private readonly listing: FileClipListing) {
    if (listing.labelled.length === 0) {
      throw new DataError(`${listing.name} ${listing.split}: the split is empty (no usable frames in ${listing.source})`, {
        hint: 'check the root folder and the split name',
      });
    }
    this.name = listing.name;
    this.split = listing.split;
    this.classes = listing.classes;
    this.ignoreLabel = listing.ignoreLabel;
    this.size = listing.labelled.length;
    this.skipped = listing.skipped;
    this.onBadInput = listing.onBadInput;
    for (const frame of listing.all) this.byKey.set(key(frame.sequence, frame.index), frame);
  }

  /** The file entry of the labelled frame at `position`. */
  file(position: number): FrameFile {
    assertPosition(this, position);
    return this.listing.labelled[position]!;
  }

  /** The image file of the frame at `position`. */
  sourceOf(position: number): string {
    return this.file(position).image;
  }

  async frame(position: number): Promise<SequenceFrame> {
    const file = this.file(position);
    return { ...(await this.load(file)), sequence: file.sequence, index: file.index };
  }

  async neighbour(position: number, offset: number): Promise<ClipFrame | undefined> {
    const file = this.file(position);
    const other = this.byKey.get(key(file.sequence, file.index + offset));
    return other ? this.load(other) : undefined;
  }

  async exactNeighbour(position: number, offset: number, random: RandomSource): Promise<ExactNeighbour | undefined> {
    const { mode } = this.listing.pseudoMotion;
    const file = this.file(position);
    if (mode === 'off' || offset === 0) return undefined;
    if (mode === 'auto' && this.byKey.has(key(file.sequence, file.index + offset))) return undefined;
    const still = await this.load(file);
    const motion = SmoothMotion.draw(random, still.image.width, still.image.height, offset, this.listing.pseudoMotion);
    return pseudoNeighbour(still, motion, `${file.id}~pseudo${offset > 0 ? '+' : ''}${offset}`, this.ignoreLabel);
  }

  sequences(): readonly LabelledSequence[] {
    return labelledSequences(this.listing.labelled);
  }

  private load(file: FrameFile): Promise<ClipFrame> {
    const cached = this.decoded.get(file.image);
    if (cached) return cached;
    const loading = this.decode(file);
    this.decoded.set(file.image, loading);
    loading.catch(() => this.decoded.delete(file.image));
    if (this.decoded.size > DECODED_FRAMES) this.decoded.delete(this.decoded.keys().next().value!);
    return loading;
  }

  private async decode(file: FrameFile): Promise<ClipFrame> {
    const image: ImageFrame = await readRgbImage(file.image, (from) => {
      this.converted.count++;
      this.converted.first ??= { file: file.image, from };
    });
    const label: LabelMap | undefined = file.label
      ? await readLabelMap(file.label, { ...this.listing.labels, width: image.width, height: image.height })
      : undefined;
    return { image, ...(label ? { label } : {}), id: file.id };
  }
}

const key = (sequence: string, index: number) => `${sequence}\u0000${index}`;
