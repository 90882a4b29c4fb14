// A returned workbook's cells through the shared sheet-XML reader (src/ingest/workbook-xml.ts),
// not through exceljs: forms come back saved by Excel, LibreOffice or openpyxl, and exceljs 4.4.0
// crashes on some of them. A formula cell's value is its text, so a cached result (which openpyxl
// does not even write) is never trusted.
import { columnLetters } from "../cell-address.js";
import type { FormCell } from "../forms/checksum.js";
import { formatNumber, shownBuiltinFormat } from "../ingest/number-format.js";
import { readWorkbookXml, WorkbookReadError, type XmlCell } from "../ingest/workbook-xml.js";

export { WorkbookReadError };

export interface SheetCells {
  name: string;
  /** visible, hidden or veryHidden */
  state: string;
  /** Non-empty cells, 1-based; a formula cell's value is `{ formula }`. */
  cells: ShownCell[];
  /** Merged ranges as written: "F11:F12". */
  merges: string[];
  /** Rows hidden in Excel (also those a filter hides), and hidden column ranges (inclusive), 1-based. */
  hiddenRows?: Set<number>;
  hiddenCols?: [number, number][];
  /** Notes (comments) on cells, 1-based. */
  notes?: { row: number; col: number; text: string }[];
  /** Hyperlinks on cells, 1-based, with where each leads. */
  links?: { row: number; col: number; target: string }[];
}

/**
 * A cell and, for a number with a format, the text Excel shows: a date typed into 実績
 * (2026/6/1) is the number 46174 in the file, 95 % is 0.95; the report prints what was typed.
 */
export interface ShownCell extends FormCell {
  shown?: string;
  /** Its text is struck through, all or in part (見え消し). */
  struck?: true;
  /** Text in white on no fill, all or in part (白文字): in the file, seen by no one. */
  unseen?: true;
  /** Characters of its rich text set superscript or subscript (10³), which the report prints plain. */
  raised?: string;
  /** An Excel error value (#N/A, #REF!) kept as a value, e.g. a formula's result pasted as values. */
  error?: true;
}

function formValue(c: XmlCell): unknown {
  if (c.formula !== undefined) return { formula: c.formula };
  if (c.type === "inlineStr" || c.type === "s") return c.text ?? "";
  if (c.v === undefined) return null;
  if (c.type === "str" || c.type === "e") return c.v;
  if (c.type === "b") return c.v === "1";
  return Number(c.v);
}

/** The most cells with values a returned workbook may hold (a form has a few hundred): a 14 MB
 * return of 14 sheets of 490,000 cells had taken 1.5 GB, as a plan had. */
const MAX_FORM_CELLS = 500_000;

/** Every worksheet of an .xlsx, in workbook order. Throws WorkbookReadError when it is not one. */
export function readWorkbookCells(data: Uint8Array, maxCells = MAX_FORM_CELLS): SheetCells[] {
  const workbook = readWorkbookXml(data, { maxCells });
  const over = workbook.sheets.find((s) => s.overLimit);
  if (over) throw new WorkbookReadError(`値のあるセルが多すぎます（シート「${over.name}」までで ${maxCells} 個を超えます）`);
  // a cell naming a shared string the workbook lacks had been read as empty (an entry not made)
  for (const s of workbook.sheets) {
    const c = s.cells.find((x) => x.missingShared !== undefined);
    if (c) throw new WorkbookReadError(`シート「${s.name}」のセル ${columnLetters(c.col)}${c.row} が参照する共有文字列（${c.missingShared || "番号が空"}）がブックにありません`);
  }
  return workbook.sheets.map((s) => ({
    name: s.name,
    state: s.state,
    merges: s.merges,
    ...(s.hiddenRows ? { hiddenRows: s.hiddenRows } : {}),
    ...(s.hiddenCols ? { hiddenCols: s.hiddenCols } : {}),
    ...(s.notes ? { notes: s.notes } : {}),
    ...(s.links ? { links: s.links } : {}),
    cells: s.cells.flatMap((c) => {
      const value = formValue(c);
      if (value === null || value === "") return [];
      // (a built-in id as Japanese Excel shows it: 4/1 typed is 4月1日, not the plan reader's 2026-04-01)
      const format = c.builtinFormat !== undefined ? shownBuiltinFormat(c.builtinFormat) : c.format;
      const shown = typeof value === "number" && format !== undefined ? formatNumber(value, format, workbook.date1904) : null;
      return [{ row: c.row, col: c.col, value, ...(shown !== null && shown !== String(value) ? { shown } : {}),
        ...(c.struck ? { struck: true as const } : {}), ...(c.raised ? { raised: c.raised } : {}), ...(c.unseen ? { unseen: true as const } : {}), ...(c.type === "e" && c.formula === undefined ? { error: true as const } : {}) }];
    }),
  }));
}
