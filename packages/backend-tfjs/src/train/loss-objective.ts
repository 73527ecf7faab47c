import * as tf from '@tensorflow/tfjs-core';
import type { DependencyContainer, LossInputs, LossRequirements, LossTerm, VidsegConfig } from '@vidseg/core';
import { entryLocation, lossEntryKind, pluginRegistry } from '@vidseg/core';
import type { HostLabelCheck } from './host-label-check.js';

/** A loss term with its configured weight and where it came from in the config. */
export interface WeightedTerm {
  readonly term: LossTerm<tf.Tensor>;
  readonly weight: number;
  /** Config path of the entry, e.g. `losses[1]`. */
  readonly path: string;
  /** Set when the term's own label check (a synchronous read) was turned off for the trainer to do on the host. */
  readonly hostLabelCheck?: HostLabelCheck;
}

/**
 * Builds the configured loss terms through the registry: each `losses` entry names a `loss` or a
 * `distiller` plugin; its `weight` stays with the trainer, the other keys are the plugin's options.
 * Without `synchronousReads` (WebGPU), a term whose options have `checkLabels` on is built with it
 * off, and its {@link WeightedTerm.hostLabelCheck} tells the trainer to check the labels on the host.
 */
export function resolveLossTerms(
  container: DependencyContainer,
  entries: VidsegConfig['losses'],
  configFile?: string,
  engine: { readonly synchronousReads: boolean } = { synchronousReads: true },
): WeightedTerm[] {
  const registry = pluginRegistry(container);
  return entries.map((entry, i) => {
    const { weight, ...pluginEntry } = entry;
    const kind = lossEntryKind(registry, entry.type);
    const path = `losses[${i}]`;
    const location = entryLocation(path, configFile);
    const options = registry.validate(kind, pluginEntry, location).options as { checkLabels?: unknown; ignoreLabel?: unknown };
    if (engine.synchronousReads || options.checkLabels !== true) {
      return { term: tfjsTerm(registry.create(container, kind, pluginEntry, location)), weight, path };
    }
    const term = tfjsTerm(registry.create(container, kind, { ...pluginEntry, checkLabels: false }, location));
    const ignoreLabel = typeof options.ignoreLabel === 'number' ? { ignoreLabel: options.ignoreLabel } : {};
    return { term, weight, path, hostLabelCheck: { what: `${path} (${term.name})`, ...ignoreLabel } };
  });
}

/** A term of the tfjs engine: loss and distiller plugins are written on @tensorflow/tfjs-core tensors. */
function tfjsTerm(term: LossTerm<unknown>): LossTerm<tf.Tensor> {
  return term as LossTerm<tf.Tensor>;
}

/** What the terms need together. */
export function combinedRequirements(terms: readonly WeightedTerm[]): LossRequirements {
  const any = (key: keyof LossRequirements) => terms.some((t) => t.term.requires[key] === true);
  return {
    labels: any('labels'),
    neighbours: any('neighbours') || any('triplet'),
    teacher: any('teacher'),
    features: any('features'),
    triplet: any('triplet'),
    backwardFlows: any('backwardFlows'),
  };
}

/**
 * Each term's value on `inputs`, a scalar (not kept: call it inside the gradient function).
 * A term that returns more than one value is a TypeError naming its config path.
 */
export function termValues(terms: readonly WeightedTerm[], inputs: LossInputs<tf.Tensor>): tf.Scalar[] {
  return terms.map(({ term, path }) => {
    const value = term.compute(inputs);
    if (value.size !== 1) throw new TypeError(`${path} (${term.name}) returned a tensor of shape [${value.shape.join(', ')}], expected a scalar`);
    return tf.reshape(value, []) as tf.Scalar;
  });
}

/**
 * The weighted sum of the terms' `values`, scaled by `scale` (1 / micro-batches), and the values
 * kept for logging (the caller disposes them). Call it inside the gradient function.
 */
export function weightedObjective(terms: readonly WeightedTerm[], values: readonly tf.Scalar[], scale: number): { total: tf.Scalar; values: tf.Scalar[] } {
  const kept = values.map((value) => tf.keep(value));
  const weighted = kept.map((value, i) => tf.mul(value, terms[i]!.weight * scale));
  return { total: (weighted.length === 1 ? weighted[0]! : tf.addN(weighted)) as tf.Scalar, values: kept };
}
