import {
  DataError,
  silentProgress,
  type ClipDataset,
  type ClipFrame,
  type ClipSample,
  type ClipSampler,
  type ClipSamplerContext,
  type NeighbourFlow,
  type FlowField,
  type ProgressReporter,
  type RandomSource,
  type SkippedInput,
} from '@vidseg/core';
import { augmentClip, type AugmentationSettings, type SourceClip } from '../augment/augment-clip.js';
import { clipSamplerOptionsSchema, type ClipSamplerOptions, type ClipSamplerOptionsInput } from './clip-sampler-options.js';

interface Neighbour {
  readonly frame: ClipFrame;
  readonly flow?: FlowField;
  readonly valid?: Uint8Array;
  readonly backward?: { readonly flow: FlowField; readonly valid: Uint8Array };
}

/**
 * Builds training clips from a dataset: for the labelled frame t, a neighbour t + gap (pair) or the
 * frames t - k and t + k (triplet), with the gap drawn from the configured set, then one shared
 * augmentation of every frame, label and exact flow. Neighbours with exact flow (synthetic clips,
 * pseudo-motion) are preferred; otherwise raw neighbours are used, with the flow of `neighbourFlow`
 * when given (estimated on the raw frames, augmented with them) and without a flow otherwise.
 * Gaps without a neighbour are skipped in favour of the others. With the dataset's
 * `onBadInput: skip`, a target whose frames cannot be read is replaced by the next readable one,
 * with a warning the first time, and listed in {@link skipped}.
 */
export class TrainingClipSampler implements ClipSampler {
  readonly options: ClipSamplerOptions;
  private readonly augmentation: AugmentationSettings;
  private readonly skips = new Map<number, SkippedInput>();
  private readonly progress: ProgressReporter;
  private readonly neighbourFlow: NeighbourFlow | undefined;

  constructor(
    readonly dataset: ClipDataset,
    options: ClipSamplerOptionsInput = {},
    context: ClipSamplerContext = {},
  ) {
    this.options = clipSamplerOptionsSchema.parse(options);
    this.progress = context.progress ?? silentProgress;
    this.neighbourFlow = context.neighbourFlow;
    const o = this.options;
    if (o.mode === 'triplet' && !o.gaps.some((g) => g > 0)) {
      throw new RangeError(`triplet sampling needs a positive gap; gaps are [${o.gaps.join(', ')}]`);
    }
    this.augmentation = {
      geometry: { ...(o.cropSize ? { outputSize: o.cropSize } : {}), scale: o.scale, maxRotation: o.maxRotation, flipProbability: o.flipProbability },
      colour: { brightness: o.brightness, contrast: o.contrast, saturation: o.saturation },
      ignoreLabel: dataset.ignoreLabel,
      flowTolerance: o.flowTolerance,
    };
  }

  get size(): number {
    return this.dataset.size;
  }

  /** Targets left out because they could not be read (only with `onBadInput: skip`), each once. */
  get skipped(): readonly SkippedInput[] {
    return [...this.skips.values()];
  }

  async sample(position: number, random: RandomSource): Promise<ClipSample> {
    if (this.dataset.onBadInput !== 'skip') return this.sampleAt(position, random);
    let last: DataError | undefined;
    for (let attempt = 0; attempt < this.size; attempt++) {
      const at = (position + attempt) % this.size;
      try {
        return await this.sampleAt(at, random);
      } catch (error) {
        if (!(error instanceof DataError)) throw error;
        last = error;
        if (this.skips.has(at)) continue;
        const reason = error.message.split('\n')[0]!;
        this.skips.set(at, { position: at, reason });
        this.progress.warn(`skipped training frame ${at} (${this.skips.size} so far; onBadInput: skip): ${reason}`);
      }
    }
    throw new DataError(`${this.dataset.name} ${this.dataset.split}: none of the ${this.size} training frames could be read; the last error: ${last?.message.split('\n')[0]}`, {
      hint: 'check the dataset files (see the warnings above)',
    });
  }

  private async sampleAt(position: number, random: RandomSource): Promise<ClipSample> {
    const target = await this.dataset.frame(position);
    const source = this.options.mode === 'pair' ? await this.pair(position, target, random) : await this.triplet(position, target, random);
    return augmentClip(source, random, this.augmentation);
  }

  private async pair(position: number, target: ClipFrame, random: RandomSource): Promise<SourceClip> {
    for (const gap of shuffled(this.options.gaps, random)) {
      const neighbour = await this.neighbour(position, gap, random, target);
      if (!neighbour) continue;
      return gap > 0 ? clip([target, neighbour], 0) : clip([neighbour, target], 1);
    }
    throw this.noNeighbour(position, target, this.options.gaps);
  }

  private async triplet(position: number, target: ClipFrame, random: RandomSource): Promise<SourceClip> {
    const gaps = this.options.gaps.filter((g) => g > 0);
    for (const k of shuffled(gaps, random)) {
      const before = await this.neighbour(position, -k, random, target);
      const after = before && (await this.neighbour(position, k, random, target));
      if (before && after) return clip([before, target, after], 1);
    }
    throw this.noNeighbour(position, target, gaps.flatMap((k) => [-k, k]));
  }

  private async neighbour(position: number, offset: number, random: RandomSource, target: ClipFrame): Promise<Neighbour | undefined> {
    const exact = await this.dataset.exactNeighbour?.(position, offset, random);
    if (exact) return exact;
    const raw = await this.dataset.neighbour(position, offset);
    if (!raw) return undefined;
    return this.neighbourFlow ? { frame: raw, ...(await this.neighbourFlow.estimate(target, raw)) } : { frame: raw };
  }

  private noNeighbour(position: number, target: ClipFrame, offsets: readonly number[]): DataError {
    return new DataError(
      `${this.dataset.name} ${this.dataset.split}: frame ${target.id} (position ${position}) has no neighbour at any offset in [${offsets.join(', ')}]`,
      { hint: 'use gaps the dataset has frames for, or enable pseudo-motion for datasets without raw neighbours' },
    );
  }
}

function clip(parts: readonly (Neighbour | ClipFrame)[], target: number): SourceClip {
  const frames = parts.map((p) => ('frame' in p ? p.frame : p));
  const flows = parts.map((p) => ('flow' in p ? p.flow : undefined));
  const valid = parts.map((p) => ('valid' in p ? p.valid : undefined));
  const backward = parts.map((p) => ('backward' in p ? p.backward : undefined));
  return { frames, target, flows, valid, backward };
}

function shuffled<T>(items: readonly T[], random: RandomSource): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
