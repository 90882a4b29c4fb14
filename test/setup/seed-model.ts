// Vitest global set-up: reads the real seed (data/plan.tsv) through the pipeline once per run and
// leaves its model where test/helpers/context.ts `seedPlan()` reads it synchronously. It also
// empties the folder where test/helpers/seed-documents.ts shares the seed's rendered documents
// between test files, so that every run renders them from the current sources.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { defaultConfig } from "../../src/config/schema.js";
import { loadPlan } from "../../src/pipeline.js";

export const SEED_MODEL = path.resolve("test-results/seed-model.json");
const SEED_DOCUMENTS = path.resolve("test-results/seed-documents");

export default async function setup(): Promise<void> {
  rmSync(SEED_DOCUMENTS, { recursive: true, force: true });
  const plan = await loadPlan("data/plan.tsv", { config: defaultConfig() });
  mkdirSync(path.dirname(SEED_MODEL), { recursive: true });
  writeFileSync(SEED_MODEL, JSON.stringify(plan));
}
