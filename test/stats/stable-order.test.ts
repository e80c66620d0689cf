// Reference: the definition — Array.prototype.sort is stable (ECMAScript 2019), so sorting the indices by `<` alone
// gives R's order(x): ascending, ties (−0 with +0 among them) in input order.
import {describe, it, expect} from "vitest";
import fc from "fast-check";
import {stableOrder} from "../../src/components/stats/stable-order.js";

function orderByLessThan(x: ArrayLike<number>): Int32Array {
  return Int32Array.from(Array.from({length: x.length}, (_, i) => i).sort((i, j) => (x[i]! < x[j]! ? -1 : x[j]! < x[i]! ? 1 : 0)));
}

describe("stableOrder: R's order(x) by a radix sort on the doubles' bits", () => {
  it("orders ascending with ties in input order (hand check)", () => {
    expect(Array.from(stableOrder([3, 1, 2, 1]))).toEqual([1, 3, 2, 0]);
    expect(Array.from(stableOrder([0, -0, -1, 0, -0]))).toEqual([2, 0, 1, 3, 4]);
    expect(Array.from(stableOrder([Infinity, -Infinity, 5e-324, -5e-324, 0]))).toEqual([1, 3, 4, 2, 0]);
    expect(stableOrder([]).length).toBe(0);
  });
  it("is the permutation of a stable sort by < for any doubles, heavily tied or not (property)", () => {
    const tied = fc.constantFrom(-0, 0, 1, -1, 0.5, 2 ** -1074, -(2 ** -1074), Number.MAX_VALUE, -Number.MAX_VALUE, Infinity, -Infinity, 0.1, 0.1 + 2 ** -56);
    const value = fc.oneof(fc.double({noNaN: true}), tied, fc.double({min: 0, max: 1, noNaN: true}), fc.integer({min: -3, max: 3}));
    fc.assert(
      fc.property(fc.array(value, {maxLength: 300}), (x) => {
        expect(Array.from(stableOrder(x))).toEqual(Array.from(orderByLessThan(x)));
        expect(Array.from(stableOrder(Float64Array.from(x)))).toEqual(Array.from(orderByLessThan(x)));
      }),
      {numRuns: 400}
    );
  });
  it("is that permutation on 10⁵ values with every byte of the key in play and many ties", () => {
    let state = 7;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const x = Float64Array.from({length: 100_000}, (_, i) =>
      i % 5 === 0 ? Math.round(next() * 20) / 4 : (next() - 0.5) * 2 ** Math.floor(next() * 200 - 100)
    );
    x[17] = -0;
    x[99] = 0;
    expect(stableOrder(x)).toEqual(orderByLessThan(x));
  });
});
