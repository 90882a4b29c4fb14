// The 新旧対照表 of two plan versions: compare.pdf (A4 landscape: cover, summary, then the table,
// 新 on the left and 旧 on the right) and compare.xlsx (one row per change). Words and order come
// from templates/compare/; this module draws. The change list is made by src/compare/.
import type { ChangeList } from "../compare/schema.js";
import { fiscalYearLabel, warekiDate } from "../fiscal.js";
import type { Segment } from "../compare/text-diff.js";
import { renderTemplate } from "../templates/engine.js";
import { compareView, type CompareRow, type CompareView, type ProjectEntry } from "../views/compare.js";
import { type CompareWording, compareWording } from "./compare-wording.js";
import { compareWorkbook } from "./compare-xlsx.js";
import { documentAuthor, type OutputFile, type RenderContext } from "../context.js";
import { createPdf } from "./pdf/document.js";
import { drawDocument } from "./pdf/draw.js";
import { schedulePatterns } from "./pdf/schedule.js";
import type { Wording } from "../templates/wording.js";

const NO_YEAR = -1;

/** The page set-up: the theme's `compare`, else the department sheets' A4 landscape. */
const pageKind = (ctx: RenderContext) => (ctx.theme.pages.compare ? "compare" : "department");

export async function renderCompare(list: ChangeList, given: RenderContext): Promise<OutputFile[]> {
  // No year is highlighted: an as-of tint in the empty years of a bar row would read as a phase.
  const ctx: RenderContext = { ...given, asOf: NO_YEAR };
  const wording = compareWording(ctx);
  const view = compareView(list, {
    placeSeparator: wording.words.placeSeparator,
    allDepartmentsMarker: ctx.config.allDepartmentsMarker,
    year: (y) => fiscalYearLabel(y, ctx.theme),
  });
  const pdf = await comparePdf(view, wording, ctx);
  const xlsx = await compareWorkbook(view, wording, ctx);
  return [{ path: "compare.pdf", data: pdf }, { path: "compare.xlsx", data: xlsx }];
}

/** A row as the templates get it: every field present (the templates are compiled strict). */
function rowData(row: CompareRow, words: CompareWording) {
  const label = words.aspects[row.aspect];
  if ("schedule" in row) return { label, schedule: row.schedule, new: [] as Segment[], old: [] as Segment[] };
  return { label, schedule: null, new: row.new, old: row.old };
}

function heading(p: ProjectEntry, { words, fill }: Wording<CompareWording>): string {
  const data = { new: p.newNo ?? "", old: p.oldNo ?? "", name: p.name };
  const which = p.oldNo === null ? "added" : p.newNo === null ? "removed" : p.oldNo === p.newNo ? "same" : "renumbered";
  return fill(words.headings[which], data);
}

function templateData(view: CompareView, wording: Wording<CompareWording>, ctx: RenderContext): object {
  const { words } = wording;
  const doc = ctx.config.document;
  return {
    ...view,
    counts: view.counts.map((c) => ({ ...c, label: words.kinds[c.kind] })),
    planRows: view.planRows.map((r) => rowData(r, words)),
    projects: view.projects.map((p) => ({
      ...p, heading: heading(p, wording), kindLabels: p.kinds.map((k) => words.kinds[k]), rows: p.rows.map((r) => rowData(r, words)),
    })),
    label: doc.handoutLabel ?? "",
    meeting: doc.meeting ?? "",
    date: ctx.datePrinted ? warekiDate(ctx.documentDate) : "",
    issuer: doc.issuer ?? "",
  };
}

async function comparePdf(view: CompareView, wording: Wording<CompareWording>, ctx: RenderContext): Promise<Uint8Array> {
  const kind = pageKind(ctx);
  const nodes = renderTemplate("compare", "compare", templateData(view, wording, ctx), ctx);
  // One year axis for both versions: the union of their periods.
  const period = { start: Math.min(view.old.period.start, view.new.period.start), end: Math.max(view.old.period.end, view.new.period.end) };
  const content = drawDocument(nodes, { kind, period }, ctx);
  const title = wording.fill(wording.words.title, { plan: view.new.title });
  return createPdf({ kind, content, headerTitle: title, plainPages: 1, patterns: schedulePatterns() },
    { title, author: documentAuthor(ctx.config, view.new.title), lang: "ja" }, ctx);
}
