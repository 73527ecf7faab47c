import { UsageError } from '@vidseg/core';
import type { SegmentOptions } from '@vidseg/queue';
import { numberFlag } from './number-flag.js';

/** The flags of `vidseg infer` and `vidseg queue add` that change the outputs (their {@link SegmentOptions}). */
export const SEGMENT_OPTION_FLAGS = {
  runtime: { type: 'string' },
  alpha: { type: 'string' },
  fps: { type: 'string' },
  'max-frames': { type: 'string' },
  'no-overlays': { type: 'boolean' },
  'native-size': { type: 'boolean' },
} as const;

/** Parsed values of {@link SEGMENT_OPTION_FLAGS}. */
interface SegmentOptionValues {
  readonly runtime?: string;
  readonly alpha?: string;
  readonly fps?: string;
  readonly 'max-frames'?: string;
  readonly 'no-overlays'?: boolean;
  readonly 'native-size'?: boolean;
}

/**
 * The {@link SegmentOptions} the flags of `vidseg <command>` give: `--alpha` in [0, 1] (default
 * 0.5), `--fps` >= 0, `--max-frames` an integer >= 1; a bad value is a usage error naming the flag.
 */
export function segmentOptionsFrom(command: string, values: SegmentOptionValues): SegmentOptions {
  const alpha = numberFlag(command, 'alpha', values.alpha, { fallback: 0.5 })!;
  if (alpha > 1) throw new UsageError(`vidseg ${command}: --alpha must be in [0, 1], got ${alpha}`);
  const fps = numberFlag(command, 'fps', values.fps);
  const maxFrames = numberFlag(command, 'max-frames', values['max-frames'], { min: 1, integer: true });
  return {
    alpha,
    overlays: !values['no-overlays'],
    ...(fps ? { fps } : {}),
    ...(maxFrames ? { maxFrames } : {}),
    ...(values.runtime ? { runtime: values.runtime } : {}),
    ...(values['native-size'] ? { nativeSize: true } : {}),
  };
}
