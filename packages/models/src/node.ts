export * from './node/load-pretrained-espnet.js';
export * from './node/load-model-init.js';
