import { main } from '../main.js';

// Ctrl-C: the first press asks running commands to stop cleanly (training saves a checkpoint);
// a second press exits at once.
let interruptions = 0;
const interrupted = new Promise<void>((resolve) => {
  process.on('SIGINT', () => {
    interruptions++;
    if (interruptions > 1) process.exit(130);
    process.stderr.write('\ninterrupted: finishing the current step and saving (Ctrl-C again to quit now)\n');
    resolve();
  });
});

process.exitCode = await main(process.argv.slice(2), { out: process.stdout, err: process.stderr, interrupted });
