// The cohort the site computes on, in the schema of src/components/cohort/schema.ts: the real patient data when
// PKP_COHORT_CSV or data/cohort.csv supplies it (validated, rewritten in schema order), else the reconstruction
// (src/components/cohort/reconstruction.ts, seeded: the same bytes on every build). cohort-source.json says which.
import {formatCohortCsv} from "../components/cohort/schema.js";
import {loadCohort} from "./lib/cohort.js";

process.stdout.write(formatCohortCsv(loadCohort().rows));
