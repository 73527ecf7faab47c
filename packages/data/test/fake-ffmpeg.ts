import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Stand-ins for ffprobe and ffmpeg (Node scripts) for a 40-frame 8x6 video at 25 fps: they check
 * the arguments the video dataset passes and write frame k with every byte (3k + i) mod 256,
 * so tests can tell which frames were decoded. This machine has no real ffmpeg.
 */
export function fakeFfmpeg(): { dir: string; ffmpeg: string; ffprobe: string; video: string } {
  const dir = mkdtempSync(join(tmpdir(), 'vidseg-ffmpeg-'));
  const ffprobe = join(dir, 'ffprobe');
  const ffmpeg = join(dir, 'ffmpeg');
  const video = join(dir, 'drive.mp4');
  writeFileSync(video, 'not really a video');
  writeFileSync(
    ffprobe,
    `#!/usr/bin/env node
const file = process.argv.at(-1);
if (file.includes('broken')) { process.stderr.write(file + ': Invalid data found when processing input\\n'); process.exit(1); }
process.stdout.write(JSON.stringify({ streams: [{ width: 8, height: 6, avg_frame_rate: '25/1', nb_frames: '40' }] }));
`,
  );
  writeFileSync(
    ffmpeg,
    `#!/usr/bin/env node
const args = process.argv.slice(2);
const value = (flag) => args[args.indexOf(flag) + 1];
const start = Math.round(Number(value('-ss')) * 25);
const count = Number(value('-frames:v'));
const scale = /scale=(\\d+):(\\d+)/.exec(args.includes('-vf') ? value('-vf') : '');
const [w, h] = scale ? [Number(scale[1]), Number(scale[2])] : [8, 6];
if (value('-pix_fmt') !== 'rgb24' || value('-f') !== 'rawvideo' || args.at(-1) !== 'pipe:1') { process.stderr.write('bad arguments ' + args.join(' ')); process.exit(2); }
const frames = Math.max(0, Math.min(count, 40 - start));
const out = Buffer.alloc(frames * w * h * 3);
for (let f = 0; f < frames; f++) for (let i = 0; i < w * h * 3; i++) out[f * w * h * 3 + i] = (3 * (start + f) + i) % 256;
process.stdout.write(out);
`,
  );
  chmodSync(ffprobe, 0o755);
  chmodSync(ffmpeg, 0o755);
  return { dir, ffmpeg, ffprobe, video };
}
