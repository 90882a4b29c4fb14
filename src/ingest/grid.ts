// The table as read from any input: rows of cell texts with where each came from. Text files
// keep physical lines; workbooks keep sheet cells and the horizontal span of merged ranges.
import type { Place } from "../diagnostics/schema.js";

export interface GridRow {
  /** 1-based physical line (text) or sheet row (xlsx) where the row starts. */
  line: number;
  cells: string[];
  /** xlsx only: for a cell that starts a merged range, how many columns it covers. */
  spans?: Map<number, number>;
  /** xlsx only: columns covered by a merged range started further left. */
  covered?: Set<number>;
}

export interface Grid {
  /** The file as the user named it (diagnostics show this). */
  file: string;
  kind: "text" | "xlsx";
  sheet?: string;
  rows: GridRow[];
  /** A title the container carries (the workbook's title property). */
  containerTitle?: string;
}

export function columnLetter(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** The place of cell `col` (0-based) of `row`: `file:line:column` or `file#Sheet!G12`. */
export function placeOf(grid: Grid, row: GridRow, col?: number): Place {
  if (grid.kind === "xlsx") {
    const place: Place = { file: grid.file, sheet: grid.sheet ?? "" };
    place.cell = `${columnLetter(col ?? 0)}${row.line}`;
    return place;
  }
  const place: Place = { file: grid.file, line: row.line };
  if (col !== undefined) place.column = col + 1;
  return place;
}
