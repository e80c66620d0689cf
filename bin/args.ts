/**
 * The command-line parsing the bin/ scripts share: a usage error (exit 2 with the usage text), whole-number flags,
 * and reading one valued flag as `--flag=value` or `--flag value`.
 */

/** A mistake in the command line: the scripts print it with their usage and exit 2. */
export class UsageError extends Error {}

/** `text` as a whole number in [min, max]; UsageError naming the flag otherwise. */
export function wholeNumber(flag: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\s*-?\d+\s*$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`${flag} ${JSON.stringify(text)} must be a whole number from ${min} to ${max}`);
  }
  return value;
}

/**
 * The valued flag at argv[i] (one of `valued`): its name, its value (after `=`, or the next argument, which may not
 * be another of the flags) and the index of the last argument it used. UsageError for a flag not in `valued` (the
 * message from `unknown`, by default "unknown argument") or one without a value.
 */
export function readFlag(
  argv: readonly string[],
  i: number,
  valued: readonly string[],
  unknown: (flag: string) => string = (flag) => `unknown argument ${JSON.stringify(flag)}`
): {flag: string; value: string; last: number} {
  let flag = argv[i]!;
  let value: string | undefined;
  const eq = flag.indexOf("=");
  if (flag.startsWith("--") && eq > 0) {
    value = flag.slice(eq + 1);
    flag = flag.slice(0, eq);
  }
  if (!valued.includes(flag)) throw new UsageError(unknown(flag));
  let last = i;
  if (value === undefined) {
    value = argv[++last];
    if (value === undefined || (value.startsWith("--") && valued.includes(value))) throw new UsageError(`${flag} needs a value`);
  }
  return {flag, value, last};
}
