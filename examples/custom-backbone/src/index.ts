export * from './build-mini-unet.js';
export * from './register.js';
