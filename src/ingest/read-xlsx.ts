// XLSX → Grid through the sheet-XML reader (workbook-xml.ts). Only the cells that exist are read;
// rows between them are kept, but a run of more than MAX_GAP empty rows shrinks to one blank row,
// so a stray cell at A1048576 costs one row, and is named (PP116). A merged range gives the exact
// span of a schedule label; cells a merge covers are marked so an empty covered cell is not read
// as a year without activity. A number cell reads as Excel shows it through its number format.
import { columnLetters, columnNumber } from "../cell-address.js";
import { DiagnosticBag, saidOnce } from "../diagnostics/bag.js";
import type { Place } from "../diagnostics/schema.js";
import { ReportedError } from "../errors.js";
import type { Grid, GridMerge, GridRow } from "./grid.js";
import { formatNumber } from "./number-format.js";
import { CONTROLS, withCellBreaks } from "./read-text.js";
import { MAX_COLUMN, readWorkbookXml, WorkbookReadError, type XmlCell, type XmlSheet, type XmlWorkbook, zipReason } from "./workbook-xml.js";
import { LONE_SURROGATE } from "../normalise/text.js";

/** Empty rows (or columns) between cells beyond which a cell lies outside the sheet's table. */
const MAX_GAP = 1000;

export interface SheetRead { grid: Grid; /** What reading this sheet's cells found (its own bag). */ read: DiagnosticBag }

function cellText(c: XmlCell, wb: XmlWorkbook, place: Place, bag: DiagnosticBag): string {
  if (c.missingShared !== undefined) {
    bag.add("PP118", place, { index: c.missingShared });
    return "";
  }
  switch (c.type) {
    case "s": case "inlineStr": return c.text ?? "";
    case "str": return c.v ?? "";
    case "e": return "";
    case "b": return c.v === "1" ? "TRUE" : "FALSE";
    case "d": return (c.v ?? "").slice(0, 10);
    default: {
      const v = c.v ?? "";
      const n = Number(v);
      if (v.trim() === "" || Number.isNaN(n)) return v;
      return (c.format !== undefined ? formatNumber(n, c.format, wb.date1904) : null) ?? String(n);
    }
  }
}

/** Sorted values cut at the first gap wider than MAX_GAP: the extent of the sheet's table. */
function extentOf(sorted: readonly number[]): number {
  let last = sorted[0] ?? 0;
  for (const v of sorted) { if (v - last > MAX_GAP) break; last = v; }
  return last;
}

function parseRange(ref: string): GridMerge | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/.exec(ref);
  if (!m) return null;
  const col = (letters: string) => columnNumber(letters) - 1;
  const top = Number(m[2]), left = col(m[1] ?? "A");
  const bottom = Number(m[4] ?? m[2]), right = col(m[3] ?? m[1] ?? "A");
  return { top: Math.min(top, bottom), left: Math.min(left, right), bottom: Math.max(top, bottom), right: Math.max(left, right) };
}

/** A cell's text for a message: on one line, its first 30 characters. */
const excerptOf = (text: string): string => text.replace(/\s+/g, " ").slice(0, 30);

/**
 * The raised characters of a cell when they are a footnote's number or mark at its end, after a
 * word that is not Latin or a digit (拡充¹, 導入※¹): not 10³, m², CO₂, whose meaning they carry.
 */
function raisedFootnote(text: string, raised: string): string | undefined {
  const body = text.trimEnd();
  if (!/^(?:[※＊*]?[0-9０-９]{1,2}[)）]?|[※＊*]|[（(]?注[0-9０-９]{0,2}[)）]?)$/u.test(raised) || !body.endsWith(raised)) return undefined;
  const before = body.slice(0, -raised.length).trimEnd();
  return before !== "" && !/[A-Za-z0-9Ａ-Ｚａ-ｚ０-９]$/u.test(before) ? raised : undefined;
}

function sheetGrid(sheet: XmlSheet, wb: XmlWorkbook, file: string, bag: DiagnosticBag): Grid {
  const grid: Grid = { file, kind: "xlsx", sheet: sheet.name, rows: [] };
  const byRow = new Map<number, Map<number, string>>();
  const fillsByRow = new Map<number, Map<number, string>>();
  // Cells showing an Excel error (#REF!, #N/A): read as empty, and said once for the sheet.
  const errorCells: XmlCell[] = [];
  // Each said once, at the first cell, with the count (saidOnce).
  // A formula reading another workbook ([1]Sheet1!A1): its value as last saved, said (PP131)
  const linked = saidOnce();
  // Text struck through (見え消し): in or out of the plan? Never guessed: an error at the first.
  const struck = saidOnce();
  // Text in white on no fill (白文字): there, but seen by no one on screen or paper. In the plan or
  // not? Never guessed, as struck text: an error at the first (PP163).
  const unseen = saidOnce();
  // Characters set superscript or subscript: the cell's text has them plain (10³ reads 103).
  // A footnote's number raised after a word at the cell's end (拡充¹) is left out, said (PP165);
  // any other changes the meaning printed plain: an error at the first (PP164).
  const raised = saidOnce();
  const footnotes = saidOnce();
  // Control characters (a NUL, an ESC from another system's export, written &#0; or _x001B_) are
  // export damage, not content, as in a text file: removed, said at the first (PP107). They had
  // reached the PDFs (PP351) and the terminal.
  const controls = saidOnce();
  // Half a surrogate pair (`_xD83D_` alone: an emoji cut by a broken export) is no character: it is
  // U+FFFD, as a text file's bytes that decode to nothing are (PP109, said at the first cell). It
  // had reached the model as is, and the PDFs (a box no check named as damage).
  const halves = saidOnce();
  const placeOfCell = (c: XmlCell) => ({ file, sheet: sheet.name, cell: `${columnLetters(c.col)}${c.row}` });
  for (const c of sheet.cells) {
    if (c.fill !== undefined) {
      const fills = fillsByRow.get(c.row) ?? new Map<number, string>();
      fills.set(c.col - 1, c.fill);
      fillsByRow.set(c.row, fills);
    }
    // A formula without a saved value: its cell read as empty, said (PP117; an error when the
    // table's header or a project's cell is such a cell, see uncachedInTable)
    // (an empty <v> of a number cell, as writers that do not calculate leave it, is no value either;
    // a text formula's empty <v> is its empty result)
    if (c.formula !== undefined && (c.v === undefined || (c.v === "" && c.type === "n"))) {
      (grid.uncached ??= []).push({ line: c.row, col: c.col - 1, said: bag.add("PP117", placeOfCell(c), { formula: c.formula || "…" }) });
      continue;
    }
    // a line or paragraph separator, or Excel's _x000B_ (VT), breaks the line as in a text file
    // (they had been read as spaces: 「電子申請の 拡充」 where the CSV gave 「電子申請の拡充」)
    let text = withCellBreaks(cellText(c, wb, placeOfCell(c), bag));
    const found = text.match(CONTROLS);
    if (found) {
      controls.met(placeOfCell(c), {}, found.length);
      text = text.replace(CONTROLS, "");
    }
    const half = text.match(LONE_SURROGATE);
    if (half) {
      halves.met(placeOfCell(c), { half: 1 }, half.length);
      text = text.replace(LONE_SURROGATE, "\uFFFD");
    }
    if (c.type === "e" && c.v !== undefined) errorCells.push(c);
    if (text === "") continue;
    if (c.formula !== undefined && EXTERNAL_REFERENCE.test(c.formula)) linked.met(placeOfCell(c), { formula: c.formula.slice(0, 60) });
    if (c.struck) struck.met(placeOfCell(c), { text: excerptOf(text) });
    if (c.unseen) unseen.met(placeOfCell(c), { text: excerptOf(text) });
    if (c.raised) {
      const mark = raisedFootnote(text, c.raised);
      if (mark === undefined) raised.met(placeOfCell(c), { raised: c.raised, text: excerptOf(text) });
      else {
        text = text.trimEnd().slice(0, -mark.length).trimEnd();
        footnotes.met(placeOfCell(c), { mark, text: excerptOf(text) });
      }
    }
    const row = byRow.get(c.row) ?? new Map<number, string>();
    row.set(c.col - 1, text);
    byRow.set(c.row, row);
  }
  // (said once the table is found: an error where the table reads the cell, PP121 in ingest/index.ts)
  if (errorCells.length) grid.errorValues = errorCells.map((c) => ({ line: c.row, col: c.col - 1, value: c.v || "#…" }));
  controls.say("PP107", bag);
  halves.say("PP109", bag);
  linked.say("PP131", bag);
  struck.say("PP122", bag);
  unseen.say("PP163", bag);
  raised.say("PP164", bag);
  footnotes.say("PP165", bag);
  const hidden = findHidden(sheet, byRow);
  if (hidden) grid.hiddenValues = hidden;
  const rowNos = [...byRow.keys()].sort((a, b) => a - b);
  const colNos = [...new Set([...byRow.values()].flatMap((r) => [...r.keys()]))].sort((a, b) => a - b);
  const lastRow = rowNos[rowNos.length - 1] ?? 0;
  const lastCol = colNos[colNos.length - 1] ?? 0;
  // A cell far beyond the table (after a gap of more than MAX_GAP rows or columns) is named.
  const tableRow = extentOf(rowNos), tableCol = extentOf(colNos);
  if (lastRow > tableRow || lastCol > tableCol) {
    let far = { row: 0, col: 0 };
    for (const [r, cells] of byRow) for (const c of cells.keys()) {
      if ((r > tableRow || c > tableCol) && r + c > far.row + far.col) far = { row: r, col: c };
    }
    const farCell = `${columnLetters(far.col + 1)}${far.row}`;
    bag.add("PP116", { file, sheet: sheet.name, cell: farCell }, {
      range: `A1:${columnLetters(lastCol + 1)}${lastRow}`,
      cells: [...byRow.values()].reduce((n, r) => n + r.size, 0), lastRow: tableRow, lastColumn: columnLetters(tableCol + 1),
    });
  }
  // Merges, clipped to the cells that exist (a merge over A:XFD marks what there is to mark).
  const merges = sheet.merges.map(parseRange).filter((m): m is GridMerge => m !== null && m.top <= lastRow && m.left <= lastCol)
    .map((m) => ({ ...m, bottom: Math.min(m.bottom, lastRow), right: Math.min(m.right, lastCol) }));
  // Merged ranges covering more cells than the table has overlap, which Excel refuses (a repair):
  // 200,000 copies of one range in a 55 KB file had taken 135 s and 3 GB to mark, row by row.
  if (merges.reduce((n, m) => n + (m.bottom - m.top + 1) * (m.right - m.left + 1), 0) > lastRow * (lastCol + 1)) {
    throw new WorkbookReadError(`シート「${sheet.name}」の結合セル（${sheet.merges.length} か所）が重なっています（ファイルが壊れています）`);
  }
  if (merges.length) grid.merges = merges;
  if (sheet.shapes) grid.shapes = sheet.shapes;
  const mergesByRow = new Map<number, GridMerge[]>();
  for (const m of merges) for (let r = m.top; r <= m.bottom; r++) {
    const list = mergesByRow.get(r) ?? [];
    list.push(m);
    mergesByRow.set(r, list);
  }
  const emit = (r: number) => {
    const values = byRow.get(r);
    const spans = new Map<number, number>();
    const covered = new Set<number>();
    for (const m of mergesByRow.get(r) ?? []) {
      // (only from the left: a year cell under the top of a vertical merge keeps its fill — two
      // projects' 令和8年度 merged in one colour had lost the lower one's first year)
      for (let c = m.left + 1; c <= m.right; c++) covered.add(c);
      if (r === m.top && m.right > m.left) spans.set(m.left, m.right - m.left + 1);
    }
    let width = 0;
    for (const c of values?.keys() ?? []) width = Math.max(width, c + 1);
    for (const c of covered) width = Math.max(width, c + 1);
    const cells: string[] = new Array<string>(width).fill("");
    for (const [c, text] of values ?? []) if (!covered.has(c)) cells[c] = text;
    const row: GridRow = { line: r, cells, spans, covered };
    const fills = fillsByRow.get(r);
    if (fills) row.fills = fills;
    grid.rows.push(row);
  };
  let prev = 0;
  for (const r of rowNos) {
    if (r - prev - 1 > MAX_GAP) {
      // A long run of empty rows reads as one blank row (its merges' covered rows are empty too).
      emit(prev + 1);
      prev = r - 1;
    }
    for (let k = prev + 1; k <= r; k++) emit(k);
    prev = r;
  }
  return grid;
}

/**
 * Values in rows or columns hidden in Excel are read like any other (a hidden row may be a project
 * left out on purpose, or one hidden to print a page): kept on the grid, said once the table is
 * found (sayHidden). Returns the hidden columns holding values (0-based) and their first cells.
 */
function findHidden(sheet: XmlSheet, byRow: Map<number, Map<number, string>>): NonNullable<Grid["hiddenValues"]> | null {
  if (!sheet.hiddenRows && !sheet.hiddenCols) return null;
  // the hidden ranges as one mark a column (a range's ends counted, then summed): a search of every
  // range for every cell took 16 s for 200,000 ranges in a 62 KB file
  const ends = new Int32Array(MAX_COLUMN + 2);
  for (const [min, max] of sheet.hiddenCols ?? []) {
    if (min > MAX_COLUMN) continue;
    ends[min]!++;
    ends[Math.min(max, MAX_COLUMN) + 1]!--;
  }
  const hiddenCol = new Uint8Array(MAX_COLUMN + 1);
  for (let c = 1, depth = 0; c <= MAX_COLUMN; c++) { depth += ends[c]!; hiddenCol[c] = depth > 0 ? 1 : 0; }
  const colHidden = (c: number) => hiddenCol[c] === 1;
  const rows = new Map<number, number>(), cols = new Map<number, number>();
  for (const r of [...byRow.keys()].sort((a, b) => a - b)) {
    for (const c of [...byRow.get(r)!.keys()].sort((a, b) => a - b)) {
      const inRow = sheet.hiddenRows?.has(r) ?? false, inCol = colHidden(c + 1);
      if (inRow && !rows.has(r)) rows.set(r, c);
      if (inCol && !cols.has(c)) cols.set(c, r);
    }
  }
  return rows.size || cols.size ? { rows, cols } : null;
}

/**
 * The values hidden in Excel that were read, said once per sheet at the first such cell, counted
 * (PP120). A hidden column set aside for a shown one of its key (PP245) was not read: not counted,
 * where PP120 had said its values were read.
 */
export function sayHidden(grid: Grid, setAside: ReadonlySet<number>, bag: DiagnosticBag): void {
  const hidden = grid.hiddenValues;
  if (!hidden) return;
  const firsts = [...[...hidden.rows].map(([row, col]) => ({ row, col })),
    ...[...hidden.cols].filter(([col]) => !setAside.has(col)).map(([col, row]) => ({ row, col }))];
  const first = firsts.sort((a, b) => a.row - b.row || a.col - b.col)[0];
  if (!first) return;
  const cols = [...hidden.cols.keys()].filter((c) => !setAside.has(c)).length;
  bag.add("PP120", { file: grid.file, ...(grid.sheet !== undefined ? { sheet: grid.sheet } : {}), cell: `${columnLetters(first.col + 1)}${first.row}` },
    { rows: hidden.rows.size, cols });
}

/** A reference to another workbook in a formula: `[1]Sheet1!A1` (the file's external links), `'C:\…\[計画.xlsx]表'!A1`. */
const EXTERNAL_REFERENCE = /\[[^\]]+\][^!]*!/u;

/** Every sheet's grid (visible ones, or the named one), each with what reading it found. */
export function readXlsxGrids(bytes: Uint8Array, file: string, bag: DiagnosticBag, sheetName: string | undefined, maxCells: number): SheetRead[] {
  const refused = (e: unknown): never => {
    if (!(e instanceof WorkbookReadError)) throw e;
    bag.add("PP106", { file }, { reason: e.refusal ? zipReason(e.refusal, bag.lang) : e.message.slice(0, 120) });
    throw new ReportedError();
  };
  let wb: XmlWorkbook;
  try {
    wb = readWorkbookXml(bytes, {
      wanted: (name, state) => (sheetName !== undefined ? name === sheetName : state === "visible"),
      maxCells: maxCells + 1,
    });
  } catch (e) {
    return refused(e);
  }
  if (sheetName !== undefined && !wb.sheets.some((s) => s.name === sheetName)) {
    bag.add("PP108", { file }, { sheet: sheetName, sheets: wb.sheets.map((s) => s.name).join(", ") });
    throw new ReportedError();
  }
  const sheets = wb.sheets.filter((s) => (sheetName !== undefined ? s.name === sheetName : s.state === "visible"));
  const over = sheets.find((s) => s.overLimit);
  if (over) {
    bag.add("PP119", { file, sheet: over.name }, { cells: maxCells + 1, limit: maxCells });
    throw new ReportedError();
  }
  const hidden = sheetName === undefined ? wb.sheets.filter((h) => h.state !== "visible").map((h) => h.name) : [];
  return sheets.map((s) => {
    const read = new DiagnosticBag(bag.lang);
    let grid: Grid;
    try { grid = sheetGrid(s, wb, file, read); } catch (e) { return refused(e); }
    if (wb.title) grid.containerTitle = wb.title;
    if (hidden.length) grid.hiddenSheets = hidden;
    return { grid, read };
  });
}
