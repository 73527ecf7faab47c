import { DataError, UsageError } from '@vidseg/core';
import { spawn, spawnSync } from 'node:child_process';

/** What ffprobe says about a video's first video stream. */
export interface VideoProbe {
  readonly width: number;
  readonly height: number;
  /** Frames per second (average). */
  readonly fps: number;
  /** Number of frames (from the container, or duration x fps). */
  readonly frames: number;
}

function missingProgram(program: string, option: string, cause: unknown): UsageError {
  return new UsageError(`the video dataset needs the program "${program}", which was not found`, {
    cause,
    hint: `install ffmpeg (it provides ffmpeg and ffprobe; e.g. apt-get install ffmpeg), or set the dataset option "${option}" to the program's path`,
  });
}

/** Runs ffprobe on `file`; a missing program or an unreadable file is an error naming it. */
export function probeVideo(ffprobe: string, file: string): VideoProbe {
  const result = spawnSync(ffprobe, ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height,avg_frame_rate,nb_frames,duration', '-of', 'json', file], {
    encoding: 'utf8',
  });
  if (result.error) {
    if ((result.error as NodeJS.ErrnoException).code === 'ENOENT') throw missingProgram(ffprobe, 'ffprobe', result.error);
    throw new DataError(`cannot run ${ffprobe} on ${file}: ${result.error.message}`, { cause: result.error });
  }
  if (result.status !== 0) throw new DataError(`cannot read video ${file}: ${ffprobe} says: ${result.stderr.trim() || `exit code ${result.status}`}`);
  const stream = (JSON.parse(result.stdout) as { streams?: Record<string, string | number>[] }).streams?.[0];
  if (!stream) throw new DataError(`video ${file} has no video stream`);
  const [num, den] = String(stream.avg_frame_rate ?? '0/1').split('/').map(Number);
  const fps = den ? num! / den : 0;
  const frames = Number(stream.nb_frames) || Math.round(Number(stream.duration) * fps);
  const width = Number(stream.width);
  const height = Number(stream.height);
  if (!(width > 0 && height > 0 && fps > 0 && frames > 0)) {
    throw new DataError(`video ${file}: ffprobe gave no usable size, frame rate and length (${JSON.stringify(stream)})`);
  }
  return { width, height, fps, frames };
}

/** What to decode: `count` frames from frame `start`, at `fps` (the file's or a resampled rate), scaled to width x height. */
export interface DecodeRequest {
  readonly file: string;
  readonly start: number;
  readonly count: number;
  readonly fps: number;
  readonly resample: boolean;
  readonly width: number;
  readonly height: number;
}

/** ffmpeg arguments that write the requested frames as raw RGB to stdout. */
export function decodeArguments(request: DecodeRequest, scale: boolean): string[] {
  const filters = [...(request.resample ? [`fps=${request.fps}`] : []), ...(scale ? [`scale=${request.width}:${request.height}`] : [])];
  return [
    '-v', 'error',
    '-ss', (request.start / request.fps).toFixed(6),
    '-i', request.file,
    '-frames:v', String(request.count),
    ...(filters.length > 0 ? ['-vf', filters.join(',')] : []),
    '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1',
  ];
}

/** Runs ffmpeg and collects its stdout; a missing program or a failure is an error naming it and the file. */
export function runFfmpeg(ffmpeg: string, args: readonly string[], file: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpeg, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' ? missingProgram(ffmpeg, 'ffmpeg', error) : error));
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new DataError(`cannot decode video ${file}: ${ffmpeg} exited with code ${code}: ${Buffer.concat(err).toString('utf8').trim()}`));
    });
  });
}
