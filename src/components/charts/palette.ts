/**
 * Colours for the study's charts: the Okabe–Ito palette (Okabe & Ito 2008, "Color Universal Design"), which
 * stays distinguishable for the common colour-vision deficiencies and in greyscale print when paired with
 * distinct line styles or symbols. One colour per thing, the same on every page.
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

/** Outcome groups: ASD (the events) and non-ASD. */
export const GROUP_COLORS = {asd: OKABE_ITO.vermillion, nonAsd: OKABE_ITO.blue} as const;

/** The prediction model and each single factor, keyed by the cohort's column names. */
export const MARKER_COLORS: Record<string, string> = {
  model: OKABE_ITO.black,
  age: OKABE_ITO.orange,
  bmd_t: OKABE_ITO.skyBlue,
  cement_ml: OKABE_ITO.green,
  height_recovery_pct: OKABE_ITO.purple,
  cobb_post_deg: OKABE_ITO.blue,
  smoking: OKABE_ITO.vermillion,
  prior_asd: OKABE_ITO.yellow,
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

export function markerColor(key: string, index = 0): string {
  return MARKER_COLORS[key] ?? Object.values(OKABE_ITO)[index % 8]!;
}
