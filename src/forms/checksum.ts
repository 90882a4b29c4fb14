// The checksum of a form's locked cells: it tells the progress reader whether someone edited a
// read-only cell (a No, a project name) or unprotected the sheet and moved rows. It covers the
// values as written — a formula's text, never its cached result, which openpyxl drops — and
// reads numbers and strings alike (15, 15.0 and "15" are one value) because Excel, LibreOffice
// and openpyxl re-save them differently.
import { createHash } from "node:crypto";
import { isInputCell } from "./layout.js";

/** One cell of the form sheet, 1-based. */
export interface FormCell {
  row: number;
  col: number;
  value: unknown;
}

/** A cell value as text, the same whichever program saved the file; null for an empty cell. */
export function canonicalValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return canonicalNumber(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "string") return canonicalText(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") {
    const v = value as Record<string, unknown>;
    if (typeof v.formula === "string") return `=${v.formula.replace(/^=/, "")}`;
    if (typeof v.sharedFormula === "string") return `=${v.sharedFormula.replace(/^=/, "")}`;
    if (Array.isArray(v.richText)) {
      return canonicalText(v.richText.map((r) => String((r as { text?: unknown }).text ?? "")).join(""));
    }
    if ("text" in v) return canonicalValue(v.text);
    if ("error" in v) return String(v.error);
  }
  return canonicalText(String(value));
}

function canonicalText(s: string): string | null {
  const t = s.normalize("NFC").replace(/\r\n?/g, "\n");
  if (t === "") return null;
  // A number stored as text ("15") and as a number (15) read alike.
  if (/^-?\d+(\.\d+)?$/.test(t.trim())) return canonicalNumber(Number(t.trim()));
  return t;
}

function canonicalNumber(n: number): string {
  // 15 digits: what every spreadsheet keeps; hides 0.1+0.2-style binary noise.
  return String(Number(n.toPrecision(15)));
}

/** The locked cells with values, as the checksum reads them: `row\tcol` → canonical value (`all`: input cells too). */
function lockedValues(cells: Iterable<FormCell>, all = false): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of cells) {
    if (!all && isInputCell(c.row, c.col)) continue;
    const v = canonicalValue(c.value);
    if (v !== null) out.set(`${c.row}\t${c.col}`, v);
  }
  return out;
}

/** The checksum over the locked cells (every non-empty cell that is not an input cell). */
export function lockedCellsChecksum(cells: Iterable<FormCell>): string {
  const entries = [...lockedValues(cells)].map(([at, v]) => `${at}\t${v}`);
  entries.sort();
  const h = createHash("sha256");
  for (const e of entries) h.update(`${e}\u0000`);
  return h.digest("hex").slice(0, 32);
}

/** A locked cell of a returned form that differs from the form as sent: the first (by row, then column), and how many differ. */
export interface LockedChange { row: number; col: number; sent: string; now: string; count: number }

export function lockedChanges(returned: Iterable<FormCell>, sent: Iterable<FormCell>, all = false): LockedChange | null {
  const now = lockedValues(returned, all), was = lockedValues(sent, all);
  const differing = [...new Set([...now.keys(), ...was.keys()])]
    .filter((k) => now.get(k) !== was.get(k))
    .map((k) => k.split("\t").map(Number) as [number, number])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const first = differing[0];
  if (!first) return null;
  const key = `${first[0]}\t${first[1]}`;
  return { row: first[0], col: first[1], sent: was.get(key) ?? "", now: now.get(key) ?? "", count: differing.length };
}
