import { UsageError, didYouMean } from '@vidseg/core';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { BENCH_ENGINES } from '../bench/inference-engines.js';
import { BENCH_STUDENTS, runInferenceBenchmark } from '../bench/inference-bench.js';
import type { Command } from './command.js';
import { parseCommandArgs } from './parse-command-args.js';

function listOf<T extends { readonly name?: string; readonly key?: string }>(flag: string, text: string, known: readonly T[], keyOf: (item: T) => string): T[] {
  return text.split(',').map((key) => {
    const found = known.find((item) => keyOf(item) === key);
    if (!found) throw new UsageError(`vidseg bench: unknown ${flag} "${key}"${didYouMean(key, known.map(keyOf))}; known: ${known.map(keyOf).join(', ')}`);
    return found;
  });
}

function sizeOf(text: string): [number, number] {
  const match = /^(\d+)x(\d+)$/.exec(text);
  if (!match) throw new UsageError(`vidseg bench: size "${text}" is not HEIGHTxWIDTH, e.g. 360x480`);
  return [Number(match[1]), Number(match[2])];
}

function count(flag: string, text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw new UsageError(`vidseg bench: --${flag} must be a non-negative number, got "${text}"`);
  return value;
}

/** `vidseg bench`: per-frame inference speed of the zoo's students on every engine here. */
export const benchCommand: Command = {
  name: 'bench',
  summary: 'inference speed of the students on onnxruntime-web, onnxruntime-node and tfjs-wasm (printed table)',
  usage: `vidseg bench [--models espnet,mobilenetv2,pspnet] [--sizes 360x480,512x1024] [--engines ort-web,ort-node,tfjs-wasm]
             [--min-seconds 3] [--min-runs 5] [--max-runs 30] [--warmup 2]

      --espnet-weights <file>  ESPNet-CamVid weights (default ../shared/models/espnet-camvid.safetensors when present)

Prints a markdown table: model latency (session.run only: median, p90 after warm-up, CPU time),
GFLOP/s, pipeline FPS (uint8 image in, label map out), then the targets (1 thread). ESPNet uses
the pretrained weights when found, the others a seeded initialisation (speed does not depend on
the values).`,
  async run({ args, out }) {
    const { values } = parseCommandArgs('bench', args, {
      models: { type: 'string' },
      sizes: { type: 'string' },
      engines: { type: 'string' },
      'min-seconds': { type: 'string' },
      'min-runs': { type: 'string' },
      'max-runs': { type: 'string' },
      warmup: { type: 'string' },
      'espnet-weights': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    const students = listOf('model', values.models ?? BENCH_STUDENTS.map((s) => s.key).join(','), BENCH_STUDENTS, (s) => s.key);
    const engines = listOf('engine', values.engines ?? BENCH_ENGINES.map((e) => e.name).join(','), BENCH_ENGINES, (e) => e.name);
    const sizes = (values.sizes ?? '360x480,512x1024').split(',').map(sizeOf);
    const plan = {
      warmup: count('warmup', values.warmup ?? '2'),
      minRuns: count('min-runs', values['min-runs'] ?? '5'),
      maxRuns: count('max-runs', values['max-runs'] ?? '30'),
      minSeconds: count('min-seconds', values['min-seconds'] ?? '3'),
    };
    const espnetWeights = resolve(values['espnet-weights'] ?? '../shared/models/espnet-camvid.safetensors');
    if (values['espnet-weights'] && !existsSync(espnetWeights)) throw new UsageError(`vidseg bench: --espnet-weights ${espnetWeights} does not exist`);
    await runInferenceBenchmark({ students, sizes, engines, plan, print: (line) => void out.write(`${line}\n`), ...(existsSync(espnetWeights) ? { espnetWeights } : {}) });
    return 0;
  },
};
