export * from './soft-dice-loss.js';
export * from './register.js';
