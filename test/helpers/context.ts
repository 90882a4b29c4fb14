// A RenderContext for tests and scripts: the default config, the project's theme and templates,
// a fixed document date. Override any part with `overrides`.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defaultConfig } from "../../src/config/schema.js";
import { DiagnosticBag } from "../../src/diagnostics/bag.js";
import { Plan } from "../../src/model/schema.js";
import { ReportedError } from "../../src/errors.js";
import type { RenderContext } from "../../src/context.js";
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

/** A copy of templates/ in a temporary folder, for a test that edits what staff would edit. */
export function copyTemplates(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "pp-tpl-"));
  cpSync(path.join(projectRoot, "templates"), dir, { recursive: true });
  return dir;
}

/** A copy of templates/ with one file (`rel`, e.g. "workbook/wording.json") rewritten by `edit`. */
export function templatesWith(rel: string, edit: (text: string) => string): string {
  const dir = copyTemplates();
  const file = path.join(dir, rel);
  writeFileSync(file, edit(readFileSync(file, "utf8")));
  return dir;
}

/** How a render ended: its result, or null when it stopped with diagnostics (a ReportedError). */
export async function attempt<T>(ctx: RenderContext, render: (ctx: RenderContext) => Promise<T>): Promise<{ files: T | null; diagnostics: RenderContext["diagnostics"]["items"] }> {
  try {
    return { files: await render(ctx), diagnostics: ctx.diagnostics.items };
  } catch (e) {
    if (!(e instanceof ReportedError)) throw e;
    return { files: null, diagnostics: ctx.diagnostics.items };
  }
}
