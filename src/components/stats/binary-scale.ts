/**
 * Exact scaling by powers of two, for computing at a safe magnitude and reporting at the data's own: x·2^e only
 * changes the exponent of x, so it never rounds while the result stays a normal double. Used where a statistic is
 * scale-equivariant (t-tests, descriptive statistics, the fitters' column scaling) and the data may lie anywhere
 * from 1e-320 to 1e308.
 *
 * Throws nothing: out-of-range results overflow to ±Infinity or underflow towards 0 as IEEE arithmetic does.
 * @example ldexp(3, -2) // 0.75
 */

const BITS = new DataView(new ArrayBuffer(8));

/** 2^e exactly, for an integer e in [−1074, 1023]; Infinity above, 0 below. */
export function pow2(e: number): number {
  if (e > 1023) return Infinity;
  if (e < -1074) return 0;
  if (e < -1022) return pow2(e + 600) * pow2(-600);
  BITS.setUint32(0, (e + 1023) << 20);
  BITS.setUint32(4, 0);
  return BITS.getFloat64(0);
}

/** ⌊log₂ |v|⌋ for a finite v ≠ 0 (subnormals included); 0 for v = 0 or a non-finite v. */
export function binaryExponent(v: number): number {
  const a = Math.abs(v);
  if (a === 0 || !Number.isFinite(a)) return 0;
  let e = Math.floor(Math.log2(a));
  // Math.log2 may round across a power of two; settle it exactly
  if (e > -1075 && pow2(e) > a) e--;
  else if (e < 1023 && pow2(e + 1) <= a) e++;
  return e;
}

/** x·2^e, exact unless the result overflows or underflows; any integer e (applied in steps that stay in range). */
export function ldexp(x: number, e: number): number {
  let r = x;
  let k = e;
  while (k > 1023) {
    r *= pow2(1023);
    k -= 1023;
  }
  while (k < -1022) {
    r *= pow2(-1022);
    k += 1022;
  }
  return r * pow2(k);
}
