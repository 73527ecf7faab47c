/** A deterministic pseudo-random generator (mulberry32) for test data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `size` values uniform in [low, high), from `seed`. */
export function uniformValues(size: number, seed: number, low = -1, high = 1): Float32Array {
  const next = seededRandom(seed);
  return Float32Array.from({ length: size }, () => low + (high - low) * next());
}
