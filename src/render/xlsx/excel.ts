// The only module that writes with exceljs (it has had no release since 4.4.0; keeping it here
// means it can be replaced). Draws a WorkbookSpec, then normalises the zip (zip.ts).
import ExcelJS from "exceljs";
import { columnLetters } from "../../cell-address.js";
import { PAPER, paperSize } from "../../theme/paper.js";
import type { CellSpec, PrintSpec, SheetSpec, WorkbookSpec } from "./spec.js";
import { columnsWidthPt, rowHeightPt, textWidthEm, wrappedLines } from "./metrics.js";
import { normaliseXlsx, type FilterName } from "./zip.js";

const argb = (hex: string) => `FF${hex.replace("#", "").toUpperCase()}`;
const inches = (pt: number) => Math.round((pt / 72) * 100) / 100;
/** `&` starts a code in Excel headers and footers. */
const headerText = (s: string) => s.replace(/&/g, "&&");

/**
 * A list validation's formula: the values inline (`"a,b,c"`) when they fit Excel's 255-character
 * limit and contain no comma or quote, else null (the caller lists them in cells and gives a range).
 */
export function inlineListFormula(values: readonly string[]): string | null {
  const joined = values.join(",");
  if (joined.length > 250 || values.some((v) => /[,"]/.test(v))) return null;
  return `"${joined}"`;
}

export async function writeWorkbook(spec: WorkbookSpec): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = spec.creator;
  wb.lastModifiedBy = spec.creator;
  wb.title = spec.title;
  if (spec.subject) wb.subject = spec.subject;
  if (spec.keywords) wb.keywords = spec.keywords;
  wb.created = spec.date;
  wb.modified = spec.date;
  const filters: FilterName[] = [];
  const styles: StyleCache = new Map();
  for (const [i, sheet] of spec.sheets.entries()) {
    await drawSheet(wb, sheet, spec, styles);
    if (sheet.autoFilter) {
      const last = columnLetters(sheet.widths.length);
      filters.push({ sheetIndex: i, sheetName: sheet.name, range: `$A$${sheet.autoFilter.headerRow}:$${last}$${sheet.autoFilter.lastRow}` });
    }
  }
  // Stored, not deflated: normaliseXlsx unzips it and deflates every part once, itself.
  const buffer = await wb.xlsx.writeBuffer({ zip: { compression: "STORE" } } as unknown as Partial<ExcelJS.XlsxWriteOptions>);
  return normaliseXlsx(new Uint8Array(buffer as ArrayBuffer), spec.date, filters, spec.lockStructure ?? false);
}

/** The width (pt) a sheet's columns have on its page, between the margins. */
export const printWidth = (p: PrintSpec): number => paperSize(p.paper, p.orientation)[0] - p.margins[0] - p.margins[2];

/** Below this scale a sheet fitted one page wide is not legible (9 pt text at 3 pt). */
const MIN_PRINT_SCALE = 0.6;

/**
 * How many pages wide a sheet prints: one, unless fitting it one page wide would shrink it under
 * MIN_PRINT_SCALE (a 担当課別 sheet of 150 departments printed at 35 %); then as many as its
 * columns need at full size, its title columns repeated on each.
 */
export function pagesAcross(widths: readonly number[], p: PrintSpec): number {
  if (!p.titleColumns) return 1;
  const page = printWidth(p);
  const total = columnsWidthPt(widths);
  if (total * MIN_PRINT_SCALE <= page) return 1;
  const titles = columnsWidthPt(widths.slice(p.titleColumns[0] - 1, p.titleColumns[1]));
  return Math.ceil((total - titles) / Math.max(page - titles, page / 2));
}

/** Excel's header font size (pt), unscaled: the room a header's parts take. */
const HEADER_SIZE = 11;

/**
 * A printed page's header: the plan's title left, the sheet's name right (centred, a long title
 * had run over it on a portrait page, 「…実施計画体系」 printed over each other). A title longer
 * than the page holds beside the name is cut, its end 「…」.
 */
function pageHeader(title: string, sheetName: string, p: PrintSpec): string {
  const room = printWidth(p) / HEADER_SIZE - textWidthEm(sheetName) - 2;
  let shown = title;
  if (textWidthEm(shown) > room) {
    const chars = [...title];
    while (chars.length && textWidthEm(`${chars.join("")}…`) > room) chars.pop();
    shown = `${chars.join("")}…`;
  }
  return `&L${headerText(shown)}&R&A`;
}

async function drawSheet(wb: ExcelJS.Workbook, sheet: SheetSpec, book: WorkbookSpec, styles: StyleCache): Promise<void> {
  const p = sheet.print;
  const across = p ? pagesAcross(sheet.widths, p) : 1;
  const ws = wb.addWorksheet(sheet.name, {
    state: sheet.state ?? "visible",
    views: sheet.freeze ? [{ state: "frozen", xSplit: sheet.freeze.cols, ySplit: sheet.freeze.rows }] : [],
    ...(p ? {
      pageSetup: {
        paperSize: PAPER[p.paper].excel,
        orientation: p.orientation,
        fitToPage: true, fitToWidth: across, fitToHeight: 0,
        margins: { left: inches(p.margins[0]), top: inches(p.margins[1]), right: inches(p.margins[2]), bottom: inches(p.margins[3]), header: 0.3, footer: 0.3 },
        ...(p.titleRows ? { printTitlesRow: `${p.titleRows[0]}:${p.titleRows[1]}` } : {}),
        ...(across > 1 && p.titleColumns ? { printTitlesColumn: `${columnLetters(p.titleColumns[0])}:${columnLetters(p.titleColumns[1])}` } : {}),
      },
      headerFooter: {
        oddHeader: pageHeader(p.headerLeft ?? "", sheet.name, p),
        oddFooter: "&C&P / &N",
      },
    } : {}),
  } as unknown as Partial<ExcelJS.AddWorksheetOptions>);
  sheet.widths.forEach((w, i) => { ws.getColumn(i + 1).width = w; });
  const merges: [number, number, number, number][] = [];
  // cells over several rows: [first row, rows, height their text needs]
  const spanned: [number, number, number][] = [];
  sheet.rows.forEach((row, ri) => {
    const r = ri + 1;
    const xlRow = ws.getRow(r);
    let lines = row.minLines ?? 1;
    let size = sheet.fontSize;
    row.cells.forEach((spec, ci) => {
      if (!spec) return;
      const col = ci + 1;
      // A cell set not to wrap, its text wider than the columns from it to the table's last, ran
      // past the table in print (a long title or legend line over a narrow 工程表 or 担当課別
      // sheet): it wraps in its own columns instead.
      const c = spec.wrap === false && !spec.vertical && typeof spec.value === "string"
        && Math.max(...spec.value.split("\n").map(textWidthEm)) * (spec.size ?? sheet.fontSize) > columnsWidthPt(sheet.widths.slice(ci))
        ? { ...spec, wrap: true } : spec;
      drawCell(xlRow.getCell(col), c, sheet, book, styles);
      const span = c.colSpan ?? 1;
      const rows = c.rowSpan ?? 1;
      if (span > 1 || rows > 1) merges.push([r, col, r + rows - 1, col + span - 1]);
      if (typeof c.value === "string" && c.value) {
        const s = c.size ?? sheet.fontSize;
        const n = c.wrap === false || c.vertical ? 1 : wrappedLines(c.value, columnsWidthPt(sheet.widths.slice(ci, ci + span)), s);
        if (rows > 1) spanned.push([r, rows, rowHeightPt(n, s)]);
        else if (rowHeightPt(n, s) > rowHeightPt(lines, size)) { lines = n; size = s; }
      }
    });
    xlRow.height = row.height ?? rowHeightPt(lines, size);
  });
  // A merged cell's text needs the rows it spans together: the shortfall shared among them (a
  // 工程表 project of two lanes had printed its name and 担当課 cut in two rows of one line each).
  for (const [first, rows, need] of spanned) {
    const heights = Array.from({ length: rows }, (_, k) => ws.getRow(first + k).height);
    const short = need - heights.reduce((a, b) => a + b, 0);
    if (short > 0) heights.forEach((h, k) => { ws.getRow(first + k).height = h + Math.ceil((short / rows) * 4) / 4; });
  }
  mergeAll(ws, merges);
  if (sheet.autoFilter) {
    ws.autoFilter = { from: { row: sheet.autoFilter.headerRow, column: 1 }, to: { row: sheet.autoFilter.lastRow, column: sheet.widths.length } };
  }
  // One <conditionalFormatting> per range, its rules in the spec's order (priority 1 first).
  const byRange = new Map<string, ExcelJS.ConditionalFormattingRule[]>();
  (sheet.conditionalRules ?? []).forEach((rule, i) => {
    const rules = byRange.get(rule.range) ?? [];
    rules.push({
      type: "expression", priority: i + 1, formulae: [rule.formula],
      style: {
        fill: { type: "pattern", pattern: "solid", fgColor: { argb: argb(rule.fill) }, bgColor: { argb: argb(rule.fill) } },
        ...(rule.color ? { font: { color: { argb: argb(rule.color) } } } : {}),
      },
    });
    byRange.set(rule.range, rules);
  });
  for (const [ref, rules] of byRange) ws.addConditionalFormatting({ ref, rules });
  if (sheet.protect) {
    // No password: a hashed one costs ~250 ms per sheet and takes a random salt (no
    // byte-identical rebuilds). Protection guards against slips; the checksum detects edits.
    await ws.protect("", {
      selectLockedCells: true, selectUnlockedCells: true, formatRows: true, formatColumns: true,
    });
  }
}

/**
 * Merged ranges, checked here against each other cell by cell: exceljs's own check compares each
 * new range with every earlier one (a 5,000-project workbook spent 4 s in it). Its check is given
 * an empty list while it merges, then the range joins the others.
 */
function mergeAll(ws: ExcelJS.Worksheet, merges: readonly [number, number, number, number][]): void {
  const covered = new Set<string>();
  const sheet = ws as unknown as { _merges: Record<string, unknown> };
  const all = sheet._merges;
  for (const [r1, c1, r2, c2] of merges) {
    for (let r = r1; r <= r2; r++) {
      for (let c = c1; c <= c2; c++) {
        const at = `${r}:${c}`;
        if (covered.has(at)) throw new Error(`Cannot merge already merged cells (${ws.name} R${r}C${c})`);
        covered.add(at);
      }
    }
    sheet._merges = {};
    ws.mergeCells(r1, c1, r2, c2);
    Object.assign(all, sheet._merges);
  }
  sheet._merges = all;
}

/** The theme's patterns as Excel's pattern fills (drawn in PATTERN_INK over the cell's colour). */
const EXCEL_PATTERNS: Record<string, ExcelJS.FillPatterns> = {
  hatch: "lightUp", backhatch: "lightDown", cross: "lightTrellis", dots: "gray125",
  stripes: "lightHorizontal", vlines: "lightVertical", grid: "lightGrid",
};
/** A mid grey: the pattern reads on a gray copy and leaves the black label legible. */
const PATTERN_INK = "#84919E";

/**
 * One style object per distinct look (and value type, which exceljs's style id depends on):
 * exceljs renders a cell's style to XML to find its id unless it has met the very object before,
 * which was a fifth of a 5,000-project workbook's time.
 */
type StyleCache = Map<string, Partial<ExcelJS.Style>>;

function cellStyle(c: CellSpec, sheet: SheetSpec, book: WorkbookSpec): Partial<ExcelJS.Style> {
  const style: Partial<ExcelJS.Style> = {};
  style.font = {
    name: book.font, size: c.size ?? sheet.fontSize,
    ...(c.bold ? { bold: true } : {}), ...(c.italic ? { italic: true } : {}),
    ...(c.color ? { color: { argb: argb(c.color) } } : {}),
  };
  const pattern = c.pattern ? EXCEL_PATTERNS[c.pattern] : undefined;
  if (c.fill && pattern) style.fill = { type: "pattern", pattern, fgColor: { argb: argb(PATTERN_INK) }, bgColor: { argb: argb(c.fill) } };
  else if (c.fill) style.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(c.fill) }, bgColor: { argb: argb(c.fill) } };
  style.alignment = {
    vertical: c.valign ?? "top",
    horizontal: c.align ?? "left",
    wrapText: c.wrap !== false,
    ...(c.indent ? { indent: c.indent } : {}),
    ...(c.vertical ? { textRotation: "vertical" as const } : {}),
  };
  if (c.border) {
    const line = c.border === "medium" ? "medium" : c.border === "dashed" ? "dashed" : c.border === "dotted" ? "dotted" : "thin";
    const edge = { style: line, color: { argb: argb(book.ruleColour) } } as const;
    style.border = { top: edge, left: edge, bottom: edge, right: edge };
  }
  if (c.unlocked) style.protection = { locked: false };
  return style;
}

function drawCell(cell: ExcelJS.Cell, c: CellSpec, sheet: SheetSpec, book: WorkbookSpec, styles: StyleCache): void {
  // A string is always written as a string (never parsed as a formula), so input text such as
  // "=1+1" stays text; only { formula } values the program builds become formulas.
  const v = c.value;
  if (v !== null) cell.value = typeof v === "object" ? { formula: v.formula, result: v.text } : v;
  // every CellSpec field cellStyle reads
  const key = [c.runs ? "runs" : typeof v, c.size ?? sheet.fontSize, c.bold, c.italic, c.color, c.pattern, c.fill, c.valign, c.align, c.wrap, c.indent, c.vertical, c.border, c.unlocked].join("|");
  let style = styles.get(key);
  if (!style) styles.set(key, (style = cellStyle(c, sheet, book)));
  cell.style = style;
  // (each run with the cell's whole font: a run without its own takes the workbook's default font)
  if (c.runs) cell.value = { richText: c.runs.map((r) => ({ text: r.text, font: { ...style.font, ...(r.mark ? { bold: true, underline: true } : {}) } })) };
  if (c.list) {
    cell.dataValidation = {
      type: "list", allowBlank: true, formulae: [c.list.formula],
      showErrorMessage: true, errorStyle: "stop", errorTitle: c.list.title, error: c.list.error,
    };
  }
}
