// The ingest stage: the only stage that reads the input file. Any supported file → the plan
// table's raw rows, its title and its period, with every reading flaw as a diagnostic.
import path from "node:path";
import type { Config } from "../config/schema.js";
import { DiagnosticBag } from "../diagnostics/bag.js";
import { megabytes } from "../diagnostics/format.js";
import { ReportedError } from "../errors.js";
import { type Grid, placeOf } from "./grid.js";
import { type Block, findTable, isBlank, type Table } from "./header.js";
import { readBoundedFile } from "./read-file.js";
import { readTextGrid } from "./read-text.js";
import { wareki } from "../fiscal.js";
import { readXlsxGrids } from "./read-xlsx.js";
import { type RawRow, rawRows } from "./rows.js";

export interface PlanTable {
  file: string;
  grid: Grid;
  blocks: Block[];
  rows: RawRow[];
  title: string | null;
  period: { start: number; end: number } | null;
  /** What the schedule's marks mean by a legend in the file (凡例 ○：検討), config aside. */
  markLabels: Record<string, string>;
}

/** Zip (an .xlsx) or OLE2 (an .xls, or a password-protected workbook) by their first bytes. */
function containerOf(bytes: Uint8Array): "zip" | "ole2" | null {
  const b = (i: number) => bytes[i] ?? -1;
  if (b(0) === 0x50 && b(1) === 0x4b && b(2) === 0x03 && b(3) === 0x04) return "zip";
  if ([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1].every((v, i) => b(i) === v)) return "ole2";
  return null;
}

export async function readPlanTable(inputPath: string, config: Config, bag: DiagnosticBag, sheet?: string): Promise<PlanTable> {
  const file = inputPath;
  const ext = path.extname(inputPath).toLowerCase();
  if (![".tsv", ".csv", ".txt", ".xlsx"].includes(ext)) {
    bag.add("PP105", { file }, { ext: ext || (bag.lang === "ja" ? "拡張子なし" : "no extension") });
    throw new ReportedError();
  }
  const read = await readBoundedFile(inputPath, config.limits.maxInputBytes);
  if ("refused" in read) {
    if (read.refused === "too-large") bag.add("PP104", { file }, { size: megabytes(read.size), limit: megabytes(config.limits.maxInputBytes) });
    else if (read.refused === "not-a-file" && read.kind !== "directory") bag.add("PP114", { file }, { kind: read.kind });
    else bag.add("PP101", { file }, { path: inputPath, reason: read.refused === "unreadable" ? read.reason : "EISDIR" });
    throw new ReportedError();
  }
  const bytes = read.bytes;
  // What the bytes are, whatever the name says: a workbook named .csv, or an .xls (OLE2) file.
  const magic = containerOf(bytes);
  if (magic === "ole2") { bag.add("PP113", { file }); throw new ReportedError(); }
  if (magic === "zip" && ext !== ".xlsx") { bag.add("PP112", { file }, { ext }); throw new ReportedError(); }
  const empty = () => { bag.add("PP102", { file }); return new ReportedError(); };
  if (bytes.length === 0) throw empty();
  let grid: Grid;
  let table: Table;
  if (ext === ".xlsx") {
    const grids = readXlsxGrids(bytes, file, bag, sheet ?? config.sheet, config.limits.maxCells);
    const scored = grids.map(({ grid: g, read: own }) => {
      const found = findTable(g, config, own);
      // the plan's own sheet: the header naming the most columns, then the most header blocks and rows
      // (a workbook's 工程表 or summary sheet repeats some of the plan's columns)
      const named = Math.max(0, ...found.blocks.map((b) => Object.keys(b.columns).length));
      return { g, found, own, score: named * 1e6 + found.blocks.length * 1000 + found.blocks.reduce((n, b) => n + b.dataRows.length, 0) };
    }).sort((a, b) => b.score - a.score);
    const best = scored[0];
    grid = best?.g ?? { file, kind: "xlsx", rows: [] };
    table = best ? best.found : findTable(grid, config, bag);
    if (best) bag.items.push(...best.own.items);
  } else {
    grid = readTextGrid(bytes, file, bag);
    if (grid.rows.every(isBlank)) throw empty();
    table = findTable(grid, config, bag);
  }
  if (!table.blocks.length) {
    bag.add("PP201", { file, ...(grid.sheet !== undefined ? { sheet: grid.sheet } : {}) });
    throw new ReportedError();
  }
  // Early, before any row is normalised: a plan far beyond the documented scale is refused.
  const dataRows = table.blocks.reduce((n, b) => n + b.dataRows.length, 0);
  if (dataRows > config.limits.maxProjects) {
    bag.add("PP115", { file, ...(grid.sheet !== undefined ? { sheet: grid.sheet } : {}) }, { rows: dataRows, limit: config.limits.maxProjects });
    throw new ReportedError();
  }
  const timing = table.period && table.blocks.some((b) => b.timing) ? { period: table.period, standIn: config.schedule.markedLabel } : null;
  const rows = rawRows(grid, table.blocks, table.sections, config.limits.maxCellChars, bag, timing);
  // How the table was read, for a reader of `planpress check` (info).
  const head = table.blocks[0]!.headerRows;
  if (table.period) {
    bag.add("PP220", placeOf(grid, head[head.length - 1]!),
      { blocks: table.blocks.length, rows: rows.length, first: wareki(table.period.start), last: wareki(table.period.end) });
  }
  return { file, grid, blocks: table.blocks, rows, title: boundedTitle(grid, table, config.limits.maxCellChars, bag), period: table.period,
    markLabels: table.legend?.marks ?? {} };
}

/** The title is a cell like any other: clipped before it can reach a cover page (PP310). */
function boundedTitle(grid: Grid, table: Table, max: number, bag: DiagnosticBag): string | null {
  const title = table.title?.text ?? grid.containerTitle ?? null;
  if (title === null || title.length <= max) return title;
  const row = table.title?.row;
  bag.add("PP310", row ? placeOf(grid, row, row.cells.findIndex((c) => c.trim())) : { file: grid.file }, { chars: title.length, limit: max });
  return title.slice(0, max);
}

