import type { ProgressInfo, ProgressReporter, ProgressTask } from '@vidseg/core';
import { formatDuration } from './format-duration.js';

/** Where progress goes and how often plain lines are printed. */
export interface ConsoleProgressOptions {
  readonly stream: NodeJS.WriteStream | { write(text: string): boolean; isTTY?: boolean; columns?: number };
  /** Seconds between plain progress lines when the stream is not a terminal (default 10). */
  readonly lineInterval?: number;
  /** Clock in milliseconds (tests pass a fake one). */
  readonly now?: () => number;
}

function formatInfo(info: ProgressInfo | undefined): string {
  if (!info) return '';
  return Object.entries(info)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? String(Math.abs(v) >= 1000 ? Math.round(v) : Number(v.toPrecision(4))) : v}`)
    .join(' ');
}

/**
 * The CLI's progress reporter: on a terminal, one bar per task redrawn in place with rate and
 * ETA; otherwise plain lines at most every `lineInterval` seconds (and at the end), so CI logs
 * stay readable.
 */
export class ConsoleProgress implements ProgressReporter {
  private readonly tty: boolean;
  private readonly interval: number;
  private readonly now: () => number;

  constructor(private readonly options: ConsoleProgressOptions) {
    this.tty = !!options.stream.isTTY;
    this.interval = (options.lineInterval ?? 10) * 1000;
    this.now = options.now ?? (() => performance.now());
  }

  start(label: string, total?: number, unit = 'it'): ProgressTask {
    const started = this.now();
    let done = 0;
    let lastLine = started;
    let info: ProgressInfo | undefined;
    const render = (final: boolean): string => {
      const elapsed = (this.now() - started) / 1000;
      const rate = elapsed > 0 ? done / elapsed : 0;
      const parts = [label];
      if (total !== undefined && total > 0) {
        const fraction = Math.min(1, done / total);
        if (this.tty) {
          const width = 24;
          const filled = Math.round(fraction * width);
          parts.push(`[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`);
        }
        parts.push(`${done}/${total}`, `${Math.round(fraction * 100)}%`);
      } else {
        parts.push(`${done} ${unit}`);
      }
      parts.push(`${rate >= 10 ? rate.toFixed(0) : rate.toFixed(2)} ${unit}/s`);
      if (final) parts.push(`in ${formatDuration(elapsed)}`);
      else if (total !== undefined && rate > 0) parts.push(`ETA ${formatDuration((total - done) / rate)}`);
      const details = formatInfo(info);
      if (details) parts.push(details);
      return parts.join('  ');
    };
    const draw = (final: boolean) => {
      if (this.tty) {
        const columns = this.options.stream.columns ?? 120;
        this.options.stream.write(`\r\x1b[2K${render(final).slice(0, columns - 1)}${final ? '\n' : ''}`);
      } else {
        this.options.stream.write(`${render(final)}\n`);
      }
    };
    return {
      advance: (amount = 1, newInfo) => {
        done += amount;
        if (newInfo) info = newInfo;
        const now = this.now();
        if (this.tty || now - lastLine >= this.interval) {
          lastLine = now;
          draw(false);
        }
      },
      done: (summary) => {
        draw(true);
        if (summary) this.options.stream.write(`${summary}\n`);
      },
    };
  }

  log(message: string): void {
    this.options.stream.write(`${message}\n`);
  }

  warn(message: string): void {
    this.options.stream.write(`warning: ${message}\n`);
  }
}
