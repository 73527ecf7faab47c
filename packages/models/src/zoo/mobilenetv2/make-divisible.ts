/**
 * `channels` scaled to a multiple of `divisor` (at least `divisor`, never more than 10 % below
 * the scaled value): torchvision's `_make_divisible`, so width multipliers give its layer sizes.
 */
export function makeDivisible(channels: number, divisor = 8): number {
  let rounded = Math.max(divisor, Math.floor((channels + divisor / 2) / divisor) * divisor);
  if (rounded < 0.9 * channels) rounded += divisor;
  return rounded;
}
