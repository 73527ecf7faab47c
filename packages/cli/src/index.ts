export * from './main.js';
export * from './errors/exit-codes.js';
export * from './progress/console-progress.js';
export * from './config/node-config-file-system.js';
export * from './config/load-run-config.js';
export * from './plugins/load-plugins.js';
