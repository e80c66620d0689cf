// A result's fields against a reference's (R's), one call per group of fields, each field to its own tolerance and
// by the test file's own comparison (relative or absolute, as that file states).

/** The test file's comparison: throws (or fails an expect) when `actual` is not within `tolerance` of `expected`. */
export type Close = (actual: number, expected: number, tolerance: number, what: string) => void;

/**
 * For each field of `tolerances`: `close(actual[field], expected[names[field] ?? field], tolerance)`, the failure
 * naming the field (after `label`). A field missing on either side compares undefined and fails.
 */
export function closeFields<T extends object>(close: Close, actual: T, expected: object, tolerances: {[K in keyof T]?: number},
  {names = {}, label = ""}: {names?: {[K in keyof T]?: string}; label?: string} = {}): void {
  for (const [field, tolerance] of Object.entries(tolerances) as [string, number][]) {
    const name = (names as Record<string, string>)[field] ?? field;
    const what = `${label ? `${label} ` : ""}${field}${name === field ? "" : ` (R's ${name})`}`;
    try {
      close((actual as Record<string, number>)[field]!, (expected as Record<string, number>)[name]!, tolerance, what);
    } catch (error) {
      if (error instanceof Error && !error.message.includes(what)) error.message = `${what}: ${error.message}`;
      throw error;
    }
  }
}
