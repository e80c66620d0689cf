// What a private build promises of each published ROC curve (src/components/study/private.ts, coarsenedRoc): every
// step between adjacent points moves 0 or ≥ minCell cases and 0 or ≥ minCell controls, the curve runs from
// (sens 1, spec 0) to (sens 0, spec 1), and no finite threshold is a patient's value. Returns each broken promise.
export interface PublishedCurve {
  marker: string;
  thresholds: (number | null)[];
  sensitivities: number[];
  specificities: number[];
}

export function rocStepProblems(curve: PublishedCurve, {nCases, nControls, minCell, values}: {nCases: number; nControls: number; minCell: number; values?: ArrayLike<number>}): string[] {
  const problems: string[] = [];
  const k = curve.sensitivities.length;
  const ends = [curve.sensitivities[0], curve.specificities[0], curve.sensitivities[k - 1], curve.specificities[k - 1]];
  if (ends.join() !== "1,0,0,1") problems.push(`${curve.marker}: runs from (sens, spec) = (${ends[0]}, ${ends[1]}) to (${ends[2]}, ${ends[3]})`);
  const small = nCases < minCell || nControls < minCell;
  if (small && k !== 2) problems.push(`${curve.marker}: a group below the minimum, yet ${k} points`);
  const taken = new Set(values ? Array.from(values) : []);
  for (let i = 1; i < k; i++) {
    const cases = Math.round((curve.sensitivities[i - 1]! - curve.sensitivities[i]!) * nCases);
    const controls = Math.round((curve.specificities[i]! - curve.specificities[i - 1]!) * nControls);
    if (!small && ((cases > 0 && cases < minCell) || (controls > 0 && controls < minCell))) problems.push(`${curve.marker}: step ${i} moves ${cases} cases and ${controls} controls`);
    const t = curve.thresholds[i];
    if (i < k - 1 && typeof t === "number" && taken.has(t)) problems.push(`${curve.marker}: threshold ${t} is a patient's value`);
  }
  return problems;
}
