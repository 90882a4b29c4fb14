// The ingest stage: the only stage that reads the input file. Any supported file → the plan
// table's raw rows, its title and its period, with every reading flaw as a diagnostic.
import path from "node:path";
import type { Config } from "../config/schema.js";
import { DiagnosticBag } from "../diagnostics/bag.js";
import { megabytes, quoteList } from "../diagnostics/format.js";
import { ReportedError } from "../errors.js";
import type { Place } from "../diagnostics/schema.js";
import { type Grid, type GridRow, placeOf } from "./grid.js";
import { type Block, isBlank, type Table } from "./block.js";
import { COVER_SHEET, coverTitle, findTable, headerKeys, kindOnlyTitle, parseYearHeader } from "./header.js";
export { unusedColumnWordings } from "./header.js";
import { kindWord, readBoundedFile, refusalReason } from "../read-file.js";
import { mislabelled, readTextGrid } from "./read-text.js";
import { eraSlips, wareki } from "../fiscal.js";
import { readXlsxGrids } from "./read-xlsx.js";
import { type RawRow, rawRows } from "./rows.js";
import { parseProjectNo } from "../normalise/text.js";

export interface PlanTable {
  file: string;
  grid: Grid;
  blocks: Block[];
  rows: RawRow[];
  title: string | null;
  /** The title's cell (a message about its characters names it), or the file for a workbook's document title. */
  titlePlace: Place;
  period: { start: number; end: number } | null;
  /** No period, and why was said at its place (PP251, PP252). */
  periodSaid: boolean;
  /** What the schedule's marks mean by a legend in the file (凡例 ○：検討), config aside. */
  markLabels: Record<string, string>;
  /** A workbook's sheet with year columns beside the sheet read without them (PP371). */
  yearsElsewhere?: string;
  /** What the colours of filled year cells mean by a legend in the file (凡例 | ■ | 検討), by fill key. */
  fillLabels: Record<string, string>;
}

/** The most rows with text a text plan may have: ten a project (headers, notes, continued lines), and a thousand more. */
const textRowLimit = (maxProjects: number): number => maxProjects * 10 + 1000;

export async function readPlanTable(inputPath: string, config: Config, bag: DiagnosticBag, sheet?: string): Promise<PlanTable> {
  const file = inputPath;
  const ext = path.extname(inputPath).toLowerCase();
  // .xlsm is a workbook with macros: the same parts (its macros are never run nor read)
  const workbook = ext === ".xlsx" || ext === ".xlsm";
  if (![".tsv", ".csv", ".txt"].includes(ext) && !workbook) {
    bag.add("PP105", { file }, { ext: ext || (bag.lang === "ja" ? "拡張子なし" : "no extension") });
    throw new ReportedError();
  }
  const read = await readBoundedFile(inputPath, config.limits.maxInputBytes);
  if ("refused" in read) {
    if (read.refused === "too-large") bag.add("PP104", { file }, { size: megabytes(read.size), limit: megabytes(config.limits.maxInputBytes) });
    else if (read.refused === "not-a-file" && read.kind !== "directory") bag.add("PP114", { file }, { kind: kindWord(read.kind, bag.lang) });
    else bag.add("PP101", { file }, { path: inputPath, reason: refusalReason(read, config.limits.maxInputBytes, bag.lang) });
    throw new ReportedError();
  }
  const bytes = read.bytes;
  // What the bytes are, whatever the name says: a workbook named .csv, an .xls, a web page, a TSV named .xlsx
  if (mislabelled(bytes, file, ext, workbook, bag)) throw new ReportedError();
  const empty = () => { bag.add("PP102", { file }); return new ReportedError(); };
  if (bytes.length === 0) throw empty();
  // The sheets read (a text file is one): usually one; a plan split over sheets of one layout
  // (基本方針1, 基本方針2 …) is read as one, sheet after sheet.
  let parts: Part[];
  let coverPart: Part | undefined;
  let yearsElsewhere: string | undefined;
  if (workbook) {
    const grids = readXlsxGrids(bytes, file, bag, sheet ?? config.sheet, config.limits.maxCells);
    markNumberedSheets(grids.map((g) => g.grid), config);
    const found = grids.map(({ grid: g, read: own }, order) => {
      const table = findTable(g, config, own);
      // the plan's own sheet: the header naming the most columns, then the most header blocks and rows
      // (a workbook's 工程表 or summary sheet repeats some of the plan's columns)
      const named = Math.max(0, ...table.blocks.map((b) => Object.keys(b.columns).length));
      return { grid: g, table, own, order, score: named * 1e6 + table.blocks.length * 1000 + table.blocks.reduce((n, b) => n + b.dataRows.length, 0) };
    });
    for (const f of found) unknownValuesInTable(f.grid, f.table, f.own);
    const best = [...found].sort((a, b) => b.score - a.score)[0];
    if (!best) {
      const g: Grid = { file, kind: "xlsx", rows: [] };
      parts = [{ grid: g, table: findTable(g, config, bag) }];
    } else {
      const read = sheetsOfOnePlan(best, found, bag);
      for (const p of read) bag.items.push(...p.own.items);
      parts = read;
      // no title above the table, nor the workbook's own, or one naming only the document's kind
      // (実施計画): the cover sheet's (表紙), if it has one
      const own = read.find((p) => p.table.title)?.table.title?.text;
      const kindOnly = own !== undefined && kindOnlyTitle(own);
      const cover = (own !== undefined && !kindOnly) || (own === undefined && best.grid.containerTitle) ? undefined
        : found.find((f) => !read.includes(f) && COVER_SHEET.test((f.grid.sheet ?? "").replace(/[\s\u3000]/gu, "")));
      const title = cover && coverTitle(cover.grid, bag, kindOnly ? own : undefined);
      if (cover && title) coverPart = { grid: cover.grid, table: { ...cover.table, title } };
      // a sheet read without year columns, beside one that has them (事業一覧 | 工程表): named in PP371
      if (!read.some((p) => p.table.period)) yearsElsewhere = found.find((f) => !read.includes(f) && hasYearRow(f.grid))?.grid.sheet;
    }
  } else {
    // rows far beyond the project limit are not read on (4 million junk rows took 43 s to refuse)
    const g = readTextGrid(bytes, file, bag, textRowLimit(config.limits.maxProjects));
    // (too many rows, a row too wide, or two encodings: nothing after would be the plan)
    if (bag.items.some((d) => d.code === "PP129" || d.code === "PP154" || d.code === "PP156")) throw new ReportedError();
    if (g.rows.every(isBlank)) throw empty();
    parts = [{ grid: g, table: findTable(g, config, bag) }];
    unknownValuesInTable(g, parts[0]!.table, bag);
  }
  const first = parts[0]!;
  const grid = first.grid;
  if (!first.table.blocks.length) {
    bag.add("PP201", { file, ...(grid.sheet !== undefined ? { sheet: grid.sheet } : {}) });
    // a plan on a sheet hidden in Excel is not read unless named: said with the option that reads it
    const hidden = grid.hiddenSheets;
    if (hidden) bag.add("PP265", { file }, { sheets: quoteList(hidden, bag.lang), first: hidden[0]! });
    throw new ReportedError();
  }
  const blocks = parts.flatMap((p) => p.table.blocks);
  // Early, before any row is normalised: a plan far beyond the documented scale is refused.
  const dataRows = blocks.reduce((n, b) => n + b.dataRows.length, 0);
  if (dataRows > config.limits.maxProjects) {
    bag.add("PP115", { file, ...(grid.sheet !== undefined ? { sheet: grid.sheet } : {}) }, { rows: dataRows, limit: config.limits.maxProjects });
    throw new ReportedError();
  }
  for (const p of parts) eraSlipsIn(p.grid, bag);
  const periods = parts.flatMap((p) => (p.table.period ? [p.table.period] : []));
  const period = periods.length ? { start: Math.min(...periods.map((p) => p.start)), end: Math.max(...periods.map((p) => p.end)) } : null;
  const rows = parts.flatMap(({ grid: g, table }) => {
    const timing = table.blocks.some((b) => b.timing) ? { period: table.period, standIn: config.schedule.markedLabel } : null;
    return rawRows(g, table, config.limits.maxCellChars, bag, timing);
  });
  // How the table was read, for a reader of `planpress check` (info).
  const head = first.table.blocks[0]!.headerRows;
  if (period) {
    bag.add("PP220", placeOf(grid, head[head.length - 1]!),
      { blocks: blocks.length, rows: rows.length, first: wareki(period.start), last: wareki(period.end) });
  }
  const titled = coverPart ?? parts.find((p) => p.table.title) ?? first;
  const titleRow = titled.table.title?.row;
  const titlePlace = titleRow ? placeOf(titled.grid, titleRow, Math.max(0, titleRow.cells.findIndex((c) => c.trim()))) : { file };
  return { file, grid, blocks, rows, title: boundedTitle(titled.grid, titled.table, config.limits.maxCellChars, bag), titlePlace, period,
    periodSaid: !period && parts.some((p) => p.table.periodSaid),
    ...(yearsElsewhere !== undefined ? { yearsElsewhere } : {}),
    markLabels: Object.assign({}, ...parts.map((p) => p.table.legend?.marks ?? {})),
    fillLabels: Object.assign({}, ...parts.map((p) => p.table.fillLegend?.fills ?? {})) };
}

/** What may start an era's year: the era, or its letter before a digit (a cell without one is passed over at once). */
const ERA_WORD = /令和|平成|[RHrhＲＨｒｈ][.．]?\s*[0-9０-９元]/u;

/**
 * Years and dates a sheet writes in an era outside its days (平成32年度 in a plan written before
 * 2019, 平成31年5月1日): read as the year or day they count to, as every reader of years reads
 * them, said once for each text at its first cell with the count (PP390); a year 0 (令和0年度)
 * names none (PP391).
 */
function eraSlipsIn(grid: Grid, bag: DiagnosticBag): void {
  const found = new Map<string, { place: Place; reads: string | null; count: number }>();
  for (const row of grid.rows) {
    row.cells.forEach((cell, col) => {
      if (!ERA_WORD.test(cell)) return;
      for (const slip of eraSlips(cell)) {
        const known = found.get(slip.text);
        if (known) known.count++;
        else found.set(slip.text, { place: placeOf(grid, row, col), reads: slip.reads, count: 1 });
      }
    });
  }
  for (const [text, f] of found) bag.add(f.reads === null ? "PP391" : "PP390", f.place, { text, reads: f.reads ?? "", count: f.count });
}

/** Whether a sheet has a row of two or more year labels (a 工程表 sheet beside the plan's list). */
function hasYearRow(grid: Grid): boolean {
  return grid.rows.some((r) => r.cells.filter((c) => c.trim().length <= 20 && parseYearHeader(c) !== null).length >= 2);
}

/** One sheet's table, read. */
interface Part { grid: Grid; table: Table }

/** The project Nos a table's rows write (for telling parts of a plan from copies and views of it). */
function writtenNos(table: Table): Set<number> {
  return new Set(writtenRows(table).keys());
}

/** A project row as written: its cells under the named and year columns, by No (the first row of a No). */
interface WrittenRow { row: GridRow; block: Block; name: string; cells: string }
const writtenOf = new WeakMap<Table, Map<number, WrittenRow>>();
/** A table's project rows as written, made once a table (each sheet's are compared with every other sheet's). */
function writtenRows(table: Table): Map<number, WrittenRow> {
  const known = writtenOf.get(table);
  if (known) return known;
  const out = new Map<number, WrittenRow>();
  writtenOf.set(table, out);
  const squash = (t: string | undefined) => (t ?? "").replace(/\s+/g, "");
  for (const b of table.blocks) {
    if (b.columns.no === undefined) continue;
    const cols = [...Object.values(b.columns), ...b.years.keys()].sort((x, y) => x - y);
    for (const r of b.dataRows) {
      const n = parseProjectNo(r.cells[b.columns.no] ?? "");
      if (n === undefined || out.has(n)) continue;
      out.set(n, { row: r, block: b, name: squash(b.columns.name === undefined ? "" : r.cells[b.columns.name]), cells: cols.map((c) => squash(r.cells[c])).join("\t") });
    }
  }
  return out;
}

/**
 * The first project a sheet holds again with other content than the sheet read (its name, or with
 * the same columns any cell): an older or a revised copy of the plan. Which is the plan cannot be
 * told; a view of it (planpress's own 工程表, a summary) repeats the names.
 */
function differingCopy(read: Table, other: Table, sameLayout: boolean): { no: number; at: WrittenRow } | null {
  const mine = writtenRows(read);
  for (const [no, at] of writtenRows(other)) {
    const was = mine.get(no);
    if (!was) continue;
    if (!sameName(at.name, was.name) || (sameLayout && at.cells !== was.cells)) return { no, at };
  }
  return null;
}

/** One name, or one with a 再掲 mark written before or after it (as a view prints a 再掲). */
function sameName(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  const rest = long.startsWith(short) ? long.slice(short.length) : long.endsWith(short) ? long.slice(0, long.length - short.length) : null;
  return rest !== null && /再\s*掲/.test(rest);
}

/**
 * The sheets to read, in workbook order: the best table's, and every other sheet whose table has
 * the same columns and none of the Nos already read (the plan split over sheets: PP233). Another
 * sheet with a table and Nos the read sheets lack is not read, and said (PP234): a guess either
 * way would lose projects or count them twice. A sheet whose Nos are all read already is a view
 * of the plan (a workbook's 工程表), and says nothing.
 */
/** The columns that make a sheet a part of the plan's table (not 備考, 関係課, 再掲 …, which a part may add). */
const PLAN_KEYS = new Set(["no", "name", "policy", "measure", "initiative", "departments", "description", "policyNumber", "measureNumber", "initiativeNumber"]);

function sheetsOfOnePlan<P extends Part & { order: number; own: DiagnosticBag }>(best: P, all: P[], bag: DiagnosticBag): P[] {
  // The plan's own columns: a sheet with one more of the others (備考, 関係課) is still a part of the
  // plan (one sheet of three with a 備考 column had been left out, PP234, half the plan printed)
  const columnsOf = (t: Table) => Object.keys(t.blocks[0]?.columns ?? {}).filter((k) => PLAN_KEYS.has(k)).sort().join(",");
  const layout = columnsOf(best.table);
  const read = [best];
  const nos = writtenNos(best.table);
  const left: { part: P; own: Set<number> }[] = [];
  for (const p of all) {
    if (p === best || !p.table.blocks.length) continue;
    const own = writtenNos(p.table);
    const disjoint = [...own].every((n) => !nos.has(n));
    if (own.size && disjoint && columnsOf(p.table) === layout) { read.push(p); for (const n of own) nos.add(n); }
    else left.push({ part: p, own });
  }
  read.sort((a, b) => a.order - b.order);
  if (read.length > 1) {
    const at = read[0]!;
    bag.add("PP233", { file: at.grid.file, sheet: at.grid.sheet ?? "" }, { sheets: quoteList(read.map((p) => p.grid.sheet ?? ""), bag.lang) });
  }
  for (const { part: p, own } of left) {
    const missing = [...own].filter((n) => !nos.has(n));
    if (missing.length) bag.add("PP234", { file: p.grid.file, sheet: p.grid.sheet ?? "" }, { sheet: p.grid.sheet ?? "", count: missing.length, first: missing[0]! });
    // Same Nos (two or more), other names all of them, same columns: a part of the plan numbered from 1 again
    // (one sheet a 基本目標), not a copy of it — which No is which cannot be told either.
    const readNames = new Set(read.flatMap((r) => [...writtenRows(r.table).values()].map((w) => w.name)));
    const names = [...writtenRows(p.table).values()].map((w) => w.name).filter(Boolean);
    const shared = own.size - missing.length;
    if (shared >= 2 && names.length && names.every((n) => !readNames.has(n)) && columnsOf(p.table) === layout) {
      const first = [...writtenRows(p.table).entries()].find(([n]) => nos.has(n))!;
      bag.add("PP370", placeOf(p.grid, first[1].row, first[1].block.columns.no!), { sheet: p.grid.sheet ?? "", read: read[0]!.grid.sheet ?? "", no: first[0] });
      continue;
    }
    // Same Nos, other content: an older or revised copy, and which is the plan cannot be told.
    const copy = read.map((r) => ({ r, d: differingCopy(r.table, p.table, columnsOf(p.table) === layout) })).find((x) => x.d);
    if (copy?.d) {
      const { no, at } = copy.d;
      const nameCol = at.block.columns.name ?? at.block.columns.no!;
      bag.add("PP263", placeOf(p.grid, at.row, nameCol), { sheet: p.grid.sheet ?? "", read: copy.r.grid.sheet ?? "", no });
    }
  }
  return read;
}

/**
 * A formula without a saved value in the table's header rows, or in a project row's read column,
 * was read as empty: a year label lost (a period cut to one year), a name or a phase gone. The
 * reader cannot know the value, so its PP117 is an error there; elsewhere it stays a warning.
 * So are cells showing an Excel error (#REF!, #N/A: a lookup's department, a year label whose
 * reference was deleted): PP121 once, at the first such cell the table reads, an error with their
 * count; with none there, a warning at the sheet's first. A #N/A 担当課 had been a project with
 * no department and a year's phase lost, exit 0, the one warning at whichever cell came first.
 */
function unknownValuesInTable(grid: Grid, table: Table, bag: DiagnosticBag): void {
  const inTable = (line: number, col: number) => table.blocks.some((b) => b.headerRows.some((r) => r.line === line)
    || (b.dataRows.some((r) => r.line === line) && (Object.values(b.columns).includes(col) || b.years.has(col))));
  for (const u of grid.uncached ?? []) if (inTable(u.line, u.col)) u.said.severity = "error";
  const shown = grid.errorValues ?? [];
  const read = shown.filter((e) => inTable(e.line, e.col));
  const said = read.length ? read : shown;
  if (!said.length) return;
  const first = said[0]!;
  const d = bag.add("PP121", placeOf(grid, { line: first.line, cells: [] }, first.col), { value: first.value, count: said.length });
  if (read.length) d.severity = "error";
}

/** A sheet's name numbered as a 基本方針 is (`1 便利な行政`, `2．効率化`): its number. */
const NUMBERED_SHEET = /^([0-9０-９]+)[\s\u3000.．、]+(?=\S)/u;
/**
 * Sheets named 1 …, 2 …, 3 … in the workbook's order (two or more, from 1, none missing), each a
 * table of the same columns, are one sheet a 基本方針, as `基本方針2 行政運営` is: a number alone in
 * one sheet's name could be anything (`1 事業一覧` | `2 工程表` hold other columns).
 */
function markNumberedSheets(grids: Grid[], config: Config): void {
  const run = grids.filter((g) => NUMBERED_SHEET.test(g.sheet ?? ""));
  if (run.length < 2 || !run.every((g, i) => Number(NUMBERED_SHEET.exec(g.sheet!)![1]!.normalize("NFKC")) === i + 1)) return;
  const keys = new Set(run.map((g) => headerKeys(g, config)));
  if (keys.size !== 1 || keys.has("")) return;
  for (const g of run) g.numberedSheet = true;
}

/** The title is a cell like any other: clipped before it can reach a cover page (PP310). */
function boundedTitle(grid: Grid, table: Table, max: number, bag: DiagnosticBag): string | null {
  const title = table.title?.text ?? grid.containerTitle ?? null;
  if (title === null || title.length <= max) return title;
  const row = table.title?.row;
  bag.add("PP310", row ? placeOf(grid, row, row.cells.findIndex((c) => c.trim())) : { file: grid.file }, { chars: title.length, limit: max });
  return title.slice(0, max);
}

