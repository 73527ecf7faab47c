import { create, globals } from 'webgpu';
Object.assign(globalThis, globals);
const gpu = create(['backend=opengl']);
globalThis.navigator = globalThis.navigator ?? {};
Object.defineProperty(globalThis.navigator, 'gpu', { value: { requestAdapter: (o) => gpu.requestAdapter({ ...o, featureLevel: 'compatibility' }) }, configurable: true });
const tf = await import('@tensorflow/tfjs-core');
await import('@tensorflow/tfjs-backend-webgpu');
await tf.setBackend('webgpu');
const x = tf.randomNormal([1, 16, 16, 8]);
for (let i = 0; i < 5; i++) { const t0 = performance.now(); const y = tf.add(x, i); await y.data(); console.log('read ms', (performance.now() - t0).toFixed(2)); }
const dev = tf.backend().device;
for (let i = 0; i < 5; i++) { const t0 = performance.now(); await dev.queue.onSubmittedWorkDone(); console.log('onSubmittedWorkDone ms', (performance.now() - t0).toFixed(2)); }
