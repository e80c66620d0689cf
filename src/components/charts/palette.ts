/**
 * Colours for the study's charts: the Okabe–Ito palette (Okabe & Ito 2008, "Color Universal Design"), which
 * stays distinguishable for the common colour-vision deficiencies and in greyscale print when paired with
 * distinct line styles or symbols. One colour per thing, the same on every page.
 *
 * Both themes: Okabe–Ito's black is drawn as FOREGROUND (`currentColor`, the page's text colour: black on the light
 * theme, near-white on the dark one, and black again in a downloaded SVG or PNG, which figure.ts writes with
 * `color: black` on white), and its yellow, which is 1.2:1 against white, is replaced for lines by a dark goldenrod
 * that keeps ≥ 3:1 against both backgrounds. Halos and hollow fills use BACKGROUND, the theme's background.
 */
export const OKABE_ITO = {
  orange: "#E69F00",
  skyBlue: "#56B4E9",
  green: "#009E73",
  yellow: "#F0E442",
  blue: "#0072B2",
  vermillion: "#D55E00",
  purple: "#CC79A7",
  black: "#000000"
} as const;

/** The page's text colour: Okabe–Ito's black in the light theme, near-white in the dark one. */
export const FOREGROUND = "currentColor";
/** The theme's background (Framework's --theme-background), white outside the page. */
export const BACKGROUND = "var(--theme-background, white)";
/** Okabe–Ito yellow darkened for lines: 3.3:1 on white, 5.9:1 on the dark theme's background. */
export const GOLDENROD = "#B8860B";

/** Outcome groups: ASD (the events) and non-ASD. */
export const GROUP_COLORS = {asd: OKABE_ITO.vermillion, nonAsd: OKABE_ITO.blue} as const;

/** The prediction model and each single factor, keyed by the cohort's column names. */
export const MARKER_COLORS: Record<string, string> = {
  model: FOREGROUND,
  age: OKABE_ITO.orange,
  bmd_t: OKABE_ITO.skyBlue,
  cement_ml: OKABE_ITO.green,
  height_recovery_pct: OKABE_ITO.purple,
  cobb_post_deg: OKABE_ITO.blue,
  smoking: OKABE_ITO.vermillion,
  prior_asd: GOLDENROD,
  cement_leakage: "#999999"
};

/** Dash patterns so curves differ by more than colour. */
export const MARKER_DASHES: Record<string, string | undefined> = {
  model: undefined,
  age: "6,3",
  bmd_t: "2,2",
  cement_ml: "8,3,2,3",
  height_recovery_pct: "4,4",
  cobb_post_deg: "1,3"
};

/** Colours for markers without a colour of their own (a reader's columns), in order; then dashes tell them apart. */
const FALLBACK_COLORS = [OKABE_ITO.orange, OKABE_ITO.skyBlue, OKABE_ITO.green, OKABE_ITO.vermillion, OKABE_ITO.blue, OKABE_ITO.purple, GOLDENROD, "#999999"];
const FALLBACK_DASHES: (string | undefined)[] = [undefined, "6,3", "2,2", "8,3,2,3", "4,4", "1,3", "10,4"];

/**
 * A marker's colour: its own (MARKER_COLORS) or, for a column the study does not have, the index-th of the
 * fallback colours, so that a reader's curves differ from one another. Pass the series' position as index.
 */
export function markerColor(key: string, index = 0): string {
  // own properties only: a reader's column may be called "constructor"
  return (Object.hasOwn(MARKER_COLORS, key) ? MARKER_COLORS[key] : undefined) ?? FALLBACK_COLORS[index % FALLBACK_COLORS.length]!;
}

/**
 * A marker's dash pattern: its own (MARKER_DASHES) or, for a reader's column, one that changes each time the
 * fallback colours start over (so the 9th curve differs from the 1st by its dashes).
 */
export function markerDash(key: string, index = 0): string | undefined {
  if (Object.hasOwn(MARKER_DASHES, key)) return MARKER_DASHES[key];
  if (Object.hasOwn(MARKER_COLORS, key)) return undefined;
  return FALLBACK_DASHES[Math.floor(index / FALLBACK_COLORS.length) % FALLBACK_DASHES.length];
}

/** The margins of a square chart with axis labels on both axes (room for "↑ label" above and ticks in %). */
export const SQUARE_MARGINS = {marginLeft: 52, marginBottom: 44, marginTop: 20, marginRight: 16} as const;

/** One marker's curve among several: its colour and dash, drawn heavier when it is the one highlighted (or none is). */
export function curveStyle(key: string, index: number, highlight: string | null | undefined): {stroke: string; strokeWidth: number; strokeOpacity: number; strokeDasharray: string | undefined} {
  const strong = !highlight || key === highlight;
  return {stroke: markerColor(key, index), strokeWidth: strong ? 2.5 : 1.5, strokeOpacity: strong ? 1 : 0.55, strokeDasharray: markerDash(key, index)};
}
