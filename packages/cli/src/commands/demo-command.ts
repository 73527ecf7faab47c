import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { basename, join, resolve } from 'node:path';
import { ConfigError, createRunContainer, modelPluginEntry, pluginRegistry, requireTrainingConfig, silentProgress, UsageError, type VidsegConfig } from '@vidseg/core';
import { buildTrainingRun } from '@vidseg/backend-tfjs';
import { countFlops, countParameters, segmentationModel } from '@vidseg/models';
import { loadRunConfig, type RunConfig } from '../config/load-run-config.js';
import { EXIT_CODES } from '../errors/exit-codes.js';
import { formatDuration } from '../progress/format-duration.js';
import { evaluateOnnx, type OnnxEvaluation } from '../pipeline/onnx-evaluation.js';
import { createPluginContainer } from '../plugins/load-plugins.js';
import { writeComparisonReport, type ComparedModel } from '../report/comparison-report.js';
import type { Preview } from '../report/preview-frames.js';
import { describeStudent } from '../demo/describe-student.js';
import { demoVerdict } from '../demo/demo-verdict.js';
import { sharedClassTc } from '../demo/shared-class-tc.js';
import { writeDemoSummary } from '../demo/demo-summary.js';
import { RunFolder } from '../run/run-folder.js';
import type { Command } from './command.js';
import { parseCommandArgs } from './parse-command-args.js';
import { trainRun, type TrainingOutcome } from './train-command.js';
import { DEMO_STUDENT_WEIGHTS, makeDemoStudent, readStudentWeights } from '../demo/demo-student.js';

/** The built-in demo config, shipped with the package. */
export const DEMO_CONFIG = fileURLToPath(new URL('../../configs/demo.yaml', import.meta.url));

interface Variant {
  readonly key: string;
  readonly title: string;
  readonly config: VidsegConfig;
}

/**
 * The two runs of the demo: the config's losses without the temporal term (the baseline), and all
 * of them (the temporal loss with `temporalWeight` when given).
 */
function variants(config: VidsegConfig, temporalWeight: number | undefined, file: string): Variant[] {
  const temporal = config.losses.find((loss) => loss.type === 'temporal');
  if (!temporal) throw new ConfigError([{ path: 'losses', message: 'the demo config needs a temporal loss term (the second run adds it)' }], file);
  const weight = temporalWeight ?? temporal.weight ?? 1;
  const named = (name: string) => ({ ...config.run, name });
  return [
    { key: 'baseline', title: 'cross-entropy', config: { ...config, run: named('baseline'), losses: config.losses.filter((loss) => loss !== temporal) } },
    {
      key: 'temporal',
      title: `cross-entropy + temporal loss (weight ${weight})`,
      config: { ...config, run: named('temporal'), losses: config.losses.map((loss) => (loss === temporal ? { ...loss, weight } : loss)) },
    },
  ];
}

/** Milliseconds per training step of `config`, from a few steps of a throwaway run. */
async function measureStep(runConfig: RunConfig, config: VidsegConfig): Promise<number> {
  const container = await createPluginContainer(config.plugins, runConfig.baseDir, runConfig.file);
  const trainer = await buildTrainingRun({ config, container, baseDir: runConfig.baseDir, configFile: runConfig.file, progress: silentProgress });
  try {
    await trainer.trainStep(); // warm-up: kernels compile, buffers grow
    const started = performance.now();
    for (let i = 0; i < 2; i++) await trainer.trainStep();
    return (performance.now() - started) / 2;
  } finally {
    await trainer.dispose();
  }
}

/** `vidseg demo`: the README's main job, on synthetic clips the project makes itself. */
export const demoCommand: Command = {
  name: 'demo',
  summary: 'train a student with and without the temporal loss on synthetic clips, evaluate mIoU/TC, export, infer, report',
  usage: `vidseg demo [--out <folder>] [--steps <n>] [--temporal-weight <w>] [--student <file>] [--set path=value ...]
       vidseg demo --make-student [--out <folder>] [--student <file>] [--set path=value ...]

Generates synthetic street clips (no download), trains the demo student twice for the same budget
(cross-entropy; cross-entropy + temporal loss), evaluates mIoU, TC (exact flow) and VC_2 on held-out
clips through ONNX Runtime, exports both models, runs per-frame inference and writes report.html.

      --out <folder>          output folder (default: runs/demo-<date>-<time>)
      --steps <n>             training steps of each run (default: the demo config's train.steps)
      --temporal-weight <w>   weight of the temporal loss (default: the demo config's)
      --student <file>        the pretrained student both runs start from (default: the shipped one,
                              ${DEMO_STUDENT_WEIGHTS})
      --make-student          train the pretrained student instead (configs/demo-student.yaml; its run
                              folder is --out) and write it to --student
      --set <path=value>      override a value of the demo config (${DEMO_CONFIG})
  -h, --help                  show this help`,
  async run(context) {
    const commandStarted = performance.now();
    const { values } = parseCommandArgs('demo', context.args, {
      out: { type: 'string' },
      steps: { type: 'string' },
      'temporal-weight': { type: 'string' },
      student: { type: 'string' },
      'make-student': { type: 'boolean' },
      set: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    });
    const overrides = [...(values.steps ? [`train.steps=${values.steps}`] : []), ...(values.set ?? [])];
    const studentFile = resolve(values.student ?? DEMO_STUDENT_WEIGHTS);
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
    if (values['make-student']) {
      const runDir = resolve(values.out ?? join('runs', `demo-student-${stamp}`));
      if (!(await makeDemoStudent(context, runDir, studentFile, overrides))) return EXIT_CODES.interrupted;
      context.out.write(`pretrained student: ${studentFile} (run folder ${runDir})\n`);
      return EXIT_CODES.ok;
    }
    const runConfig = await loadRunConfig('demo', DEMO_CONFIG, overrides);
    const temporalWeight = values['temporal-weight'] === undefined ? undefined : Number(values['temporal-weight']);
    if (temporalWeight !== undefined && !(temporalWeight >= 0)) throw new UsageError(`vidseg demo: --temporal-weight ${values['temporal-weight']} is not a number >= 0`);
    const outDir = resolve(values.out ?? join('runs', `demo-${stamp}`));
    const runs = variants(runConfig.config, temporalWeight, runConfig.file);
    const { progress, out } = context;
    const { train, data } = runConfig.config;

    progress.log(
      `vidseg demo: ${runConfig.config.model.type} trained twice for ${train.steps} steps (batch ${train.batchSize}, ${train.inputSize.join('x')}) on synthetic street clips;` +
        ` ${runs.map((r) => r.title).join(' vs ')}; then mIoU, TC and VC_2 on held-out clips, ONNX export, per-frame inference and ${join(outDir, 'report.html')}`,
    );
    const stepMs: number[] = [];
    for (const variant of runs) stepMs.push(await measureStep(runConfig, variant.config));
    const estimate = (train.steps * stepMs.reduce((a, b) => a + b, 0)) / 1000;
    progress.log(
      `measured ${stepMs.map((ms, i) => `${runs[i]!.key} ${ms.toFixed(0)} ms/step`).join(', ')}: this takes about ${formatDuration(estimate * 1.15)}` +
        ' (training, plus evaluation and export)',
    );

    const studentWeights = await readStudentWeights(runConfig, studentFile);
    const outcomes: TrainingOutcome[] = [];
    for (const variant of runs) {
      progress.log(`\n== ${variant.key}: ${variant.title}`);
      const folder = RunFolder.open(join(outDir, variant.key), { resume: false });
      const outcome = await trainRun({ ...runConfig, config: variant.config }, folder, context, { resume: false, weights: studentWeights });
      outcomes.push(outcome);
      if (outcome.summary.stopped) {
        out.write(`demo stopped during ${variant.key}; its run folder is ${folder.dir} (resume it with vidseg train --resume --run-dir ${folder.dir})\n`);
        return EXIT_CODES.interrupted;
      }
    }

    const container = await createPluginContainer(runConfig.config.plugins, runConfig.baseDir, runConfig.file);
    const run = createRunContainer(container, { seed: runConfig.config.seed, baseDir: runConfig.baseDir }, progress);
    const at = (path: string) => ({ path, file: runConfig.file });
    const heldOut = pluginRegistry(run).create(run, 'dataset', data.val ?? requireTrainingConfig(runConfig.config, runConfig.file).data.train, at(data.val ? 'data.val' : 'data.train'));
    const model = segmentationModel(pluginRegistry(run).create(run, 'model', modelPluginEntry(runConfig.config.model), at('model')));
    const { image } = await heldOut.frame(0);
    const evalSize = runConfig.config.eval.inputSize ?? [image.height, image.width];
    const params = countParameters(model.graph).trainable;
    const gflops = countFlops(model.graph, evalSize[0], evalSize[1]);
    const student = describeStudent(runConfig.config.model, params, gflops / 1e9, evalSize);
    const compared: ComparedModel[] = [];
    const evaluations: OnnxEvaluation[] = [];
    let runtime = '';
    for (const [i, outcome] of outcomes.entries()) {
      const evaluation = await evaluateOnnx({ run, config: runConfig.config, dataset: heldOut, model: outcome.model!, configFile: runConfig.file });
      evaluations.push(evaluation);
      runtime = evaluation.runtime;
      compared.push({
        title: runs[i]!.title,
        model: outcome.model!,
        values: evaluation.result.values,
        medianMs: evaluation.medianMs,
        log: outcome.folder.path('log.jsonl'),
        trainSeconds: outcome.seconds,
        params,
        gflops,
      });
    }
    const figuresOf = (m: ComparedModel, flicker?: number) => ({ miou: m.values['miou'] ?? Number.NaN, tc: m.values['tc'] ?? Number.NaN, vc2: m.values['vc2'] ?? Number.NaN, ...(flicker !== undefined ? { flicker } : {}) });
    const meanFlicker = (preview: Preview) => preview.flicker.map((v) => (v.length > 0 ? v.reduce((a, b) => a + b, 0) / v.length : undefined));
    const perClassTc = (i: number) => evaluations[i]!.result.metrics['tc']?.perClass ?? {};
    const shared = sharedClassTc(perClassTc(0), perClassTc(1));
    const cost = `the same cost per frame (the same network, ${(params / 1e6).toFixed(2)} M parameters, about ${((compared[0]!.medianMs + compared[1]!.medianMs) / 2).toFixed(1)} ms per frame)`;
    const report = await writeComparisonReport({
      outDir,
      title: 'vidseg demo: does training with the temporal loss make per-frame predictions steadier?',
      verdict: (preview) => {
        const flicker = meanFlicker(preview);
        return demoVerdict(figuresOf(compared[0]!, flicker[0]), figuresOf(compared[1]!, flicker[1]), cost, shared);
      },
      notes: [
        `Student: ${student}, starting from the shipped pretrained weights (${basename(studentFile)}); each run fine-tunes it for ${train.steps} steps of batch ${train.batchSize} at ${train.inputSize.join('x')}, seed ${runConfig.config.seed}, backend ${runConfig.config.backend.type}.`,
        `Held-out data: ${heldOut.size} frames of ${heldOut.name}/${heldOut.split} (streets never seen in training); TC uses the exact flow of the synthetic clips. Inference: ONNX Runtime (${runtime}), one frame at a time.`,
        `Wall time of the demo up to this report: ${formatDuration((performance.now() - commandStarted) / 1000)} on this machine (${cpus()[0]?.model ?? 'unknown CPU'}, ${process.platform} ${process.arch}, Node ${process.version}).`,
      ],
      models: compared,
      preview: heldOut,
      runtime,
    });
    const flicker = meanFlicker(report.preview);
    const verdict = report.verdict!;
    const wallSeconds = (performance.now() - commandStarted) / 1000;
    const summaryModel = (i: number) => ({
      title: compared[i]!.title,
      ...figuresOf(compared[i]!),
      flicker: flicker[i] ?? null,
      params,
      msPerFrame: compared[i]!.medianMs,
      onnx: compared[i]!.model,
    });
    await writeDemoSummary(join(outDir, 'summary.json'), {
      seed: runConfig.config.seed,
      steps: train.steps,
      student,
      heldOut: `${heldOut.name}/${heldOut.split}, ${heldOut.size} frames`,
      runtime,
      verdict,
      tcSharedClasses: { classes: shared.classes, baseline: shared.baseline, temporal: shared.temporal, onlyBaseline: shared.onlyBaseline, onlyTemporal: shared.onlyTemporal },
      wallSeconds,
      models: { baseline: summaryModel(0), temporal: summaryModel(1) },
    });
    out.write(`\n${report.table}\n\n${verdict}\n\nreport: ${join(outDir, 'report.html')}\nsummary: ${join(outDir, 'summary.json')}\ndemo wall time: ${formatDuration(wallSeconds)}\n`);
    return EXIT_CODES.ok;
  },
};
