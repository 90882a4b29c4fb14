// What the 工程表 and the department sheets share: tables of schedule rows (No, name, departments,
// then the period's years holding the row's strip), drawn in their place in a template's document
// description (a "slot", slots.ts), and the keep-with-next of group headings pdfmake lacks for table rows.
import type { Content, TableCell } from "pdfmake/interfaces.js";
import type { Phase, Plan } from "../model/schema.js";
import type { DocNode } from "../templates/primitives.js";
import type { ScheduleRow } from "../views/gantt.js";
import type { RenderContext } from "../context.js";
import { houseStyle } from "../templates/wording.js";
import { fitsBody, fitsPage, stripHeight, textHeight } from "./pdf/card.js";
import { drawDocument, planSource } from "./pdf/draw.js";
import { type Driver, pageFeet } from "./pdf/layouts.js";
import { pageGeometry } from "./pdf/page.js";
import { scheduleStrip, scheduleTableLayout, yearColumnWidths, yearHeadingCells, type Period } from "./pdf/schedule.js";
import { type Slot, slotOf } from "./slots.js";
import { noColumnWidth } from "./table-width.js";
import { artifact, role } from "./pdf/tags.js";
import { noteRuns, phraseRuns } from "./pdf/text.js";

/**
 * A table row, whether it is a group heading (which must not end a page), and the group heading
 * rows it is under (indices, outermost first): they are repeated, marked as continued, at the
 * top of a page the row starts.
 */
export interface HostRow { cells: TableCell[]; heading: boolean; under?: readonly number[] }

const TEXT_PAD = 3;
const RULE = 0.5;

/** Column widths for text columns `fixed` (pt) and the year columns filling the rest of the page body. */
export function hostWidths(kind: string, fixed: readonly number[], period: Period, ctx: RenderContext): { widths: number[]; yearWidth: number } {
  const years = period.end - period.start + 1;
  // Every text column adds its padding and the rule on its left; the table adds one rule at its right.
  const taken = fixed.reduce((a, b) => a + b + 2 * TEXT_PAD + RULE, 0) + 2 * RULE;
  const yearWidth = Math.floor(((pageGeometry(kind, ctx).bodyWidth - taken) / years) * 100) / 100;
  return { widths: [...fixed, ...yearColumnWidths(period, yearWidth)], yearWidth };
}

/** The least room of a fiscal year's column, in ems of the rows' size: its heading broken before 年度 (「令和10」) and four characters of a bar's label a line. */
const MIN_YEAR_EM = 4;
/** ... for which the name and department columns never go below this many ems. */
const MIN_TEXT_EM = 6;

/**
 * The text columns (No, name, departments; pt) with the No column as wide as the plan's longest
 * No needs at `fontSize`, taken from the name column: a three-digit No had broken in two (「46／5」).
 * On a page narrower than the columns were set for (the roadmap on A4 portrait), the name and
 * department columns give up width in proportion so that each year keeps MIN_YEAR_EM: the years
 * had been left 6 pt each, their headings and bars crushed to a character a line.
 */
export function textColumns(base: readonly [number, number, number], plan: Plan, fontSize: number, kind: string, ctx: RenderContext): [number, number, number] {
  const extra = noColumnWidth(base[0], plan.projects.map((p) => String(p.no)), fontSize) - base[0];
  const columns: [number, number, number] = [base[0] + extra, base[1] - extra, base[2]];
  const { start, end } = plan.plan.period;
  const over = columns.reduce((a, b) => a + b + 2 * TEXT_PAD + RULE, 0) + 2 * RULE
    + (end - start + 1) * MIN_YEAR_EM * (fontSize + 1) - pageGeometry(kind, ctx).bodyWidth;
  if (over <= 0) return columns;
  const k = Math.max(0, 1 - over / (columns[1] + columns[2]));
  const least = MIN_TEXT_EM * fontSize;
  return [columns[0], Math.max(least, Math.floor(columns[1] * k)), Math.max(least, Math.floor(columns[2] * k))];
}

/** The heading row: the template's column titles, then the fiscal years. */
export function hostHeader(titles: readonly string[], period: Period, ctx: RenderContext, fontSize: number, yearWidth?: number): TableCell[] {
  return [
    ...titles.map((t) => ({ text: phraseRuns(t), bold: true, alignment: "center", fontSize, fillColor: ctx.theme.colours.headerFill }) as TableCell),
    ...yearHeadingCells(period, ctx, fontSize, yearWidth),
  ];
}

/** A cell spanning the whole row (group headings), followed by the placeholders pdfmake wants. */
export function spanningCells(cell: TableCell, columns: number): TableCell[] {
  return [{ ...(cell as object), colSpan: columns } as TableCell, ...Array.from({ length: columns - 1 }, () => ({}) as TableCell)];
}

/** The row's name (broken between phrases, `capacity` characters of `size` a line) with its 再掲 in the house style. */
export function nameRuns(row: ScheduleRow, ctx: RenderContext, capacity?: number, size?: number): unknown[] {
  const runs: unknown[] = [...phraseRuns(row.name, capacity)];
  if (row.relist) runs.push(" ", ...noteRuns(houseStyle(ctx).afterName(row.relist), ctx.theme, capacity, size));
  return runs;
}

/**
 * The height of a one-line-a-project row (No, name, departments, strip), erring high (card.ts):
 * the 工程表's rows and a sheet's 全庁共通 rows. `fixed`: the text columns' widths.
 */
export function scheduleRowHeight(row: ScheduleRow, fixed: readonly [number, number, number], sizes: { name: number; text: number }, period: Period, yearWidth: number, lineHeight: number): number {
  const [, nameWidth, departmentWidth] = fixed;
  return Math.max(textHeight(row.name, sizes.name, nameWidth, lineHeight), textHeight(row.departments.join("、"), sizes.text, departmentWidth, lineHeight),
    stripHeight(row.schedule, period, yearWidth, sizes.text, lineHeight) + 2) + 6;
}

/** The strip of a row as the cell spanning the year columns (plus placeholders). */
export function stripCells(schedule: readonly Phase[], period: Period, yearWidth: number, fontSize: number, ctx: RenderContext): TableCell[] {
  const years = period.end - period.start + 1;
  // At the top of its row, level with the name's first line. Never `verticalAlignment`: pdfmake
  // moves a cell's text and patterns down by a translation, but puts table fills at the page's
  // background, untranslated, so in a row taller than the strip each bar's fill stayed at the top
  // while its pattern and label went lower (issue 13).
  return spanningCells({ ...scheduleStrip(schedule, period, { yearWidth, fontSize, inCell: true }, ctx), margin: [0, 1, 0, 1] } as TableCell, years);
}

/**
 * A schedule table for a slot: its heading row, rows and columns, and the categories its bars
 * draw; `estimate`, its height in pt erring high (card.ts's textHeight), when the table may be
 * kept on one page with its heading.
 */
/**
 * `tallest`: the estimated height of the tallest row (erring high). pdfmake silently drops a row
 * kept whole (dontBreakRows) that is taller than a page: a table with such a row lets rows break.
 */
export interface SlotTable { header: TableCell[]; rows: HostRow[]; widths: number[]; fixed: number; categories: ReadonlySet<string>; estimate?: number; tallest?: number }

/** Room a heading takes above a table kept with it. */
const HEADING_ALLOWANCE = 40;
/** Between what ends a page and a slot's heading taken back under it: the table's margin below, and some slack. */
const LEAD_GAP = 12;

/**
 * Where a further layout breaks pages: `slot:row` before a row, `slot:lead` before the slot's
 * heading; and RESERVE: leave room at the top of every page of a grouped table for the group
 * headings a continued page repeats (the first layout, which finds where pages start).
 */
export type Breaks = ReadonlySet<string>;
export const RESERVE = "reserve";
/** RESERVE for the tables of slot `k` and after only (a layout done again from a heading taken back). */
const reserveFrom = (k: number): string => `${RESERVE}:${k}`;

/** Whether the layout of `breaks` keeps room in slot `k`'s table (RESERVE, or reserveFrom a slot up to k). */
function keepsRoom(breaks: Breaks, k: number): boolean {
  if (breaks.has(RESERVE)) return true;
  for (const b of breaks) if (b.startsWith(`${RESERVE}:`) && Number(b.slice(RESERVE.length + 1)) <= k) return true;
  return false;
}

/**
 * Whether a table leaves room for repeated group headings while pages are found: a grouped table
 * that would not fit on one page, by its rows at one line each or by its estimated height (a
 * table that surely fits is laid out once, as it is). By lines alone, a few rows of several lines
 * each (a department's projects with their descriptions) ran over pages with no room kept: each
 * repeated heading then pushed the rest of the document down, every page start after it was found
 * a row early, and one page was settled a layout (a 500-project departments.pdf ran out of layouts
 * with breaks left stale: rows alone on a page).
 */
function reservesRoom(t: SlotTable, slot: Slot, bodyHeight: number, ctx: RenderContext): boolean {
  if (slot.continued === undefined || !t.rows.some((r) => r.under?.length)) return false;
  const least = t.rows.reduce((h, r) => h + ((r.cells[0] as { fontSize?: number }).fontSize ?? ctx.theme.sizes.table) * ctx.theme.lineHeight + 4 + RULE, 0);
  return Math.max(least, t.estimate ?? 0) > bodyHeight;
}

/** Room the repeated group headings of `row` take (their text lines, paddings and rules), with a little slack. */
function headingsHeight(t: SlotTable, row: HostRow, ctx: RenderContext): number {
  return (row.under ?? []).reduce((h, g) => {
    const size = (t.rows[g]!.cells[0] as { fontSize?: number }).fontSize ?? ctx.theme.sizes.table;
    return h + size * ctx.theme.lineHeight + 4 + RULE;
  }, 1);
}

/** A group heading row again, its words followed by `continued` (a fresh copy: pdfmake marks the cells it lays out). */
function continuedRow(row: HostRow, continued: string): TableCell[] {
  return row.cells.map((cell, i) => {
    const copy = structuredClone(cell) as TableCell & { text?: unknown };
    if (i === 0) copy.text = Array.isArray(copy.text) ? [...copy.text, continued] : `${String(copy.text ?? "")}${continued}`;
    return copy;
  });
}

/**
 * Tables of rows under a repeated heading row, cut where `breaks` says: a new table on a new page
 * (so a group heading never ends a page), which starts with the group headings its first row is
 * under, marked as continued.
 */
function hostTables(t: SlotTable, slot: Slot, slotIndex: number, period: Period, bodyHeight: number, ctx: RenderContext, breaks: Breaks): Content[] {
  const layout = scheduleTableLayout(t.fixed, period, ctx, TEXT_PAD);
  // A row under the deepest groups needs the most room when it starts a page: an empty heading
  // row that tall is repeated with the column headings while pages are being found.
  const reserve = keepsRoom(breaks, slotIndex) && reservesRoom(t, slot, bodyHeight, ctx)
    ? Math.max(0, ...t.rows.filter((r) => r.under?.length).map((r) => headingsHeight(t, r, ctx))) : 0;
  // The empty row is `reserve` tall: its text set at 1 pt (an empty text still takes a line, which
  // at the body size made it half as tall again and cost every page a row).
  const head = (): TableCell[][] => [
    t.header.map((c) => ({ ...(c as object) }) as TableCell),
    ...(reserve > 0 ? [spanningCells(artifact({ text: "", fontSize: 1, lineHeight: 1, margin: [0, reserve - 4 - RULE - 1, 0, 0] }) as TableCell, t.widths.length)] : []),
  ];
  const out: Content[] = [];
  // (with the column headings and a repeated group heading above it)
  const keepRowsWhole = t.tallest === undefined || fitsBody(t.tallest + reserve + HEADING_ALLOWANCE, bodyHeight);
  // In rows that may break, a strip may break too: kept whole, one taller than a page (a bar's
  // label of 144 phases by month) had been dropped by pdfmake, and its project's row with it.
  const breakingStrips = (cells: TableCell[]): TableCell[] =>
    cells.map((c) => ((c as { table?: object }).table ? ({ ...(c as object), table: { ...(c as { table: object }).table, dontBreakRows: false } } as TableCell) : c));
  let chunk: TableCell[][] = [];
  let broken = false;
  // Only the last table keeps space under it: a bottom margin that does not fit at the foot of a
  // page moves the table's last row to the next page, away from the page it was measured on.
  const flush = (last = false): void => {
    if (chunk.length === 0) return;
    // The table's first page repeats no group heading: there the empty row is drawn over the space
    // above the table, so that page's rows are found where the final layout puts them.
    const over = reserve > 0 && out.length === 0 ? -reserve : 0;
    out.push(role({
      table: { headerRows: reserve > 0 ? 2 : 1, keepWithHeaderRows: 1, dontBreakRows: keepRowsWhole, widths: t.widths, body: [...head(), ...(keepRowsWhole ? chunk : chunk.map(breakingStrips))] },
      layout, margin: [0, over, 0, last ? 8 : 0],
      ...(broken ? { pageBreak: "before" } : {}),
    }, "Table") as Content);
    chunk = [];
  };
  // Rows of the current table that are not group headings: a break before a page has one would
  // leave a page of headings alone (a heading moved on by one layout, its first row by an earlier one).
  let rowsHere = 0;
  t.rows.forEach((r, i) => {
    if (breaks.has(`${slotIndex}:${i}`) && rowsHere > 0) {
      rowsHere = 0;
      flush();
      broken = true;
      if (slot.continued !== undefined) for (const g of r.under ?? []) chunk.push(continuedRow(t.rows[g]!, slot.continued));
    }
    chunk.push(r.cells);
    if (!r.heading) rowsHere++;
  });
  flush(true);
  return out;
}

type Positioned = { positions?: { pageNumber: number; top: number }[]; __height?: number };
const pageOf = (node: unknown): number | undefined => (node as Positioned | undefined)?.positions?.[0]?.pageNumber;

/**
 * The page a row was drawn on. pdfmake records where it first laid a row out; a row that did not
 * fit there went whole to the next page (dontBreakRows) without its record being updated: its
 * cells' measured heights reach past the page body's foot (`bottom`, pt from the page's top).
 */
function rowPage(row: HostRow | undefined, bottom: number): number | undefined {
  const at = rowFoot(row);
  if (!at) return undefined;
  return at.foot > bottom + 0.5 ? at.page + 1 : at.page;
}

/** Where pdfmake first laid a row out: its page, and its foot with ROW_FOOT (pt from the page's top). */
function rowFoot(row: HostRow | undefined): { page: number; foot: number } | undefined {
  const at = (row?.cells[0] as Positioned | undefined)?.positions?.[0];
  if (!row || !at) return undefined;
  const height = Math.max(0, ...row.cells.map((c) => (c as Positioned).__height ?? 0));
  return { page: at.pageNumber, foot: at.top + height + ROW_FOOT };
}

/**
 * What a row takes below its cells' text when pdfmake decides whether it fits (pt): the bottom
 * padding and rule of scheduleTableLayout, held back twice (the table's and the unbreakable
 * row's own reserve). Without it a row whose text ended within 5 pt of the foot was counted on
 * its page while pdfmake moved it on: a page start found one row late, and the row printed alone
 * on a page of its own before the break (a 300-project 工程表).
 */
const ROW_FOOT = 2 * (2 + RULE);

export interface Laid {
  content: Content[];
  /** Whether the layout left room for repeated group headings (RESERVE) in some table. */
  reserved: boolean;
  /** After pdfmake laid `content` out: the breaks that keep headings with what follows them. */
  orphans(): Set<string>;
  /** After pdfmake laid `content` out: rows under a group that start a page (to repeat the group's headings there). */
  pageStarts(): Set<string>;
  /** After pdfmake laid `content` out: the page a break's place is on (its row, or the slot's heading). */
  pageOf?(b: string): number | undefined;
  /**
   * After pdfmake laid `content` out: the slots' headings moved to a new page (`slot:lead` in
   * `made`) that, with their table's first row, would fit under what ends the page before.
   */
  staleLeads?(made: Breaks): string[];
  /**
   * After pdfmake laid `content` out, `pages` long: the break before the row ahead of the last
   * slot's last row, when that row is alone on the last page and the page before keeps two rows.
   */
  widow?(made: Breaks, pages: number): string | undefined;
  /**
   * `content` without the tables after the last one with group rows, when they hold most of the
   * rows: they can only move their own headings, and content is laid out in order, so the
   * layouts that find where the grouped tables' pages start need only this (a department file's
   * 全庁共通 rows, most of its pages in a large plan, had been laid out at each of them).
   */
  probe?: Content[];
}

/**
 * The template's nodes drawn by the shared drawing, each slot replaced by its schedule table.
 * A slot goes through drawDocument as an empty `space` and is swapped for its tables afterwards,
 * so headings, contents and bookmarks of the whole description stay one drawing.
 */
export function drawWithSlots(nodes: readonly DocNode[], plan: Plan, kind: string, ctx: RenderContext, tableFor: (slot: Slot) => SlotTable, breaks: Breaks): Laid {
  const slots: Slot[] = [];
  const tables: SlotTable[] = [];
  const marked = nodes.map((n): DocNode => {
    const slot = slotOf(n, ctx);
    if (!slot) return n;
    slots.push(slot);
    tables.push(tableFor(slot));
    return { type: "space", height: -slots.length };
  });
  // A legend lists what the tables after it draw, up to the next legend.
  const legendCategories = new Map<number, Set<string>>();
  let current: Set<string> | undefined;
  marked.forEach((n, i) => {
    if (n.type === "legend") legendCategories.set(i, (current = new Set()));
    else if (n.type === "space" && n.height < 0 && current) for (const c of tables[-n.height - 1]!.categories) current.add(c);
  });
  const drawn = drawDocument(marked, { ...planSource(plan, kind), legendCategories: (i) => legendCategories.get(i) }, ctx);
  const page = pageGeometry(kind, ctx);
  // heading: the slot's heading before its table, moved to a new page (`slot:lead`) or not
  const probes: { slot: number; heading: unknown; rows: HostRow[] }[] = [];
  /** A slot's heading where a break could still go before it (not moved already). */
  const leadOf = (p: (typeof probes)[number]): unknown => (breaks.has(`${p.slot}:lead`) ? undefined : p.heading);
  const content: Content[] = [];
  // the tables of slots without group rows since the last slot with them, and their rows
  let plainTail: Content[] = [];
  let tailRows = 0;
  drawn.forEach((c, i) => {
    const margin = (c as { margin?: number[] }).margin;
    const k = margin && (c as { text?: unknown }).text === "" ? -(margin[1] ?? 0) : 0;
    if (k <= 0 || !slots[k - 1]) { content.push(c); return; }
    const t = tables[k - 1]!;
    // drawDocument draws one block per node here (no cards), so the node before is the slot's heading, if any.
    const lead = drawn.length === marked.length && marked[i - 1]?.type === "heading" ? content.at(-1) : undefined;
    // A short table goes with its heading as one block: it can never be cut from it, and no
    // second layout is needed (a break found in a first layout of flowing sections moves every
    // section after it, so later breaks found there would be wrong).
    if (lead && t.estimate !== undefined && fitsPage(t.estimate + HEADING_ALLOWANCE, kind, ctx)) {
      content[content.length - 1] = { stack: [lead, ...hostTables(t, slots[k - 1]!, k, plan.plan.period, page.bodyHeight, ctx, new Set())], unbreakable: true } as Content;
      return;
    }
    if (lead && breaks.has(`${k}:lead`)) content[content.length - 1] = { stack: [lead], pageBreak: "before" } as Content;
    probes.push({ slot: k, heading: lead, rows: t.rows });
    const blocks = hostTables(t, slots[k - 1]!, k, plan.plan.period, page.bodyHeight, ctx, breaks);
    content.push(...blocks);
    if (t.rows.some((r) => r.heading || r.under?.length)) {
      plainTail = [];
      tailRows = 0;
    } else {
      plainTail.push(...blocks);
      tailRows += t.rows.length;
    }
  });
  // A probe pays when what it leaves out is more than what it lays out: the whole is laid out
  // once more at the end, instead of each probe (a department file's 全庁共通 rows, not the
  // 全庁共通 section at the end of departments.pdf).
  const dropped = new Set(2 * tailRows > tables.reduce((n, t) => n + t.rows.length, 0) ? plainTail : []);
  const bottom = page.margins[1] + page.bodyHeight;
  return {
    content,
    reserved: slots.some((s, i) => keepsRoom(breaks, i + 1) && reservesRoom(tables[i]!, s, page.bodyHeight, ctx)),
    ...(dropped.size > 0 ? { probe: content.filter((c) => !dropped.has(c)) } : {}),
    orphans() {
      const out = new Set<string>();
      for (const p of probes) {
        // the first project row: a table whose group heading rows end the lead's page leaves
        // the lead as alone as an empty table would (a break before those rows is never made)
        const first = rowPage(p.rows.find((r) => !r.heading) ?? p.rows[0], bottom);
        const lead = pageOf(firstText(leadOf(p)));
        if (lead !== undefined && first !== undefined && first > lead) out.add(`${p.slot}:lead`);
        p.rows.forEach((r, i) => {
          if (!r.heading) return;
          const here = rowPage(r, bottom);
          const next = rowPage(p.rows[i + 1], bottom);
          if (here !== undefined && next !== undefined && next > here) out.add(`${p.slot}:${i}`);
        });
      }
      return out;
    },
    pageOf(b) {
      const [slot, row] = b.split(":");
      const p = probes.find((x) => x.slot === Number(slot));
      if (!p) return undefined;
      return row === "lead" ? pageOf(firstText(leadOf(p))) : rowPage(p.rows[Number(row)], bottom);
    },
    widow(made, pages) {
      const p = probes.at(-1);
      const rows = (p?.rows ?? []).flatMap((r, i) => (r.heading ? [] : [{ r, i }]));
      if (!p || rows.length < 3) return undefined;
      const [before, prev, last] = rows.slice(-3).map((x) => rowPage(x.r, bottom));
      const b = `${p.slot}:${rows.at(-2)!.i}`;
      // (under a group: a row starting a page of a table without groups has no headings to repeat)
      return last === pages && prev === pages - 1 && before === prev && rows.at(-2)!.r.under?.length && !made.has(b) ? b : undefined;
    },
    staleLeads(made) {
      const feet = pageFeet();
      const out: string[] = [];
      for (const p of probes) {
        const b = `${p.slot}:lead`;
        const first = p.rows.find((r) => !r.heading);
        const at = rowFoot(first);
        const lead = pageOf(firstText(p.heading));
        const above = lead === undefined ? undefined : feet[lead - 2];
        if (!made.has(b) || !at || above === undefined || rowPage(first, bottom) !== lead) continue;
        // the heading, the column titles, the group rows and the first row, from the top of the page body
        if (above + LEAD_GAP + at.foot - page.margins[1] <= bottom) out.push(b);
      }
      return out;
    },
    pageStarts() {
      // In document order (slots, then rows).
      const out = new Set<string>();
      for (const p of probes) {
        p.rows.forEach((r, i) => {
          if (i === 0 || !r.under?.length) return;
          const here = rowPage(r, bottom);
          const before = rowPage(p.rows[i - 1], bottom);
          if (here !== undefined && before !== undefined && here > before) out.add(`${p.slot}:${i}`);
        });
      }
      return out;
    },
  };
}

/** The first node of a block that carries text (pdfmake records positions on text nodes). */
function firstText(node: unknown): unknown {
  let n = node as { stack?: unknown[]; text?: unknown } | undefined;
  while (n && n.stack && n.stack.length) n = n.stack[0] as typeof n;
  return n;
}

/**
 * Layouts that move slots' headings, at most. A heading moved to the next page moves the rest of
 * the document down and can leave a later one alone: the 5,000-project departments.pdf found 6,
 * then 1, 1 and 1. With two, the page starts of a table whose heading was still to move were
 * taken where it had been: every page of it then held a row fewer, one page was settled a layout
 * until MAX_LAYOUTS ran out, and rows were left alone on a page (12 layouts, 160 s; now 7, 80 s).
 */
const MAX_MOVES = 6;
/** Pages of a document up to which headings moved needlessly are taken back (the rest of it laid out again). */
const TAKE_BACK_PAGES = 150;

/**
 * Layouts at most after those that move slots' headings (the usual is one, or two for a grouped
 * table or a heading at a page's foot; a plan of hundreds of projects takes more).
 */
const MAX_LAYOUTS = 10;

/**
 * Lays out, then again with a page break before any heading left alone at a page's foot (pdfmake
 * has no keep-with-next for table rows) and before any row that starts a page inside a group,
 * where the group's headings are repeated (（続き）). The first layout leaves room for those
 * headings at the top of every page of a grouped table, so the second one, which puts them
 * there, keeps every page's rows (a slot's heading moved on first, in up to MAX_MOVES more such
 * layouts); should a page start move all the same (a heading of several lines, rows ahead that
 * moved down), the next layout settles such places, one per stretch between breaks, and drops
 * a break they show to be stale. Only laid out (`layout`, layouts.ts): the caller draws the
 * last layout, once. Returns its page count.
 */
export function layoutKeepingHeadings(build: (breaks: Breaks) => Laid, layout: (content: Content[]) => number): number {
  const breaks = new Set<string>();
  // A layout sure to be followed by another (room kept for group headings, or found to be
  // wrong) lays out only the probe; the last one, the whole content.
  let partial = false;
  const lay = (l: Laid, last: boolean): number => {
    partial = !last && l.probe !== undefined;
    return layout(partial ? l.probe! : l.content);
  };
  // Room kept in every table while pages are found; after headings taken back, in the tables from the first of them on.
  let room = RESERVE;
  let laid = build(new Set([RESERVE]));
  let pages = lay(laid, !laid.reserved);
  for (let round = 0; ; round++) {
    // A slot's heading left alone moves its whole table: its page starts are found again, with
    // the room still kept, once the headings have moved (found with them, they had cut the
    // moved table where it no longer ran off a page: a department's first row alone on its page).
    for (let moves = 0; moves < MAX_MOVES; moves++) {
      const leads = [...laid.orphans()].filter((b) => b.endsWith(":lead") && !breaks.has(b));
      if (leads.length === 0) break;
      for (const b of leads) breaks.add(b);
      laid = build(new Set([...breaks, room]));
      pages = lay(laid, false);
    }
    for (const b of [...laid.orphans(), ...laid.pageStarts()]) breaks.add(b);
    if (!laid.reserved && breaks.size === 0 && !partial) return pages;
    laid = build(breaks);
    pages = lay(laid, false);
    const dropped = new Set<string>();
    for (let pass = 2; pass < MAX_LAYOUTS; pass++) {
      const orphans = [...laid.orphans()].filter((b) => !breaks.has(b));
      const starts = independent([...laid.pageStarts()].filter((b) => !breaks.has(b)), breaks);
      const start = starts[0];
      // Whichever comes first: the orphans (all at once, as their pages hold), or the page starts.
      const more = orphans.length > 0 && (!start || breakOrder(orphans.sort(byBreakOrder)[0]!) < breakOrder(start)) ? orphans : starts;
      if (more.length === 0) break;
      if (more === starts) for (const b of starts) dropStale(b, laid, breaks, dropped);
      for (const b of more) breaks.add(b);
      laid = build(breaks);
      pages = lay(laid, false);
    }
    // Headings moved together in one layout move what follows them, and the group headings in
    // place of the room kept for them move it again: a heading moved to a new page can end up
    // under a page with room for it and its first row (its department's last rows alone on one
    // page, its own on the next: three of five 200-project plans of 16 departments). Such headings
    // are taken back and everything from the first of them settled again, room kept from there
    // on, once (a heading found alone again moves again). Not in a document of more than
    // TAKE_BACK_PAGES: there it cost as much again (2,000 projects: 22 → 37 s) for a page or two.
    const back = round === 0 && pages <= TAKE_BACK_PAGES ? (laid.staleLeads?.(breaks) ?? []).sort(byBreakOrder) : [];
    if (back.length === 0) break;
    const from = Number(back[0]!.split(":")[0]);
    for (const b of [...breaks]) if (Number(b.split(":")[0]) >= from) breaks.delete(b);
    room = reserveFrom(from);
    laid = build(new Set([...breaks, room]));
    pages = lay(laid, false);
  }
  // The whole content at last (made again: pdfmake changes the nodes it lays out), the headings
  // of the tables left out of the probe kept with them.
  for (let more = 0; partial; more++) {
    laid = build(breaks);
    pages = lay(laid, true);
    const leads = [...laid.orphans()].filter((b) => !breaks.has(b));
    if (leads.length === 0 || more === 2) break;
    for (const b of leads) breaks.add(b);
    partial = true;
  }
  // A last page holding one row alone under its repeated group headings: the row before goes
  // with it, once (a 工程表 of 138 projects had ended on a page of one row). Not in a document of
  // more than TAKE_BACK_PAGES, as above.
  const widow = pages <= TAKE_BACK_PAGES ? laid.widow?.(breaks, pages) : undefined;
  if (widow) {
    // (the page start found before the last row goes: the two rows start the page together)
    for (const b of [...breaks]) if (b !== RESERVE && b.split(":")[0] === widow.split(":")[0] && breakOrder(b) > breakOrder(widow)) breaks.delete(b);
    breaks.add(widow);
    laid = build(breaks);
    pages = lay(laid, true);
  }
  return pages;
}

/**
 * Of the page starts found in a layout, those one more layout settles together: the first, and
 * each later one with a break already made between it and the one taken before it (a break moves
 * what follows it up to the next break made, where the page starts afresh). One at a time, the
 * layouts allowed had run out on a plan of some 300 projects.
 */
function independent(found: readonly string[], made: ReadonlySet<string>): string[] {
  const marks = [...made].filter((b) => b !== RESERVE).map(breakOrder).sort((a, b) => a - b);
  const taken: string[] = [];
  let last = Number.NEGATIVE_INFINITY;
  for (const b of [...found].sort(byBreakOrder)) {
    const order = breakOrder(b);
    if (taken.length > 0 && !marks.some((m) => m > last && m < order)) continue;
    taken.push(b);
    last = order;
  }
  return taken;
}

/**
 * A page start found on the page before a break already made, in the same table: that break was
 * found before the rows ahead of it moved down, and now cuts the rows that ran over from them off
 * on a page of their own (one row under its group's （続き）). It is dropped, once: the rows flow
 * on, and the next layout finds where the page really starts.
 */
function dropStale(start: string, laid: Laid, breaks: Set<string>, dropped: Set<string>): void {
  const order = breakOrder(start);
  const next = [...breaks].filter((b) => b !== RESERVE && breakOrder(b) > order).sort(byBreakOrder)[0];
  if (!next || dropped.has(next) || next.split(":")[0] !== start.split(":")[0] || next.endsWith(":lead")) return;
  const here = laid.pageOf?.(start);
  if (here !== undefined && laid.pageOf?.(next) === here + 1) {
    breaks.delete(next);
    dropped.add(next);
  }
}

/** The content for createPdf of a document laid out by layoutKeepingHeadings, drawn once. */
export function keepingHeadings(build: (breaks: Breaks) => Laid): Driver {
  return (l) => {
    layoutKeepingHeadings(build, (content) => l.layout(content));
    l.draw();
  };
}

/** A break's place in the document: its slot, then the slot's heading before its rows. */
function breakOrder(b: string): number {
  const [slot, row] = b.split(":");
  return Number(slot) * 1e6 + (row === "lead" ? -1 : Number(row));
}
const byBreakOrder = (a: string, b: string): number => breakOrder(a) - breakOrder(b);
