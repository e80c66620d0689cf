// The blocked kernels that the benchmark (npm run bench) made faster (src/components/stats/linear-algebra.ts): XᵀWX in 3×3 tiles
// with the rows left over when k is not a multiple of 3, and Xβ four columns at a time. Reference: the sums written
// out one product at a time in this file, for every k from 1 to 11 and n across several 512-row blocks.
import {describe, it, expect} from "vitest";
import {linearPredictorInto, weightedCrossProducts} from "../../src/components/stats/linear-algebra.js";
import {createRng} from "../../src/components/stats/random.js";

describe("weightedCrossProducts and linearPredictorInto at every tile shape", () => {
  it("agree with the plain sums for k = 1..11 and n = 1, 7, 512, 1300", () => {
    const rng = createRng(11);
    for (let k = 1; k <= 11; k++) {
      for (const n of [1, 7, 512, 1300]) {
        const cols = Array.from({length: k}, () => Float64Array.from({length: n}, () => rng.normal()));
        const w = Float64Array.from({length: n}, () => rng.next());
        const z = Float64Array.from({length: n}, () => rng.normal());
        const gram = new Float64Array(k * k);
        const xtwz = new Float64Array(k);
        weightedCrossProducts(cols, n, w, z, gram, xtwz);
        for (let a = 0; a < k; a++) {
          let sz = 0;
          for (let i = 0; i < n; i++) sz += w[i]! * cols[a]![i]! * z[i]!;
          expect(xtwz[a]).toBeCloseTo(sz, 10);
          for (let b = 0; b < k; b++) {
            let s = 0;
            for (let i = 0; i < n; i++) s += w[i]! * cols[a]![i]! * cols[b]![i]!;
            expect(gram[a * k + b], `k = ${k}, n = ${n}, (${a}, ${b})`).toBeCloseTo(s, 10);
          }
        }
        const beta = Float64Array.from({length: k}, () => rng.normal());
        const eta = new Float64Array(n);
        linearPredictorInto(cols, n, beta, null, eta);
        for (let i = 0; i < n; i++) {
          let s = 0;
          for (let j = 0; j < k; j++) s += beta[j]! * cols[j]![i]!;
          // same additions in the same order as the loop above
          expect(eta[i]).toBe(s);
        }
      }
    }
  });
});
