import { DemoApp, type DemoElements } from './page/demo-app.js';
import { fetchManifest } from './page/demo-assets.js';
import { chooseRuntime } from './page/ort-setup.js';
import { readUrlOptions } from './page/url-options.js';

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`index.html has no element #${id}`);
  return element as T;
}

async function main(): Promise<void> {
  const options = readUrlOptions(location.search);
  const elements: DemoElements = {
    status: byId('status'),
    counter: byId('frame-counter'),
    pipelineFps: byId('pipeline-fps'),
    lanes: byId('lanes'),
    video: byId('video'),
    frameCanvas: byId('frame-canvas'),
    videoChoice: byId('video-choice'),
    videoFile: byId('video-file'),
    modelChoices: [byId('model-a'), byId('model-b')],
    modelFiles: [byId('model-a-file'), byId('model-b-file')],
    stepFps: byId('step-fps'),
    opacity: byId('opacity'),
    compare: byId('compare'),
    run: byId('run'),
    step: byId('step'),
    restart: byId('restart'),
  };
  const [runtime, manifest] = await Promise.all([chooseRuntime(options.runtime), fetchManifest()]);
  byId('runtime').textContent = `Runtime: ${runtime.description}.`;
  document.body.dataset.runtime = runtime.runtime.name;
  await new DemoApp(elements, runtime, manifest, options).start();
}

main().catch((error: unknown) => {
  document.getElementById('status')!.textContent = `Error: ${error instanceof Error ? error.message : String(error)}`;
  document.body.dataset.state = 'error';
  console.error(error);
});
