/**
 * The visible reason to skip tests that need `what`, or '' when it is available (put it in the
 * test's title). In CI (CI=true) a missing prerequisite throws instead: there the tests must run,
 * never skip silently.
 */
export function skipReason(available: boolean, what: string, fix: string): string {
  if (available) return '';
  if (process.env.CI === 'true') throw new Error(`${what} is missing on this CI machine; ${fix}`);
  return ` (skipped: ${what} not found; ${fix})`;
}
