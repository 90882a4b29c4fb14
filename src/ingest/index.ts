// The ingest stage: the only stage that reads the input file. Any supported file → the plan
// table's raw rows, its title and its period, with every reading flaw as a diagnostic.
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { Config } from "../config/schema.js";
import { DiagnosticBag } from "../diagnostics/bag.js";
import { megabytes } from "../diagnostics/format.js";
import { ReportedError } from "../errors.js";
import { type Grid, placeOf } from "./grid.js";
import { type Block, findTable, isBlank, type Table } from "./header.js";
import { readTextGrid } from "./read-text.js";
import { wareki } from "../fiscal.js";
import { type RawRow, rawRows } from "./rows.js";

export interface PlanTable {
  file: string;
  grid: Grid;
  blocks: Block[];
  rows: RawRow[];
  title: string | null;
  period: { start: number; end: number } | null;
}


export async function readPlanTable(inputPath: string, config: Config, bag: DiagnosticBag, sheet?: string): Promise<PlanTable> {
  const file = inputPath;
  const ext = path.extname(inputPath).toLowerCase();
  if (![".tsv", ".csv", ".txt", ".xlsx"].includes(ext)) {
    bag.add("PP105", { file }, { ext: ext || (bag.lang === "ja" ? "拡張子なし" : "no extension") });
    throw new ReportedError();
  }
  let bytes: Uint8Array;
  try {
    const info = await stat(inputPath);
    if (info.isDirectory()) throw Object.assign(new Error("EISDIR"), { code: "EISDIR" });
    if (info.size > config.limits.maxInputBytes) {
      bag.add("PP104", { file }, { size: megabytes(info.size), limit: megabytes(config.limits.maxInputBytes) });
      throw new ReportedError();
    }
    bytes = await readFile(inputPath);
  } catch (e) {
    if (e instanceof ReportedError) throw e;
    bag.add("PP101", { file }, { path: inputPath, reason: (e as NodeJS.ErrnoException).code ?? (e as Error).message });
    throw new ReportedError();
  }
  const empty = () => { bag.add("PP102", { file }); return new ReportedError(); };
  if (bytes.length === 0) throw empty();
  let grid: Grid;
  let table: Table;
  if (ext === ".xlsx") {
    // exceljs takes ~0.3–0.8 s to load: only an .xlsx input pays for it.
    const { readXlsxGrids } = await import("./read-xlsx.js");
    const grids = await readXlsxGrids(bytes, file, bag, sheet ?? config.sheet);
    // The sheet holding the plan table: the one with the most header blocks and rows. Each sheet
    // is read into a bag of its own; only the chosen sheet's diagnostics are the run's.
    const scored = grids.map((g) => {
      const own = new DiagnosticBag(bag.lang);
      const found = findTable(g, config, own);
      return { g, found, own, score: found.blocks.length * 1000 + found.blocks.reduce((n, b) => n + b.dataRows.length, 0) };
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
  const rows = rawRows(grid, table.blocks, config.limits.maxCellChars, bag);
  // How the table was read, for a reader of `planpress check` (info).
  const head = table.blocks[0]!.headerRows;
  if (table.period) {
    bag.add("PP220", placeOf(grid, head[head.length - 1]!),
      { blocks: table.blocks.length, rows: rows.length, first: wareki(table.period.start), last: wareki(table.period.end) });
  }
  return { file, grid, blocks: table.blocks, rows, title: boundedTitle(grid, table, config.limits.maxCellChars, bag), period: table.period };
}

/** The title is a cell like any other: clipped before it can reach a cover page (PP310). */
function boundedTitle(grid: Grid, table: Table, max: number, bag: DiagnosticBag): string | null {
  const title = table.title?.text ?? grid.containerTitle ?? null;
  if (title === null || title.length <= max) return title;
  const row = table.title?.row;
  bag.add("PP310", row ? placeOf(grid, row, row.cells.findIndex((c) => c.trim())) : { file: grid.file }, { chars: title.length, limit: max });
  return title.slice(0, max);
}

