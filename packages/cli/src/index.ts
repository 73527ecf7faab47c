// The `vidseg` command as a library: main(), exit codes, config loading and the plugin container.
// Only re-exports, by name.
export { main } from './main.js';
export { exitCodeFor, describeError, EXIT_CODES } from './errors/exit-codes.js';
export { type ConsoleProgressOptions, ConsoleProgress } from './progress/console-progress.js';
export { loadRunConfig, type RunConfig } from './config/load-run-config.js';
export { createPluginContainer } from './plugins/load-plugins.js';
