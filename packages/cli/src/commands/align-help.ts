/** An option row of a usage text: `  -c, --config <file>   text` or `      --set <path=value> text`. */
const OPTION_ROW = /^ {2}((?:-\w, | {4})--[\w-]+(?: <[^>]+>)?)(?: +(\S.*))?$/;
/** A continuation of an option's description: indented deeper than any option. */
const CONTINUATION = /^ {10,}(\S.*)$/;

/**
 * The usage text with every option's description starting in one column (two spaces after the
 * longest option), continuation lines moved along with their option. Other lines are unchanged.
 */
export function alignHelp(usage: string): string {
  const lines = usage.split('\n');
  const width = Math.max(0, ...lines.map((line) => OPTION_ROW.exec(line)?.[1]!.length ?? 0));
  const column = 2 + width + 2;
  let inOption = false;
  return lines
    .map((line) => {
      const option = OPTION_ROW.exec(line);
      if (option) {
        inOption = true;
        return option[2] === undefined ? `  ${option[1]}` : `  ${option[1]!.padEnd(width)}  ${option[2]}`;
      }
      const continuation = inOption ? CONTINUATION.exec(line) : null;
      if (continuation) return `${' '.repeat(column)}${continuation[1]}`;
      inOption = false;
      return line;
    })
    .join('\n');
}
