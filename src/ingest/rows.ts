// Data rows of every block → raw project rows: each known column's cell text and place, and the
// non-empty schedule cells with their fiscal years. Nothing is interpreted yet.
import type { ColumnKey } from "../config/schema.js";
import type { DiagnosticBag } from "../diagnostics/bag.js";
import type { Place } from "../diagnostics/schema.js";
import { parseProjectNo } from "../normalise/text.js";
import { type Grid, type GridRow, placeOf } from "./grid.js";
import type { Block } from "./header.js";

export interface RawCell { text: string; place: Place }

export interface RawScheduleCell extends RawCell {
  year: number;
  /** xlsx: the merged range's width in years (a text export lost its merges). */
  span?: number;
}

export interface RawRow {
  place: Place;
  fields: Partial<Record<ColumnKey, RawCell>>;
  schedule: RawScheduleCell[];
  /** Whether year spans are exact (xlsx merges) or run until the next label (text). */
  exactSpans: boolean;
}

export function rawRows(grid: Grid, blocks: Block[], maxCellChars: number, bag: DiagnosticBag): RawRow[] {
  const out: RawRow[] = [];
  for (const block of blocks) {
    const yearCols = [...block.years.entries()].sort((a, b) => a[0] - b[0]);
    const lastYearCol = yearCols.length ? yearCols[yearCols.length - 1]![0] : -1;
    const firstYearCol = yearCols.length ? yearCols[0]![0] : Infinity;
    for (const row of block.dataRows) {
      const raw = rawRow(grid, block, row, maxCellChars, bag);
      if (!raw) continue;
      if (grid.kind === "text" && row.cells.length < block.expectedCells) {
        bag.add("PP306", placeOf(grid, row, row.cells.length), { cells: row.cells.length, expected: block.expectedCells },
          { projectNo: noOf(raw), actual: String(row.cells.length), expected: String(block.expectedCells) });
      }
      for (const [col, year] of yearCols) {
        const text = clip(grid, row, col, maxCellChars, bag).trim();
        if (!text) continue;
        const cell: RawScheduleCell = { text, place: placeOf(grid, row, col), year };
        const span = row.spans?.get(col);
        if (span !== undefined) cell.span = span;
        raw.schedule.push(cell);
      }
      // Text right of the period's last column (or between the named columns and the first
      // year) is a schedule cell outside the period.
      row.cells.forEach((c, col) => {
        if (!c.trim() || block.years.has(col) || block.unknown.has(col) || Object.values(block.columns).includes(col)) return;
        if (col > lastYearCol || (col < firstYearCol && col > Math.max(...Object.values(block.columns).map((v) => v ?? -1)))) {
          bag.add("PP308", placeOf(grid, row, col), { value: c.trim().slice(0, 40) }, { projectNo: noOf(raw) });
        }
      });
      out.push(raw);
    }
  }
  return out;
}

const noOf = (raw: RawRow): number | undefined => parseProjectNo(raw.fields.no?.text ?? "");

function clip(grid: Grid, row: GridRow, col: number, max: number, bag: DiagnosticBag): string {
  const text = row.cells[col] ?? "";
  if (text.length <= max) return text;
  bag.add("PP310", placeOf(grid, row, col), { chars: text.length, limit: max });
  return text.slice(0, max);
}

function rawRow(grid: Grid, block: Block, row: GridRow, max: number, bag: DiagnosticBag): RawRow | null {
  const fields: Partial<Record<ColumnKey, RawCell>> = {};
  for (const [key, col] of Object.entries(block.columns) as [ColumnKey, number][]) {
    fields[key] = { text: clip(grid, row, col, max, bag), place: placeOf(grid, row, col) };
  }
  // A lone note line inside the table (a page footer, a remark) is not a project row.
  const filled = row.cells.filter((c) => c.trim()).length;
  if (!fields.no?.text.trim() && !fields.name?.text.trim() && filled <= 1) return null;
  return { place: placeOf(grid, row), fields, schedule: [], exactSpans: grid.kind === "xlsx" };
}
