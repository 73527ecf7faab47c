export * from './register-gradients.js';
