// The department schedules: departments.pdf (every department one after the other, contents, a
// bookmark each, 全庁共通（各課） once) and departments/<department>.pdf (a department's projects,
// then the 全庁共通（各課） projects it does not list, on the same page on). The department files
// are drawn into one PDF, one department laid out at a time, and their pages copied out of it with
// pdf-lib, so pdfmake's start and font subsetting run once instead of 33 times and only one
// department's layout is held at once. Words and order come from templates/department/.
import { type PDFContext, PDFDocument, PDFObjectCopier, type PDFRef, type SaveOptions } from "pdf-lib";
import type { Content, TableCell } from "pdfmake/interfaces.js";
import type { Plan } from "../model/schema.js";
import type { DocNode } from "../templates/primitives.js";
import { departmentsView, type DepartmentSheet, type DepartmentsView } from "../views/department.js";
import type { ScheduleRow } from "../views/gantt.js";
import { documentAuthor, type OutputFile, type RenderContext } from "../context.js";
import { departmentNodes as templateNodes, sheetId } from "./template-nodes.js";
import { createPdf, footerGap, pageNumberStyle, pageNumberText, tagged } from "./pdf/document.js";
import type { Driver } from "./pdf/layouts.js";
import { pageGeometry } from "./pdf/page.js";
import { installPdfLibPatch } from "./pdf/pdf-lib-speed.js";
import { loadOwnPdf } from "./pdf/own-pdf.js";
import { stripHeight, textHeight } from "./pdf/card.js";
import { schedulePatterns } from "./pdf/schedule.js";
import { copyTaggedPages, readTagged, setUaMetadata } from "./pdf/tagged-split.js";
import { drawnCategories } from "./phases.js";
import { bulletList, capacityOf, departmentRuns, phraseRuns } from "./pdf/text.js";
import {
  type Breaks, drawWithSlots, hostHeader, hostWidths, keepingHeadings, layoutKeepingHeadings, nameRuns, spanningCells, stripCells, textColumns,
  type HostRow, type SlotTable,
} from "./schedule-table.js";
import { scheduleRowHeight } from "./schedule-table.js";
import type { Slot } from "./slots.js";

installPdfLibPatch();

const KIND = "department";
/**
 * No, name (with the description on a sheet), departments (pt); the fiscal years share the rest.
 * A sheet and the 各課 section use the same columns, so their years line up.
 */
const FIXED_COLUMNS = [20, 330, 104] as const;

/**
 * The size of a sheet's Nos and project names: a name heads its description (the gantt size), so
 * it is never the smaller (a theme's 12 pt gantt size had printed its descriptions under 9 pt names).
 */
const sheetNameSize = (ctx: RenderContext): number => Math.max(ctx.theme.sizes.table, ctx.theme.sizes.gantt);

// pdf-lib pauses for a timer tick every 50–100 objects while it saves (for browsers' sake): 34
// files spent ~100 ms waiting. Write without pausing (own-pdf.ts reads without pausing).
// Object streams would deflate every copied object again: plain objects save in a third of the time.
const SAVE: SaveOptions = { useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY };

/**
 * The share of a page's body a row of a sheet's table takes at most (its description cut into
 * parts). Rows are kept whole, so a row that does not fit goes to the next page and leaves the
 * space it did not fit in empty: at 0.6 an 800-character description had left 40 % of a page blank.
 */
const PART_OF_PAGE = 0.3;

/** A part of a description: its items, the first of which `continues` the last of the part before. */
interface DescriptionPart { items: string[]; continues: boolean }

/**
 * A description in parts that each `fit`: cut after an item or a sentence (。), and inside a
 * sentence only where one alone does not fit. One part when the whole fits.
 */
function descriptionParts(items: readonly string[], fit: (items: string[]) => boolean): DescriptionPart[] {
  const parts: DescriptionPart[] = [{ items: [], continues: false }];
  for (const item of items) {
    let fresh = true; // the next piece starts the item
    for (const sentence of item.match(/[^。]+。?|。/gu) ?? [item]) {
      let rest = sentence;
      while (rest) {
        const part = parts.at(-1)!;
        const adding = (piece: string): string[] =>
          (fresh || part.items.length === 0 ? [...part.items, piece] : [...part.items.slice(0, -1), part.items.at(-1)! + piece]);
        if (fit(adding(rest))) { part.items = adding(rest); fresh = false; break; }
        if (part.items.length > 0) { parts.push({ items: [], continues: !fresh }); continue; }
        // one sentence taller than a part: as many characters as fit (one at least)
        let lo = 1, hi = rest.length;
        while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (fit(adding(rest.slice(0, mid)))) lo = mid; else hi = mid - 1; }
        part.items = adding(rest.slice(0, lo));
        fresh = false;
        rest = rest.slice(lo);
      }
    }
  }
  return parts;
}

/**
 * descriptionParts of at most `budget` high, as even as the same number of parts allows: cut by
 * the budget alone, a description a line over it had left its last line alone in a row.
 */
function evenParts(items: readonly string[], height: (items: string[]) => number, budget: number): DescriptionPart[] {
  const partsWithin = (b: number) => descriptionParts(items, (part) => height(part) <= b);
  const parts = partsWithin(budget);
  if (parts.length === 1) return parts;
  // the smallest budget (to a point) that still needs no more parts
  let lo = height([...items]) / parts.length, hi = budget;
  while (hi - lo > 1) { const mid = (lo + hi) / 2; if (partsWithin(mid).length <= parts.length) hi = mid; else lo = mid; }
  return partsWithin(hi);
}

/** A part's items as the description's bullets; an item continued from the part before has no bullet of its own. */
function descriptionList(part: DescriptionPart, size: number): Content {
  const [first, ...rest] = part.items;
  if (!part.continues || first === undefined) return bulletList(part.items, { fontSize: size, gap: 0.5 });
  return { stack: [bulletList([first], { fontSize: size, gap: 0.5, marker: "" }), ...(rest.length ? [bulletList(rest, { fontSize: size, gap: 0.5 })] : [])] };
}

function sheetTable(view: DepartmentsView, slot: Slot, fixed: readonly [number, number, number], ctx: RenderContext): SlotTable {
  const { theme } = ctx;
  const size = theme.sizes.gantt;
  const { widths, yearWidth } = hostWidths(KIND, fixed, view.period, ctx);
  const departments = capacityOf(fixed[2], size);
  const compact = (p: ScheduleRow): HostRow => ({ heading: false, cells: [
    { text: String(p.no), alignment: theme.numberAlign, fontSize: size } as TableCell,
    { text: nameRuns(p, ctx), fontSize: size } as TableCell,
    { text: departmentRuns(p.departments, departments), fontSize: size } as TableCell,
    ...stripCells(p.schedule, view.period, yearWidth, size, ctx),
  ] });
  const lh = theme.lineHeight;
  const nameSize = sheetNameSize(ctx);
  const [, nameWidth, departmentWidth] = fixed;
  const strip = (p: ScheduleRow): number => stripHeight(p.schedule, view.period, yearWidth, size, lh) + 2;
  // Heights erring high (card.ts): whether a table goes on one page with its heading.
  let estimate = 2 * size * lh + 6;
  let tallest = 0;
  const compactHeight = (p: ScheduleRow): number => scheduleRowHeight(p, fixed, { name: size, text: size }, view.period, yearWidth, lh);
  let rows: HostRow[];
  if (slot.name === "own") {
    const groups = sheetFor(view, slot).groups;
    const descriptionHeight = (items: readonly string[]): number => items.reduce((h, d) => h + textHeight(d, size, nameWidth - size - 1, lh) + 0.5, 0);
    // A description taller than a part of a page goes on in rows of its own (descriptionParts):
    // a row taller than a page had let every row of the department's table break across pages
    // (a short row's last line alone on a page), its later part with No and name blank.
    const partBudget = pageGeometry(KIND, ctx).bodyHeight * PART_OF_PAGE;
    const partsOf = new Map<ScheduleRow, DescriptionPart[]>();
    for (const g of groups) {
      estimate += size * lh + 4.5;
      for (const p of g.projects) {
        const name = textHeight(p.name, nameSize, nameWidth, lh) + 2;
        const parts = evenParts(p.description, (items) => descriptionHeight(items), partBudget - name);
        partsOf.set(p, parts);
        parts.forEach((part, k) => {
          const row = Math.max(name + descriptionHeight(part.items), k > 0 ? 0 : Math.max(textHeight(p.coDepartments.join("、"), size, departmentWidth, lh), strip(p))) + 6;
          estimate += row;
          tallest = Math.max(tallest, row);
        });
      }
    }
    // A 基本方針 is a group row, as in the 工程表: repeated (with the template's "continued"
    // words) at the top of a page its group goes on to, and never left alone at a page's foot.
    const columns = widths.length;
    rows = [];
    for (const g of groups) {
      const groupRow = rows.length;
      rows.push({ heading: true, cells: spanningCells({ text: phraseRuns(g.policy), bold: true, fontSize: size, fillColor: theme.colours.groupFill } as TableCell, columns) });
      for (const p of g.projects) {
        const [first, ...more] = partsOf.get(p)!;
        rows.push({ heading: false, under: [groupRow], cells: [
          { text: String(p.no), alignment: theme.numberAlign, fontSize: nameSize } as TableCell,
          { stack: [
            { text: nameRuns(p, ctx), bold: true, fontSize: nameSize, margin: [0, 0, 0, 2] },
            descriptionList(first!, size),
          ] } as TableCell,
          { text: p.coDepartments.length ? departmentRuns(p.coDepartments, departments) : "―", fontSize: size } as TableCell,
          ...stripCells(p.schedule, view.period, yearWidth, size, ctx),
        ] });
        // its No and name again in grey, marked as continued, over the rest of its description
        for (const part of more) rows.push({ heading: false, under: [groupRow], cells: [
          { text: String(p.no), alignment: theme.numberAlign, fontSize: nameSize, color: theme.colours.muted } as TableCell,
          { stack: [
            { text: [...nameRuns(p, ctx), slot.continued ?? "（続き）"], bold: true, fontSize: nameSize, color: theme.colours.muted, margin: [0, 0, 0, 2] },
            descriptionList(part, size),
          ] } as TableCell,
          { text: "", fontSize: size } as TableCell,
          ...stripCells([], view.period, yearWidth, size, ctx),
        ] });
      }
    }
  } else {
    const listed = slot.name === "rest" ? sheetFor(view, slot).rest : view.common;
    for (const p of listed) { const row = compactHeight(p); estimate += row; tallest = Math.max(tallest, row); }
    rows = listed.map(compact);
  }
  const projects = slot.name === "own" ? sheetFor(view, slot).own : slot.name === "rest" ? sheetFor(view, slot).rest : view.common;
  const categories = drawnCategories(projects.map((p) => p.schedule), view.period);
  return { header: hostHeader(slot.header, view.period, ctx, size, yearWidth), rows, widths, fixed: fixed.length, categories, estimate, tallest };
}

/** The sheet a slot belongs to: its first argument names the department (one with a sheet: departmentNodes checks it). */
function sheetFor(view: DepartmentsView, slot: Slot): DepartmentSheet {
  return view.sheets.find((s) => s.department === slot.args[0])!;
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
  const bytes = await createPdf({ kind: KIND, content, pageNumbers: "none", untagged: true }, { title: "page numbers", author: "planpress" }, ctx);
  const shift = page.height - bottom + footerGap(bottom, false) - top;
  const doc = await loadOwnPdf(bytes);
  const forms = await doc.embedPages(doc.getPages());
  for (const form of forms) await form.embed();
  return { context: doc.context, shift, formOf: new Map(labels.map((l, i) => [l, forms[i]!.ref])) };
}

/**
 * The stamps made last in this thread, by what they depend on: `watch` cuts the files again at
 * every rebuild, mostly with the same labels, and the stamps' context is only read from (each
 * file copies the forms it needs). A one-off build makes them once per thread anyway.
 */
let lastStamps: { key: string; stamps: Stamps } | null = null;

async function stampsFor(labels: readonly string[], ctx: RenderContext): Promise<Stamps> {
  const key = JSON.stringify([[...new Set(labels)], pageGeometry(KIND, ctx), ctx.theme, ctx.projectRoot]);
  if (lastStamps?.key !== key) lastStamps = { key, stamps: await pageStamps(labels, ctx) };
  return lastStamps.stamps;
}

/** Page i of `doc` gets the label page n/count (in a tagged file an Artifact, as the running head is). */
function stamp(doc: PDFDocument, stamps: Stamps, ctx: RenderContext, artifact: boolean): void {
  const pages = doc.getPages();
  // one copier per file: a form (and the label font) is copied into it once
  const copier = PDFObjectCopier.for(stamps.context, doc.context);
  pages.forEach((page, i) => {
    const form = copier.copy(stamps.formOf.get(pageNumberText(ctx, i + 1, pages.length))!);
    const name = page.node.newXObject("PageNumber", form);
    // A few bytes, left uncompressed: pdf-lib's drawPage deflated each one (with a fresh 300 kB
    // compressor), a third of the split's time.
    const draw = `q 1 0 0 1 0 ${-stamps.shift} cm ${name.toString()} Do Q`;
    page.node.addContentStream(doc.context.register(doc.context.stream(artifact ? `/Artifact <</Type /Pagination>> BDC ${draw} EMC` : draw)));
  });
}

function setInfo(doc: PDFDocument, title: string, subject: string, author: string, ctx: RenderContext, ua: boolean): void {
  doc.setTitle(title, { showInWindowTitleBar: ua });
  doc.setAuthor(author);
  doc.setSubject(subject);
  doc.setCreator("planpress");
  doc.setProducer("planpress (pdfmake, pdf-lib)");
  doc.setCreationDate(ctx.documentDate);
  doc.setModificationDate(ctx.documentDate);
  doc.setLanguage("ja");
  if (ua) setUaMetadata(doc, { title, author, date: ctx.documentDate, producer: "planpress (pdfmake, pdf-lib)" });
}

/**
 * The files this thread claims of the files' layout (`parts`: 0-based page indexes, one list a
 * sheet), each numbered as the theme writes page numbers. A file's bytes depend on the layout
 * and its own pages only, so two threads can each cut some: whichever is free claims the next
 * file (`claimed`, a count both threads share), and one still busy with its own documents when
 * all are claimed cuts none.
 */
async function splitFiles({ laid, parts, claimed }: LaidFiles, view: DepartmentsView, ctx: RenderContext): Promise<OutputFile[]> {
  const count = new Int32Array(claimed);
  const claim = (): number | null => { const i = Atomics.add(count, 0, 1); return i < view.sheets.length ? i : null; };
  let i = claim();
  if (i === null) return [];
  // each object parsed when a file first needs it: a thread cutting some of the files reads only theirs
  const source = await loadOwnPdf(laid, { lazy: true });
  // each file carries the structure of its pages (tagged-split.ts)
  const structure = tagged(ctx) ? readTagged(source) : null;
  const labels = parts.flatMap((part) => range(1, part.length + 1).map((n) => pageNumberText(ctx, n, part.length)));
  const stamps = await stampsFor(labels, ctx);
  const author = documentAuthor(ctx.config, view.title);
  const out: OutputFile[] = [];
  for (; i !== null; i = claim()) {
    const sheet = view.sheets[i]!;
    const doc = await PDFDocument.create({ updateMetadata: false });
    copyTaggedPages(source, structure, doc, parts[i]!);
    stamp(doc, stamps, ctx, structure !== null);
    setInfo(doc, `${sheet.department} 担当事業 工程表`, view.title, author, ctx, structure !== null);
    out.push({ path: `departments/${sheet.fileName}`, data: await doc.save(SAVE) });
  }
  return out;
}

/**
 * The files' description cut where each sheet's heading starts (its bookmark id): each sheet's
 * nodes, and what comes before the first sheet (part of no file).
 */
function sheetParts(nodes: readonly DocNode[], view: DepartmentsView): { before: DocNode[]; sheets: DocNode[][] } {
  const index = new Map(view.sheets.map((_, i) => [sheetId(i), i]));
  const before: DocNode[] = [];
  const sheets: DocNode[][] = view.sheets.map(() => []);
  let current = before;
  for (const n of nodes) {
    const at = n.type === "heading" && n.outline ? index.get(n.outline.id) : undefined;
    if (at !== undefined) current = sheets[at]!;
    current.push(n);
  }
  return { before, sheets };
}

/** departments.pdf and every department's file. */
export async function renderDepartments(plan: Plan, ctx: RenderContext): Promise<OutputFile[]> {
  return [await renderCombined(plan, ctx), ...await renderDepartmentFiles(plan, ctx)];
}

/** The PDF of a departments document: the view's title and author, the schedule patterns. */
function departmentsPdf(view: DepartmentsView, ctx: RenderContext, content: Driver, pageNumbers: "theme" | "none"): Promise<Uint8Array> {
  const meta = { title: `${view.title} 担当課別 工程表`, author: documentAuthor(ctx.config, view.title), lang: "ja" };
  return createPdf({ kind: KIND, content, headerTitle: view.title, patterns: schedulePatterns(), pageNumbers }, meta, ctx);
}

const laidOut = (view: DepartmentsView, nodes: readonly DocNode[], plan: Plan, ctx: RenderContext) => {
  const fixed = textColumns(FIXED_COLUMNS, plan, sheetNameSize(ctx), KIND, ctx);
  return (breaks: Breaks) => drawWithSlots(nodes, plan, KIND, ctx, (slot) => sheetTable(view, slot, fixed, ctx), breaks);
};

/** departments.pdf: every department one after the other (templates/department/departments.hbs). */
export async function renderCombined(plan: Plan, ctx: RenderContext): Promise<OutputFile> {
  const view = departmentsView(plan, ctx.config, ctx.asOf);
  const data = await departmentsPdf(view, ctx, keepingHeadings(laidOut(view, templateNodes("departments", view, ctx), plan, ctx)), "theme");
  return { path: "departments.pdf", data };
}

/**
 * The laid-out department files, handed to another thread to cut some of them into files
 * (cutDepartmentFiles), and how many files have been claimed by the threads cutting them.
 */
export interface LaidFiles { laid: Uint8Array; parts: number[][]; claimed: SharedArrayBuffer }

/** The files this thread claims of a layout another thread made (renderDepartmentFiles' `share`). */
export function cutDepartmentFiles(plan: Plan, ctx: RenderContext, laid: LaidFiles): Promise<OutputFile[]> {
  return splitFiles(laid, departmentsView(plan, ctx.config, ctx.asOf), ctx);
}

/** `files` of the department files in the order of the departments (two threads cut them in turns). */
export function inDepartmentOrder(plan: Plan, ctx: RenderContext, files: readonly OutputFile[]): OutputFile[] {
  const at = new Map(departmentsView(plan, ctx.config, ctx.asOf).sheets.map((s, i) => [`departments/${s.fileName}`, i]));
  return [...files].sort((a, b) => (at.get(a.path) ?? 0) - (at.get(b.path) ?? 0));
}

/**
 * departments/<department>.pdf, one a department (templates/department/files.hbs). With `share`,
 * the layout is handed to it once drawn, and the files are cut by whichever thread claims each
 * first: those this thread cut are returned (the caller's with cutDepartmentFiles).
 */
export async function renderDepartmentFiles(plan: Plan, ctx: RenderContext, share?: (laid: LaidFiles) => void): Promise<OutputFile[]> {
  const view = departmentsView(plan, ctx.config, ctx.asOf);
  // Each department laid out and drawn on its own, one after the other, into one PDF (its fonts
  // shared) that is cut into files: only one department's layout is held at a time, and a
  // heading kept with its table lays out that department again, not all of them.
  const { before, sheets } = sheetParts(templateNodes("files", view, ctx), view);
  const counts: number[] = [];
  const files = await departmentsPdf(view, ctx, (l) => {
    for (const nodes of before.length ? [before, ...sheets] : sheets) {
      counts.push(layoutKeepingHeadings(laidOut(view, nodes, plan, ctx), (content) => l.layout(content)));
      l.draw();
    }
  }, "none");
  let next = before.length ? counts.shift()! : 0;
  const laid: LaidFiles = { laid: files, parts: counts.map((n) => range(next, (next += n))), claimed: new SharedArrayBuffer(4) };
  share?.(laid);
  return splitFiles(laid, view, ctx);
}
