import type { ExportedInput } from '@vidseg/backend-ort';

/** Longest side frames of a video are scaled down to when the models accept any size. */
export const MAX_PROCESSING_SIDE = 480;

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * The size frames are segmented at: the first fixed input size among the models, else the video's
 * size scaled to at most {@link MAX_PROCESSING_SIDE} on its longer side, rounded down to a multiple
 * of every model's `multipleOf`.
 */
export function processingSize(video: { width: number; height: number }, inputs: readonly ExportedInput[]): { width: number; height: number } {
  const fixed = inputs.find((input) => input.size !== null)?.size;
  if (fixed) return { height: fixed[0], width: fixed[1] };
  const multiple = inputs.reduce((m, input) => (m * input.multipleOf) / gcd(m, input.multipleOf), 1);
  const scale = Math.min(1, MAX_PROCESSING_SIDE / Math.max(video.width, video.height));
  const round = (side: number) => Math.max(multiple, Math.floor((side * scale) / multiple) * multiple);
  return { width: round(video.width), height: round(video.height) };
}
