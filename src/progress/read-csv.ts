// Reading a returned CSV (UTF-8 or Shift_JIS): one row per project report, columns No, 年度,
// 進捗区分, 実績, 課題, 今後の方向性, 担当課 (and optionally 見本). Places are physical lines, so a
// quoted cell spanning lines keeps the lines after it right.
import type { DiagnosticBag } from "../diagnostics/bag.js";
import { parseReportedGrid } from "../ingest/read-text.js";
import { FIELD_LABELS, isNoLabel, RETURN_FIELDS, SAMPLE_LABEL, type RawReturn, type ReturnField, type ReturnFile } from "./schema.js";

// 年度 too: without it every row had been PP605 「年度が違います（（空欄）…」, the column never named
const REQUIRED_COLUMNS: ReturnField[] = ["no", "year", "status", "result", "department"];
/** How far down the header row is looked for (title lines above it, as a form saved as CSV has). */
const HEADER_SEARCH_ROWS = 30;

function headerKey(text: string): ReturnField | "sample" | null {
  const t = text.normalize("NFKC").replace(/\s+/g, "");
  if (isNoLabel(t)) return "no";
  if (t === SAMPLE_LABEL) return "sample";
  // 年度 and 担当課 begin their header (「年度」, 「担当課名」): inside one they are another column's
  // (「計画上の段階（令和8年度）」, 「共同担当課」 of a form saved as CSV had been taken for them)
  for (const f of RETURN_FIELDS) {
    if (f === "no") continue;
    const label = FIELD_LABELS[f];
    if (f === "year" || f === "department" ? t.startsWith(label) : t.includes(label)) return f;
  }
  return null;
}

/** The rows of one CSV's text; `file` names it in places and diagnostics. */
export function parseCsvReturns(text: string, file: string, bag: DiagnosticBag): ReturnFile {
  const records = parseReportedGrid(text, file, bag).rows.map((r) => ({ fields: r.cells, line: r.line }));
  const out: ReturnFile = { file, kind: "csv", rows: [], sample: false };
  // the header: the first row naming No and 進捗区分 among the first rows, else the first with text
  const texted = records.map((r, i) => ({ r, i })).filter(({ r }) => r.fields.some((f) => f.trim() !== "")).slice(0, HEADER_SEARCH_ROWS);
  const named = texted.find(({ r }) => { const keys = r.fields.map(headerKey); return keys.includes("no") && keys.includes("status"); });
  const first = (named ?? texted[0])?.i ?? -1;
  const header = records[first];
  if (!header) { bag.add("PP611", { file, line: 1 }, { column: FIELD_LABELS.no }); return out; }
  const columns = header.fields.map(headerKey);
  let missing = false;
  for (const f of REQUIRED_COLUMNS) {
    if (!columns.includes(f)) { bag.add("PP611", { file, line: header.line }, { column: FIELD_LABELS[f] }); missing = true; }
  }
  if (missing) return out;
  for (const rec of records.slice(first + 1)) {
    if (rec.fields.every((f) => f.trim() === "")) continue;
    const row: RawReturn = { place: { file, line: rec.line }, cells: {}, sample: false };
    rec.fields.forEach((value, i) => {
      const key = columns[i];
      if (!key) return;
      if (key === "sample") { if (value.trim() !== "") row.sample = true; return; }
      row.cells[key] = { text: value.trim(), place: { file, line: rec.line, column: i + 1 } };
    });
    out.rows.push(row);
  }
  out.sample = out.rows.length > 0 && out.rows.every((r) => r.sample);
  return out;
}
