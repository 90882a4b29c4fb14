// The table as read from any input: rows of cell texts with where each came from. Text files
// keep physical lines; workbooks keep sheet cells and the horizontal span of merged ranges.
import { columnLetters } from "../cell-address.js";
import type { Diagnostic, Place } from "../diagnostics/schema.js";

export interface GridRow {
  /** 1-based physical line (text) or sheet row (xlsx) where the row starts. */
  line: number;
  cells: string[];
  /** xlsx only: for a cell that starts a merged range, how many columns it covers. */
  spans?: Map<number, number>;
  /** xlsx only: columns covered by a merged range started further left (not those under its top row). */
  covered?: Set<number>;
  /** xlsx only: the fill colour of each filled cell (a key: same key, same colour). */
  fills?: Map<number, string>;
}

/** A merged range of a sheet: top/bottom are 1-based sheet rows (= GridRow.line), left/right 0-based columns. */
export interface GridMerge { top: number; left: number; bottom: number; right: number }

export interface Grid {
  /** The file as the user named it (diagnostics show this). */
  file: string;
  kind: "text" | "xlsx";
  sheet?: string;
  rows: GridRow[];
  /** A title the container carries (the workbook's title property). */
  containerTitle?: string;
  /** xlsx only: the workbook's hidden sheets, not read unless named (--sheet): said when no table is found. */
  hiddenSheets?: string[];
  /**
   * xlsx only: the rows (sheet rows) and columns (0-based) hidden in Excel that hold values, each
   * with its first value's column or row.
   */
  hiddenValues?: { rows: ReadonlyMap<number, number>; cols: ReadonlyMap<number, number> };
  /**
   * xlsx only: every merged range. top/bottom are 1-based sheet rows (= GridRow.line), left/right
   * 0-based columns. The top-left cell holds the value; the range's other cells are empty.
   * Clipped to the cells that exist.
   */
  merges?: GridMerge[];
  /** xlsx only: the cells each shape drawn on the sheet spans (arrows, lines, boxes), as merges are given. */
  shapes?: GridMerge[];
  /** xlsx only: the sheet is one of a run numbered 1, 2, 3 … in the workbook's order (`1 便利な行政`): one sheet a 基本方針. */
  numberedSheet?: true;
  /** xlsx only: formula cells without a saved value (read as empty), with what said so (PP117). */
  uncached?: { line: number; col: number; said: Diagnostic }[];
  /** Cells showing an Excel error (#REF!, #N/A; in a CSV, its text), read as empty (PP121, said once the table is found). */
  errorValues?: { line: number; col: number; value: string }[];
}

/** The one text of a row that holds one (a cell, or a merged range repeated across its cells). */
export function singleText(row: GridRow): string | null {
  const texts = new Set(row.cells.map((c) => c.trim()).filter(Boolean));
  return texts.size === 1 ? [...texts][0]! : null;
}

/** The place of cell `col` (0-based) of `row`: `file:line:column` or `file#Sheet!G12`. */
export function placeOf(grid: Grid, row: GridRow, col?: number): Place {
  if (grid.kind === "xlsx") {
    const place: Place = { file: grid.file, sheet: grid.sheet ?? "" };
    place.cell = `${columnLetters((col ?? 0) + 1)}${row.line}`;
    return place;
  }
  const place: Place = { file: grid.file, line: row.line };
  if (col !== undefined) place.column = col + 1;
  return place;
}
