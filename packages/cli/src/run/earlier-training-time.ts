import { existsSync, readFileSync } from 'node:fs';
import type { RunFolder } from './run-folder.js';

/**
 * Seconds the earlier sessions of a resumed run took, from the metrics.json the last of them wrote
 * (its `seconds` is the run's total so far); 0 for a new run or when none was written (a session
 * killed outright writes none, so its time is not counted).
 */
export function earlierTrainingSeconds(folder: RunFolder): number {
  const file = folder.path('metrics.json');
  if (!existsSync(file)) return 0;
  try {
    const { seconds } = JSON.parse(readFileSync(file, 'utf8')) as { seconds?: unknown };
    return typeof seconds === 'number' && Number.isFinite(seconds) ? seconds : 0;
  } catch {
    return 0;
  }
}
