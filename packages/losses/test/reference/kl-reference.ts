import type { Nhwc } from '../nhwc.js';
import { logSoftmaxRow } from './softmax.js';

/** Float64 mean over pixels of KL(softmax(teacher / T) || softmax(student / T)), same sizes. */
export function referencePixelKl(student: Nhwc, teacher: Nhwc, temperature: number): number {
  const [n, h, w, classes] = teacher.shape;
  let total = 0;
  for (let b = 0; b < n; b++) {
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const row = (t: Nhwc) => logSoftmaxRow(Array.from({ length: classes }, (_, c) => t.at(b, y, x, c) / temperature));
        const p = row(teacher);
        const q = row(student);
        total += p.reduce((sum, logP, c) => sum + Math.exp(logP) * (logP - q[c]!), 0);
      }
    }
  }
  return total / (n * h * w);
}
