// A RenderContext for tests and scripts: the default config, the project's theme and templates,
// a fixed document date. Override any part with `overrides`.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defaultConfig } from "../../src/config/schema.js";
import { DiagnosticBag } from "../../src/diagnostics/bag.js";
import { Plan } from "../../src/model/schema.js";
import type { RenderContext } from "../../src/render/context.js";
import { loadTheme } from "../../src/theme/load.js";

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export function makeRenderContext(overrides: Partial<RenderContext> = {}): RenderContext {
  const diagnostics = overrides.diagnostics ?? new DiagnosticBag("ja");
  const config = defaultConfig();
  config.document = { date: "2026-11-24", meeting: "総務委員会", handoutLabel: "資料1", issuer: "総合政策部 情報政策課" };
  return {
    config,
    theme: loadTheme(path.join(projectRoot, "templates/theme.json"), diagnostics),
    projectRoot,
    templatesDir: path.join(projectRoot, "templates"),
    documentDate: new Date(Date.UTC(2026, 10, 24)),
    datePrinted: true,
    asOf: 2026,
    lang: "ja",
    diagnostics,
    ...overrides,
  };
}

/** The seed's model, read from data/plan.tsv by the pipeline in the global set-up (test/setup). */
export function seedPlan(): Plan {
  return Plan.parse(JSON.parse(readFileSync(path.join(projectRoot, "test-results/seed-model.json"), "utf8")));
}
