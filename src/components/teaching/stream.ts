/**
 * Each redrawn study's own random stream, derived from (seed, study index) alone, so that study b is the same study
 * however many studies are run, in whatever chunks, on however many workers: results are bit-identical.
 *
 * The stream of study b under seed S is the engine's generator (../stats/random.ts, xoshiro128** seeded through
 * splitmix32) started from the 32-bit value
 *
 *   studySeed(S, b) = fmix32(fmix32(S) + b · 0x9E3779B9  mod 2³²),
 *
 * fmix32 being MurmurHash3's finaliser (Appleby 2008), a bijection of 32-bit integers, and 0x9E3779B9 the odd
 * golden-ratio constant. For one seed, b ↦ studySeed is one-to-one for b < 2³², so no two studies of a run share a
 * stream. This is the engine's replicateSeed/replicateRng (../stats/random.ts), the bootstrap's streams, restricted
 * to 32-bit seeds: one split function for every Monte-Carlo run.
 *
 * Throws RangeError for a seed that is not an integer in [0, 2³²) or an index that is not an integer in [0, 2³²).
 *
 * @example studyRng(1, 0).next() // the first uniform of study 0 under seed 1, the same on every machine
 */
import {replicateRng, replicateSeed, type Rng} from "../stats/random.js";

function checkUint32(value: number, name: string): void {
  if (!(Number.isInteger(value) && value >= 0 && value < 4294967296)) throw new RangeError(`studySeed: ${name} must be an integer from 0 to 2^32 − 1, got ${value}`);
}

/** The 32-bit seed of study `index` under `seed` (see the module comment). */
export function studySeed(seed: number, index: number): number {
  checkUint32(seed, "seed");
  checkUint32(index, "index");
  return replicateSeed(seed, index);
}

/** The generator of study `index` under `seed`. */
export function studyRng(seed: number, index: number): Rng {
  checkUint32(seed, "seed");
  checkUint32(index, "index");
  return replicateRng(seed, index);
}
