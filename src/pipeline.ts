// The input stages: read → normalise → validate gives the plan model every document is rendered
// from (loadPlan); reading and checking returned progress forms gives the returns a progress
// report is drawn from (loadReturns). Renderers get what these return and read nothing themselves.
import path from "node:path";
import type { Config } from "./config/schema.js";
import { DiagnosticBag, hasErrors, type Lang } from "./diagnostics/bag.js";
import { ReportedError } from "./errors.js";
import { readPlanTable, unusedColumnWordings } from "./ingest/index.js";
import type { Plan } from "./model/schema.js";
import { readReturnsDir } from "./progress/read-dir.js";
import type { SentForm } from "./progress/read-form.js";
import type { ValidatedReturns } from "./progress/schema.js";
import { validateReturns } from "./progress/validate.js";
import { assemble, normaliseRows, UNKNOWN_PERIOD } from "./normalise/index.js";
import { unifyNameForms } from "./normalise/variants.js";
import { planOrder } from "./normalise/order.js";
import { resolveRelists } from "./normalise/relist.js";
import { checkHierarchyNumbers, checkProjectNumbers } from "./validate/numbering.js";
import { checkGlyphs } from "./validate/glyphs.js";
import { checkDepartmentFileNames, checkDepartmentNames } from "./validate/departments.js";
import { checkRelists } from "./validate/relists.js";
import type { GlyphCoverage } from "./glyph-coverage.js";

export interface LoadOptions {
  config: Config; lang?: Lang; sheet?: string | undefined; bag?: DiagnosticBag;
  /** The PDF font's characters: cells with characters it lacks are told (PP351/PP352). */
  glyphs?: GlyphCoverage | null | undefined;
  /** Where the config came from, for the places of its words. */
  configFile?: string | undefined;
}

/** The plan model with every diagnostic; a file that could not be read gives an empty model. */
export async function loadPlan(inputPath: string, opts: LoadOptions): Promise<Plan> {
  const bag = opts.bag ?? new DiagnosticBag(opts.lang ?? "ja");
  const config = opts.config;
  const fallbackTitle = config.title ?? path.basename(inputPath, path.extname(inputPath));
  let table;
  try {
    table = await readPlanTable(inputPath, config, bag, opts.sheet);
  } catch (e) {
    if (!(e instanceof ReportedError)) throw e;
    return assemble(fallbackTitle, UNKNOWN_PERIOD, [], bag);
  }
  // the config's own words are told at the config file
  const configPlace = { file: opts.configFile ?? "planpress.config.json" };
  for (const label of unusedColumnWordings(table.blocks, config)) bag.add("PP268", configPlace, { label });
  if (!table.period && !table.periodSaid) {
    if (table.yearsElsewhere !== undefined) bag.add("PP371", { file: table.file, sheet: table.grid.sheet ?? "" }, { sheet: table.grid.sheet ?? "", other: table.yearsElsewhere });
    else bag.add("PP208", { file: table.file });
  }
  const read = normaliseRows(table, config, bag);
  if (!read.length && !hasErrors(bag.items)) bag.add("PP207", { file: table.file });
  unifyNameForms(read, bag);
  const sourced = planOrder(read, bag);
  resolveRelists(sourced, bag);
  checkProjectNumbers(sourced, bag);
  checkHierarchyNumbers(sourced, bag);
  checkRelists(sourced, bag);
  checkDepartmentNames(sourced, bag);
  checkDepartmentFileNames(sourced, config.allDepartmentsMarker, bag);
  let title = config.title ?? table.title ?? null;
  if (!title) {
    bag.add("PP205", { file: table.file });
    title = fallbackTitle;
  }
  if (opts.glyphs) {
    // the config's words are printed too (covers, running heads)
    const doc = config.document;
    const configTexts = [doc.meeting, doc.handoutLabel, doc.issuer].flatMap((t) => (t ? [{ text: t, place: configPlace }] : []));
    checkGlyphs(sourced, opts.glyphs, bag, { text: title, place: config.title ? configPlace : table.titlePlace }, ...configTexts);
  }
  return assemble(title, table.period ?? UNKNOWN_PERIOD, sourced, bag);
}

export interface ReturnsOptions {
  /** The report's fiscal year. */
  year: number;
  /** The folder of this year's returned forms and CSVs. */
  inputDir: string;
  /** A folder of earlier years' returns (the trend). */
  historyDir?: string | undefined;
  config: Config;
  bag: DiagnosticBag;
  /** The form as it was sent to a department, to name a locked cell that was changed (PP608). */
  sent?: SentForm;
  /** The PDF font's characters, to tell an entry's character the report would print as a box (PP351). */
  glyphs?: GlyphCoverage | null;
}

/**
 * The returned progress forms and CSVs of a folder (and the history folder), checked against the
 * plan: every problem is a diagnostic in the bag; rows with a problem are left out.
 */
export async function loadReturns(plan: Plan, opts: ReturnsOptions): Promise<ValidatedReturns> {
  const files = await readReturnsDir(opts.inputDir, opts.bag, opts.sent);
  // earlier years' forms may come from an earlier version of the plan: matched by 事業名 (PP635)
  if (opts.historyDir) files.push(...(await readReturnsDir(opts.historyDir, opts.bag, opts.sent, { byName: true })).map((f) => ({ ...f, history: true })));
  return validateReturns(plan, files, { year: opts.year, config: opts.config, diagnostics: opts.bag, glyphs: opts.glyphs });
}
