/** log softmax of one row, in float64. */
export function logSoftmaxRow(row: readonly number[]): number[] {
  const max = Math.max(...row);
  const logSum = Math.log(row.reduce((sum, v) => sum + Math.exp(v - max), 0)) + max;
  return row.map((v) => v - logSum);
}
