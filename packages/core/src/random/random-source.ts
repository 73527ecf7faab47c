/** A source of uniform random numbers; every random choice in vidseg draws from one of these. */
export interface RandomSource {
  /** A float in [0, 1). */
  next(): number;
}
