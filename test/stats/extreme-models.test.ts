// Issue 11, classes 3–6: separation, rank and magnitude, columns named like Object.prototype's properties, and
// Firth on separated data. References: test/fixtures/extreme-data.R (R 4.2.2 glm; brglm2 0.9; lpSolve 5.6) ->
// extreme-data.json. Generators: fast-check, seeded and bounded.
import {readFileSync} from "node:fs";
import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {designRank, designScaling} from "../../src/components/stats/column-scaling.js";
import {buildDesign, detectCollinearity, type DesignColumn} from "../../src/components/stats/design.js";
import {fitFirth} from "../../src/components/stats/firth.js";
import {linearPredictorInto, pivotedQrRank, weightedCrossProducts} from "../../src/components/stats/linear-algebra.js";
import {fitLogistic, type LogisticFit} from "../../src/components/stats/logistic.js";
import {nomogramScale, pointsFor, totalPoints} from "../../src/components/stats/nomogram-scale.js";
import {createRng} from "../../src/components/stats/random.js";

const fixture = JSON.parse(readFileSync(new URL("../fixtures/extreme-data.json", import.meta.url), "utf8"));
const SEED = 20261201;

function rel(actual: number, expected: number): number {
  return expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
}
function expectRel(actual: number, expected: number, tol: number, label: string): void {
  const e = rel(actual, expected);
  if (!(e <= tol)) throw new Error(`${label}: got ${actual}, expected ${expected} (relative error ${e.toExponential(2)})`);
}

describe("separation: detected as R's glm warns and as a linear program proves it (class 3)", () => {
  for (const c of fixture.separation) {
    it(c.name, () => {
      const fit = fitLogistic(buildDesign(c.data, c.predictors), c.data.y);
      // the same iterates as glm up to where it stops
      expect(fit.iterations).toBe(c.iterations);
      expect(fit.converged).toBe(c.converged);
      // separated fits are ill-conditioned (SE ~1e3): R's own digits there are ~1e-8
      fit.terms.forEach((t, j) => {
        expectRel(t.estimate, c.estimate[j], c.lp.separated ? 1e-7 : 1e-12, `${t.term} estimate`);
        expectRel(t.se, c.se[j], c.lp.separated ? 1e-6 : 1e-12, `${t.term} se`);
      });
      // R's warning, by R's rule (a fitted probability within 10ε of 0 or 1)
      expect(fit.separation.fittedZeroOrOne).toBe(c.warnings.includes("glm.fit: fitted probabilities numerically 0 or 1 occurred"));
      // the verdict of the LP, and the terms whose coefficients it finds infinite (the intercept is not listed)
      expect(fit.separation.detected).toBe(c.lp.separated);
      expect(fit.ciValid).toBe(!c.lp.separated);
      if (c.lp.separated) {
        expect(fit.separation.terms).toEqual(c.lp.infinite.filter((t: string) => t !== "(Intercept)").map((t: string) => t.replace(/^g/, "g=")));
        expect(fit.separation.message).toMatch(/separation/);
        expect(fit.terms.every((t) => Number.isNaN(t.ciLower) && Number.isNaN(t.ciUpper))).toBe(true);
        // and R's coefficients do drift under 60 more iterations: the reason the check continues them
        const drift = c.estimateAfter60.map((b: number, j: number) => Math.abs(b - c.estimate[j]));
        expect(Math.max(...drift)).toBeGreaterThan(5);
      } else {
        // where the MLE exists, R's 60 more iterations move nothing beyond its convergence tolerance
        c.estimateAfter60.forEach((b: number, j: number) => expectRel(b, c.estimate[j], 1e-8, `R's continued ${c.terms[j]}`));
      }
    });
  }

  const sizes = fc.record({n: fc.integer({min: 40, max: 300}), m: fc.integer({min: 1, max: 6}), levels: fc.integer({min: 2, max: 4}), seed: fc.integer({min: 1, max: 2 ** 30})});
  const magnitude = fc.record({scale: fc.integer({min: -8, max: 10}), offset: fc.integer({min: -1, max: 7})});

  /** A level of g (the reference "A" or the last) with m patients, all without or all with the event. */
  function planted({n, m, levels, seed}: {n: number; m: number; levels: number; seed: number}, {scale, offset}: {scale: number; offset: number}, which: "reference" | "last", outcome: 0 | 1) {
    const rng = createRng(seed);
    const names = ["A", "B", "C", "D", "E"].slice(0, levels + 1);
    const special = which === "reference" ? "A" : names[levels]!;
    const others = names.filter((l) => l !== special);
    const g = Array.from({length: n}, (_, i) => (i < m ? special : others[i % others.length]!));
    const sd = 10 ** scale;
    const centre = offset < 0 ? 0 : sd * 10 ** offset;
    const x = Array.from({length: n}, () => centre + sd * rng.normal());
    // every other level has both outcomes: rows m and m + 1 of each
    const y = g.map((level, i) => (level === special ? outcome : i < m + 2 * others.length ? (i - m < others.length ? 0 : 1) : rng.next() < 0.35 ? 1 : 0));
    return {g, x, y, special};
  }

  it("generated: a level with no event, or with only events, beside a column of any magnitude, is quasi-complete separation naming that level's dummies", () => {
    fc.assert(
      fc.property(sizes, magnitude, fc.constantFrom("reference", "last") as fc.Arbitrary<"reference" | "last">, fc.constantFrom(0, 1) as fc.Arbitrary<0 | 1>, (s, mag, which, outcome) => {
        const {g, x, y, special} = planted(s, mag, which, outcome);
        const design = buildDesign({g, x}, ["g", "x"]);
        const fit = fitLogistic(design, y);
        expect(fit.separation.detected).toBe(true);
        expect(fit.separation.kind).toBe("quasi-complete");
        expect(fit.ciValid).toBe(false);
        const expected = which === "reference" ? design.names.filter((t) => t.startsWith("g=")) : [`g=${special}`];
        expect(fit.separation.terms).toEqual(expected);
        expect(fit.separation.perfectlyPredicted).toBeGreaterThanOrEqual(s.m);
      }),
      {seed: SEED, numRuns: 60}
    );
  });

  it("generated: complete separation by a threshold on a linear score is 'complete'", () => {
    fc.assert(
      fc.property(fc.integer({min: 20, max: 200}), fc.integer({min: 1, max: 2 ** 30}), fc.integer({min: -6, max: 6}), (n, seed, scale) => {
        const rng = createRng(seed);
        const x = Array.from({length: n}, () => rng.normal() * 10 ** scale);
        const z = Array.from({length: n}, () => rng.normal());
        const score = x.map((v, i) => v / 10 ** scale + 0.5 * z[i]!);
        const cut = score.slice().sort((a, b) => a - b)[Math.floor(n / 3)]!;
        const y = score.map((v) => (v > cut ? 1 : 0));
        const fit = fitLogistic(buildDesign({x, z}, ["x", "z"]), y);
        expect(fit.separation.detected).toBe(true);
        expect(fit.separation.kind).toBe("complete");
        expect(fit.separation.terms).toEqual(["x", "z"]);
      }),
      {seed: SEED, numRuns: 40}
    );
  });

  it("generated: data where every row's covariates also occur with the other outcome are never called separated", () => {
    // if each x occurs with y = 0 and y = 1, no direction d has xᵢᵀd ≥ 0 for all events and ≤ 0 for all
    // non-events unless Xd = 0: the MLE exists (Albert & Anderson 1984)
    fc.assert(
      fc.property(fc.integer({min: 15, max: 120}), fc.integer({min: 1, max: 2 ** 30}), fc.integer({min: -5, max: 8}), fc.integer({min: -1, max: 6}), (half, seed, scale, offset) => {
        const rng = createRng(seed);
        const sd = 10 ** scale;
        const base = Array.from({length: half}, () => ({x: (offset < 0 ? 0 : sd * 10 ** offset) + sd * rng.normal(), g: ["a", "b", "c"][rng.int(3)]!}));
        const rows = base.flatMap((r) => [{...r, y: 0}, {...r, y: 1}]);
        // and a few more rows at random, so that the fit is not trivially flat
        for (let i = 0; i < half; i++) rows.push({...base[rng.int(half)]!, y: rng.next() < 0.5 ? 1 : 0});
        const columns = {x: rows.map((r) => r.x), g: rows.map((r) => r.g)};
        let fit: LogisticFit;
        try {
          fit = fitLogistic(buildDesign(columns, ["x", "g"]), rows.map((r) => r.y));
        } catch (e) {
          // a level may be missing by chance: constant predictor; nothing else may go wrong
          expect((e as Error).message).toMatch(/constant/);
          return;
        }
        expect(fit.separation.detected).toBe(false);
        expect(fit.ciValid).toBe(true);
        expect(fit.converged).toBe(true);
      }),
      {seed: SEED, numRuns: 80}
    );
  });
});

describe("rank as glm.fit decides it, and fits at any magnitude (class 4)", () => {
  const r = fixture.rank;
  it("a millisecond timestamp within one hour, and 1e6 + N(0, 1), are fitted: slopes, SEs and p as R's glm (centred), R's uncentred QR within its own digits", () => {
    for (const c of [r.timestamp, r.mega]) {
      const design = buildDesign(c.data, c.predictors);
      expect(detectCollinearity(design).collinear).toBe(false);
      const fit = fitLogistic(design, c.data.y);
      expect(fit.iterations).toBe(c.centred.iterations);
      expectRel(fit.deviance, c.centred.deviance, 1e-13, `${c.name} deviance`);
      const slopes = [c.centred.slopeEstimate].flat();
      const ses = [c.centred.slopeSe].flat();
      const ps = [c.centred.slopeP].flat();
      fit.terms.slice(1).forEach((t, j) => {
        expectRel(t.estimate, slopes[j], 1e-12, `${t.term} estimate`);
        expectRel(t.se, ses[j], 1e-12, `${t.term} se`);
        expectRel(t.p, ps[j], 1e-11, `${t.term} p`);
        // R's glm on the uncentred column agrees to the digits its QR keeps there (measured 5e-10 and 1e-10)
        expectRel(t.estimate, c.uncentred.estimate[j + 1], 1e-8, `${t.term} vs uncentred R`);
      });
      expectRel(fit.terms[0]!.estimate, c.uncentred.estimate[0], 1e-8, "intercept vs uncentred R");
    }
  });

  it("1e12 + N(0, 1) is aliased as glm aliases it (below 1e-11 of its norm), and so is an exact combination", () => {
    for (const c of [r.tera, r.collinear]) {
      const design = buildDesign(c.data, c.predictors);
      expect(detectCollinearity(design)).toEqual({collinear: true, terms: c.aliased, rank: design.names.length - c.aliased.length});
      expect(() => fitLogistic(design, c.data.y)).toThrow(new RegExp(`collinear: "${c.aliased[0]}"`));
      expect(() => fitFirth(design, c.data.y)).toThrow(/collinear/);
    }
  });

  it("columns near 1e-200 and 1e200: R's estimates, and the SEs and p that R gives at unit scale (R's own are Inf, 0 and p 1, 0)", () => {
    const c = r.tiny;
    expect(c.uncentred.p.slice(1)).toEqual([1, 0]);
    const fit = fitLogistic(buildDesign(c.data, c.predictors), c.data.y);
    fit.terms.forEach((t, j) => expectRel(t.estimate, c.uncentred.estimate[j], 1e-12, `${t.term} estimate`));
    const factors = [1, 1e200, 1e-200];
    fit.terms.forEach((t, j) => {
      expectRel(t.se / factors[j]!, c.unitScale.se[j], 1e-12, `${t.term} se`);
      expectRel(t.p, c.unitScale.p[j], 1e-11, `${t.term} p`);
    });
  });

  it("generated: an affine change of a column's units (a + b·x, b from 1e-250 to 1e250, a up to 1e7 SDs) leaves z, p and the deviance alone and scales β and SE by 1/b", () => {
    const rng = createRng(5);
    const n = 300;
    const x = Array.from({length: n}, () => rng.normal());
    const z = Array.from({length: n}, () => Math.round(rng.normal() * 100) / 100);
    const y = x.map((v, i) => (rng.next() < 1 / (1 + Math.exp(0.4 - 0.8 * v - 0.5 * z[i]!)) ? 1 : 0));
    const base = fitLogistic(buildDesign({x, z}, ["x", "z"]), y);
    fc.assert(
      fc.property(fc.integer({min: -250, max: 250}), fc.integer({min: 0, max: 7}), fc.boolean(), (k, j, negative) => {
        const b = (negative ? -1 : 1) * Number(`1.7e${k}`);
        const a = Math.abs(b) * 10 ** j * 3.3;
        const fit = fitLogistic(buildDesign({x: x.map((v) => a + b * v), z}, ["x", "z"]), y);
        expect(fit.iterations).toBe(base.iterations);
        // rounding a + b·x loses digits in proportion to a/(b·sd) = 10^j
        const tol = 1e-12 * 10 ** j + 1e-12;
        expectRel(fit.deviance, base.deviance, 100 * tol, "deviance");
        expectRel(fit.terms[1]!.estimate * b, base.terms[1]!.estimate, tol, "β·b");
        expectRel(fit.terms[1]!.se * Math.abs(b), base.terms[1]!.se, tol, "SE·|b|");
        expectRel(fit.terms[1]!.p, base.terms[1]!.p, 10 * tol, "p");
        expectRel(fit.terms[2]!.estimate, base.terms[2]!.estimate, tol, "z's β");
      }),
      {seed: SEED, numRuns: 120}
    );
  });

  it("generated: an exact linear combination at any magnitude is named, as glm's NA", () => {
    fc.assert(
      fc.property(fc.integer({min: 8, max: 80}), fc.integer({min: 1, max: 2 ** 30}), fc.integer({min: -100, max: 100}), fc.integer({min: -3, max: 3}), fc.integer({min: -3, max: 3}), (n, seed, e, ca, cb) => {
        const rng = createRng(seed);
        const s = 2 ** e;
        const a = Array.from({length: n}, () => rng.int(100) * s);
        const b = Array.from({length: n}, () => rng.int(100) * s);
        if (ca === 0 && cb === 0) return;
        const c = a.map((v, i) => 5 * s + ca * v + cb * b[i]!);
        let design;
        try {
          design = buildDesign({a, b, c}, ["a", "b", "c"]);
        } catch {
          return; // a constant column by chance
        }
        const result = detectCollinearity(design);
        expect(result.collinear).toBe(true);
        expect(result.terms).toEqual(["c"]);
      }),
      {seed: SEED, numRuns: 150}
    );
  });
});

describe("columns named __proto__, constructor, toString… (class 5)", () => {
  const hostile = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "prototype", "isPrototypeOf", "__defineGetter__"];
  const name = fc.oneof(fc.constantFrom(...hostile), fc.string({minLength: 1, maxLength: 8}));

  it("a Map and a plain object (own properties only) give the same design, with the levels in a null-prototype object", () => {
    fc.assert(
      fc.property(fc.uniqueArray(name, {minLength: 1, maxLength: 4}), fc.integer({min: 1, max: 2 ** 30}), (names, seed) => {
        const rng = createRng(seed);
        const n = 12;
        const map = new Map<string, DesignColumn>();
        const record: Record<string, DesignColumn> = {};
        names.forEach((nm, j) => {
          const column = j % 2 === 0 ? Array.from({length: n}, (_, i) => i + rng.next()) : Array.from({length: n}, (_, i) => ["x", "y", "__proto__"][i % 3]!);
          map.set(nm, column);
          Object.defineProperty(record, nm, {value: column, enumerable: true, configurable: true, writable: true});
        });
        const fromMap = buildDesign(map, names);
        const fromRecord = buildDesign(record, names);
        expect(fromRecord.names).toEqual(fromMap.names);
        expect(fromRecord.columns).toEqual(fromMap.columns);
        expect(Object.getPrototypeOf(fromMap.levels)).toBeNull();
        names.forEach((nm, j) => {
          if (j % 2 === 1) {
            expect(Object.prototype.hasOwnProperty.call(fromMap.levels, nm)).toBe(true);
            expect(fromMap.levels![nm]).toEqual(["__proto__", "x", "y"]);
            expect(fromMap.names).toContain(`${nm}=x`);
          } else {
            expect(fromMap.names).toContain(nm);
          }
        });
      }),
      {seed: SEED, numRuns: 200}
    );
  });

  it("an inherited property is not a column: 'toString' of a plain object is reported missing, as a typo would be", () => {
    expect(() => buildDesign({x: [1, 2, 3]}, ["toString"])).toThrow(/predictor "toString" is not a column \(columns: "x"\)/);
    expect(() => buildDesign({x: [1, 2, 3]}, ["__proto__"])).toThrow(/predictor "__proto__" is not a column/);
    expect(() => buildDesign(new Map([["x", [1, 2, 3]]]), ["constructor"])).toThrow(/"constructor" is not a column/);
  });

  it("nomogram points read a patient's values from a Map or from own properties only", () => {
    const scale = nomogramScale({intercept: -1, predictors: [{name: "__proto__", coefficient: 0.5, range: [0, 10]}, {name: "toString", coefficient: -1, range: [0, 2]}]});
    const viaMap = totalPoints(scale, new Map([["__proto__", 4], ["toString", 1]]));
    const record = JSON.parse('{"__proto__": 4, "toString": 1}') as Record<string, number>;
    expect(totalPoints(scale, record)).toBe(viaMap);
    expect(viaMap).toBeCloseTo(pointsFor(scale, "__proto__", 4) + pointsFor(scale, "toString", 1), 12);
    expect(() => totalPoints(scale, {})).toThrow(/lacks "__proto__"/);
  });

  it("a numeric column called __proto__ is a numeric predictor, fitted as R fits a column of any name", () => {
    const f = JSON.parse(readFileSync(new URL("../fixtures/logistic-mtcars.json", import.meta.url), "utf8"));
    const columns = new Map<string, DesignColumn>([["__proto__", f.data.wt], ["constructor", f.data.hp]]);
    const fit = fitLogistic(buildDesign(columns, ["__proto__", "constructor"]), f.data.am);
    expect(fit.names).toEqual(["(Intercept)", "__proto__", "constructor"]);
    fit.terms.forEach((t, j) => expectRel(t.estimate, f.estimate[j], 1e-10, t.term));
  });
});

describe("Firth on fully separated data, n ≈ 280 (class 6)", () => {
  for (const c of fixture.firth) {
    it(`seed ${c.seed}: n = ${c.n}, where brglm2 stops unconverged at its default 100 iterations, converges to brglm2's estimate at maxit 5000`, () => {
      expect([c.defaultIterations, c.defaultConverged]).toEqual([100, false]);
      expect(c.converged).toBe(true);
      const fit = fitFirth(buildDesign(c.data, c.predictors), c.data.y);
      expect(fit.converged).toBe(true);
      expect(fit.iterations).toBeLessThanOrEqual(30);
      // brglm2's Fisher scoring stops with its score ~1e-11 on a likelihood this flat, so its estimates carry
      // ~1e-8 relative error (measured: ours 1e-9 to 3e-8 from it, and our score ~1e-14 where its is ~1e-11)
      fit.terms.forEach((t, j) => {
        expectRel(t.estimate, c.estimate[j], 1e-7, `${t.term} estimate`);
        expectRel(t.se, c.se[j], 1e-7, `${t.term} se`);
      });
      // the maximised penalised log-likelihood (R: ℓ + ½ ln det by QR at brglm2's estimate): the same to 14 digits;
      // ℓ* is so flat there that both estimates are its maximum to rounding
      expectRel(fit.penalizedLogLik!, c.penalizedLogLik, 1e-14, "penalised logLik");
    });
  }

  it("generated: separated data of any scale and offset, with categorical columns, converge within the default 100 iterations", () => {
    fc.assert(
      fc.property(fc.integer({min: 40, max: 320}), fc.integer({min: 1, max: 4}), fc.integer({min: 1, max: 2 ** 30}), (n, p, seed) => {
        const rng = createRng(seed);
        const columns: Record<string, (number | string)[]> = {};
        const names: string[] = [];
        for (let j = 0; j < p; j++) {
          const nm = `x${j}`;
          names.push(nm);
          if (j > 0 && rng.next() < 0.3) columns[nm] = Array.from({length: n}, () => ["a", "b", "c"][rng.int(3)]!);
          else {
            const sd = 10 ** (rng.int(9) - 4);
            const off = rng.next() < 0.3 ? sd * 10 ** rng.int(5) : 0;
            columns[nm] = Array.from({length: n}, () => off + sd * (rng.normal() + (rng.next() < 0.3 ? 3 : 0)));
          }
        }
        const x0 = columns.x0 as number[];
        const cut = x0.slice().sort((a, b) => a - b)[Math.floor(n * (0.2 + 0.6 * rng.next()))]!;
        const y = x0.map((v) => (v > cut ? 1 : 0));
        if (y.every((v) => v === y[0])) return;
        let fit: LogisticFit;
        try {
          fit = fitFirth(buildDesign(columns as Record<string, number[] | string[]>, names), y);
        } catch (e) {
          expect((e as Error).message).toMatch(/constant|collinear/);
          return;
        }
        expect(fit.converged).toBe(true);
        expect(fit.terms.every((t) => Number.isFinite(t.estimate) && Number.isFinite(t.se))).toBe(true);
      }),
      {seed: SEED, numRuns: 60}
    );
  });
});

describe("the rank decision and the scaled kernels underneath (class 4)", () => {
  it("pivotedQrRank gives R's qr(X, tol = 1e-11) rank and pivot (dqrdc2), and designRank the same verdict", () => {
    for (const c of fixture.qr) {
      const columns = c.columns.map((col: number[]) => Float64Array.from(col));
      const n = columns[0].length;
      const qr = pivotedQrRank(columns, n, 1e-11);
      expect(qr.rank, c.name).toBe(c.rank);
      expect(qr.pivot, c.name).toEqual(c.pivot);
      const rank = designRank(columns, n, designScaling(columns, n, true));
      expect(rank.rank, c.name).toBe(c.rank);
      expect(rank.aliased, c.name).toEqual(c.pivot.slice(c.rank));
    }
  });

  it("the kernels' on-the-fly x̃ = x·s − t: XᵀWX the same bits as the plain kernel on X̃ formed beforehand, Xβ the same to rounding", () => {
    fc.assert(
      fc.property(fc.integer({min: 1, max: 1300}), fc.integer({min: 1, max: 10}), fc.integer({min: 1, max: 2 ** 30}), (n, k, seed) => {
        const rng = createRng(seed);
        const columns = Array.from({length: k}, (_, j) => Float64Array.from({length: n}, () => (j === 0 ? 1 : 1e6 * j + rng.normal() * 10 ** (j - 3))));
        const scaling = designScaling(columns, n, true, {sample: true});
        const scaled = columns.map((c, j) => c.map((v) => v * scaling.scale[j]! - scaling.shift[j]!));
        const w = Float64Array.from({length: n}, () => rng.next());
        const z = Float64Array.from({length: n}, () => rng.normal());
        const g1 = new Float64Array(k * k), g2 = new Float64Array(k * k), r1 = new Float64Array(k), r2 = new Float64Array(k);
        weightedCrossProducts(columns, n, w, z, g1, r1, undefined, scaling);
        weightedCrossProducts(scaled, n, w, z, g2, r2);
        expect(g1).toEqual(g2);
        expect(r1).toEqual(r2);
        const beta = Float64Array.from({length: k}, () => rng.normal());
        const e1 = new Float64Array(n), e2 = new Float64Array(n);
        linearPredictorInto(columns, n, beta, null, e1, scaling);
        linearPredictorInto(scaled, n, beta, null, e2);
        // columns centred near 0 fold their shift into one constant (the others, centred at 1e6·j here, do not)
        let bound = 0;
        for (let j = 0; j < k; j++) bound += Math.abs(beta[j]!) * 4;
        for (let i = 0; i < n; i++) expect(Math.abs(e1[i]! - e2[i]!)).toBeLessThanOrEqual(8 * Number.EPSILON * bound);
      }),
      {seed: SEED, numRuns: 60}
    );
  });

  it("generated: an extreme value the 1,024-row sample of the scaling misses (an outlier near 1e300, a sparse column near 1e-200) is caught and the scaling redone", () => {
    fc.assert(
      fc.property(fc.integer({min: 1100, max: 4000}), fc.integer({min: 1, max: 2 ** 30}), fc.constantFrom("outlier", "sparse"), (n, seed, kind) => {
        const rng = createRng(seed);
        const x = Array.from({length: n}, () => rng.normal());
        const u = Array.from({length: n}, () => rng.normal());
        let at = rng.int(n);
        // rows the sample reads are ⌊i·n/1024⌋; put the extreme value between them
        while (Math.floor(Math.ceil((at * 1024) / n) * (n / 1024)) === at) at = (at + 1) % n;
        const special = kind === "outlier" ? u.map((v, i) => (i === at ? 1e300 : v)) : u.map((v, i) => (i === at || i === (at + 7) % n ? 3e-200 * (1 + v * v) : 0));
        const y = x.map((v) => (rng.next() < 1 / (1 + Math.exp(-v)) ? 1 : 0));
        const design = buildDesign({x, special}, ["x", "special"]);
        const sampled = designScaling(design.columns, n, true, {sample: true});
        expect(sampled.sampled).toBe(true);
        const fit = fitLogistic(design, y);
        expect(fit.converged).toBe(true);
        expect(fit.terms.every((t) => Number.isFinite(t.estimate) && t.se > 0 && t.p >= 0 && t.p <= 1)).toBe(true);
        // the same fit as with the column rescaled by hand to unit size (equivariance)
        const factor = kind === "outlier" ? 1e-300 : 1e200;
        const unit = fitLogistic(buildDesign({x, special: special.map((v) => v * factor)}, ["x", "special"]), y);
        expectRel(fit.terms[1]!.estimate, unit.terms[1]!.estimate, 1e-9, "x");
        expectRel(fit.terms[2]!.estimate / factor, unit.terms[2]!.estimate, 1e-9, "special");
        expectRel(fit.terms[2]!.p, unit.terms[2]!.p, 1e-8, "special p");
      }),
      {seed: SEED, numRuns: 30}
    );
  });
});
