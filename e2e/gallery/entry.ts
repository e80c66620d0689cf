// The components under test, bundled for the browser by e2e/components.test.ts (esbuild, IIFE, global `gallery`).
export {nomogramChart} from "../../src/components/charts/nomogram.js";
export {nomogramScale, pointsFor, totalPoints} from "../../src/components/stats/nomogram-scale.js";
export {forestPlot} from "../../src/components/charts/forestPlot.js";
export {rocChart} from "../../src/components/charts/rocChart.js";
export {calibrationPlot} from "../../src/components/charts/calibrationPlot.js";
export {decisionCurveChart} from "../../src/components/charts/decisionCurveChart.js";
export {riskDistribution} from "../../src/components/charts/riskDistribution.js";
export {chartFigure} from "../../src/components/charts/figure.js";
export {numberInput, thresholdInput} from "../../src/components/number-input.js";
export {bindToUrl} from "../../src/components/url-state.js";
export {readTableFile} from "../../src/components/cohort/readers/index.js";
export {binnedVariableDistribution} from "../../src/components/charts/binnedDistribution.js";
export {boundPair} from "../../src/components/bound-pair.js";
