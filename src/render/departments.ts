// The department schedules: departments.pdf (every department one after the other, contents, a
// bookmark each, 全庁共通（各課） once) and departments/<department>.pdf (a department's projects,
// then the 全庁共通（各課） projects it does not list, on the same page on). The department files
// are laid out as one document and their pages copied out of it with pdf-lib, so pdfmake's start,
// line breaking and font subsetting run once instead of 33 times. Words and order come from
// templates/department/.
import { ParseSpeeds, type PDFContext, PDFDocument, PDFObjectCopier, type PDFRef, type SaveOptions } from "pdf-lib";
import type { Content, TableCell } from "pdfmake/interfaces.js";
import path from "node:path";
import { ReportedError } from "../errors.js";
import type { Plan } from "../model/schema.js";
import { renderTemplate, templatePlace } from "../templates/engine.js";
import type { DocNode } from "../templates/primitives.js";
import { departmentsView, type DepartmentSheet, type DepartmentsView } from "../views/department.js";
import type { ScheduleRow } from "../views/gantt.js";
import { documentAuthor, type OutputFile, type RenderContext, shownPath } from "../context.js";
import { createPdf, footerGap, pageNumberStyle, pageNumberText } from "./pdf/document.js";
import { pageGeometry } from "./pdf/page.js";
import { installPdfLibPatch } from "./pdf/pdf-lib-speed.js";
import { stripHeight, textHeight } from "./pdf/card.js";
import { schedulePatterns } from "./pdf/schedule.js";
import { drawnCategories } from "./phases.js";
import { bulletList, capacityOf, departmentRuns, phraseRuns } from "./pdf/text.js";
import {
  drawWithSlots, hostHeader, hostWidths, layoutKeepingHeadings, nameRuns, stripCells,
  type HostRow, type Slot, type SlotTable,
} from "./schedule-table.js";
import { checkSlot, slotMistake } from "./schedule-table.js";

installPdfLibPatch();

const KIND = "department";
/**
 * No, name (with the description on a sheet), departments (pt); the fiscal years share the rest.
 * A sheet and the 各課 section use the same columns, so their years line up.
 */
const FIXED_COLUMNS = [20, 330, 104];

const sheetId = (i: number): string => `dept-${i + 1}`;

// pdf-lib pauses for a timer tick every 50–100 objects while it parses and saves (for browsers'
// sake): 34 files spent ~100 ms waiting. Parse and write without pausing.
const LOAD = { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest } as const;
// Object streams would deflate every copied object again: plain objects save in a third of the time.
const SAVE: SaveOptions = { useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY };

function sheetTable(view: DepartmentsView, slot: Slot, ctx: RenderContext): SlotTable {
  checkSlot(slot, ["own", "rest", "common"], ctx);
  const { theme } = ctx;
  const size = theme.sizes.gantt;
  const { widths, yearWidth } = hostWidths(KIND, FIXED_COLUMNS, view.period, ctx);
  const departments = capacityOf(FIXED_COLUMNS[2]!, size);
  const compact = (p: ScheduleRow): HostRow => ({ heading: false, cells: [
    { text: String(p.no), alignment: theme.numberAlign, fontSize: size } as TableCell,
    { text: nameRuns(p, ctx), fontSize: size } as TableCell,
    { text: departmentRuns(p.departments, departments), fontSize: size } as TableCell,
    ...stripCells(p.schedule, view.period, yearWidth, size, ctx),
  ] });
  const lh = theme.lineHeight;
  const [, nameWidth, departmentWidth] = FIXED_COLUMNS as [number, number, number];
  const strip = (p: ScheduleRow): number => stripHeight(p.schedule, view.period, yearWidth, size, lh) + 2;
  // Heights erring high (card.ts): whether a table goes on one page with its heading.
  let estimate = 2 * size * lh + 6;
  const compactHeight = (p: ScheduleRow): number =>
    Math.max(textHeight(p.name, size, nameWidth, lh), textHeight(p.departments.join("、"), size, departmentWidth, lh), strip(p)) + 6;
  let rows: HostRow[];
  if (slot.name === "own") {
    const groups = sheetFor(view, slot, ctx).groups;
    for (const g of groups) {
      estimate += size * lh + 3;
      for (const p of g.projects) {
        const text = textHeight(p.name, theme.sizes.table, nameWidth, lh) + 2
          + p.description.reduce((h, d) => h + textHeight(d, size, nameWidth - size - 1, lh) + 0.5, 0);
        estimate += Math.max(text, textHeight(p.coDepartments.join("、"), size, departmentWidth, lh), strip(p)) + 6;
      }
    }
    // The 基本方針 heads the first project of its group, inside the row: it can never be left
    // alone at a page's foot (which a group row can: finding that takes a second layout).
    rows = groups.flatMap((g) => g.projects.map((p, k): HostRow => ({ heading: false, cells: [
      { text: String(p.no), alignment: theme.numberAlign, fontSize: theme.sizes.table, ...(k === 0 ? { margin: [0, size * lh + 3, 0, 0] } : {}) } as TableCell,
      { stack: [
        ...(k === 0 ? [{ text: phraseRuns(g.policy), bold: true, fontSize: size, color: theme.colours.muted, margin: [0, 0, 0, 3] }] : []),
        { text: nameRuns(p, ctx), bold: true, fontSize: theme.sizes.table, margin: [0, 0, 0, 2] },
        bulletList(p.description, { fontSize: size, gap: 0.5 }),
      ] } as TableCell,
      { text: p.coDepartments.length ? departmentRuns(p.coDepartments, departments) : "―", fontSize: size } as TableCell,
      ...stripCells(p.schedule, view.period, yearWidth, size, ctx),
    ] })));
  } else {
    const listed = slot.name === "rest" ? sheetFor(view, slot, ctx).rest : view.common;
    for (const p of listed) estimate += compactHeight(p);
    rows = listed.map(compact);
  }
  const projects = slot.name === "own" ? sheetFor(view, slot, ctx).own : slot.name === "rest" ? sheetFor(view, slot, ctx).rest : view.common;
  const categories = drawnCategories(projects.map((p) => p.schedule), view.period);
  return { header: hostHeader(slot.header, view.period, ctx, size), rows, widths, fixed: FIXED_COLUMNS.length, categories, estimate };
}

/** The sheet a slot belongs to: its first argument names the department. */
function sheetFor(view: DepartmentsView, slot: Slot, ctx: RenderContext): DepartmentSheet {
  const sheet = view.sheets.find((s) => s.department === slot.args[0]);
  if (!sheet) {
    // A template mistake (a department that has no sheet), reported like any broken template.
    const ja = ctx.lang === "ja";
    slotMistake(slot, ja ? `@${slot.name} の担当課「${slot.args[0] ?? ""}」のシートがありません` : `@${slot.name} names no department sheet: ${slot.args[0] ?? "(none)"}`, ctx);
  }
  return sheet;
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
  ctx.diagnostics.add("PP503", at ?? { file: shownPath(ctx, path.join(ctx.templatesDir, KIND, file)) }, { reason });
  throw new ReportedError();
}

/** First page of each bookmarked heading (`dept-1`…, `dept-common`) in the laid-out content. */
function headingPages(content: unknown): Map<string, number> {
  const pages = new Map<string, number>();
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) { n.forEach(walk); return; }
    if (!n || typeof n !== "object") return;
    const rec = n as { id?: unknown; positions?: { pageNumber: number }[]; stack?: unknown };
    const page = rec.positions?.[0]?.pageNumber;
    if (typeof rec.id === "string" && rec.id.startsWith("dept-") && page !== undefined) pages.set(rec.id, page);
    if (rec.stack) walk(rec.stack);
  };
  walk(content);
  return pages;
}

const range = (from: number, to: number): number[] => Array.from({ length: Math.max(0, to - from) }, (_, k) => from + k);

/**
 * Page numbers drawn after the split, so a department's own file counts its own pages (1 / 3)
 * while departments.pdf counts all of them. pdfmake lays every label out in one small PDF (one
 * label per page, where the footer goes); each of its pages becomes a form XObject once, and a
 * file gets copies of the forms its pages need.
 */
interface Stamps { context: PDFContext; shift: number; formOf: Map<string, PDFRef> }

async function pageStamps(all: readonly string[], ctx: RenderContext): Promise<Stamps> {
  // one page per distinct label: "1 / 3" serves every three-page department
  const labels = [...new Set(all)];
  const page = pageGeometry(KIND, ctx);
  const [left, top, , bottom] = page.margins;
  // Laid out at the top of the body (a label in the bottom margin would push pdfmake to a new
  // page), then drawn lower by `shift` to where the shared footer puts page numbers.
  const content = labels.map((text, i) => ({
    stack: [{ text, alignment: "center", ...pageNumberStyle(ctx), absolutePosition: { x: left, y: top } }],
    ...(i > 0 ? { pageBreak: "before" } : {}),
  })) as Content[];
  const bytes = await createPdf({ kind: KIND, content, pageNumbers: "none" }, { title: "page numbers", author: "planpress" }, ctx);
  const shift = page.height - bottom + footerGap(bottom, false) - top;
  const doc = await PDFDocument.load(bytes, LOAD);
  const forms = await doc.embedPages(doc.getPages());
  for (const form of forms) await form.embed();
  return { context: doc.context, shift, formOf: new Map(labels.map((l, i) => [l, forms[i]!.ref])) };
}

/** Page i of `doc` gets its page number of the file's count. */
function stamp(doc: PDFDocument, stamps: Stamps, ctx: RenderContext): void {
  const pages = doc.getPages();
  // one copier per file: a form (and the label font) is copied into it once
  const copier = PDFObjectCopier.for(stamps.context, doc.context);
  pages.forEach((page, i) => {
    const form = copier.copy(stamps.formOf.get(pageNumberText(ctx, i + 1, pages.length))!);
    const name = page.node.newXObject("PageNumber", form);
    // A few bytes, left uncompressed: pdf-lib's drawPage deflated each one (with a fresh 300 kB
    // compressor), a third of the split's time.
    page.node.addContentStream(doc.context.register(doc.context.stream(`q 1 0 0 1 0 ${-stamps.shift} cm ${name.toString()} Do Q`)));
  });
}

function setInfo(doc: PDFDocument, title: string, subject: string, author: string, ctx: RenderContext): void {
  doc.setTitle(title);
  doc.setAuthor(author);
  doc.setSubject(subject);
  doc.setCreator("planpress");
  doc.setProducer("planpress (pdfmake, pdf-lib)");
  doc.setCreationDate(ctx.documentDate);
  doc.setModificationDate(ctx.documentDate);
  doc.setLanguage("ja");
}

/** Every department's file: its pages of the files' layout (0-based page indexes below), numbered as the theme writes page numbers. */
async function splitFiles(laid: Uint8Array, view: DepartmentsView, pages: Map<string, number>, ctx: RenderContext, author: string): Promise<OutputFile[]> {
  const source = await PDFDocument.load(laid, LOAD);
  const total = source.getPageCount();
  const starts = view.sheets.map((sheet, i) => {
    const first = pages.get(sheetId(i));
    if (first === undefined) throw new Error(`no page found for the sheet of ${sheet.department}`);
    return first;
  });
  const parts = starts.map((first, i) => range(first - 1, (starts[i + 1] ?? total + 1) - 1));
  const labels = parts.flatMap((part) => range(1, part.length + 1).map((n) => pageNumberText(ctx, n, part.length)));
  const stamps = await pageStamps(labels, ctx);
  const out: OutputFile[] = [];
  for (const [i, sheet] of view.sheets.entries()) {
    const doc = await PDFDocument.create({ updateMetadata: false });
    for (const page of await doc.copyPages(source, parts[i]!)) doc.addPage(page);
    stamp(doc, stamps, ctx);
    setInfo(doc, `${sheet.department} 担当事業 工程表`, view.title, author, ctx);
    out.push({ path: `departments/${sheet.fileName}`, data: await doc.save(SAVE) });
  }
  return out;
}

/** A template of templates/department/ laid out with its schedule tables (headings kept with them). */
async function layoutTemplate(main: string, plan: Plan, view: DepartmentsView, ctx: RenderContext, pageNumbers: "theme" | "none", meta: { title: string; author: string }) {
  const nodes = renderTemplate("department", main, {
    title: view.title, asOf: view.asOf, departmentCount: view.sheets.length,
    sheets: view.sheets.map((s, i) => ({ ...s, id: sheetId(i), planTitle: view.title, asOf: view.asOf })),
    common: view.common,
  }, ctx);
  checkSheetIds(nodes, view, main === "files" ? "file.hbs" : "sheet.hbs", ctx);
  return layoutKeepingHeadings(
    (breaks) => drawWithSlots(nodes, plan, KIND, ctx, (slot) => sheetTable(view, slot, ctx), breaks),
    (content) => createPdf(
      { kind: KIND, content, headerTitle: view.title, patterns: schedulePatterns(), pageNumbers },
      { title: meta.title, author: meta.author, lang: "ja" },
      ctx,
    ),
  );
}

export async function renderDepartments(plan: Plan, ctx: RenderContext): Promise<OutputFile[]> {
  const view = departmentsView(plan, ctx.config, ctx.asOf);
  const author = documentAuthor(ctx.config, view.title);
  const title = `${view.title} 担当課別 工程表`;
  const combined = await layoutTemplate("departments", plan, view, ctx, "theme", { title, author });
  const files = await layoutTemplate("files", plan, view, ctx, "none", { title, author });
  return [{ path: "departments.pdf", data: combined.data }, ...await splitFiles(files.data, view, headingPages(files.laid.content), ctx, author)];
}
