// Reading a returned CSV (UTF-8 or Shift_JIS): one row per project report, columns No, 年度,
// 進捗区分, 実績, 課題, 今後の方向性, 担当課 (and optionally 見本). Places are physical lines, so a
// quoted cell spanning lines keeps the lines after it right.
import type { DiagnosticBag } from "../diagnostics/bag.js";
import { parseReportedGrid } from "../ingest/read-text.js";
import { FIELD_LABELS, isNoLabel, RETURN_FIELDS, SAMPLE_LABEL, type RawReturn, type ReturnField, type ReturnFile } from "./schema.js";

const REQUIRED_COLUMNS: ReturnField[] = ["no", "status", "result", "department"];

function headerKey(text: string): ReturnField | "sample" | null {
  const t = text.normalize("NFKC").replace(/\s+/g, "");
  if (isNoLabel(t)) return "no";
  if (t === SAMPLE_LABEL) return "sample";
  for (const f of RETURN_FIELDS) if (f !== "no" && t.includes(FIELD_LABELS[f])) return f;
  return null;
}

/** The rows of one CSV's text; `file` names it in places and diagnostics. */
export function parseCsvReturns(text: string, file: string, bag: DiagnosticBag): ReturnFile {
  const records = parseReportedGrid(text, file, bag).rows.map((r) => ({ fields: r.cells, line: r.line }));
  const out: ReturnFile = { file, kind: "csv", rows: [], sample: false };
  const first = records.findIndex((r) => r.fields.some((f) => f.trim() !== ""));
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
