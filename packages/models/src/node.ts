// Node-only loaders (`@vidseg/models/node`): weights and pretrained models from files.
export { loadPretrainedEspnet } from './node/load-pretrained-espnet.js';
export { describeInitReport, loadModelInit, type ModelInitEntry } from './node/load-model-init.js';
