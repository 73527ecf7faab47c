/**
 * PyTorch AdaptiveAvgPool's bins on an axis of `length` split into `bins`: bin i covers
 * [floor(i * length / bins), ceil((i + 1) * length / bins)). Bins overlap where `bins` does not
 * divide `length`.
 */
export function adaptiveBinEdges(length: number, bins: number): Array<{ start: number; end: number }> {
  return Array.from({ length: bins }, (_, i) => ({
    start: Math.floor((i * length) / bins),
    end: Math.ceil(((i + 1) * length) / bins),
  }));
}

/** The [bins, length] matrix whose row i averages bin i (row-major). */
export function adaptivePoolingMatrix(length: number, bins: number): Float32Array {
  const matrix = new Float32Array(bins * length);
  adaptiveBinEdges(length, bins).forEach(({ start, end }, i) => {
    for (let j = start; j < end; j++) matrix[i * length + j] = 1 / (end - start);
  });
  return matrix;
}
