import { UsageError, type ImageFrame, type RuntimeTensor } from '@vidseg/core';
import type { ModelIo } from './model-io.js';

/**
 * Turns 8-bit RGB/RGBA frames into the model's input tensor, in one buffer that is reused while
 * the batch size and frame size stay the same. A uint8 image input gets the pixels (alpha added or
 * dropped as the model wants); a float32 NCHW input gets them normalised as the model's
 * preprocessing says. Frames that do not fit are a {@link UsageError} saying why.
 */
export class FrameFeeder {
  private tensor: RuntimeTensor | undefined;

  constructor(
    private readonly io: ModelIo,
    /** The model's name, for messages. */
    private readonly source: string,
  ) {}

  /**
   * The input tensor holding `frames` (all of one size); valid until the next call. `label` names
   * the frames in messages (`frame`, `image 3`).
   */
  feed(frames: readonly ImageFrame[], label = 'frame'): RuntimeTensor {
    const first = frames[0];
    if (!first) throw new UsageError(`${this.source}: no frames given`);
    frames.forEach((frame, i) => this.check(frame, first, frames.length > 1 ? `${label} ${i}` : label));
    const tensor = this.tensorFor(frames.length, first.height, first.width);
    frames.forEach((frame, i) => (this.io.input.format === 'tensor' ? this.normalize(frame, i, tensor.data as Float32Array) : this.copy(frame, i, tensor.data as Uint8Array)));
    return tensor;
  }

  private check(frame: ImageFrame, first: ImageFrame, what: string): void {
    const fail = (problem: string, hint?: string): never => {
      throw new UsageError(`${this.source}: ${what} ${problem}`, hint ? { hint } : {});
    };
    if (!(frame.data instanceof Uint8Array || frame.data instanceof Uint8ClampedArray)) {
      fail(`data must be a Uint8Array or Uint8ClampedArray of 8-bit pixels, got ${(frame.data as object)?.constructor?.name ?? typeof frame.data}`);
    }
    if (frame.channels !== 3 && frame.channels !== 4) fail(`has ${frame.channels} channels; frames are RGB or RGBA (3 or 4 channels)`);
    if (!(Number.isInteger(frame.width) && Number.isInteger(frame.height) && frame.width > 0 && frame.height > 0)) fail(`has an invalid size ${frame.width}x${frame.height}`);
    const expected = frame.width * frame.height * frame.channels;
    if (frame.data.length !== expected) fail(`is ${frame.width}x${frame.height}x${frame.channels} but has ${frame.data.length} bytes (${expected} expected)`);
    if (frame.width !== first.width || frame.height !== first.height) fail(`is ${frame.width}x${frame.height}, frame 0 is ${first.width}x${first.height}: a batch needs one size`);
    const { size, multipleOf } = this.io.input;
    if (size && (frame.height !== size[0] || frame.width !== size[1])) {
      fail(`is ${frame.width}x${frame.height} (WxH), the model takes ${size[1]}x${size[0]}`, 'resize the frames (vidseg infer and eval do it by default; segmentAtModelSize in code), or export the model with inputSize "dynamic"');
    }
    if (!size && (frame.height % multipleOf !== 0 || frame.width % multipleOf !== 0)) {
      fail(`is ${frame.width}x${frame.height} (WxH); this model needs sides that are multiples of ${multipleOf}`, 'resize or pad the frames (vidseg infer and eval resize them by default; segmentAtModelSize in code)');
    }
  }

  private tensorFor(batch: number, height: number, width: number): RuntimeTensor {
    const format = this.io.input.format;
    const dims = format === 'tensor' ? [batch, 3, height, width] : [batch, height, width, format === 'image-rgb' ? 3 : 4];
    const current = this.tensor;
    if (current && current.dims.every((d, i) => d === dims[i])) return current;
    const length = dims.reduce((a, b) => a * b, 1);
    this.tensor = format === 'tensor' ? { type: 'float32', dims, data: new Float32Array(length) } : { type: 'uint8', dims, data: new Uint8Array(length) };
    return this.tensor;
  }

  private copy(frame: ImageFrame, index: number, out: Uint8Array): void {
    const channels = this.io.input.format === 'image-rgb' ? 3 : 4;
    const pixels = frame.width * frame.height;
    const offset = index * pixels * channels;
    if (frame.channels === channels) {
      out.set(frame.data, offset);
      return;
    }
    const data = frame.data;
    for (let p = 0, i = 0, o = offset; p < pixels; p++, i += frame.channels, o += channels) {
      out[o] = data[i]!;
      out[o + 1] = data[i + 1]!;
      out[o + 2] = data[i + 2]!;
      if (channels === 4) out[o + 3] = 255;
    }
  }

  private normalize(frame: ImageFrame, index: number, out: Float32Array): void {
    const { channelOrder, mean, std, scale } = this.io.preprocessing;
    const pixels = frame.width * frame.height;
    const data = frame.data;
    const stride = frame.channels;
    for (let c = 0; c < 3; c++) {
      const source = channelOrder === 'RGB' ? c : 2 - c;
      const factor = scale / std[c]!;
      const shift = mean[c]!;
      const plane = (index * 3 + c) * pixels;
      for (let p = 0, i = source; p < pixels; p++, i += stride) out[plane + p] = (data[i]! - shift) * factor;
    }
  }
}
