// Command-line options of the benchmark scripts.

/** The value of `--name` in the command line, or `fallback`. */
export function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && index + 1 < process.argv.length ? process.argv[index + 1]! : fallback;
}

/** Whether the flag `--name` is present. */
export function flag(name: string): boolean {
  return process.argv.includes(`--${name}`);
}
