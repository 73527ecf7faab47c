/** An integer hash of up to three integers and a seed, uniform over 32 bits (a murmur3-style mix). */
export function hash3(a: number, b: number, c: number, seed: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ Math.imul(a | 0, 0x85ebca6b), 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 15) ^ Math.imul(b | 0, 0x27d4eb2f), 0x165667b1);
  h = Math.imul(h ^ (h >>> 13) ^ Math.imul(c | 0, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A float in [0, 1) hashed from up to three integers and a seed. */
export function hashUnit(a: number, b: number, c: number, seed: number): number {
  return hash3(a, b, c, seed) / 4294967296;
}
