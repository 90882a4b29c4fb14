// A returned workbook's cells through the shared sheet-XML reader (src/ingest/workbook-xml.ts),
// not through exceljs: forms come back saved by Excel, LibreOffice or openpyxl, and exceljs 4.4.0
// crashes on some of them. A formula cell's value is its text, so a cached result (which openpyxl
// does not even write) is never trusted.
import type { FormCell } from "../forms/checksum.js";
import { readWorkbookXml, WorkbookReadError, type XmlCell } from "../ingest/workbook-xml.js";

export { WorkbookReadError };

export interface SheetCells {
  name: string;
  /** visible, hidden or veryHidden */
  state: string;
  /** Non-empty cells, 1-based; a formula cell's value is `{ formula }`. */
  cells: FormCell[];
}

function formValue(c: XmlCell): unknown {
  if (c.formula !== undefined) return { formula: c.formula };
  if (c.type === "inlineStr" || c.type === "s") return c.text ?? "";
  if (c.v === undefined) return null;
  if (c.type === "str" || c.type === "e") return c.v;
  if (c.type === "b") return c.v === "1";
  return Number(c.v);
}

/** Every worksheet of an .xlsx, in workbook order. Throws WorkbookReadError when it is not one. */
export function readWorkbookCells(data: Uint8Array): SheetCells[] {
  return readWorkbookXml(data).sheets.map((s) => ({
    name: s.name,
    state: s.state,
    cells: s.cells.flatMap((c) => {
      const value = formValue(c);
      return value === null || value === "" ? [] : [{ row: c.row, col: c.col, value }];
    }),
  }));
}
