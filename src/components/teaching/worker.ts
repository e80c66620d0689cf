/**
 * The teaching page's Web Worker: redraws studies from the population and runs the procedures on them
 * (./simulate.ts), posting the records in chunks (about every 50 ms) so that the page can animate and count them
 * while the rest are computed, and the time the whole run took. Messages: ./protocol.ts. Bundled into one script by
 * src/data/teaching-worker.js.ts. No statistics here: every number is the engine's, as in Node.
 */
import {populationFromCsv, type Population} from "./population.js";
import {simulateStudy, type StudyRecord} from "./simulate.js";
import type {SimulationRequest, SimulationResponse} from "./protocol.js";
import {serveRequests} from "../worker/serve.js";

let cached: {csv: string; population: Population} | null = null;

function population(request: SimulationRequest): Population {
  if (cached?.csv !== request.cohortCsv) cached = {csv: request.cohortCsv, population: populationFromCsv(request.cohortCsv, request.published)};
  return cached.population;
}

function simulate(request: SimulationRequest, post: (message: SimulationResponse) => void): void {
  const started = performance.now();
  const pop = population(request);
  const settings = {n: request.n, seed: request.seed, procedures: request.procedures};
  let chunk: StudyRecord[] = [];
  let lastPost = started;
  for (let b = request.from; b < request.to; b++) {
    chunk.push(simulateStudy(pop, settings, b));
    const now = performance.now();
    if (now - lastPost > 50 || b === request.to - 1) {
      post({type: "studies", id: request.id, records: chunk, done: b + 1 - request.from, total: request.to - request.from, elapsedMs: now - started});
      chunk = [];
      lastPost = now;
    }
  }
  post({type: "done", id: request.id, total: request.to - request.from, elapsedMs: performance.now() - started});
}

serveRequests<SimulationRequest, SimulationResponse>("simulate", simulate);
