// What the templates of the PDFs write of a plan (the document descriptions), apart from their
// drawing: the booklet, the roadmap, the department schedules, the 新旧対照表 and the progress
// report render these, and `check` renders them too (no page drawn, no PDF library loaded) so a
// broken template is told before a build.
import path from "node:path";
import { ReportedError } from "../errors.js";
import type { Plan } from "../model/schema.js";
import { renderTemplate, templatePlace } from "../templates/engine.js";
import type { DocNode } from "../templates/primitives.js";
import { bookletView, measureLabel } from "../views/booklet.js";
import { departmentsView, type DepartmentsView } from "../views/department.js";
import { ganttView } from "../views/gantt.js";
import { type RenderContext, shownPath } from "../context.js";
import type { ChangeList } from "../compare/schema.js";
import type { Segment } from "../compare/text-diff.js";
import { fiscalYearLabel, warekiDate } from "../fiscal.js";
import type { ValidatedReturns } from "../progress/schema.js";
import type { Wording } from "../templates/wording.js";
import { type CompareRow, type CompareTexts, compareView, type CompareView, type ProjectEntry } from "../views/compare.js";
import { progressView, type ProgressView } from "../views/progress.js";
import { opensWithList } from "../normalise/description.js";
import { type CompareWording, compareWording } from "./compare-wording.js";
import { progressWording } from "./progress-wording.js";
import { pageGeometry } from "./pdf/page.js";
import { checkSlots, slotOf } from "./slots.js";
import { leastTableWidth, tableWidths } from "./table-width.js";

/** The booklet's view and the description templates/booklet/ writes of it. */
export function bookletNodes(plan: Plan, ctx: RenderContext) {
  const view = bookletView(plan, ctx.config, ctx.datePrinted ? ctx.documentDate : null, ctx.asOf);
  const nodes = renderTemplate("booklet", "booklet", view, ctx);
  checkFitsPage(nodes, "booklet", ctx);
  return { view, nodes };
}

/** The roadmap's view and the description templates/gantt/ writes of it. */
export function ganttNodes(plan: Plan, ctx: RenderContext) {
  const view = ganttView(plan, ctx.config, ctx.asOf);
  const nodes = renderTemplate("gantt", "gantt", {
    title: view.title, period: view.period, asOf: view.asOf, asOfShown: view.asOfShown, projectCount: plan.projects.length,
    policies: view.policies.map((p) => ({ policy: p.policy, measures: p.measures.map((m) => ({
      number: m.measure.number, label: measureLabel(m.measure.number), title: m.measure.title })) })),
  }, ctx);
  checkSlots(nodes, ["projects"], ctx);
  checkFitsPage(nodes, "gantt", ctx);
  return { view, nodes };
}

/** The bookmark id of the department sheet `i` (the files are split at it). */
export const sheetId = (i: number): string => `dept-${i + 1}`;

/** The description templates/department/<main>.hbs writes, its sheets' headings checked. */
export function departmentNodes(main: "departments" | "files", view: DepartmentsView, ctx: RenderContext): DocNode[] {
  const nodes = renderTemplate("department", main, {
    title: view.title, asOf: view.asOf, asOfShown: view.asOfShown, departmentCount: view.sheets.length,
    // the contents' entries (departments.hbs leaves a contents of one out)
    entries: view.sheets.length + (view.common.length ? 1 : 0),
    sheets: view.sheets.map((s, i) => ({ ...s, id: sheetId(i), planTitle: view.title, asOf: view.asOf, asOfShown: view.asOfShown, commonCount: view.common.length })),
    common: view.common,
  }, ctx);
  checkSheetIds(nodes, view, main === "files" ? "file.hbs" : "sheet.hbs", ctx);
  checkSlots(nodes, ["own", "rest", "common"], ctx, view.sheets.map((s) => s.department));
  checkFitsPage(nodes, "department", ctx);
  return nodes;
}

/** departments.pdf's and the department files' descriptions (what `check` renders). */
export function allDepartmentNodes(plan: Plan, ctx: RenderContext): void {
  const view = departmentsView(plan, ctx.config, ctx.asOf);
  departmentNodes("departments", view, ctx);
  departmentNodes("files", view, ctx);
}

/**
 * The bookmarks the split into department files goes by: the sheet heading (sheet.hbs, file.hbs)
 * keeps the id it is given (`{{json id}}`). Without it a template mistake would be an internal
 * error: PP503 at the heading's line (the bookmark's words can be changed freely: "text").
 */
function checkSheetIds(nodes: readonly DocNode[], view: DepartmentsView, file: string, ctx: RenderContext): void {
  const ids = new Set(nodes.flatMap((n) => (n.type === "heading" && n.outline ? [n.outline.id] : [])));
  if (view.sheets.every((_, i) => ids.has(sheetId(i)))) return;
  const reason = ctx.lang === "ja"
    ? '各課のシートの見出しの "outline" の "id" は {{json id}} のままにしてください（担当課ごとのファイルに分ける目印です。しおりの文字は "text" で変えられます）'
    : 'keep the sheet heading\'s "outline" "id" as {{json id}} (the department files are split there; change the bookmark\'s words with "text")';
  const fromFile = nodes.map((n) => ({ n, at: templatePlace(n) })).filter((x) => x.at?.file.endsWith(file));
  const at = (fromFile.find((x) => x.n.type === "heading" && x.n.outline) ?? fromFile.find((x) => x.n.type === "heading"))?.at;
  ctx.diagnostics.add("PP503", at ?? { file: shownPath(ctx, path.join(ctx.templatesDir, "department", file)) }, { reason });
  throw new ReportedError();
}

/** What the 新旧対照表's view writes in words of its own: the wording file's and the config's. */
export function compareTexts(wording: Wording<CompareWording>, ctx: RenderContext): CompareTexts {
  const { shiftOld, shiftLater, shiftEarlier, split } = wording.words.planTexts;
  return {
    placeSeparator: wording.words.placeSeparator,
    allDepartmentsMarker: ctx.config.allDepartmentsMarker,
    year: (y) => fiscalYearLabel(y, ctx.theme),
    shift: (years, projects) => ({ old: shiftOld, new: wording.fill(years > 0 ? shiftLater : shiftEarlier, { years: String(Math.abs(years)), projects: String(projects) }) }),
    split: (names, projects, nos) => wording.fill(split, { names: names.join("、"), projects: String(projects), nos: nos.join("、") }),
  };
}

/** The 新旧対照表's view, its words (templates/compare/wording.json) and the description templates/compare/ writes. */
export function compareNodes(list: ChangeList, ctx: RenderContext) {
  const wording = compareWording(ctx);
  const view = compareView(list, compareTexts(wording, ctx));
  const nodes = renderTemplate("compare", "compare", compareData(view, wording, ctx), ctx);
  checkFitsPage(nodes, comparePageKind(ctx), ctx);
  return { view, wording, nodes };
}

/** The 新旧対照表's page set-up: the theme's `compare`, else the department sheets' A4 landscape. */
export const comparePageKind = (ctx: RenderContext): string => (ctx.theme.pages.compare ? "compare" : "department");

/**
 * A row as the templates get it: every field present (the templates are compiled strict). A
 * schedule with each version's period: the years of the other's alone are drawn as outside it.
 */
function rowData(row: CompareRow, words: CompareWording, view: CompareView) {
  const label = words.aspects[row.aspect];
  if ("schedule" in row) return { label, schedule: { ...row.schedule, newPeriod: view.new.period, oldPeriod: view.old.period }, new: [] as Segment[], old: [] as Segment[] };
  return { label, schedule: null, new: row.new, old: row.old };
}

function heading(p: ProjectEntry, { words, fill }: Wording<CompareWording>): string {
  const data = { new: p.newNo ?? "", old: p.oldNo ?? "", name: p.name };
  const which = p.oldNo === null ? "added" : p.newNo === null ? "removed" : p.oldNo === p.newNo ? "same" : "renumbered";
  return fill(words.headings[which], data);
}

/**
 * The cover's words from the config, as the 新旧対照表 and the progress report print them: each
 * there, "" when the config has none (the templates test them with {{#if}}).
 */
function coverWords(ctx: RenderContext) {
  const doc = ctx.config.document;
  return {
    label: doc.handoutLabel ?? "",
    meeting: doc.meeting ?? "",
    date: ctx.datePrinted ? warekiDate(ctx.documentDate) : "",
    issuer: doc.issuer ?? "",
  };
}

function compareData(view: CompareView, wording: Wording<CompareWording>, ctx: RenderContext): object {
  const { words } = wording;
  return {
    ...view,
    counts: view.counts.map((c) => ({ ...c, label: words.kinds[c.kind] })),
    planRows: view.planRows.map((r) => rowData(r, words, view)),
    projects: view.projects.map((p) => ({
      ...p, heading: heading(p, wording), kindLabels: p.kinds.map((k) => words.kinds[k]), rows: p.rows.map((r) => rowData(r, words, view)),
    })),
    ...coverWords(ctx),
  };
}


/** The progress report's view of `year`, its words (templates/progress/wording.json) and the description templates/progress/ writes. */
export function progressNodes(plan: Plan, returns: ValidatedReturns, year: number, ctx: RenderContext) {
  const view = progressView(plan, returns, year, ctx.config);
  if (ctx.config.title) view.title = ctx.config.title;
  const wording = progressWording(ctx);
  const model = progressData(view, ctx);
  const nodes = [...renderTemplate("progress", "summary", model, ctx), ...renderTemplate("progress", "projects", model, ctx)];
  checkFitsPage(nodes, "progress", ctx);
  return { view, wording, nodes };
}

/** What the progress templates get: the view plus the cover's words from the config. */
function progressData(view: ProgressView, ctx: RenderContext): object {
  return {
    ...view,
    // Each policy's number of projects, for the chart's labels: its projects, not the sum of its
    // bars (a project whose departments report different statuses is in each: 「24事業」 of 16)
    // An entry that is a list (・甲⏎・乙, 1. 甲⏎2. 乙) starts on the line under its label: its first
    // item had been printed beside 「実績：」, the others under it (the xlsx cell has no label)
    policies: view.policies.map((p) => ({
      ...p, total: p.projects.length,
      projects: p.projects.map((project) => ({ ...project, reports: project.reports.map((r) => ({
        ...r, result: underLabel(r.result), issues: underLabel(r.issues), direction: underLabel(r.direction),
      })) })),
    })),
    ...coverWords(ctx),
  };
}

const underLabel = (entry: string): string => (opensWithList(entry) ? `\n${entry}` : entry);

/**
 * A template's tables as laid out on `kind`'s page: widths adding up to more than the page body
 * holds are a warning at the table's line (PP534: it runs into the margin or off the paper; the
 * progress summary's had, by 14 mm), once a line (a chapter's table is one template line). Told
 * here, as the template is rendered, so `check` says it too (it had been said by the build only).
 * The schedule tables' widths (slots) are the drawing's, not the template's. A space taller than
 * the page is said too (PP518).
 */
function checkFitsPage(nodes: readonly DocNode[], kind: string, ctx: RenderContext): void {
  const { bodyWidth: body, bodyHeight } = pageGeometry(kind, ctx);
  const told = new Set<string>();
  for (const node of nodes) {
    // a space taller than the page's body (`"height": 5000`) leaves a page empty: said at its line
    if (node.type === "space" && node.height > bodyHeight) {
      const at = templatePlace(node) ?? { file: shownPath(ctx, ctx.templatesDir) };
      ctx.diagnostics.add("PP518", at, { height: String(node.height), body: String(Math.floor(bodyHeight)) });
    }
    if (node.type !== "table" || slotOf(node, ctx)) continue;
    const least = leastTableWidth(tableWidths(node, ctx.theme.sizes.table), ctx.theme.sizes.table);
    const at = templatePlace(node) ?? { file: shownPath(ctx, ctx.templatesDir) };
    const key = `${at.file}:${"line" in at ? at.line : ""}`;
    if (least <= body + 1 || told.has(key)) continue;
    told.add(key);
    ctx.diagnostics.add("PP534", at, { widths: String(Math.round(least)), body: String(Math.round(body)) });
  }
}
