import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { createRunContainer, modelPluginEntry, pluginRegistry, requireTrainingConfig, silentProgress, type VidsegConfig } from '@vidseg/core';
import { buildTrainingRun } from '@vidseg/backend-tfjs';
import { countFlops, countParameters, segmentationModel } from '@vidseg/models';
import { loadRunConfig, type RunConfig } from '../config/load-run-config.js';
import { EXIT_CODES } from '../errors/exit-codes.js';
import { formatDuration } from '../progress/format-duration.js';
import { evaluateOnnx } from '../pipeline/onnx-evaluation.js';
import { createPluginContainer } from '../plugins/load-plugins.js';
import { writeComparisonReport, type ComparedModel } from '../report/comparison-report.js';
import { RunFolder } from '../run/run-folder.js';
import type { Command } from './command.js';
import { parseCommandArgs } from './parse-command-args.js';
import { trainRun, type TrainingOutcome } from './train-command.js';

/** The built-in demo config, shipped with the package. */
export const DEMO_CONFIG = fileURLToPath(new URL('../../configs/demo.yaml', import.meta.url));

interface Variant {
  readonly key: string;
  readonly title: string;
  readonly config: VidsegConfig;
}

/** The two runs of the demo: the config's losses, and the same plus the temporal loss. */
function variants(config: VidsegConfig, temporalWeight: number): Variant[] {
  return [
    { key: 'baseline', title: 'cross-entropy', config: { ...config, run: { ...config.run, name: 'baseline' } } },
    {
      key: 'temporal',
      title: `cross-entropy + temporal loss (weight ${temporalWeight})`,
      config: { ...config, run: { ...config.run, name: 'temporal' }, losses: [...config.losses, { type: 'temporal', weight: temporalWeight }] },
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
  usage: `vidseg demo [--out <folder>] [--steps <n>] [--temporal-weight <w>] [--set path=value ...]

Generates synthetic street clips (no download), trains the demo student twice for the same budget
(cross-entropy; cross-entropy + temporal loss), evaluates mIoU, TC (exact flow) and VC_2 on held-out
clips through ONNX Runtime, exports both models, runs per-frame inference and writes report.html.

      --out <folder>          output folder (default: runs/demo-<date>-<time>)
      --steps <n>             training steps of each run (default: the demo config's, 300)
      --temporal-weight <w>   weight of the temporal loss (default 1)
      --set <path=value>      override a value of the demo config (${DEMO_CONFIG})
  -h, --help                  show this help`,
  async run(context) {
    const { values } = parseCommandArgs('demo', context.args, {
      out: { type: 'string' },
      steps: { type: 'string' },
      'temporal-weight': { type: 'string' },
      set: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    });
    const overrides = [...(values.steps ? [`train.steps=${values.steps}`] : []), ...(values.set ?? [])];
    const runConfig = await loadRunConfig('demo', DEMO_CONFIG, overrides);
    const temporalWeight = values['temporal-weight'] === undefined ? 1 : Number(values['temporal-weight']);
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
    const outDir = resolve(values.out ?? join('runs', `demo-${stamp}`));
    const runs = variants(runConfig.config, temporalWeight);
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

    const started = performance.now();
    const outcomes: TrainingOutcome[] = [];
    for (const variant of runs) {
      progress.log(`\n== ${variant.key}: ${variant.title}`);
      const folder = RunFolder.open(join(outDir, variant.key), { resume: false });
      const outcome = await trainRun({ ...runConfig, config: variant.config }, folder, context, false);
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
    const [evalHeight, evalWidth] = runConfig.config.eval.inputSize ?? [image.height, image.width];
    const params = countParameters(model.graph).trainable;
    const gflops = countFlops(model.graph, evalHeight, evalWidth);
    const compared: ComparedModel[] = [];
    let runtime = '';
    for (const [i, outcome] of outcomes.entries()) {
      const evaluation = await evaluateOnnx({ run, config: runConfig.config, dataset: heldOut, model: outcome.model!, configFile: runConfig.file });
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
    const summary = await writeComparisonReport({
      outDir,
      title: 'vidseg demo: temporal consistency from training, at no inference cost',
      notes: [
        `Student: ${JSON.stringify(runConfig.config.model)}, ${train.steps} steps of batch ${train.batchSize} at ${train.inputSize.join('x')} for each run, seed ${runConfig.config.seed}, backend ${runConfig.config.backend.type}.`,
        `Held-out data: ${heldOut.size} frames of ${heldOut.name}/${heldOut.split}; TC uses the exact flow of the synthetic clips. Inference: ONNX Runtime (${runtime}), one frame at a time.`,
        `Total time ${formatDuration((performance.now() - started) / 1000)} on this machine (${process.platform} ${process.arch}, Node ${process.version}).`,
      ],
      models: compared,
      preview: heldOut,
    });
    out.write(`\n${summary}\n\nreport: ${join(outDir, 'report.html')}\n`);
    return EXIT_CODES.ok;
  },
};
