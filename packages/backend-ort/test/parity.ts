import * as tf from '@tensorflow/tfjs-core';
import type { InferenceRuntime, ModelHandle, NamedTensors } from '@vidseg/core';
import type { Graph } from '@vidseg/models';
import { TfjsNetwork } from '@vidseg/backend-tfjs';
import { exportOnnx } from '../src/export/export-onnx.js';
import type { Nchw } from '@vidseg/models/testing';
import { floatFeed, maxAbsDiff } from './test-models.js';

/** How one output of the ONNX export compares with the tfjs interpreter. */
export interface OutputParity {
  readonly output: string;
  readonly maxAbsDiff: number;
  /** max - min of the tfjs values. */
  readonly range: number;
  /** Share of pixels whose argmax over channels agrees. */
  readonly argmaxAgreement: number;
}

/** The parity criteria of the issue: differences within 1e-4 of the range, argmax agreeing on 99.9 % of pixels. */
export function meetsParity(parity: OutputParity): boolean {
  return parity.maxAbsDiff <= 1e-4 * parity.range && parity.argmaxAgreement >= 0.999;
}

function argmaxAgreement(a: ArrayLike<number>, b: ArrayLike<number>, shape: readonly number[]): number {
  const [n, c, h, w] = shape as [number, number, number, number];
  const plane = h * w;
  let agree = 0;
  for (let i = 0; i < n; i++)
    for (let p = 0; p < plane; p++) {
      let bestA = 0;
      let bestB = 0;
      for (let k = 1; k < c; k++) {
        const at = (i * c + k) * plane + p;
        if (a[at]! > a[(i * c + bestA) * plane + p]!) bestA = k;
        if (b[at]! > b[(i * c + bestB) * plane + p]!) bestB = k;
      }
      if (bestA === bestB) agree++;
    }
  return agree / (n * plane);
}

/** NCHW outputs of the tfjs interpreter of `@vidseg/backend-tfjs` (NHWC inside) on the current backend. */
async function tfjsOutputs(model: ModelHandle<Graph>, weights: NamedTensors, inputs: Readonly<Record<string, Nchw>>, outputs: readonly string[]): Promise<Map<string, Nchw>> {
  const network = new TfjsNetwork(model, weights, { seed: 0, trainable: false });
  try {
    const nhwc = Object.fromEntries(Object.entries(inputs).map(([name, t]) => [name, tf.transpose(tf.tensor4d(Float32Array.from(t.data), [...t.shape]), [0, 2, 3, 1]) as tf.Tensor4D]));
    const results = network.run(nhwc, 'eval');
    const values = new Map<string, Nchw>();
    for (const output of outputs) {
      const nchw = tf.transpose(results[output]!, [0, 3, 1, 2]);
      values.set(output, { shape: nchw.shape as [number, number, number, number], data: (await nchw.data()) as Float32Array });
      nchw.dispose();
    }
    tf.dispose([...Object.values(nhwc), ...Object.values(results)]);
    return values;
  } finally {
    network.dispose();
  }
}

/** The ONNX export that {@link measureParity} compared, and each runtime's comparisons. */
export interface ParityMeasurement {
  /** The exported model (float32 NCHW inputs, the compared outputs), for checks of its graph. */
  readonly onnx: Uint8Array;
  /** Comparisons of every output, by runtime name. */
  readonly byRuntime: Map<string, OutputParity[]>;
}

/**
 * Runs a network on the current tfjs backend and its ONNX export on each runtime, with the same
 * weights and NCHW inputs, and compares `outputs`.
 */
export async function measureParity(
  model: ModelHandle<Graph>,
  weights: NamedTensors,
  inputs: Readonly<Record<string, Nchw>>,
  outputs: readonly string[],
  runtimes: readonly InferenceRuntime[],
): Promise<ParityMeasurement> {
  const expected = await tfjsOutputs(model, weights, inputs, outputs);
  const first = Object.values(inputs)[0]!;
  const bytes = exportOnnx(model, weights, { inputSize: [first.shape[2], first.shape[3]], batch: first.shape[0], outputs: [...outputs] });
  const feeds = Object.fromEntries(Object.entries(inputs).map(([name, t]) => [name, floatFeed(t)]));
  const byRuntime = new Map<string, OutputParity[]>();
  for (const runtime of runtimes) {
    const session = await runtime.createSession(bytes);
    const actual = await session.run(feeds);
    await session.release();
    byRuntime.set(
      runtime.name,
      outputs.map((output) => {
        const reference = expected.get(output)!;
        const values = actual[output]!.data as Float32Array;
        let [min, max] = [Infinity, -Infinity];
        for (const v of reference.data) [min, max] = [Math.min(min, v), Math.max(max, v)];
        return { output, maxAbsDiff: maxAbsDiff(values, reference.data), range: max - min, argmaxAgreement: argmaxAgreement(values, reference.data, reference.shape) };
      }),
    );
  }
  return { onnx: bytes, byRuntime };
}
