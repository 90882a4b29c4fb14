// Reading a returned progress form (.xlsx). The form may have been re-saved by Excel, LibreOffice
// or openpyxl, so the sheet and header row are found as contract.md says (a header row within the
// first 30 rows with a cell `No` and cells containing 進捗区分 and 実績), not by fixed positions;
// the department, fiscal year and checksum come from the hidden metadata sheet.
import { type DiagnosticBag, saidOnce } from "../diagnostics/bag.js";
import type { Place } from "../diagnostics/schema.js";
import { canonicalValue, lockedCellsChecksum, lockedChanges, type FormCell, type LockedChange } from "../forms/checksum.js";
import { isInputCell, META_SHEET, TITLE_ROW } from "../forms/layout.js";
import { parseMetaRows, type FormMeta } from "../forms/meta.js";
import { FIELD_LABELS, isNoLabel, type RawReturn, type ReturnField, type ReturnFile } from "./schema.js";
import { columnLetters, parseAddress } from "../cell-address.js";
import { readWorkbookCells, WorkbookReadError, type SheetCells, type ShownCell } from "./sheet-xml.js";
import { withCellBreaks } from "../ingest/read-text.js";
import { LONE_SURROGATE } from "../normalise/text.js";

const HEADER_SEARCH_ROWS = 30;
/** The input columns a form's header names; 年度 and 担当課 come from the metadata instead. */
const FORM_FIELDS = ["status", "result", "issues", "direction"] as const satisfies readonly ReturnField[];

interface Header { sheet: SheetCells; row: number; columns: Partial<Record<ReturnField, number>> }

function cellText(v: unknown): string {
  return (canonicalValue(v) ?? "").trim();
}


/** Every sheet holding the form's header row, in workbook order. */
function* formHeaders(sheets: readonly SheetCells[]): Generator<Header> {
  for (const sheet of sheets) {
    if (sheet.name === META_SHEET) continue;
    const byRow = new Map<number, { col: number; text: string }[]>();
    for (const c of sheet.cells) {
      if (c.row > HEADER_SEARCH_ROWS) continue;
      const list = byRow.get(c.row) ?? [];
      list.push({ col: c.col, text: cellText(c.value) });
      byRow.set(c.row, list);
    }
    for (const row of [...byRow.keys()].sort((a, b) => a - b)) {
      const cells = byRow.get(row) ?? [];
      const no = cells.find((c) => isNoLabel(c.text));
      if (!no) continue;
      const columns: Partial<Record<ReturnField, number>> = { no: no.col };
      for (const f of FORM_FIELDS) {
        const hit = cells.find((c) => c.text.includes(FIELD_LABELS[f]));
        if (hit) columns[f] = hit.col;
      }
      if (columns.status !== undefined && columns.result !== undefined) { yield { sheet, row, columns }; break; }
    }
  }
}

/** A sheet's entries below its header, by the No of their row and their column's field. */
function entriesOf(h: Header): Map<string, { text: string; row: number; col: number }> {
  const noAt = new Map<number, string>();
  for (const c of h.sheet.cells) if (c.row > h.row && c.col === h.columns.no) noAt.set(c.row, cellText(c.value));
  const out = new Map<string, { text: string; row: number; col: number }>();
  for (const c of h.sheet.cells) {
    const field = FORM_FIELDS.find((f) => h.columns[f] === c.col);
    const text = cellText(c.value);
    if (c.row > h.row && field && text) out.set(`${noAt.get(c.row) ?? `#${c.row}`}\t${field}`, { text, row: c.row, col: c.col });
  }
  return out;
}

/**
 * A copy of the form sheet (Excel's "Move or Copy": 進捗報告 (2)) holding other entries than the
 * one read: which is the department's answer cannot be told (it had been passed over without a
 * word, its entries lost). The first entry that differs is named (PP624).
 */
function otherFilledCopy(headers: readonly Header[], read: Header, file: string, bag: DiagnosticBag): boolean {
  const mine = entriesOf(read);
  for (const other of headers) {
    if (other.sheet === read.sheet) continue;
    const theirs = entriesOf(other);
    const differs = [...theirs].find(([k, v]) => mine.get(k)?.text !== v.text) ?? [...mine].find(([k]) => !theirs.has(k) && theirs.size > 0);
    if (!differs) continue;
    const at = theirs.get(differs[0]) ?? differs[1];
    const sheet = theirs.has(differs[0]) ? other.sheet.name : read.sheet.name;
    bag.add("PP624", { file, sheet, cell: `${columnLetters(at.col)}${at.row}` }, { copy: other.sheet.name, read: read.sheet.name });
    return true;
  }
  return false;
}

/** The locked cells of the form as it was sent to a department (or null when that cannot be known). */
export type SentForm = (meta: FormMeta) => FormCell[] | null;

/**
 * The rows of one returned form's bytes; `file` names it in places and diagnostics. `sent` gives
 * the form as it was sent, to name a locked cell that was changed.
 */
export function parseFormReturns(data: Uint8Array, file: string, bag: DiagnosticBag, sent?: SentForm, opts: { byName?: boolean } = {}): ReturnFile | null {
  let sheets: SheetCells[];
  try {
    sheets = readWorkbookCells(data);
  } catch (e) {
    bag.add("PP601", { file }, { file, reason: e instanceof WorkbookReadError ? e.message : String(e) });
    return null;
  }
  const headers = [...formHeaders(sheets)];
  if (!headers.length) { bag.add("PP602", { file }); return null; }
  const metaSheet = sheets.find((s) => s.name === META_SHEET);
  const metaRows = new Map<number, [unknown, unknown]>();
  for (const c of metaSheet?.cells ?? []) {
    const pair = metaRows.get(c.row) ?? [null, null];
    if (c.col === 1) pair[0] = c.value;
    if (c.col === 2) pair[1] = c.value;
    metaRows.set(c.row, pair);
  }
  const meta = parseMetaRows(metaRows.values());
  // The form as sent is told by its locked cells (their checksum): a sheet the department added
  // with a table of its own (課内メモ) is not it, said and not read (PP630). It had been read as
  // the form, being first, and the form refused as its differing copy (PP624 at the 記入例 row).
  const asSent = "problem" in meta ? [] : headers.filter((h) => lockedCellsChecksum(h.sheet.cells) === meta.checksum);
  const header = asSent[0] ?? headers[0]!;
  for (const other of asSent.length ? headers.filter((h) => !asSent.includes(h)) : []) {
    bag.add("PP630", { file, sheet: other.sheet.name }, { sheet: other.sheet.name, form: header.sheet.name });
  }
  const { sheet, columns } = header;
  if (otherFilledCopy(asSent.length ? asSent : headers, header, file, bag)) return null;
  if ("problem" in meta) {
    bag.add("PP614", { file, sheet: sheet.name }, { what: meta.problem === "format" ? "様式の版" : "担当課・年度" });
    return null;
  }
  let renumber: ReadonlyMap<number, number | null> | null = null;
  if (lockedCellsChecksum(sheet.cells) !== meta.checksum) reportLockedChange(sheet, meta, file, bag, sent);
  else {
    // A form as sent, but from another version of the plan: where a No now names another project,
    // its entries would land on that project (two Nos swapped: exit 0, entries crossed over).
    const now = sent?.(meta);
    const renamed = now && lockedCellsChecksum(now) !== meta.checksum ? renamedNo(sheet.cells, now, columns.no ?? 1) : null;
    // names only made longer or shorter in a revision (…の活用 → …の活用拡大), each at its No: the
    // same projects, read with a warning naming them (the whole form had been refused, PP621)
    const inPlace = renamed ? renamedInPlace(sheet.cells, now!, columns.no ?? 1) : null;
    if (inPlace) {
      const [first] = inPlace;
      bag.add("PP654", { file, sheet: sheet.name, cell: `${columnLetters((columns.no ?? 1) + 1)}${first!.row}` },
        { no: first!.no, form: first!.form, plan: first!.plan, more: inPlace.length - 1 });
    }
    // an earlier year's return (--history) after a revision: its rows matched by 事業名 to the
    // plan's projects, when each name is one project's (every such form had been refused, PP621)
    const renumbered = renamed && !inPlace && opts.byName ? byName(sheet.cells, now!, columns.no ?? 1) : null;
    if (renamed && !inPlace && !renumbered) {
      bag.add("PP621", { file, sheet: sheet.name, cell: `${columnLetters((columns.no ?? 1) + 1)}${renamed.row}` }, renamed);
      return null;
    }
    if (renamed && renumbered) {
      const example = [...renumbered].find(([was, is]) => is !== null && is !== was) ?? [renamed.no, renamed.no];
      bag.add("PP635", { file, sheet: sheet.name }, { old: example[0], now: example[1]!, gone: [...renumbered.values()].filter((n) => n === null).length });
      renumber = renumbered;
    }
    const example = now && lockedCellsChecksum(now) === meta.checksum ? exampleEdit(sheet.cells, now, columns.no ?? 1) : null;
    if (example) {
      bag.add("PP608", { file, sheet: sheet.name, cell: `${columnLetters(example.col)}${example.row}` }, { sent: example.sent || "（空欄）", now: example.now || "（空欄）", more: example.count - 1 });
      return null;
    }
  }

  const place = (row: number, col?: number): Place =>
    ({ file, sheet: sheet.name, cell: `${columnLetters(col ?? columns.no ?? 1)}${row}` });
  if (mergedAcrossProjects(sheet, header, file, bag)) return null;
  /** An entry that cannot be printed as written (a formula, 見え消し, an error value, a note alone): the file is not read. */
  let refused = false;
  hiddenEntries(sheet, header, file, bag);
  if (notedEntries(sheet, header, file, bag)) refused = true;
  linkedEntries(sheet, header, file, bag);
  const byRow = new Map<number, Map<number, unknown>>();
  const cellAt = new Map<string, ShownCell>();
  for (const c of sheet.cells) {
    if (c.row <= header.row) continue;
    const row = byRow.get(c.row) ?? new Map<number, unknown>();
    row.set(c.col, c.value);
    byRow.set(c.row, row);
    cellAt.set(`${c.row}\t${c.col}`, c);
  }
  const out: ReturnFile = { file, kind: "form", rows: [], sample: meta.sample, plan: meta.plan };
  // Half a character (`_xD83D_` alone: an emoji cut by a broken copy) is U+FFFD, said at the first
  // cell with the count, as a plan's cell (PP109); it had reached the report as is.
  const halves = saidOnce();
  for (const r of [...byRow.keys()].sort((a, b) => a - b)) {
    const values = byRow.get(r) ?? new Map<number, unknown>();
    const row: RawReturn = {
      place: place(r),
      cells: {
        // told at the form's title, which shows both (the metadata sheet is hidden from staff)
        department: { text: meta.department, place: { file, sheet: sheet.name, cell: `A${TITLE_ROW}` } },
        year: { text: String(meta.fiscalYear), place: { file, sheet: sheet.name, cell: `A${TITLE_ROW}` } },
      },
      sample: meta.sample,
    };
    for (const f of ["no", ...FORM_FIELDS] as const) {
      const col = columns[f];
      if (col === undefined) continue;
      // an entry as Excel shows it (a date, a percentage); the No as stored
      const cell = f === "no" ? undefined : cellAt.get(`${r}\t${col}`);
      const shown = cell?.shown;
      const value = values.get(col);
      // A formula in an entry: its source had been printed to the council (="式で"&"書いた"), and its
      // cached result is not in every file (openpyxl writes none): refused at its cell.
      if (f !== "no" && value && typeof value === "object" && "formula" in value) {
        bag.add("PP626", place(r, col), { column: FIELD_LABELS[f], formula: cellText(value) });
        refused = true;
      }
      // Text struck through (見え消し, a correction shown as such): in the report or out? Never
      // guessed (as a plan's, PP122): it had been printed with the words it struck.
      if (cell?.struck) {
        bag.add("PP636", place(r, col), { column: FIELD_LABELS[f], text: cellText(value).replace(/\s+/g, " ").slice(0, 30) });
        refused = true;
      }
      // Text in white on no fill (白文字: words hidden rather than deleted, or kept for later): in the
      // report or out? Never guessed, as 見え消し (the report had printed words no one saw on the form)
      if (f !== "no" && cell?.unseen) {
        bag.add("PP650", place(r, col), { column: FIELD_LABELS[f], text: cellText(value).replace(/\s+/g, " ").slice(0, 30) });
        refused = true;
      }
      // Superscript or subscript characters: the report prints them as the rest (10³ as 103, a
      // number of another meaning), so never guessed (they had been printed plain, unsaid)
      if (f !== "no" && cell?.raised) {
        bag.add("PP648", place(r, col), { column: FIELD_LABELS[f], raised: cell.raised, text: cellText(value).replace(/\s+/g, " ").slice(0, 30) });
        refused = true;
      }
      // An error value kept as a value (a formula's #N/A pasted as values): no entry to print (it
      // had been printed as 「#N/A」)
      if (cell?.error) {
        bag.add("PP637", place(r, col), { column: FIELD_LABELS[f], value: cellText(value) });
        refused = true;
      }
      // (a line or paragraph separator pasted in, or Excel's _x000B_, breaks the line as in a CSV)
      let text = f === "no" ? cellText(value) : withCellBreaks(shown ?? cellText(value));
      const half = text.match(LONE_SURROGATE);
      if (half) {
        halves.met(place(r, col), { half: 1 }, half.length);
        text = text.replace(LONE_SURROGATE, "\uFFFD");
      }
      row.cells[f] = { text: f === "no" && renumber?.has(Number(text)) ? String(renumber.get(Number(text)) ?? "") : text, place: place(r, col) };
    }
    // a project since removed from the plan: its earlier year is no part of this report
    const writtenNo = columns.no === undefined ? NaN : Number(cellText(values.get(columns.no)));
    if (renumber?.has(writtenNo) && renumber.get(writtenNo) === null) continue;
    // Rows without any project No and without input are layout (notes, totals): not a report.
    const hasInput = FORM_FIELDS.some((f) => (row.cells[f]?.text ?? "") !== "");
    if ((row.cells.no?.text ?? "") === "" && !hasInput) continue;
    out.rows.push(row);
  }
  halves.say("PP109", bag);
  return refused ? null : out;
}

/** The input columns of a form's header, by column: the field each holds. */
const entryColumns = (h: Header): Map<number, (typeof FORM_FIELDS)[number]> =>
  new Map(FORM_FIELDS.flatMap((f) => (h.columns[f] === undefined ? [] : [[h.columns[f]!, f] as const])));

/** The rows of the grey 記入例 (its No cell says 例): part of the form, no entry. */
const exampleRows = (sheet: SheetCells, h: Header): Set<number> =>
  new Set(sheet.cells.filter((c) => c.col === h.columns.no && /例/.test(cellText(c.value))).map((c) => c.row));

/**
 * Entries in rows or columns hidden in Excel (a row typed in by mistake and hidden rather than
 * cleared, a filter left on): read as any other, but nobody looking at the form sees them; said
 * once, at the first (PP640), as a plan's hidden values are (PP120).
 */
function hiddenEntries(sheet: SheetCells, h: Header, file: string, bag: DiagnosticBag): void {
  const hiddenCol = (col: number) => (sheet.hiddenCols ?? []).some(([min, max]) => col >= min && col <= max);
  const inputs = [...entryColumns(h).keys()];
  const cols = new Set(inputs.filter(hiddenCol));
  // (the grey 記入例 row is no entry: hidden, or in a hidden column, it is nothing to say)
  const examples = exampleRows(sheet, h);
  const hidden = sheet.cells
    .filter((c) => c.row > h.row && !examples.has(c.row) && inputs.includes(c.col) && cellText(c.value) !== "" && (sheet.hiddenRows?.has(c.row) || cols.has(c.col)))
    .sort((a, b) => a.row - b.row || a.col - b.col);
  const first = hidden[0];
  if (!first) return;
  const rows = new Set(hidden.filter((c) => sheet.hiddenRows?.has(c.row)).map((c) => c.row)).size;
  const columns = new Set(hidden.filter((c) => cols.has(c.col)).map((c) => c.col)).size;
  bag.add("PP640", { file, sheet: sheet.name, cell: `${columnLetters(first.col)}${first.row}` }, { rows, cols: columns });
}

/**
 * Notes (comments) on the entries' cells: the report prints cells, never notes. A note on an entry
 * left blank is the department's answer written where it is not read — its row had been 未報告
 * (or 「実績が空です」) with the note's words nowhere: an error at each (PP647). A note beside an
 * entry (a remark to the planning section, a word left out?) is said once at the first, with its
 * words (PP646): it had been dropped without a word. True when the file is not to be read.
 */
function notedEntries(sheet: SheetCells, h: Header, file: string, bag: DiagnosticBag): boolean {
  const inputs = entryColumns(h);
  const examples = exampleRows(sheet, h);
  const filled = new Set(sheet.cells.filter((c) => cellText(c.value) !== "").map((c) => `${c.row}\t${c.col}`));
  const notes = (sheet.notes ?? []).filter((n) => n.row > h.row && inputs.has(n.col) && !examples.has(n.row))
    .sort((a, b) => a.row - b.row || a.col - b.col);
  const words = (text: string) => text.replace(/\s+/g, " ").slice(0, 30);
  let refused = false;
  for (const n of notes.filter((x) => !filled.has(`${x.row}\t${x.col}`))) {
    bag.add("PP647", { file, sheet: sheet.name, cell: `${columnLetters(n.col)}${n.row}` }, { column: FIELD_LABELS[inputs.get(n.col)!], text: words(n.text) });
    refused = true;
  }
  const beside = notes.filter((x) => filled.has(`${x.row}\t${x.col}`));
  const first = beside[0];
  if (first) bag.add("PP646", { file, sheet: sheet.name, cell: `${columnLetters(first.col)}${first.row}` }, { text: words(first.text), more: beside.length - 1 });
  return refused;
}

/**
 * Hyperlinks on entries whose words do not hold where they lead (「詳細はこちら」 linked to a page):
 * the PDF prints the words, and a reader of the paper report has nothing to follow. Read, said
 * once at the first with its address (PP651, warning); it had been dropped without a word.
 */
function linkedEntries(sheet: SheetCells, h: Header, file: string, bag: DiagnosticBag): void {
  const inputs = entryColumns(h);
  const text = new Map(sheet.cells.map((c) => [`${c.row}\t${c.col}`, cellText(c.value)]));
  const lost = (sheet.links ?? []).filter((l) => l.row > h.row && inputs.has(l.col) && !(text.get(`${l.row}\t${l.col}`) ?? "").includes(l.target.replace(/^mailto:/u, "")))
    .sort((a, b) => a.row - b.row || a.col - b.col);
  const first = lost[0];
  if (first) bag.add("PP651", { file, sheet: sheet.name, cell: `${columnLetters(first.col)}${first.row}` }, { target: first.target, more: lost.length - 1 });
}

/**
 * An entry's cell merged across the rows of two projects or more (the sheet unprotected, one text
 * for both): whose report it is cannot be told. Its text is the first row's only, and the next had
 * been told 「必須の「実績」が空です」 beside the text it shows. Said at the merge (PP639).
 */
function mergedAcrossProjects(sheet: SheetCells, h: Header, file: string, bag: DiagnosticBag): boolean {
  const inputs = entryColumns(h);
  const projects = projectRows(sheet.cells, h.columns.no ?? 1);
  // the first project row at or below `row` (rows in order): a merge is looked at in log time, as
  // an untrusted file may hold many merges and rows
  const at = (row: number) => { let lo = 0, hi = projects.length; while (lo < hi) { const m = (lo + hi) >> 1; if (projects[m]!.row < row) lo = m + 1; else hi = m; } return lo; };
  for (const range of sheet.merges) {
    const [from, to] = range.split(":").map(parseAddress);
    const field = from && to ? [...inputs].find(([col]) => col >= from.col && col <= to.col)?.[1] : undefined;
    if (!from || !to || !field) continue;
    const spanned = projects.slice(at(from.row), at(to.row + 1));
    if (spanned.length < 2) continue;
    if (sameStatusForEach(sheet, h, field, from, to, spanned)) {
      bag.add("PP656", { file, sheet: sheet.name, cell: range.split(":")[0]! }, { range, nos: spanned.map((p) => `No.${p.no}`).join("・") });
      continue;
    }
    const nos = spanned.slice(0, 5).map((p) => `No.${p.no}`).join("・") + (spanned.length > 5 ? " …" : "");
    // the first such merge (the file is not read whatever the others are)
    bag.add("PP639", { file, sheet: sheet.name, cell: range.split(":")[0]! }, { column: FIELD_LABELS[field], range, nos });
    return true;
  }
  return false;
}

/**
 * A 進捗区分 merged over project rows only, one line in it (a status, checked against the list
 * later as any), each row's 実績 written: the one status is each row's, sure. Its cell is copied
 * to each row of the merge (Excel keeps the text in the first only).
 */
function sameStatusForEach(sheet: SheetCells, h: Header, field: ReturnField, from: { row: number; col: number }, to: { row: number; col: number },
  spanned: readonly { row: number }[]): boolean {
  const statusCol = h.columns.status, resultCol = h.columns.result;
  if (field !== "status" || from.col !== to.col || resultCol === undefined) return false;
  if (spanned[0]!.row !== from.row || spanned.length !== to.row - from.row + 1) return false;
  const at = new Map(sheet.cells.map((c) => [`${c.row}\t${c.col}`, c]));
  const status = at.get(`${from.row}\t${statusCol}`);
  const text = status ? cellText(status.value) : "";
  if (!status || !text || /\n/u.test(text) || typeof status.value === "object") return false;
  if (!spanned.every((p) => cellText(at.get(`${p.row}\t${resultCol}`)?.value))) return false;
  for (const p of spanned.slice(1)) sheet.cells.push({ ...status, row: p.row });
  return true;
}

/** A form's project rows, in row order: each row's No (a number) and the name right of it (the contract's form layout). */
function projectRows(cells: readonly FormCell[], noCol: number): { row: number; no: number; name: string }[] {
  const by = new Map<number, { no?: number; name?: string }>();
  for (const c of cells) {
    const r = by.get(c.row) ?? {};
    if (c.col === noCol && /^\d+$/.test(cellText(c.value))) r.no = Number(cellText(c.value));
    if (c.col === noCol + 1) r.name = cellText(c.value);
    by.set(c.row, r);
  }
  return [...by].sort((a, b) => a[0] - b[0]).flatMap(([row, r]) => (r.no === undefined ? [] : [{ row, no: r.no, name: r.name ?? "" }]));
}

/** The first row whose No names another project in `now` (the form made from the current plan). */
function renamedNo(returned: readonly FormCell[], now: readonly FormCell[], noCol: number): { row: number; no: number; form: string; plan: string } | null {
  const planNames = new Map(projectRows(now, noCol).map((r) => [r.no, r.name]));
  const first = projectRows(returned, noCol).find((r) => planNames.has(r.no) && planNames.get(r.no) !== r.name);
  return first ? { row: first.row, no: first.no, form: first.name, plan: planNames.get(first.no)! } : null;
}

/**
 * The rows whose 事業名 the plan now writes longer or shorter at the same No, one name the start or
 * the end of the other (…の活用 → …の活用拡大, （仮称）… → …): the same project renamed. Null when
 * any row's No now names a project otherwise (a project replaced, two Nos traded) or its name is
 * another project's of the plan: its entries could be another project's.
 */
function renamedInPlace(returned: readonly FormCell[], now: readonly FormCell[], noCol: number): { row: number; no: number; form: string; plan: string }[] | null {
  const key = (name: string) => name.normalize("NFKC").replace(/\s+/gu, "");
  const planRows = projectRows(now, noCol);
  const planNames = new Map(planRows.map((r) => [r.no, r.name]));
  const out: { row: number; no: number; form: string; plan: string }[] = [];
  for (const r of projectRows(returned, noCol)) {
    const name = planNames.get(r.no);
    if (name === undefined || name === r.name) continue;
    const [was, is] = [key(r.name), key(name)];
    const [short, long] = was.length <= is.length ? [was, is] : [is, was];
    if (!short || !(long.startsWith(short) || long.endsWith(short))) return null;
    if (planRows.some((p) => p.no !== r.no && key(p.name) === was)) return null;
    out.push({ row: r.row, no: r.no, form: r.name, plan: name });
  }
  return out.length ? out : null;
}

/**
 * Each No of a returned form to the No of the plan's project of its 事業名 (null: no project of the
 * plan is so named, a project since removed); null when a name is several projects'.
 */
function byName(returned: readonly FormCell[], now: readonly FormCell[], noCol: number): Map<number, number | null> | null {
  // a name the form holds more than once (a 再掲 and its original): paired in order, when the plan
  // holds it as often
  const plan = new Map<string, number[]>();
  for (const r of projectRows(now, noCol)) plan.set(r.name, [...(plan.get(r.name) ?? []), r.no]);
  const seen = new Map<string, number>();
  const out = new Map<number, number | null>();
  for (const r of projectRows(returned, noCol)) {
    const nos = plan.get(r.name);
    const k = seen.get(r.name) ?? 0;
    seen.set(r.name, k + 1);
    out.set(r.no, nos?.[k] ?? null);
  }
  for (const [name, n] of seen) if ((plan.get(name)?.length ?? n) !== n) return null;
  return out;
}

/**
 * PP608 at the first locked cell that differs from the form as sent, with what it said and says.
 * Only when the form planpress makes now is the one sent (its checksum is the metadata's): after
 * a change to the plan every cell could differ, and the file alone is named.
 */
/**
 * The grey 記入例 row written over: its cells stand in the input columns, so the checksum of the
 * locked cells leaves them out, and a report typed there was dropped without a word (a changed
 * locked cell anywhere else is PP608). Compared with the form as sent.
 */
function exampleEdit(returned: readonly FormCell[], sent: readonly FormCell[], noCol: number): LockedChange | null {
  const exampleRows = new Set(sent.filter((c) => c.col === noCol && /例/.test(cellText(c.value))).map((c) => c.row));
  if (exampleRows.size === 0) return null;
  const only = (cells: readonly FormCell[]) => cells.filter((c) => exampleRows.has(c.row));
  return lockedChanges(only(returned), only(sent), true);
}

/**
 * Rows inserted or deleted at `from`: the form as sent from that row on stands `k` rows lower
 * (or higher) in the returned one, each locked cell as sent. Said in words (PP608 had named
 * only the first shifted cell and "108 more", not what staff must undo).
 */
function shiftedRows(returned: readonly FormCell[], sent: readonly FormCell[], from: number, lang: string): string | null {
  const k = shiftFrom(returned, sent, from);
  if (k !== null) {
    const n = Math.abs(k);
    if (lang !== "ja") return k > 0 ? `${n} row(s) were inserted at row ${from}` : `${n} row(s) were deleted at row ${from}`;
    return k > 0 ? `${from} 行目に行が ${n} 行挿入された` : `${from} 行目から行が ${n} 行削除された`;
  }
  return sortedRows(returned, sent, from) ? (lang === "ja" ? `${from} 行目から下の行が並べ替えられた` : `the rows from row ${from} were sorted`) : null;
}

/**
 * How many rows (1–3 down, or up) — or columns, `along` "col" — the form as sent stands shifted
 * from row (column) `from` on, each locked cell as sent; null if none.
 */
function shiftFrom(returned: readonly FormCell[], sent: readonly FormCell[], from: number, along: "row" | "col" = "row"): number | null {
  const now = new Map(returned.map((c) => [`${c.row}\t${c.col}`, canonicalValue(c.value)]));
  const beyond = sent.filter((c) => c[along] >= from && canonicalValue(c.value) !== null);
  if (beyond.length === 0) return null;
  for (const k of [1, 2, 3, -1, -2, -3]) {
    // (deleted: the rows after those deleted moved up; the deleted ones are nowhere)
    const rest = k > 0 ? beyond : beyond.filter((c) => c[along] >= from - k);
    const moved = (c: FormCell) => (along === "row" ? `${c.row + k}\t${c.col}` : `${c.row}\t${c.col + k}`);
    if (rest.length && rest.every((c) => now.get(moved(c)) === canonicalValue(c.value))) return k;
  }
  return null;
}

/**
 * Columns inserted or deleted at `from` (a 備考 column added between 実績 and 課題, the sheet
 * unprotected): the form as sent from that column on stands `k` columns right (or left), each cell
 * as sent. Said in words, as rows are: PP608 had named the first shifted heading and 「ほか 48 か所」.
 */
function shiftedColumns(returned: readonly FormCell[], sent: readonly FormCell[], from: number, lang: string): string | null {
  const k = shiftFrom(returned, sent, from, "col");
  if (k === null) return null;
  const [at, n] = [columnLetters(from), Math.abs(k)];
  if (lang !== "ja") return k > 0 ? `${n} column(s) were inserted at column ${at}` : `${n} column(s) were deleted at column ${at}`;
  return k > 0 ? `${at} 列に列が ${n} 列挿入された` : `${at} 列から列が ${n} 列削除された`;
}

/** The same rows from `from` on in another order (sorted by a column): each row's locked cells, rows compared as a set. */
function sortedRows(returned: readonly FormCell[], sent: readonly FormCell[], from: number): boolean {
  const rows = (cells: readonly FormCell[]) => {
    const by = new Map<number, string[]>();
    for (const c of cells) {
      const v = canonicalValue(c.value);
      if (c.row >= from && v !== null && !isInputCell(c.row, c.col)) by.set(c.row, [...(by.get(c.row) ?? []), `${c.col}=${v}`]);
    }
    return [...by.values()].map((r) => r.sort().join("\u0001")).sort();
  };
  const [was, is] = [rows(sent), rows(returned)];
  return was.length > 1 && was.length === is.length && was.every((r, i) => r === is[i]);
}

function reportLockedChange(sheet: SheetCells, meta: FormMeta, file: string, bag: DiagnosticBag, sent?: SentForm): void {
  const expected = sent?.(meta);
  const change = expected && lockedCellsChecksum(expected) === meta.checksum ? lockedChanges(sheet.cells, expected) : null;
  if (!change) { bag.add("PP608", { file, sheet: sheet.name }); return; }
  // rows sorted only, each with its own No and entries: read by its No, said (PP634) — the form
  // had been refused though the message itself said its rows were only sorted
  // (blank rows inserted or deleted keep each row as sent too: said as the shift they are)
  if (sortedRows(sheet.cells, expected!, change.row)) {
    const shift = shiftFrom(sheet.cells, expected!, change.row);
    bag.add("PP634", { file, sheet: sheet.name, cell: `A${change.row}` }, { row: change.row, ...(shift !== null ? { shift } : {}) });
    return;
  }
  const moved = shiftedRows(sheet.cells, expected!, change.row, bag.lang) ?? shiftedColumns(sheet.cells, expected!, change.col, bag.lang);
  bag.add("PP608", { file, sheet: sheet.name, cell: `${columnLetters(change.col)}${change.row}` },
    { sent: change.sent || "（空欄）", now: change.now || "（空欄）", more: change.count - 1, ...(moved ? { moved } : {}) });
}
