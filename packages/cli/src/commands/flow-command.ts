import { createRunContainer, entryLocation, evaluationOrder, pluginRegistry, UsageError } from '@vidseg/core';
import type { CachedFlowEstimator } from '@vidseg/flow';
import { configFileOf, loadRunConfig } from '../config/load-run-config.js';
import { createPluginContainer } from '../plugins/load-plugins.js';
import type { Command } from './command.js';
import { CONFIG_OPTIONS, CONFIG_OPTIONS_USAGE, parseCommandArgs } from './parse-command-args.js';

const SPLITS = ['val', 'test', 'train'] as const;

/** `vidseg flow`: fills the flow cache for the consecutive frames of a split ahead of evaluation. */
export const flowCommand: Command = {
  name: 'flow',
  summary: 'precompute the flow cache (consecutive frames of a split) for TC evaluation',
  usage: `vidseg flow -c <config> [--split val]

${CONFIG_OPTIONS_USAGE}
      --split <name>    val (default), test or train
The config's eval.flow (else flow) must be a cached estimator, e.g.
  eval: { flow: { type: cached, dir: .flow-cache, estimator: { type: farneback } } }`,
  async run({ args, out, progress }) {
    const { values } = parseCommandArgs('flow', args, { ...CONFIG_OPTIONS, 'run-dir': { type: 'string' }, split: { type: 'string' } });
    const split = (values.split ?? 'val') as (typeof SPLITS)[number];
    if (!SPLITS.includes(split)) throw new UsageError(`vidseg flow: --split must be one of ${SPLITS.join(', ')}, got "${values.split}"`);
    const { config, file, baseDir } = await loadRunConfig('flow', configFileOf(values), values.set);
    const entry = config.data[split];
    if (!entry) throw new UsageError(`the config has no data.${split}`);
    const flowEntry = config.eval.flow ?? config.flow;
    if (flowEntry.type !== 'cached') {
      throw new UsageError(`vidseg flow fills the cache of a "cached" flow estimator, but ${config.eval.flow ? 'eval.flow' : 'flow'} is "${flowEntry.type}"`, {
        hint: `set eval.flow to { type: cached, dir: .flow-cache, estimator: { type: ${flowEntry.type} } }`,
      });
    }
    const run = createRunContainer(await createPluginContainer(config.plugins, baseDir, file), { seed: config.seed, baseDir }, progress);
    const registry = pluginRegistry(run);
    const at = (path: string) => entryLocation(path, file);
    const dataset = registry.create(run, 'dataset', entry, at(`data.${split}`));
    const flow = registry.create(run, 'flow', flowEntry, at(config.eval.flow ? 'eval.flow' : 'flow')) as CachedFlowEstimator;
    const order = evaluationOrder(dataset);
    const task = progress.start(`flow ${dataset.name}/${dataset.split}`, Math.max(order.length - 1, 0), 'pairs');
    let pairs = 0;
    try {
      let previous = order.length > 0 ? await dataset.frame(order[0]!) : undefined;
      for (const position of order.slice(1)) {
        const frame = await dataset.frame(position);
        if (previous && previous.sequence === frame.sequence) {
          await flow.estimate(previous.image, frame.image, { from: previous.id, to: frame.id });
          pairs++;
        }
        previous = frame;
        task.advance();
      }
    } finally {
      flow.dispose?.();
    }
    task.done();
    out.write(`${pairs} flows of ${dataset.name}/${dataset.split} in ${flow.dir}: ${flow.stats.misses} computed, ${flow.stats.hits} already cached\n`);
    return 0;
  },
};
