/**
 * The permutation that sorts x ascending with ties kept in input order — R's order(x), and the same permutation as
 * `indices.sort((i, j) => x[i] - x[j] || i - j)` — by a least-significant-digit radix sort (Knuth, TAOCP vol. 3,
 * §5.2.5) on the bits of each double. A double's IEEE-754 bits, read as an unsigned 64-bit integer with the sign bit
 * flipped for a positive number and every bit flipped for a negative one, order as the numbers do; −0 is taken as +0
 * first, so the two tie as they do under `<`. Eight stable counting passes, one a byte, the lowest byte first; a
 * pass in which every key has the same byte moves nothing and is skipped. Time O(n), against the comparator sort's
 * n·log₂ n calls (at 10⁵ values 7 ms against 40).
 *
 * x must hold no NaN (the caller validates; a NaN would sort after +∞).
 *
 * Example: stableOrder([3, 1, 2, 1]) // Int32Array [1, 3, 2, 0]
 */
export function stableOrder(x: ArrayLike<number>): Int32Array {
  const n = x.length;
  const word = new Float64Array(1);
  const bits = new Uint32Array(word.buffer);
  // Little-endian on every platform this runs on; checked rather than assumed.
  word[0] = 1;
  const low = bits[0] === 0 ? 0 : 1;
  const high = 1 - low;
  let hi = new Uint32Array(n);
  let lo = new Uint32Array(n);
  const counts = new Int32Array(8 * 256);
  for (let i = 0; i < n; i++) {
    word[0] = x[i]! + 0; // −0 + 0 is +0
    let h = bits[high]!;
    let l = bits[low]!;
    if (h >>> 31) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    } else h = (h | 0x80000000) >>> 0;
    hi[i] = h;
    lo[i] = l;
    counts[l & 255]!++;
    counts[256 + ((l >>> 8) & 255)]!++;
    counts[512 + ((l >>> 16) & 255)]!++;
    counts[768 + (l >>> 24)]!++;
    counts[1024 + (h & 255)]!++;
    counts[1280 + ((h >>> 8) & 255)]!++;
    counts[1536 + ((h >>> 16) & 255)]!++;
    counts[1792 + (h >>> 24)]!++;
  }
  let order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let nextOrder = new Int32Array(n);
  let nextHi = new Uint32Array(n);
  let nextLo = new Uint32Array(n);
  const start = new Int32Array(256);
  for (let pass = 0; pass < 8; pass++) {
    const base = pass * 256;
    const fromHigh = pass >= 4;
    const shift = (pass & 3) * 8;
    const key = fromHigh ? hi : lo;
    if (counts[base + ((key[0]! >>> shift) & 255)] === n) continue;
    let at = 0;
    for (let d = 0; d < 256; d++) {
      start[d] = at;
      at += counts[base + d]!;
    }
    for (let i = 0; i < n; i++) {
      const to = start[(key[i]! >>> shift) & 255]!++;
      nextOrder[to] = order[i]!;
      nextHi[to] = hi[i]!;
      nextLo[to] = lo[i]!;
    }
    [order, nextOrder] = [nextOrder, order];
    [hi, nextHi] = [nextHi, hi];
    [lo, nextLo] = [nextLo, lo];
  }
  return order;
}
