import { InternalError, type HostTensor } from '@vidseg/core';
import type { Graph, GraphNode, ParamSpec } from '@vidseg/models';
import { inversePermutation, permuteAxes } from './permute.js';

/**
 * How one parameter is stored on the engine: the PyTorch tensor is viewed as `view` (a reshape
 * that keeps the data), then its axes are permuted by `perm`, giving `engineShape`.
 */
export interface EngineLayout {
  readonly torchShape: readonly number[];
  readonly view: readonly number[];
  readonly perm: readonly number[];
  readonly engineShape: readonly number[];
}

/** OIHW -> HWIO (conv) and [in, out, kh, kw] -> [kh, kw, out, in] (transposed conv). */
const TO_HW_LAST = [2, 3, 1, 0] as const;
/** [C, m, kh, kw] -> [kh, kw, C, m] (depthwise with channel multiplier m). */
const DEPTHWISE = [2, 3, 0, 1] as const;

/**
 * The engine layout of every parameter of `graph`: convolution weights become tfjs filters
 * (HWIO; depthwise [kh, kw, C, m]; transposed [kh, kw, out, in]); everything else keeps its shape.
 */
export function engineLayouts(graph: Graph): Map<string, EngineLayout> {
  const layouts = new Map<string, EngineLayout>();
  const specs = new Map(graph.params.map((p) => [p.name, p]));
  for (const param of graph.params) layouts.set(param.name, plain(param.shape));
  for (const node of graph.nodes) {
    const weightName = node.params.weight;
    if (weightName === undefined) continue;
    const spec = specs.get(weightName);
    if (!spec) throw new InternalError(`node "${node.name}": weight "${weightName}" is not declared`);
    if (node.spec.op === 'conv2d') layouts.set(weightName, convLayout(node, spec));
    else if (node.spec.op === 'convTranspose2d') layouts.set(weightName, permuted(spec.shape, spec.shape, TO_HW_LAST));
  }
  return layouts;
}

function convLayout(node: GraphNode, spec: ParamSpec): EngineLayout {
  const [out, inPerGroup, kh, kw] = spec.shape as [number, number, number, number];
  const groups = node.spec.op === 'conv2d' ? node.spec.groups : 1;
  if (groups > 1 && inPerGroup === 1) {
    // Depthwise: output channel c*m + j reads input channel c.
    const multiplier = out / groups;
    return permuted(spec.shape, [groups, multiplier, kh, kw], DEPTHWISE);
  }
  return permuted(spec.shape, spec.shape, TO_HW_LAST);
}

function plain(shape: readonly number[]): EngineLayout {
  return { torchShape: shape, view: shape, perm: shape.map((_, i) => i), engineShape: shape };
}

function permuted(torchShape: readonly number[], view: readonly number[], perm: readonly number[]): EngineLayout {
  return { torchShape, view, perm, engineShape: perm.map((p) => view[p]!) };
}

/** A PyTorch-layout float tensor in engine layout. */
export function toEngineLayout(tensor: HostTensor & { dtype: 'F32' }, layout: EngineLayout): Float32Array {
  return isIdentity(layout.perm) ? tensor.data : permuteAxes(tensor.data, layout.view, layout.perm);
}

/** Engine-layout data back in PyTorch layout. */
export function toTorchLayout(data: Float32Array, layout: EngineLayout): Float32Array {
  return isIdentity(layout.perm) ? data : permuteAxes(data, layout.engineShape, inversePermutation(layout.perm));
}

function isIdentity(perm: readonly number[]): boolean {
  return perm.every((p, i) => p === i);
}
