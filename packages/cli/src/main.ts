import { plainWork } from '@vidseg/backend-tfjs';
import { closestMatch, UsageError } from '@vidseg/core';
import { alignHelp } from './commands/align-help.js';
import type { Command, CommandContext } from './commands/command.js';
import { configPrintCommand } from './commands/config-print-command.js';
import { listCommand } from './commands/list-command.js';
import { trainCommand } from './commands/train-command.js';
import { inferCommand } from './commands/infer-command.js';
import { exportCommand } from './commands/export-command.js';
import { evalCommand } from './commands/eval-command.js';
import { demoCommand } from './commands/demo-command.js';
import { flowCommand } from './commands/flow-command.js';
import { benchCommand } from './commands/bench-command.js';
import { reportCommand } from './commands/report-command.js';
import { queueAddCommand, queueDrainCommand, queueRetryFailedCommand, queueStatusCommand } from './commands/queue-commands.js';
import { workerCommand } from './commands/worker-command.js';
import { describeError, EXIT_CODES, exitCodeFor } from './errors/exit-codes.js';
import { ConsoleProgress } from './progress/console-progress.js';

/** Every command, by the words that invoke it. */
export const COMMANDS: readonly Command[] = [demoCommand, trainCommand, evalCommand, exportCommand, inferCommand, reportCommand, benchCommand, flowCommand, configPrintCommand, listCommand, queueAddCommand, queueStatusCommand, queueRetryFailedCommand, queueDrainCommand, workerCommand];

function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `vidseg: temporally consistent semantic video segmentation

usage: vidseg <command> [options]     (vidseg <command> --help for its options)

commands:
${lines.join('\n')}

exit codes: 0 ok, 1 internal error, 2 usage error, 3 config error, 4 data error, 130 interrupted
`;
}

/**
 * Finds the command named by the leading words of `argv` (`config print` takes two). An unknown one
 * is a usage error suggesting the full command whose first word is closest (`config` -> `config print`).
 */
function findCommand(argv: readonly string[]): { command: Command; args: readonly string[] } {
  for (const command of COMMANDS) {
    const words = command.name.split(' ');
    if (words.every((w, i) => argv[i] === w)) return { command, args: argv.slice(words.length) };
  }
  const firstWord = (command: Command) => command.name.split(' ')[0]!;
  const closest = closestMatch(argv[0] ?? '', COMMANDS.map(firstWord));
  const suggested = COMMANDS.find((command) => firstWord(command) === closest);
  // Quote as many words (not flags) as the suggested command has, so `config prnt` is shown whole.
  const words = argv.slice(0, suggested?.name.split(' ').length ?? 1);
  const flagAt = words.findIndex((word, i) => i > 0 && word.startsWith('-'));
  const given = (flagAt === -1 ? words : words.slice(0, flagAt)).join(' ');
  throw new UsageError(`unknown command "${given}"${suggested ? ` (did you mean "${suggested.name}"?)` : ''}`, { hint: 'run vidseg --help for the list of commands' });
}

/** Runs the `vidseg` command line; resolves to the process exit code. */
export async function main(
  argv: readonly string[],
  io: Pick<CommandContext, 'out'> & Partial<Pick<CommandContext, 'interrupted' | 'uninterruptible'>> & { err: CommandContext['out'] & { isTTY?: boolean } } = {
    out: process.stdout,
    err: process.stderr,
  },
): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.out.write(helpText());
    return argv.length === 0 ? EXIT_CODES.usage : EXIT_CODES.ok;
  }
  try {
    const { command, args } = findCommand(argv);
    if (args.includes('--help') || args.includes('-h')) {
      io.out.write(`${alignHelp(command.usage)}\n`);
      return EXIT_CODES.ok;
    }
    // VIDSEG_PROGRESS_INTERVAL: seconds between plain progress lines when stderr is not a terminal.
    const interval = Number(process.env.VIDSEG_PROGRESS_INTERVAL ?? 10);
    const progress = new ConsoleProgress({ stream: io.err, lineInterval: Number.isFinite(interval) && interval >= 0 ? interval : 10 });
    return await command.run({ args, out: io.out, progress, interrupted: io.interrupted ?? new Promise(() => undefined), uninterruptible: io.uninterruptible ?? plainWork });
  } catch (error) {
    io.err.write(`${describeError(error)}\n`);
    return exitCodeFor(error);
  }
}
