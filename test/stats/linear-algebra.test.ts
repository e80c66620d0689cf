import {describe, it, expect} from "vitest";
import {
  choleskyInPlace,
  choleskyInverse,
  choleskyInverseDiagonal,
  choleskyLogDeterminant,
  choleskySolveInPlace,
  linearPredictorInto,
  rankRevealingCholesky,
  weightedCrossProducts
} from "../../src/components/stats/linear-algebra.js";

// Hand-computed references (R 4.2.2 agrees: chol(), chol2inv(), solve()).
// A = [[4, 2, 2], [2, 10, 7], [2, 7, 21]] = L Lᵀ with L = [[2, 0, 0], [1, 3, 0], [1, 2, 4]].
const A = Float64Array.of(4, 2, 2, 2, 10, 7, 2, 7, 21);

describe("Cholesky", () => {
  it("factors A = L Lᵀ", () => {
    const l = A.slice();
    expect(choleskyInPlace(l, 3)).toBe(true);
    expect(Array.from(l)).toEqual([2, 0, 0, 1, 3, 0, 1, 2, 4]);
    expect(choleskyLogDeterminant(l, 3)).toBeCloseTo(Math.log(576), 14); // det A = (2·3·4)² = 576
  });
  it("solves A x = b and inverts A", () => {
    const l = A.slice();
    choleskyInPlace(l, 3);
    const x = Float64Array.of(1, 2, 3);
    choleskySolveInPlace(l, 3, x);
    // A·x must give back b
    const back = [0, 1, 2].map((i) => A[i * 3] * x[0] + A[i * 3 + 1] * x[1] + A[i * 3 + 2] * x[2]);
    back.forEach((v, i) => expect(v).toBeCloseTo([1, 2, 3][i], 13));
    const inv = choleskyInverse(l, 3);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let m = 0; m < 3; m++) s += A[i * 3 + m] * inv[m * 3 + j];
        expect(s).toBeCloseTo(i === j ? 1 : 0, 13);
      }
  });
  it("gives the diagonal of A⁻¹ without forming it", () => {
    const l = A.slice();
    choleskyInPlace(l, 3);
    // by cofactors: (A⁻¹)ᵢᵢ = Cᵢᵢ / det A, C₁₁ = 10·21 − 7·7 = 161, C₂₂ = 4·21 − 2·2 = 80, C₃₃ = 4·10 − 2·2 = 36
    const out = new Float64Array(3);
    expect(choleskyInverseDiagonal(l, 3, out, new Float64Array(3))).toBe(out);
    [161 / 576, 80 / 576, 36 / 576].forEach((v, i) => expect(out[i]).toBeCloseTo(v, 15));
    const full = choleskyInverse(l, 3);
    [0, 1, 2].forEach((i) => expect(out[i]).toBeCloseTo(full[i * 3 + i], 15));
    expect(() => choleskyInverseDiagonal(l, 3, new Float64Array(2))).toThrow(/out must have length 3/);
    expect(() => choleskyInverseDiagonal(l, 3, out, new Float64Array(1))).toThrow(/scratch must have length 3/);
  });
  it("reports a matrix that is not positive definite", () => {
    expect(choleskyInPlace(Float64Array.of(1, 2, 2, 1), 2)).toBe(false);
    expect(() => choleskyInPlace(new Float64Array(3), 2)).toThrow(RangeError);
  });
});

describe("rankRevealingCholesky", () => {
  it("drops a column that is a combination of earlier ones and keeps the order of the rest", () => {
    // columns x1 = (1,1,1,1), x2 = (1,2,3,4), x3 = x1 + x2 → Gram matrix
    const cols = [[1, 1, 1, 1], [1, 2, 3, 4], [2, 3, 4, 5]];
    const g = new Float64Array(9);
    for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) g[a * 3 + b] = cols[a].reduce((s, v, i) => s + v * cols[b][i], 0);
    const r = rankRevealingCholesky(g, 3);
    expect(r.rank).toBe(2);
    expect(r.aliased).toEqual([2]);
  });
});

describe("weightedCrossProducts and linearPredictorInto", () => {
  it("computes XᵀWX, XᵀWz and Xβ + offset across several row blocks", () => {
    const n = 1300; // spans three 512-row blocks
    const x0 = new Float64Array(n).fill(1);
    const x1 = Float64Array.from({length: n}, (_, i) => (i % 7) - 3);
    const x2 = Float64Array.from({length: n}, (_, i) => Math.sin(i));
    const w = Float64Array.from({length: n}, (_, i) => 0.1 + (i % 5) / 10);
    const z = Float64Array.from({length: n}, (_, i) => Math.cos(i));
    const gram = new Float64Array(9);
    const xtwz = new Float64Array(3);
    const cols = [x0, x1, x2];
    weightedCrossProducts(cols, n, w, z, gram, xtwz);
    for (let a = 0; a < 3; a++) {
      let sz = 0;
      for (let i = 0; i < n; i++) sz += w[i] * cols[a][i] * z[i];
      expect(xtwz[a]).toBeCloseTo(sz, 10);
      for (let b = 0; b < 3; b++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += w[i] * cols[a][i] * cols[b][i];
        expect(gram[a * 3 + b]).toBeCloseTo(s, 10);
      }
    }
    const eta = new Float64Array(n);
    const offset = Float64Array.from({length: n}, (_, i) => i / n);
    linearPredictorInto(cols, n, [0.5, -2, 3], offset, eta);
    for (const i of [0, 511, 512, 1299]) expect(eta[i]).toBeCloseTo(offset[i] + 0.5 - 2 * x1[i] + 3 * x2[i], 13);
  });
});
