export * from './node/load-pretrained-espnet.js';
