// Which cohort the site shows (real or reconstructed), from where, and how many patients: the CohortSource
// interface of src/components/cohort/source.ts. Pages print it beside every result.
import {loadCohort} from "./lib/cohort.js";

process.stdout.write(JSON.stringify(loadCohort().source, null, 2) + "\n");
