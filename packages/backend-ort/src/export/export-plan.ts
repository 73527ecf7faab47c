import { UsageError, type ModelHandle } from '@vidseg/core';
import { inferShapes, type Graph, type ValueShape } from '@vidseg/models';
import type { ResolvedExportOptions } from './export-options.js';

/** What an export will build, decided from the model and the options before writing anything. */
export interface ExportPlan {
  /** Fixed [height, width], or null for a dynamic export. */
  readonly size: readonly [number, number] | null;
  /** Fixed batch size, or null. */
  readonly batch: number | null;
  /** Shapes of every IR value at the fixed size (undefined for a dynamic export). */
  readonly shapes: ReadonlyMap<string, ValueShape> | undefined;
  /** Shapes at the fixed size, or at a probe size for a dynamic export (channel counts, strides). */
  readonly probeShapes: ReadonlyMap<string, ValueShape>;
  /** The probe (or fixed) input size used for `probeShapes`. */
  readonly probeSize: readonly [number, number];
  /** Network output roles exported as graph outputs, in order. */
  readonly roles: readonly string[];
  readonly labels: boolean;
  readonly probabilities: boolean;
  /** Whether the logits are smaller than the input, so postprocessing must upsample them. */
  readonly upsampleLogits: boolean;
}

/** Checks the options against the model and decides the export's shape; a misfit is a {@link UsageError}. */
export function planExport(model: ModelHandle<Graph>, options: ResolvedExportOptions): ExportPlan {
  const graph = model.graph;
  const where = `export of model "${model.name}"`;
  const size = resolveSize(model, options.inputSize, where);
  if (options.image !== 'none') {
    const [input, ...others] = graph.inputs;
    if (!input || others.length > 0 || input.channels !== 3) {
      throw new UsageError(`${where}: image preprocessing needs one 3-channel network input, the graph has ${graph.inputs.map((i) => `${i.name} (${i.channels} ch)`).join(', ')}`, {
        hint: 'export with image: "none"',
      });
    }
  }
  const seen = new Set<string>();
  for (const output of options.outputs) {
    if (seen.has(output)) throw new UsageError(`${where}: output "${output}" is listed twice`);
    seen.add(output);
    const known = output === 'labels' || output === 'probabilities' || graph.outputs[output] !== undefined;
    if (!known) {
      throw new UsageError(`${where}: unknown output "${output}"; this model offers labels, probabilities, ${Object.keys(graph.outputs).join(', ')}`);
    }
  }
  const labels = seen.has('labels');
  const probabilities = seen.has('probabilities');
  if ((labels || probabilities) && graph.outputs.logits === undefined) {
    throw new UsageError(`${where}: labels and probabilities need a "logits" output, the graph has ${Object.keys(graph.outputs).join(', ')}`);
  }
  const probeSize = size ?? model.input.nativeSize ?? probeFor(model.input.multipleOf);
  const probeShapes = inferShapes(graph, Object.fromEntries(graph.inputs.map((input) => [input.name, probeSize])));
  const logits = graph.outputs.logits === undefined ? undefined : probeShapes.get(graph.outputs.logits);
  if (labels && logits && logits[0] > 256) throw new UsageError(`${where}: ${logits[0]} classes do not fit a uint8 label map`);
  return {
    size,
    batch: options.batch === 'dynamic' ? null : options.batch,
    shapes: size ? probeShapes : undefined,
    probeShapes,
    probeSize,
    roles: options.outputs.filter((o) => o !== 'labels' && o !== 'probabilities'),
    labels,
    probabilities,
    upsampleLogits: logits !== undefined && (logits[1] !== probeSize[0] || logits[2] !== probeSize[1]),
  };
}

function resolveSize(model: ModelHandle<Graph>, inputSize: ResolvedExportOptions['inputSize'], where: string): readonly [number, number] | null {
  if (inputSize === 'dynamic') return null;
  const size = inputSize === 'native' ? model.input.nativeSize : inputSize;
  if (!size) return null;
  const multiple = model.input.multipleOf;
  if (size[0] % multiple !== 0 || size[1] % multiple !== 0) {
    throw new UsageError(`${where}: input size ${size[0]}x${size[1]} (HxW) is not a multiple of ${multiple}, which this model needs`, {
      hint: `use e.g. ${Math.round(size[0] / multiple) * multiple}x${Math.round(size[1] / multiple) * multiple}`,
    });
  }
  return size;
}

/** A square size, a multiple of `multipleOf`, large enough for deep nets with pyramid pooling. */
function probeFor(multipleOf: number): [number, number] {
  const side = Math.ceil(256 / multipleOf) * multipleOf;
  return [side, side];
}
