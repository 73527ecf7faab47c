import { main } from '../main.js';
import { InterruptGuard } from '../run/interrupt-guard.js';

// Ctrl-C: the first press asks running commands to stop cleanly (training saves a checkpoint);
// a second press exits at once, or right after a checkpoint write in progress.
const guard = new InterruptGuard((code) => process.exit(code), process.stderr);
process.on('SIGINT', () => guard.press());

process.exitCode = await main(process.argv.slice(2), { out: process.stdout, err: process.stderr, interrupted: guard.interrupted, uninterruptible: guard.uninterruptible });
