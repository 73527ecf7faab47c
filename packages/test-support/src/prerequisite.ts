/**
 * The visible reason to skip tests that need `what` (text for the end of a test title, starting
 * with a space), or '' when it is available. In CI (CI=true) a missing prerequisite throws
 * instead: `.ci/run` installs everything the tests need, so there they must run, never skip.
 */
export function skipReason(available: boolean, what: string, fix: string): string {
  if (available) return '';
  if (process.env.CI === 'true') throw new Error(`${what} is missing on this CI machine; ${fix}`);
  return ` (skipped: ${what} not found; ${fix})`;
}
