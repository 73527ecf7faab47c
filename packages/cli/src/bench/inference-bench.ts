import { cpus, loadavg } from 'node:os';
import { SeededRandom, createContainer, pluginRegistry, type ImageFrame, type NamedTensors, type Preprocessing } from '@vidseg/core';
import { countFlops, initializeParameters, register, segmentationModel, type SegmentationModel } from '@vidseg/models';
import { loadPretrainedEspnet } from '@vidseg/models/node';
import type { BenchEngine } from './inference-engines.js';
import { measureTogether, type Timing, type TimingPlan } from './timing.js';

/** A model of the benchmark: a key for the command line, a label for the table, its zoo entry. */
export interface Student {
  readonly key: string;
  readonly label: string;
  readonly options: { readonly type: string } & Record<string, unknown>;
}

/** The zoo's students the benchmark measures by default. */
export const BENCH_STUDENTS: readonly Student[] = [
  { key: 'espnet', label: 'ESPNet-CamVid', options: { type: 'espnet' } },
  { key: 'mobilenetv2', label: 'MobileNetV2 (OS 8)', options: { type: 'mobilenetv2', classes: 'camvid' } },
  { key: 'pspnet', label: 'PSPNet-ResNet18', options: { type: 'pspnet', backbone: 'resnet18', classes: 'camvid' } },
];

async function studentModel(student: Student, espnetWeights: string | undefined): Promise<{ model: SegmentationModel; weights: NamedTensors; source: string }> {
  if (student.key === 'espnet' && espnetWeights) {
    const { model, weights } = await loadPretrainedEspnet(espnetWeights);
    return { model, weights, source: 'shared pretrained weights' };
  }
  const container = createContainer();
  register(container);
  const model = segmentationModel(pluginRegistry(container).create(container, 'model', student.options));
  return { model, weights: initializeParameters(model.graph, 0), source: 'He-normal init, seed 0' };
}

function randomFrame(height: number, width: number): ImageFrame {
  const random = new SeededRandom(height * 31 + width);
  return { width, height, channels: 3, data: Uint8Array.from({ length: height * width * 3 }, () => random.int(256)) };
}

function preprocess(frame: ImageFrame, p: Preprocessing): Float32Array {
  const plane = frame.width * frame.height;
  const out = new Float32Array(3 * plane);
  for (let c = 0; c < 3; c++) {
    const source = p.channelOrder === 'RGB' ? c : 2 - c;
    for (let i = 0; i < plane; i++) out[c * plane + i] = ((frame.data[3 * i + source]! - p.mean[c]!) / p.std[c]!) * p.scale;
  }
  return out;
}

interface Row {
  readonly model: string;
  readonly size: string;
  readonly engine: string;
  readonly gflops: number;
  readonly latency: Timing;
  readonly pipeline: Timing;
}

const format = (v: number, digits = 1) => v.toFixed(digits);
const fps = (t: Timing) => 1000 / t.medianMs;

/** What {@link runInferenceBenchmark} measures and how. */
export interface InferenceBenchmarkOptions {
  readonly students: readonly Student[];
  readonly sizes: readonly (readonly [number, number])[];
  readonly engines: readonly BenchEngine[];
  readonly plan: TimingPlan;
  /** The shared ESPNet-CamVid weights, when present (ESPNet is then measured with them). */
  readonly espnetWeights?: string;
  /** Where the table lines go. */
  readonly print: (line: string) => void;
}

/**
 * Inference speed of models on onnxruntime-web (wasm), onnxruntime-node and tfjs-wasm with the
 * same weights, 1 thread: a markdown table of model latency (median, p90 after warm-up, CPU time),
 * GFLOP/s and pipeline FPS (uint8 image in, label map out), then the targets checked.
 */
export async function runInferenceBenchmark(options: InferenceBenchmarkOptions): Promise<void> {
  const { students, sizes, engines, plan, print } = options;
  print(`# vidseg inference benchmark: ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} logical cores), Node ${process.version}, 1 thread`);
  print(`# load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')}; plan: ${JSON.stringify(plan)}`);
  print('');
  print('| model | input (HxW) | engine | model median ms | model p90 ms | model CPU ms | GFLOP/s | model FPS | pipeline median ms | pipeline CPU ms | pipeline FPS | pipeline / model FPS |');
  print('| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  const rows: Row[] = [];
  const started = performance.now();
  for (const student of students) {
    const { model, weights, source } = await studentModel(student, options.espnetWeights);
    for (const [height, width] of sizes) {
      const gflops = countFlops(model.graph, height, width) / 1e9;
      const frame = randomFrame(height, width);
      const input = preprocess(frame, model.preprocessing);
      const available = [];
      for (const engine of engines) {
        if (await engine.isAvailable()) available.push(engine);
        else print(`| ${student.label} | ${height}x${width} | ${engine.name} | not available here | | | | | | | | |`);
      }
      const prepared = [];
      for (const engine of available) prepared.push(await engine.prepare(model, weights, frame, input));
      // Model and pipeline runs of every engine interleaved in each round, so that load from other
      // processes affects all of them alike.
      const timings = await measureTogether(prepared.flatMap((p) => [() => p.runModel(), () => p.runPipeline()]), plan);
      for (const p of prepared) await p.dispose();
      available.forEach((engine, i) => {
        const [latency, pipeline] = [timings[2 * i]!, timings[2 * i + 1]!];
        const row: Row = { model: student.label, size: `${height}x${width}`, engine: engine.name, gflops, latency, pipeline };
        rows.push(row);
        print(
          `| ${row.model} | ${row.size} | ${row.engine} | ${format(latency.medianMs)} | ${format(latency.p90Ms)} | ${format(latency.cpuMedianMs)} | ` +
            `${format(gflops / (latency.medianMs / 1000))} | ${format(fps(latency), 2)} | ${format(pipeline.medianMs)} | ${format(pipeline.cpuMedianMs)} | ` +
            `${format(fps(pipeline), 2)} | ${format(fps(pipeline) / fps(latency), 2)} |`,
        );
      });
    }
    print(`| ${student.label}: ${format(countFlops(model.graph, sizes[0]![0], sizes[0]![1]) / 1e9, 2)} GFLOP at ${sizes[0]!.join('x')} (2 x multiply-adds of convolutions); weights: ${source} | | | | | | | | | | | |`);
  }

  print('');
  print('Targets (1 thread): ort-web latency <= 1.1 x tfjs-wasm; ort-node >= 2 x faster than ort-web; pipeline FPS >= 0.85 x model FPS.');
  print('Each is checked on wall-clock medians and on CPU-time medians (robust to other processes on the machine).');
  const find = (model: string, size: string, engine: string) => rows.find((r) => r.model === model && r.size === size && r.engine === engine);
  const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
  for (const model of new Set(rows.map((r) => r.model))) {
    for (const size of new Set(rows.filter((r) => r.model === model).map((r) => r.size))) {
      const [web, node, tfjs] = ['ort-web', 'ort-node', 'tfjs-wasm'].map((e) => find(model, size, e));
      for (const [clock, ms] of [['wall', (t: Timing) => t.medianMs], ['cpu', (t: Timing) => t.cpuMedianMs]] as const) {
        const checks: string[] = [];
        if (web && tfjs) {
          const ratio = ms(web.latency) / ms(tfjs.latency);
          checks.push(`ort-web/tfjs-wasm ${format(ratio, 2)} ${verdict(ratio <= 1.1)}`);
        }
        if (web && node) {
          const speedup = ms(web.latency) / ms(node.latency);
          checks.push(`ort-node speed-up ${format(speedup, 2)}x ${verdict(speedup >= 2)}`);
        }
        for (const row of [web, node].filter((r): r is Row => r !== undefined)) {
          const ratio = ms(row.latency) / ms(row.pipeline);
          checks.push(`${row.engine} pipeline/model ${format(ratio, 2)} ${verdict(ratio >= 0.85)}`);
        }
        print(`- ${model} ${size} (${clock}): ${checks.join('; ')}`);
      }
    }
  }
  print(`\n# took ${format((performance.now() - started) / 1000, 0)} s; load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}
