// TSV/CSV/TXT → Grid. Bytes that are not valid UTF-8 are Excel's Japanese CSV (Shift_JIS/CP932).
import Papa from "papaparse";
import type { DiagnosticBag } from "../diagnostics/bag.js";
import type { Grid, GridRow } from "./grid.js";

export function decodeText(bytes: Uint8Array, file: string, bag: DiagnosticBag): string {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder("shift_jis").decode(bytes);
    bag.add("PP103", { file });
    const bad = (text.match(/\uFFFD/g) ?? []).length;
    if (bad) bag.add("PP109", { file }, { count: bad });
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // NULs and other C0 controls (but tab and line ends) are export damage, not content.
  // eslint-disable-next-line no-control-regex
  const controls = text.match(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g);
  if (controls) {
    bag.add("PP107", { file }, { count: controls.length });
    // eslint-disable-next-line no-control-regex
    text = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "");
  }
  return text;
}

/** The delimiter used most consistently (outside quotes) over the first lines. */
export function sniffDelimiter(text: string): string {
  const lines = text.split(/\r\n|\n|\r/, 200).filter((l) => l.trim());
  let best = "\t";
  let bestScore = -1;
  for (const d of ["\t", ",", ";", "|"]) {
    const counts = lines.map((l) => l.replace(/"[^"]*"/g, "").split(d).length - 1).filter((n) => n > 0);
    // Lines that agree on the most common count win: a real table repeats its shape.
    const freq = new Map<number, number>();
    for (const n of counts) freq.set(n, (freq.get(n) ?? 0) + 1);
    const score = Math.max(0, ...freq.values()) * 1000 + counts.length;
    if (score > bestScore) { bestScore = score; best = d; }
  }
  return best;
}

export function readTextGrid(bytes: Uint8Array, file: string, bag: DiagnosticBag): Grid {
  return parseTextGrid(decodeText(bytes, file, bag), file);
}

/** Decoded text → rows of cells, each with the physical line it starts on. */
export function parseTextGrid(text: string, file: string): Grid {
  const delimiter = sniffDelimiter(text);
  // Physical line of every row start, so a quoted multi-line cell keeps later lines right.
  const lineStarts: number[] = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) lineStarts.push(i + 1);
  }
  const lineAt = (offset: number): number => {
    let lo = 0, hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= offset) lo = mid; else hi = mid - 1;
    }
    return lo + 1;
  };
  const rows: GridRow[] = [];
  let start = 0;
  Papa.parse<string[]>(text, {
    delimiter,
    quoteChar: '"',
    skipEmptyLines: false,
    step: (result) => {
      rows.push({ line: lineAt(start), cells: result.data.map((c) => String(c ?? "")) });
      start = result.meta.cursor;
    },
  });
  return { file, kind: "text", rows };
}
