import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { requireShared, skipReason } from '@vidseg/test-support';
import { runCli, VIDSEG_BIN } from './run-cli.js';

const REPO = join(dirname(VIDSEG_BIN), '..', '..', '..', '..');
const built = existsSync(VIDSEG_BIN);
const models = requireShared('models');
const camvid = requireShared('data', 'camvid');
const video = requireShared('data', 'video');
const shared = models.path ? dirname(models.path) : undefined;
const reason = skipReason(built, VIDSEG_BIN, 'run npm run build') || models.skipReason || camvid.skipReason || video.skipReason;

/** The README's "use a pretrained model" commands, with `../shared` pointing at the shared folder found. */
function readmeCommands(): string[][] {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const block = /<!-- pretrained-commands:begin -->\n```bash\n([\s\S]*?)```\n<!-- pretrained-commands:end -->/.exec(readme);
  if (!block) throw new Error('README.md has no pretrained-commands block');
  return block[1]!
    .trim()
    .split('\n')
    .map((line) => line.replaceAll('../shared/', `${shared}/`).split(' '))
    .map(([npx, vidseg, ...args]) => {
      expect(`${npx} ${vidseg}`).toBe('npx vidseg');
      return args;
    });
}

/** CamVid class id -> Cityscapes labelId (Void -> 0 unlabelled), so CamVid labels read as a user's labelIds maps. */
const CAMVID_TO_LABEL_ID = [23, 11, 17, 7, 8, 21, 20, 13, 26, 24, 33, 0];

/**
 * A user's own street footage: `count` consecutive CamVid val frames (15 Hz) upscaled to 2048x1024
 * JPEG, with their labels as Cityscapes labelIds PNGs (nearest upscaling).
 */
async function streetFolder(count: number): Promise<{ frames: string; labels: string }> {
  const root = mkdtempSync(join(tmpdir(), 'vidseg-street-'));
  const [frames, labels] = [join(root, 'frames'), join(root, 'labels')];
  mkdirSync(frames);
  mkdirSync(labels);
  const names = readdirSync(join(camvid.path!, 'val')).sort().slice(0, count);
  for (const name of names) {
    const id = name.replace(/\.png$/, '');
    await sharp(join(camvid.path!, 'val', name)).resize(2048, 1024, { fit: 'fill' }).jpeg({ quality: 90 }).toFile(join(frames, `${id}.jpg`));
    // The annotation PNGs are grey; sharp decodes them to three equal channels: keep one.
    const { data, info } = await sharp(join(camvid.path!, 'valannot', name)).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
    expect(info.channels).toBe(1);
    const ids = Uint8Array.from(data, (v) => CAMVID_TO_LABEL_ID[v] ?? 0);
    await sharp(ids, { raw: { width: info.width, height: info.height, channels: 1 } }).resize(2048, 1024, { fit: 'fill', kernel: 'nearest' }).png().toFile(join(labels, `${id}.png`));
  }
  return { frames, labels };
}

describe.skipIf(reason !== '')(`pretrained models: the README's commands${reason}`, () => {
  it('exports every encoder-decoder file of ../shared/models to ONNX and runs each on a video, resized to the model and back', async () => {
    const commands = readmeCommands();
    const exported = commands.filter(([command]) => command === 'export');
    const weightFiles = readdirSync(models.path!).filter((name) => name.endsWith('.safetensors') && !name.startsWith('espnet-c-'));
    expect(exported.map((args) => args[args.indexOf('--weights') + 1]).sort()).toEqual(weightFiles.map((name) => join(models.path!, name)).sort());
    for (const args of commands) {
      const result = runCli(args, REPO);
      expect(result.status, `vidseg ${args.join(' ')}\n${result.stderr}`).toBe(0);
      if (args[0] !== 'infer') continue;
      const out = join(REPO, args[args.indexOf('--out') + 1]!);
      const isVideo = args[args.indexOf('--input') + 1]!.endsWith('.mp4');
      const written = readdirSync(join(out, 'labels')).sort();
      expect(written).toHaveLength(8);
      // The model ran at its own size (CamVid 480x360, Cityscapes its training size 1024x512) and
      // the label maps came back at the frames' size.
      expect(result.stderr).toMatch(isVideo ? /frames 960x540, model run at 1024x512/ : /frames 854x480, model run at (480x360|1024x512)/);
      const meta = await sharp(join(out, 'labels', written[0]!)).metadata();
      expect([meta.width, meta.height]).toEqual(isVideo ? [960, 540] : [854, 480]);
      // Output names map back to their input.
      expect(readFileSync(join(out, 'frames.csv'), 'utf8').split('\n')[1]).toMatch(
        isVideo ? /^solidWhiteRight_000000,.*solidWhiteRight\.mp4 at 0\.000 s \(frame 0 of the file\)$/ : /^00000,.*car-shadow\/00000\.jpg$/,
      );
    }
  }, 900_000);

  it("evaluates ESPNet-Cityscapes on a user's 2048x1024 JPEG frames with labelIds maps through the evaluation-only config: mIoU, TC, VC_2, VC_8", async () => {
    const { frames, labels } = await streetFolder(9);
    const out = join(mkdtempSync(join(tmpdir(), 'vidseg-street-eval-')), 'eval.json');
    const args = ['eval', '-c', 'configs/pretrained/espnet-cityscapes.yaml', '--weights', join(models.path!, 'espnet-cityscapes.safetensors'), '--split', 'test'];
    const result = runCli([...args, '--set', `data.test.root=${frames}`, '--set', `data.test.labels=${labels}`, '--out', out], REPO);
    expect(result.status, result.stderr).toBe(0);
    const record = JSON.parse(readFileSync(out, 'utf8')) as { frames: number; values: Record<string, number>; perClass: Record<string, Record<string, number> | null> };
    expect(record.frames).toBe(9);
    // A sanity floor, not an accuracy claim: road, sky, building and vegetation fill most of these
    // frames and a Cityscapes model gets most of them (garbled labels give about 20 %).
    expect(record.values.pixelAccuracy).toBeGreaterThan(0.5);
    for (const key of ['miou', 'tc', 'vc2', 'vc8']) expect(record.values[key], key).toBeGreaterThan(0);
    expect([record.values.pairs, record.values.vc2Windows, record.values.vc8Windows]).toEqual([8, 8, 2]);
    expect(Object.keys(record.perClass.miou!)).toHaveLength(19);
    expect(result.stdout).toMatch(/class\s+miou IoU\s+tc IoU/);
  }, 900_000);
});
