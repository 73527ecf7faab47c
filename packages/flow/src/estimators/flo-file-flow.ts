import { DataError, inject, injectable, TOKENS, UsageError, type FlowEstimator, type FlowField, type FramePairIds, type ImageFrame } from '@vidseg/core';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { decodeFlo } from '../io/flo-format.js';
import { floFileOptionsSchema, type FloFileOptions, type FloFileOptionsInput } from './flo-file-options.js';

/**
 * The `flo` estimator: reads precomputed flows (FlowNet2, RAFT, ... saved as Middlebury .flo) named
 * after the two frames' ids, e.g. `0016E5_07959_0016E5_07961.flo`.
 */
@injectable()
export class FloFileFlow implements FlowEstimator {
  readonly name = 'flo';
  readonly options: FloFileOptions;
  readonly cacheKey: string;
  private readonly dir: string;

  constructor(@inject(TOKENS.pluginOptions) options: FloFileOptionsInput) {
    this.options = floFileOptionsSchema.parse(options);
    this.dir = resolve(this.options.dir);
    this.cacheKey = `flo:${this.dir}/${this.options.pattern}`;
  }

  /** The file holding the flow from frame `from` to frame `to`. */
  fileFor(pair: FramePairIds): string {
    return join(this.dir, this.options.pattern.replaceAll('{from}', pair.from).replaceAll('{to}', pair.to));
  }

  async estimate(from: ImageFrame, to: ImageFrame, pair?: FramePairIds): Promise<FlowField> {
    if (!pair) throw new UsageError('flow "flo" reads files named after the frames, but the caller gave no frame ids', { hint: 'pass { from, to } frame ids to estimate()' });
    const file = this.fileFor(pair);
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file);
    } catch (error) {
      throw new DataError(`flow file not found: ${file} (flow from ${pair.from} to ${pair.to}; flow "flo", pattern ${this.options.pattern})`, { cause: error });
    }
    const flow = decodeFlo(bytes, file);
    if (flow.width !== from.width || flow.height !== from.height || to.width !== from.width || to.height !== from.height) {
      throw new DataError(`${file} is a ${flow.width}x${flow.height} flow; the frames ${pair.from} and ${pair.to} are ${from.width}x${from.height} and ${to.width}x${to.height}`);
    }
    return flow;
  }
}
