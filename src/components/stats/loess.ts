/**
 * Local polynomial regression with one predictor, computed as R's stats::loess(y ~ x) computes it (Cleveland,
 * Grosse & Shyu 1992, "Local regression models", ch. 8 of Statistical Models in S; the dloess Fortran in R's
 * src/library/stats/src/loessf.f), for family = "gaussian" (no robustness iterations) and unit weights.
 *
 * Local fit at a point q (R's ehg127): with d_i = (x_i − q)², ρ the nf-th smallest d_i times max(1, span) and
 * nf = min(n, ⌊n·span⌋), each of the nf nearest points gets the tricube weight w_i = (1 − (d_i/ρ)^{3/2})³, and
 * the weighted least-squares polynomial of the given degree in (x − q) is fitted; its constant term is the
 * smooth at q and its linear term the slope. As in R, the columns are scaled to unit length and the solution is
 * the pseudoinverse one, dropping singular values below 100·ε·σ_max (R warns "pseudoinverse used" there). In
 * such a neighbourhood (e.g. x with few distinct values) the dropped direction is not determined by the data:
 * the slope there, and so the interpolant next to it, can differ from R's as much as both differ from sense;
 * `pseudoinverseFits` counts these fits so that a caller can say so.
 *
 * surface = "interpolate" (R's default): a k-d tree splits the bounding box [min − m, max + m], m = 0.005·range,
 * at medians until a cell holds at most ⌊n·(span·cell)⌋ points (cell = 0.2), moving a split off a run of tied
 * x values to the nearest place where the values differ (ehg124, ehg126, ehg129); the local fit is computed at
 * each cell boundary (vertex), and the smooth anywhere inside the data range is the cubic Hermite interpolant of
 * the vertex values and slopes (ehg128). surface = "direct": the local fit at each point itself (lowesf).
 *
 * Austin & Steyerberg (2019, Stat Med 38:4051) compute the ICI from `loess(y ~ p)` with these defaults; see
 * external-validation.ts.
 *
 * Throws TypeError when x and y differ in length or are empty; RangeError for a non-finite value, a span that
 * leaves fewer than degree + 2 points in a neighbourhood (R: "span is too small"), a neighbourhood of zero width
 * (R: "zero-width neighborhood. make span bigger") or one whose points all lie on its boundary (in both cases R
 * only warns and returns NaN or 0), a degree other than 0, 1, 2, or (predictLoess with surface
 * "interpolate") a point outside the range of the data, where R's predict gives NA.
 *
 * Example: loess([1, 2, 3, 4, 5, 6, 7, 8], [1, 4, 9, 16, 25, 36, 49, 64]).fitted // [1, 4, 9, …, 64] (a quadratic
 *   is its own degree-2 smooth)
 */

const EPSILON = 2.220446049250313e-16;

export type LoessSurface = "interpolate" | "direct";

export interface LoessOptions {
  /** Fraction of the points in each neighbourhood (R's span, default 0.75). */
  span?: number;
  /** Degree of the local polynomials: 0, 1 or 2 (default 2). */
  degree?: 0 | 1 | 2;
  /** "interpolate" (default, R's default) or "direct". */
  surface?: LoessSurface;
  /** k-d tree cell size as a fraction of the neighbourhood (R's loess.control cell, default 0.2). */
  cell?: number;
}

/** The k-d tree of an interpolated fit: cell boundaries (vertices) with the local fit's value and slope at each. */
export interface LoessKdTree {
  /** Vertex positions, in creation order (the two ends of the bounding box first). */
  vertices: number[];
  /** Local fit at each vertex. */
  vertexValues: number[];
  /** Slope of the local fit at each vertex. */
  vertexSlopes: number[];
  /** Per cell: the split point (null for a leaf), its two children (−1 for a leaf) and its two vertices. */
  split: (number | null)[];
  lower: number[];
  upper: number[];
  leftVertex: number[];
  rightVertex: number[];
}

export interface LoessFit {
  n: number;
  span: number;
  degree: 0 | 1 | 2;
  surface: LoessSurface;
  cell: number;
  /** Points in each neighbourhood: min(n, ⌊n·span⌋). */
  neighbours: number;
  /** Fitted values in the input order (R's fitted(fit)). */
  fitted: number[];
  /** Residuals y − fitted, input order. */
  residuals: number[];
  /** Number of local fits that needed the pseudoinverse (R warns "pseudoinverse used" for them). */
  pseudoinverseFits: number;
  /** x sorted ascending and y in the same order (kept for surface "direct" and for the data range). */
  xSorted: number[];
  ySorted: number[];
  /** Present for surface "interpolate". */
  kdTree?: LoessKdTree;
}

interface LocalFit {
  value: number;
  slope: number;
  singular: boolean;
}

/**
 * Householder QR of the nf×k column-major matrix b (overwritten), applied also to eta; then the one-sided
 * Jacobi SVD of the k×k triangle; returns the minimum-norm least-squares coefficients with R's tolerance.
 */
function pseudoinverseSolve(b: Float64Array[], eta: Float64Array, rows: number, k: number): {coef: Float64Array; singular: boolean} {
  const r = Array.from({length: k}, () => new Float64Array(k));
  for (let j = 0; j < k; j++) {
    const col = b[j]!;
    let norm = 0;
    for (let i = j; i < rows; i++) norm += col[i]! * col[i]!;
    norm = Math.sqrt(norm);
    if (norm === 0) continue;
    const alpha = col[j]! > 0 ? -norm : norm;
    const v0 = col[j]! - alpha;
    // reflector v = (v0, col[j+1..]), H = I − 2vvᵀ/(vᵀv)
    let vtv = v0 * v0;
    for (let i = j + 1; i < rows; i++) vtv += col[i]! * col[i]!;
    if (vtv === 0) continue;
    const apply = (target: Float64Array): void => {
      let s = v0 * target[j]!;
      for (let i = j + 1; i < rows; i++) s += col[i]! * target[i]!;
      const f = (2 * s) / vtv;
      target[j] = target[j]! - f * v0;
      for (let i = j + 1; i < rows; i++) target[i] = target[i]! - f * col[i]!;
    };
    for (let jj = j + 1; jj < k; jj++) apply(b[jj]!);
    apply(eta);
    col[j] = alpha;
  }
  for (let j = 0; j < k; j++) for (let i = 0; i <= j; i++) r[i]![j] = b[j]![i]!;
  // One-sided Jacobi on the columns of R: R·V = U·Σ.
  const a = Array.from({length: k}, (_, j) => Float64Array.from({length: k}, (_, i) => r[i]![j]!));
  const v = Array.from({length: k}, (_, j) => Float64Array.from({length: k}, (_, i) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 60; sweep++) {
    let rotated = false;
    for (let p = 0; p < k - 1; p++) {
      for (let q = p + 1; q < k; q++) {
        const ap = a[p]!;
        const aq = a[q]!;
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let i = 0; i < k; i++) {
          alpha += ap[i]! * ap[i]!;
          beta += aq[i]! * aq[i]!;
          gamma += ap[i]! * aq[i]!;
        }
        if (gamma === 0 || Math.abs(gamma) <= EPSILON * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (const m of [a, v]) {
          const mp = m[p]!;
          const mq = m[q]!;
          for (let i = 0; i < k; i++) {
            const x = mp[i]!;
            const y = mq[i]!;
            mp[i] = c * x - s * y;
            mq[i] = s * x + c * y;
          }
        }
      }
    }
    if (!rotated) break;
  }
  const sigma = a.map((col) => Math.sqrt(col.reduce((s, x) => s + x * x, 0)));
  const sigmaMax = Math.max(...sigma);
  const tol = sigmaMax * 100 * EPSILON;
  const coef = new Float64Array(k);
  let singular = false;
  for (let j = 0; j < k; j++) {
    if (!(sigma[j]! > tol)) {
      singular = true;
      continue;
    }
    // Uⱼᵀ(Qᵀη)/σⱼ with Uⱼ = aⱼ/σⱼ
    let s = 0;
    for (let i = 0; i < k; i++) s += a[j]![i]! * eta[i]!;
    const g = s / (sigma[j]! * sigma[j]!);
    for (let i = 0; i < k; i++) coef[i] = coef[i]! + v[j]![i]! * g;
  }
  return {coef, singular};
}

/** The nf points nearest q in sorted x: the window [lo, lo + nf) and the nf-th smallest squared distance. */
function nearestWindow(xs: Float64Array, q: number, nf: number): {lo: number; rho: number} {
  const n = xs.length;
  // first index with xs[i] >= q
  let a = 0;
  let b = n;
  while (a < b) {
    const mid = (a + b) >> 1;
    if (xs[mid]! < q) a = mid + 1;
    else b = mid;
  }
  let lo = a;
  let hi = a; // window [lo, hi)
  let far = 0;
  while (hi - lo < nf) {
    const dl = lo > 0 ? (xs[lo - 1]! - q) * (xs[lo - 1]! - q) : Infinity;
    const dr = hi < n ? (xs[hi]! - q) * (xs[hi]! - q) : Infinity;
    if (dl <= dr) {
      lo--;
      far = dl;
    } else {
      hi++;
      far = dr;
    }
  }
  return {lo, rho: far};
}

function localFit(xs: Float64Array, ys: Float64Array, q: number, nf: number, span: number, degree: number): LocalFit {
  const {lo, rho: nearest} = nearestWindow(xs, q, nf);
  const rho = nearest * Math.max(1, span);
  if (!(rho > 0)) throw new RangeError(`loess: zero-width neighbourhood at x = ${q} (more than ${nf - 1} tied values there); make span bigger`);
  const k = degree + 1;
  const b = Array.from({length: k}, () => new Float64Array(nf));
  const eta = new Float64Array(nf);
  let maxW = 0;
  for (let r = 0; r < nf; r++) {
    const i = lo + r;
    const dx = xs[i]! - q;
    const u = Math.sqrt((dx * dx) / rho);
    const t = 1 - u * u * u;
    const w = Math.sqrt(t * t * t);
    if (w > maxW) maxW = w;
    b[0]![r] = w;
    if (k > 1) b[1]![r] = w * dx;
    if (k > 2) b[2]![r] = w * (dx * dx);
    eta[r] = w * ys[i]!;
  }
  if (maxW === 0) throw new RangeError(`loess: every point of the neighbourhood of x = ${q} is on its boundary; make span bigger`);
  const colnorm = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let r = 0; r < nf; r++) s += b[j]![r]! * b[j]![r]!;
    s = Math.sqrt(s);
    if (s > 0) {
      for (let r = 0; r < nf; r++) b[j]![r] = b[j]![r]! / s;
      colnorm[j] = s;
    } else colnorm[j] = 1;
  }
  const {coef, singular} = pseudoinverseSolve(b, eta, nf, k);
  return {value: coef[0]! / colnorm[0]!, slope: k > 1 ? coef[1]! / colnorm[1]! : 0, singular};
}

function buildKdTree(xs: Float64Array, fc: number): Omit<LoessKdTree, "vertexValues" | "vertexSlopes"> & {cellLo: number[]; cellHi: number[]} {
  const n = xs.length;
  const min = xs[0]!;
  const max = xs[n - 1]!;
  const margin = 0.005 * Math.max(max - min, 1e-10 * Math.max(Math.abs(min), Math.abs(max)) + 1e-30);
  const vertices = [min - margin, max + margin];
  const nvmax = Math.max(200, n);
  const ncmax = nvmax;
  const split: (number | null)[] = [null];
  const lower: number[] = [-1];
  const upper: number[] = [-1];
  const leftVertex = [0];
  const rightVertex = [1];
  const cellLo = [0];
  const cellHi = [n - 1];
  for (let p = 0; p < split.length; p++) {
    const l = cellLo[p]!;
    const u = cellHi[p]!;
    const diam = vertices[rightVertex[p]!]! - vertices[leftVertex[p]!]!;
    let leaf = u - l + 1 <= fc || diam <= 0;
    if (!leaf) leaf = ncmax < split.length + 2 || nvmax < vertices.length + 1;
    let m = Math.floor((l + u) / 2);
    if (!leaf) {
      // Move the split off a run of ties: try offsets 0, 1, −1, 2, −2, … (ehg124, R's 2006 fix).
      let offset = 0;
      for (;;) {
        if (m + offset >= u || m + offset < l) break;
        if (xs[m + offset] === xs[m + offset + 1]) {
          offset = -offset;
          if (offset >= 0) offset++;
        } else {
          m += offset;
          break;
        }
      }
      leaf = vertices[leftVertex[p]!] === xs[m] || vertices[rightVertex[p]!] === xs[m];
    }
    if (leaf) continue;
    const t = xs[m]!;
    split[p] = t;
    const vNew = vertices.length;
    vertices.push(t);
    lower[p] = split.length;
    split.push(null, null);
    lower.push(-1, -1);
    upper.push(-1, -1);
    upper[p] = lower[p]! + 1;
    leftVertex.push(leftVertex[p]!, vNew);
    rightVertex.push(vNew, rightVertex[p]!);
    cellLo.push(l, m + 1);
    cellHi.push(m, u);
  }
  return {vertices, split, lower, upper, leftVertex, rightVertex, cellLo, cellHi};
}

function evaluateKd(tree: LoessKdTree, z: number): number {
  let j = 0;
  for (let t = tree.split[j]; t != null; t = tree.split[j]) j = z <= t ? tree.lower[j]! : tree.upper[j]!;
  const a = tree.leftVertex[j]!;
  const c = tree.rightVertex[j]!;
  const v0 = tree.vertices[a]!;
  const v1 = tree.vertices[c]!;
  const h = (z - v0) / (v1 - v0);
  const phi0 = (1 - h) ** 2 * (1 + 2 * h);
  const phi1 = h ** 2 * (3 - 2 * h);
  const psi0 = h * (1 - h) ** 2;
  const psi1 = h ** 2 * (h - 1);
  return phi0 * tree.vertexValues[a]! + phi1 * tree.vertexValues[c]! + (psi0 * tree.vertexSlopes[a]! + psi1 * tree.vertexSlopes[c]!) * (v1 - v0);
}

/**
 * Fits the loess smooth of y on x (see the module comment).
 * @example loess(x, y).fitted // R: fitted(loess(y ~ x))
 */
export function loess(x: ArrayLike<number>, y: ArrayLike<number>, {span = 0.75, degree = 2, surface = "interpolate", cell = 0.2}: LoessOptions = {}): LoessFit {
  const n = x.length;
  if (n === 0 || y.length !== n) throw new TypeError(`loess: x and y must be non-empty and of equal length (got ${n} and ${y.length})`);
  if (degree !== 0 && degree !== 1 && degree !== 2) throw new RangeError(`loess: degree must be 0, 1 or 2, got ${String(degree)}`);
  if (!(span > 0 && Number.isFinite(span))) throw new RangeError(`loess: span must be a positive number, got ${span}`);
  if (surface !== "interpolate" && surface !== "direct") throw new RangeError(`loess: surface must be "interpolate" or "direct", got ${String(surface)}`);
  if (!(cell > 0 && Number.isFinite(cell))) throw new RangeError(`loess: cell must be a positive number, got ${cell}`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i])) throw new RangeError(`loess: x[${i}] is ${x[i]}, expected a finite number`);
    if (!Number.isFinite(y[i])) throw new RangeError(`loess: y[${i}] is ${y[i]}, expected a finite number`);
  }
  const nf = Math.min(n, Math.floor(n * span));
  const k = degree + 1;
  if (k > nf - 1) throw new RangeError(`loess: span ${span} leaves ${nf} of ${n} points in a neighbourhood, too few for a local polynomial of degree ${degree}; make span bigger`);
  const order = Array.from({length: n}, (_, i) => i).sort((a, b) => x[a]! - x[b]! || a - b);
  const xs = Float64Array.from(order, (i) => x[i]!);
  const ys = Float64Array.from(order, (i) => y[i]!);
  const fitted = new Array<number>(n);
  let pseudoinverseFits = 0;
  let kdTree: LoessKdTree | undefined;
  if (surface === "direct") {
    // Tied x values share one local fit.
    let last = NaN;
    let value = NaN;
    for (let r = 0; r < n; r++) {
      if (xs[r] !== last) {
        const f = localFit(xs, ys, xs[r]!, nf, span, degree);
        if (f.singular) pseudoinverseFits++;
        value = f.value;
        last = xs[r]!;
      }
      fitted[order[r]!] = value;
    }
  } else {
    const fc = Math.floor(n * (span * cell));
    const tree = buildKdTree(xs, fc);
    const vertexValues: number[] = [];
    const vertexSlopes: number[] = [];
    for (const q of tree.vertices) {
      const f = localFit(xs, ys, q, nf, span, degree);
      if (f.singular) pseudoinverseFits++;
      vertexValues.push(f.value);
      vertexSlopes.push(f.slope);
    }
    kdTree = {
      vertices: tree.vertices,
      vertexValues,
      vertexSlopes,
      split: tree.split,
      lower: tree.lower,
      upper: tree.upper,
      leftVertex: tree.leftVertex,
      rightVertex: tree.rightVertex
    };
    for (let r = 0; r < n; r++) fitted[order[r]!] = evaluateKd(kdTree, xs[r]!);
  }
  const residuals = Array.from({length: n}, (_, i) => y[i]! - fitted[i]!);
  const fit: LoessFit = {
    n,
    span,
    degree,
    surface,
    cell,
    neighbours: nf,
    fitted,
    residuals,
    pseudoinverseFits,
    xSorted: Array.from(xs),
    ySorted: Array.from(ys)
  };
  if (kdTree) fit.kdTree = kdTree;
  return fit;
}

/**
 * The smooth at new points, as R's predict(fit, newdata): the k-d tree interpolant for surface "interpolate"
 * (inside the data range only), a fresh local fit for "direct" (anywhere).
 * Throws RangeError for a non-finite point or, with "interpolate", one outside [min x, max x].
 * @example predictLoess(loess(x, y), [0.2, 0.5])
 */
export function predictLoess(fit: LoessFit, at: ArrayLike<number>): number[] {
  const xs = Float64Array.from(fit.xSorted);
  const ys = fit.kdTree ? null : Float64Array.from(fit.ySorted);
  const min = xs[0]!;
  const max = xs[xs.length - 1]!;
  const out = new Array<number>(at.length);
  for (let i = 0; i < at.length; i++) {
    const z = at[i]!;
    if (!Number.isFinite(z)) throw new RangeError(`predictLoess: at[${i}] is ${z}, expected a finite number`);
    if (fit.kdTree) {
      if (z < min || z > max) throw new RangeError(`predictLoess: at[${i}] = ${z} is outside the data range [${min}, ${max}]; an interpolated loess does not extrapolate (R's predict gives NA there)`);
      out[i] = evaluateKd(fit.kdTree, z);
    } else {
      out[i] = localFit(xs, ys!, z, fit.neighbours, fit.span, fit.degree).value;
    }
  }
  return out;
}
