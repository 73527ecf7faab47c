import { readFile } from 'node:fs/promises';

/** A record of a run's log.jsonl. */
export interface RunLogRecord {
  readonly event: string;
  readonly step: number;
  readonly loss?: number;
  readonly terms?: Readonly<Record<string, number>>;
  readonly values?: Readonly<Record<string, number>>;
}

/**
 * The records of a run's log.jsonl, in order. A `resume` record at step s drops the records of
 * later steps written before it (by a process killed after its last checkpoint), so every step
 * appears once, as the resumed run computed it.
 */
export async function readRunLog(path: string): Promise<RunLogRecord[]> {
  const text = await readFile(path, 'utf8');
  const records: RunLogRecord[] = [];
  for (const line of text.split('\n')) {
    if (line.trim().length === 0) continue;
    const record = JSON.parse(line) as RunLogRecord;
    if (record.event === 'resume') {
      for (let i = records.length - 1; i >= 0 && records[i]!.step > record.step; i--) records.splice(i, 1);
    }
    records.push(record);
  }
  return records;
}

/** (step, loss) points of the step records, averaged over windows of `window` steps. */
export function lossCurve(records: readonly RunLogRecord[], window = 10): [number, number][] {
  const steps = records.filter((r) => r.event === 'step' && typeof r.loss === 'number');
  const points: [number, number][] = [];
  for (let i = 0; i < steps.length; i += window) {
    const chunk = steps.slice(i, i + window);
    points.push([chunk[chunk.length - 1]!.step, chunk.reduce((sum, r) => sum + r.loss!, 0) / chunk.length]);
  }
  return points;
}

/** (step, value) points of one evaluation value over the run. */
export function evaluationCurve(records: readonly RunLogRecord[], key: string): [number, number][] {
  return records.filter((r) => r.event === 'evaluation' && typeof r.values?.[key] === 'number').map((r) => [r.step, r.values![key]!]);
}
