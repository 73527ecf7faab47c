import type { NamedTensors } from '@vidseg/core';
import { Nhwc } from '../nhwc.js';

/** The per-gate tensors (`gates.<gate>.weight|bias`) as one fused weight and bias, gates in the reference's chunk order. */
export function fusedWeights(named: NamedTensors): { weight: number[]; bias: number[] } {
  const gates = ['input', 'forget', 'output', 'cell'];
  return {
    weight: gates.flatMap((g) => Array.from(named.get(`gates.${g}.weight`)!.data as Float32Array)),
    bias: gates.flatMap((g) => Array.from(named.get(`gates.${g}.bias`)!.data as Float32Array)),
  };
}

/** PyTorch-layout ConvLSTM weights: weight [4h, in + h, k, k] (flat, row-major) and bias [4h]. */
export interface ReferenceConvLstmWeights {
  readonly weight: ArrayLike<number>;
  readonly bias: ArrayLike<number>;
  readonly inputChannels: number;
  readonly hidden: number;
  readonly kernel: number;
}

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

/**
 * Float64 ConvLSTM over a sequence, written from the reference's PyTorch module: gates =
 * conv(cat(x, h)) with zero padding k // 2, chunked as (input, remember, output, cell).
 */
export function referenceConvLstm(sequence: readonly Nhwc[], weights: ReferenceConvLstmWeights): { h: Nhwc; c: Nhwc } {
  const [n, height, width] = sequence[0]!.shape;
  const { inputChannels, hidden, kernel } = weights;
  const stacked = inputChannels + hidden;
  const pad = Math.floor(kernel / 2);
  let h = new Nhwc([n, height, width, hidden]);
  let c = new Nhwc([n, height, width, hidden]);
  for (const x of sequence) {
    const nextH = new Nhwc(h.shape);
    const nextC = new Nhwc(c.shape);
    const input = (b: number, y: number, xx: number, ch: number) => (ch < inputChannels ? x.at(b, y, xx, ch) : h.at(b, y, xx, ch - inputChannels));
    for (let b = 0; b < n; b++) {
      for (let y = 0; y < height; y++) {
        for (let xx = 0; xx < width; xx++) {
          const gate = (o: number) => {
            let sum = weights.bias[o]!;
            for (let i = 0; i < stacked; i++) {
              for (let ky = 0; ky < kernel; ky++) {
                for (let kx = 0; kx < kernel; kx++) {
                  const sy = y + ky - pad;
                  const sx = xx + kx - pad;
                  if (sy < 0 || sy >= height || sx < 0 || sx >= width) continue;
                  sum += weights.weight[((o * stacked + i) * kernel + ky) * kernel + kx]! * input(b, sy, sx, i);
                }
              }
            }
            return sum;
          };
          for (let ch = 0; ch < hidden; ch++) {
            const cell = sigmoid(gate(hidden + ch)) * c.at(b, y, xx, ch) + sigmoid(gate(ch)) * Math.tanh(gate(3 * hidden + ch));
            nextC.data[nextC.index(b, y, xx, ch)] = cell;
            nextH.data[nextH.index(b, y, xx, ch)] = sigmoid(gate(2 * hidden + ch)) * Math.tanh(cell);
          }
        }
      }
    }
    h = nextH;
    c = nextC;
  }
  return { h, c };
}
