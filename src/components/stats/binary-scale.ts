/**
 * Exact scaling by powers of two, for computing at a safe magnitude and reporting at the data's own: x·2^e only
 * changes the exponent of x, so it never rounds while the result stays a normal double. Used where a statistic is
 * scale-equivariant (t-tests, descriptive statistics, the fitters' column scaling) and the data may lie anywhere
 * from 1e-320 to 1e308.
 *
 * Throws nothing: out-of-range results overflow to ±Infinity or underflow towards 0 as IEEE arithmetic does.
 * @example ldexp(3, -2) // 0.75
 */

// one double and its two 32-bit halves, to read and write exponent bits (the high half's index by endianness)
const DOUBLE = new Float64Array(1);
const WORDS = new Uint32Array(DOUBLE.buffer);
const HIGH = (() => {
  DOUBLE[0] = 1; // 0x3ff00000 00000000
  return WORDS[1] === 0x3ff00000 ? 1 : 0;
})();
const LOW = 1 - HIGH;

/** 2^e exactly, for an integer e in [−1074, 1023]; Infinity above, 0 below. */
export function pow2(e: number): number {
  if (e > 1023) return Infinity;
  if (e < -1074) return 0;
  if (e < -1022) return pow2(e + 600) * pow2(-600);
  WORDS[HIGH] = (e + 1023) << 20;
  WORDS[LOW] = 0;
  return DOUBLE[0];
}

/** ⌊log₂ |v|⌋ for a finite v ≠ 0 (subnormals included, read from the bits); 0 for v = 0 or a non-finite v. */
export function binaryExponent(v: number): number {
  if (v === 0 || !Number.isFinite(v)) return 0;
  DOUBLE[0] = v;
  const biased = (WORDS[HIGH] >>> 20) & 0x7ff;
  if (biased > 0) return biased - 1023;
  // subnormal: v = m·2^-1074 with m < 2^52; scale it up exactly by 2^64 and read again
  DOUBLE[0] = v * 18446744073709551616;
  return ((WORDS[HIGH] >>> 20) & 0x7ff) - 1023 - 64;
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
