import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, useBackend } from '../../test/backends.js';
import { relativeMaxError } from '../../test/gradient-check.js';
import { uniformValues } from '../../test/random.js';
import { batchNormTrain } from '../norm/batch-norm.js';
import { releasingVariableGrads } from './releasing-variable-grads.js';

const CHANNELS = 4;

/** Variables of a small net; `frozen` is not trainable. */
function makeVariables(seed: number, layers: number): tf.Variable[] {
  const filters = Array.from({ length: layers }, (_, i) => tf.variable(tf.tensor4d(uniformValues(9 * CHANNELS * CHANNELS, seed + i, -0.4, 0.4), [3, 3, CHANNELS, CHANNELS]), true, `releasing-test-filter-${seed}-${i}`));
  const gamma = tf.variable(tf.tensor1d(uniformValues(CHANNELS, seed + 100, 0.5, 1.5)), true, `releasing-test-gamma-${seed}`);
  const beta = tf.variable(tf.tensor1d(uniformValues(CHANNELS, seed + 101)), true, `releasing-test-beta-${seed}`);
  const frozen = tf.variable(tf.tensor1d(uniformValues(CHANNELS, seed + 102)), false, `releasing-test-frozen-${seed}`);
  return [...filters, gamma, beta, frozen];
}

/** a + b, whose gradient function returns its dy object itself for both inputs. */
const pair = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
  const [a, b] = args as [tf.Tensor, tf.Tensor];
  return { value: tf.add(a, b), gradFunc: (dy: tf.Tensor) => [dy, dy] };
}) as (a: tf.Tensor, b: tf.Tensor) => tf.Tensor;

/**
 * A loss exercising what the walk must get right: a tensor read by several ops (its gradient is
 * a sum), ops whose gradient hands back dy itself (add, reshape), a multi-output op with an unused
 * output (split), a gradient that hands the same dy object to two inputs, one of which already has
 * a gradient (`pair`), a non-trainable variable, and a branch that does not depend on any variable.
 */
function loss(input: tf.Tensor4D, variables: tf.Variable[]): tf.Scalar {
  const [gamma, beta, frozen] = variables.slice(-3) as [tf.Variable, tf.Variable, tf.Variable];
  let x: tf.Tensor4D = input;
  for (const filter of variables.slice(0, -3)) {
    const y = tf.conv2d(x, filter as tf.Variable<tf.Rank.R4>, 1, 'same');
    x = tf.relu(tf.add(y, tf.mul(x, 0.5))) as tf.Tensor4D;
  }
  x = batchNormTrain(x, { gamma: gamma as tf.Tensor1D, beta: beta as tf.Tensor1D, eps: 1e-5 }).y;
  const doubled = tf.mul(x, 2);
  const mixed = tf.add(pair(tf.relu(x), doubled), tf.square(doubled));
  const [used] = tf.split(tf.add(mixed, frozen), 2, 3);
  const constant = tf.sum(tf.square(input));
  return tf.add(tf.mean(tf.square(tf.reshape(used!, [-1]))), tf.mul(tf.mean(x), constant)) as tf.Scalar;
}

describe.each(BACKENDS)('releasingVariableGrads on %s', (backend) => {
  beforeAll(() => useBackend(backend));
  const created: tf.Variable[] = [];
  afterEach(() => tf.dispose(created.splice(0)));

  it('gives the same value and gradients as tf.variableGrads', () => {
    const variables = makeVariables(10, 3);
    created.push(...variables);
    const input = tf.tensor4d(uniformValues(2 * 6 * 7 * CHANNELS, 1), [2, 6, 7, CHANNELS]);
    const stock = tf.variableGrads(() => loss(input, variables), variables);
    const ours = releasingVariableGrads(() => loss(input, variables), variables);
    expect(ours.value.dataSync()[0]).toBeCloseTo(stock.value.dataSync()[0]!, 6);
    // tf.variableGrads lists the frozen (non-trainable) variable with a null gradient; ours leaves it out.
    const stockGrads = Object.entries(stock.grads).filter(([, grad]) => grad !== null);
    expect(Object.keys(ours.grads).sort()).toEqual(stockGrads.map(([name]) => name).sort());
    expect(Object.keys(ours.grads)).toHaveLength(5);
    for (const [name, grad] of stockGrads) {
      expect(relativeMaxError(ours.grads[name]!.dataSync(), grad!.dataSync()), name).toBeLessThan(1e-6);
    }
    tf.dispose([input, stock.value, ours.value, ...stockGrads.map(([, grad]) => grad!), ...Object.values(ours.grads)]);
  });

  it('leaves no tensor behind, also when f throws', () => {
    const variables = makeVariables(20, 2);
    created.push(...variables);
    const input = tf.tensor4d(uniformValues(6 * 7 * CHANNELS, 2), [1, 6, 7, CHANNELS]);
    const before = tf.memory().numTensors;
    const { value, grads } = releasingVariableGrads(() => loss(input, variables), variables);
    tf.dispose([value, ...Object.values(grads)]);
    expect(tf.memory().numTensors).toBe(before);
    expect(() =>
      releasingVariableGrads(() => {
        loss(input, variables);
        throw new Error('boom');
      }, variables),
    ).toThrow('boom');
    expect(tf.memory().numTensors).toBe(before);
    input.dispose();
  });

  it('holds under half the buffers of tf.variableGrads during the backward pass of a chain', () => {
    // Each layer saves its input, so both hold every activation when the backward starts; tfjs's
    // own walk then also keeps every activation's gradient until it ends. Each layer's gradient
    // function samples the live data buffers (distinct memory, unlike tf.profile's bytes, which
    // count a saved clone again).
    const scale = tf.variable(tf.tensor1d(uniformValues(4096, 3)), true, 'releasing-test-chain');
    created.push(scale);
    let samples: number[] = [];
    const layer = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
      const [x, save] = args as [tf.Tensor, tf.GradSaveFunc];
      save([x]);
      return {
        value: tf.sin(x),
        gradFunc: (dy: tf.Tensor, [input]: tf.Tensor[]) => {
          samples.push(tf.memory().numDataBuffers);
          return tf.mul(dy, tf.cos(input!));
        },
      };
    }) as (x: tf.Tensor) => tf.Tensor;
    const chain = () => {
      let x: tf.Tensor = tf.mul(scale, 2);
      for (let i = 0; i < 20; i++) x = layer(x);
      return tf.sum(x) as tf.Scalar;
    };
    const peakDuringBackward = (grads: (f: () => tf.Scalar) => { value: tf.Scalar; grads: tf.NamedTensorMap }) => {
      const before = tf.memory().numDataBuffers;
      samples = [];
      const result = grads(chain);
      tf.dispose([result.value, ...Object.values(result.grads)]);
      expect(samples).toHaveLength(20);
      return Math.max(...samples) - before;
    };
    const stock = peakDuringBackward((f) => tf.variableGrads(f, [scale]) as { value: tf.Scalar; grads: tf.NamedTensorMap });
    const ours = peakDuringBackward((f) => releasingVariableGrads(f, [scale]));
    // Measured 64 and 25: the 20 saved inputs, the loss and the few gradients in flight, where
    // tfjs's walk by the first layer also still holds every later layer's gradients.
    expect(ours).toBeLessThanOrEqual(28);
    expect(stock).toBeGreaterThanOrEqual(2 * ours);
  });

  it('says what is wrong with f', () => {
    const variables = makeVariables(40, 1);
    created.push(...variables);
    const before = tf.memory().numTensors;
    expect(() => releasingVariableGrads(() => tf.ones([2]) as unknown as tf.Scalar, variables)).toThrow(/must return a scalar tensor, got shape \[2\]/);
    expect(() => releasingVariableGrads(() => tf.scalar(1), variables)).toThrow(/does not depend on any of the variables/);
    expect(() => releasingVariableGrads(() => tf.scalar(1), variables.slice(-1))).toThrow(/none of the 1 variables is trainable/);
    expect(tf.memory().numTensors).toBe(before);
  });
});
