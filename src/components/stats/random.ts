/**
 * Seeded pseudo-random numbers: xoshiro128** (Blackman & Vigna, 2018, "Scrambled linear pseudorandom number
 * generators"), state seeded from one 32-bit integer through splitmix32. Period 2^128 − 1; passes BigCrush
 * and PractRand to at least 32 TB as published by its authors. next() uses two 32-bit outputs for a 53-bit
 * uniform on [0, 1); normal() is Box–Muller (polar-free form, second variate cached); int(n) is unbiased
 * (rejection on the 32-bit output). Same seed => same stream, on every platform (integer arithmetic only).
 *
 * Throws: RangeError if seed is not a finite number, or if int(n) gets n not an integer in [1, 2^32].
 * Example: createRng(42).int(10) // an integer 0..9, always the same one for seed 42
 */
export interface Rng {
  /** Uniform on [0, 1), 53-bit resolution. */
  next(): number;
  /** Standard normal N(0, 1). */
  normal(): number;
  /** Uniform integer 0..n-1. */
  int(n: number): number;
}

export function createRng(seed: number): Rng {
  if (typeof seed !== "number" || !Number.isFinite(seed)) throw new RangeError(`createRng: seed must be a finite number, got ${seed}`);
  // splitmix32 expansion of the seed into 128 bits of state (never all zero).
  let sm = (Math.trunc(seed) >>> 0) ^ (Math.floor(Math.trunc(seed) / 4294967296) >>> 0);
  const splitmix = (): number => {
    sm = (sm + 0x9e3779b9) | 0;
    let z = sm;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let s0 = splitmix(), s1 = splitmix(), s2 = splitmix(), s3 = splitmix();
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;
  const u32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 11);
    return result;
  };
  let spare = NaN;
  const next = (): number => ((u32() >>> 5) * 67108864 + (u32() >>> 6)) / 9007199254740992;
  return {
    next,
    normal(): number {
      if (!Number.isNaN(spare)) { const z = spare; spare = NaN; return z; }
      let u = 0;
      while (u === 0) u = next();
      const r = Math.sqrt(-2 * Math.log(u)), theta = 2 * Math.PI * next();
      spare = r * Math.sin(theta);
      return r * Math.cos(theta);
    },
    int(n: number): number {
      if (!Number.isInteger(n) || n < 1 || n > 4294967296) throw new RangeError(`int: n must be an integer in [1, 2^32], got ${n}`);
      const limit = 4294967296 - (4294967296 % n); // accept u < limit: every residue equally often
      let u = u32();
      while (u >= limit) u = u32();
      return u % n;
    },
  };
}

/** MurmurHash3's 32-bit finaliser (Appleby 2008): a bijection of 32-bit integers that mixes every bit into every bit. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The 32-bit seed of replicate `index`'s own stream under `seed`:
 *
 *   replicateSeed(S, b) = fmix32(fmix32(S₃₂) + b · 0x9E3779B9  mod 2³²),
 *
 * S₃₂ being the seed folded to 32 bits as createRng folds it (the low word XOR the high word; S itself for S in
 * [0, 2³²)), and 0x9E3779B9 the odd golden-ratio constant. For one seed, b ↦ replicateSeed is one-to-one for
 * b < 2³² (both fmix32 and b ↦ b·odd are bijections), so no two replicates of a run share a stream. For S in
 * [0, 2³²) it is the teaching layer's studySeed (teaching/stream.ts), the same split.
 *
 * Throws RangeError for a seed that is not a finite number or an index that is not an integer in [0, 2³²).
 */
export function replicateSeed(seed: number, index: number): number {
  if (typeof seed !== "number" || !Number.isFinite(seed)) throw new RangeError(`replicateRng: seed must be a finite number, got ${seed}`);
  if (!(Number.isInteger(index) && index >= 0 && index < 4294967296)) throw new RangeError(`replicateRng: index must be an integer from 0 to 2^32 − 1, got ${index}`);
  const folded = ((Math.trunc(seed) >>> 0) ^ (Math.floor(Math.trunc(seed) / 4294967296) >>> 0)) >>> 0;
  return fmix32((fmix32(folded) + Math.imul(index, 0x9e3779b9)) >>> 0);
}

/**
 * The random stream of bootstrap replicate (or simulated study) `index` under `seed`: createRng(replicateSeed(seed,
 * index)). A replicate's draws depend on (seed, index) alone, so replicate b is the same resample however many
 * replicates are run, in whatever chunks, on however many workers, and results pooled in replicate order are
 * bit-identical.
 *
 * @example replicateRng(20240101, 0).int(162) // the first row drawn by replicate 0, the same on every machine
 */
export function replicateRng(seed: number, index: number): Rng {
  return createRng(replicateSeed(seed, index));
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
