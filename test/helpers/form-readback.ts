// A returned form read back with exceljs, independently of planpress's own sheet-XML reader
// (src/progress/sheet-xml.ts): what the forms tests compare the writer's checksum and metadata with.
import type { FormCell } from "../../src/forms/checksum.js";
import { META_SHEET } from "../../src/forms/layout.js";
import { type FormMeta, type MetaProblem, parseMetaRows } from "../../src/forms/meta.js";

/**
 * The part of an exceljs worksheet the checksum needs (structural, so this module does not
 * depend on exceljs). Cells covered by a merge are skipped: only the merge's first cell holds
 * its value.
 */
export interface WorksheetLike {
  eachRow(cb: (row: RowLike, rowNumber: number) => void): void;
}
interface RowLike {
  eachCell(cb: (cell: CellLike, colNumber: number) => void): void;
}
interface CellLike {
  value: unknown;
  address: string;
  isMerged: boolean;
  master: { address: string };
}

/** The cells of a worksheet read back with exceljs, ready for lockedCellsChecksum. */
export function formCellsOf(ws: WorksheetLike): FormCell[] {
  const out: FormCell[] = [];
  ws.eachRow((row, rowNumber) => {
    row.eachCell((cell, colNumber) => {
      if (cell.isMerged && cell.master.address !== cell.address) return;
      out.push({ row: rowNumber, col: colNumber, value: cell.value });
    });
  });
  return out;
}

/** The part of an exceljs workbook readFormMeta needs (structural: no exceljs import here). */
export interface WorkbookLike {
  getWorksheet(name: string): { getRows(start: number, length: number): { getCell(c: number): { value: unknown } }[] | undefined; rowCount: number } | undefined;
}

/** The metadata of a form read back with exceljs (`new ExcelJS.Workbook().xlsx.load(data)`). */
export function readFormMeta(wb: WorkbookLike, sheetName: string = META_SHEET): FormMeta | { problem: MetaProblem } {
  const ws = wb.getWorksheet(sheetName);
  if (!ws) return { problem: "missing" };
  const rows = ws.getRows(1, Math.max(ws.rowCount, 1)) ?? [];
  return parseMetaRows(rows.map((r) => [r.getCell(1).value, r.getCell(2).value] as [unknown, unknown]));
}
