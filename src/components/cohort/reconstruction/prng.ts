/**
 * The reconstruction's private seeded pseudo-random stream: sfc32 (Chris Doty-Humphrey's Small Fast Chaotic
 * generator, 128-bit state, period ≥ 2^32, passes PractRand to 2^40+ bytes) seeded from one 32-bit integer by
 * splitmix32, with Box–Muller normals. Private to the generator so that its output bytes depend only on this file
 * and the seed, never on another module's choice of generator. Structurally an `Rng` of stats/random.ts.
 *
 * Throws RangeError when the seed is not a finite integer.
 *
 * @example createReconstructionRng(1).next() // a number in [0, 1), the same on every run
 */
export interface ReconstructionRng {
  /** Uniform on [0, 1), 32-bit resolution. */
  next(): number;
  /** Standard normal. */
  normal(): number;
  /** Uniform integer in 0..n−1. */
  int(n: number): number;
}

export function createReconstructionRng(seed: number): ReconstructionRng {
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  let s = seed >>> 0;
  const splitmix = (): number => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix(), b = splitmix(), c = splitmix(), d = splitmix();
  const u32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) u32();
  let spare = NaN;
  return {
    next: () => u32() / 4294967296,
    normal() {
      if (!Number.isNaN(spare)) {
        const v = spare;
        spare = NaN;
        return v;
      }
      let u = 0;
      while (u === 0) u = u32() / 4294967296;
      const v = u32() / 4294967296;
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    int: (n: number) => Math.floor((u32() / 4294967296) * n)
  };
}
