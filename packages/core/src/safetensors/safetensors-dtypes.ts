/** Element types vidseg reads from safetensors files, with their size in bytes. */
export const SAFETENSORS_ITEM_SIZE = { F32: 4, F16: 2, I32: 4, I64: 8, U8: 1 } as const;

/** A dtype name as written in a safetensors header that vidseg can read. */
export type ReadableDType = keyof typeof SAFETENSORS_ITEM_SIZE;

/** Whether `name` is a dtype vidseg can read. */
export function isReadableDType(name: string): name is ReadableDType {
  return Object.prototype.hasOwnProperty.call(SAFETENSORS_ITEM_SIZE, name);
}

/** Converts an IEEE 754 half-precision value (as its 16 bits) to a number. */
export function halfToFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}
