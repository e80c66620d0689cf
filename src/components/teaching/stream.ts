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
 * stream; a split function of its own because the engine has none yet (another helper is adding
 * `replicateRng(seed, b)` to random.ts; when it lands this module can call it, at the price of new streams).
 *
 * Throws RangeError for a seed that is not an integer in [0, 2³²) or an index that is not an integer in [0, 2³²).
 *
 * @example studyRng(1, 0).next() // the first uniform of study 0 under seed 1, the same on every machine
 */
import {createRng, type Rng} from "../stats/random.js";

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function checkUint32(value: number, name: string): void {
  if (!(Number.isInteger(value) && value >= 0 && value < 4294967296)) throw new RangeError(`studySeed: ${name} must be an integer from 0 to 2^32 − 1, got ${value}`);
}

/** The 32-bit seed of study `index` under `seed` (see the module comment). */
export function studySeed(seed: number, index: number): number {
  checkUint32(seed, "seed");
  checkUint32(index, "index");
  return fmix32((fmix32(seed) + Math.imul(index, 0x9e3779b9)) >>> 0);
}

/** The generator of study `index` under `seed`. */
export function studyRng(seed: number, index: number): Rng {
  return createRng(studySeed(seed, index));
}
