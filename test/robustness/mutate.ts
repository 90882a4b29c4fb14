// Seeded mutations of a plan file: the damage that files mailed in by departments really carry
// (lost and doubled cells and rows, stray tabs, quotes and NULs, truncation, flipped bytes,
// Shift_JIS, huge cells, very wide rows) and some that only a fuzzer would think of.
import iconv from "iconv-lite";

export type Rng = () => number;

export interface Mutation { kind: string; apply: (text: string, r: Rng) => string | Uint8Array }

const int = (r: Rng, n: number) => Math.floor(r() * n);
const enc = new TextEncoder();

function onLines(text: string, f: (lines: string[], r: Rng) => void, r: Rng): string {
  const lines = text.split("\n");
  f(lines, r);
  return lines.join("\n");
}

function onCells(text: string, r: Rng, f: (cells: string[]) => void): string {
  return onLines(text, (lines) => {
    const i = int(r, lines.length);
    const cells = (lines[i] ?? "").split("\t");
    f(cells);
    lines[i] = cells.join("\t");
  }, r);
}

function insertAt(text: string, r: Rng, what: string): string {
  const i = int(r, text.length + 1);
  return text.slice(0, i) + what + text.slice(i);
}

export const TEXT_MUTATIONS: Mutation[] = [
  { kind: "drop cell", apply: (t, r) => onCells(t, r, (c) => { c.splice(int(r, c.length), 1); }) },
  { kind: "duplicate cell", apply: (t, r) => onCells(t, r, (c) => { const i = int(r, c.length); c.splice(i, 0, c[i] ?? ""); }) },
  { kind: "drop row", apply: (t, r) => onLines(t, (l) => { l.splice(int(r, l.length), 1 + int(r, 3)); }, r) },
  { kind: "duplicate row", apply: (t, r) => onLines(t, (l) => { const i = int(r, l.length); l.splice(i, 0, l[i] ?? ""); }, r) },
  { kind: "swap rows", apply: (t, r) => onLines(t, (l) => { const i = int(r, l.length), j = int(r, l.length); [l[i], l[j]] = [l[j] ?? "", l[i] ?? ""]; }, r) },
  { kind: "stray tab", apply: (t, r) => insertAt(t, r, "\t") },
  { kind: "stray quote", apply: (t, r) => insertAt(t, r, '"') },
  { kind: "stray quotes", apply: (t, r) => Array.from({ length: 5 }).reduce<string>((s) => insertAt(s, r, '"'), t) },
  { kind: "NUL", apply: (t, r) => insertAt(insertAt(t, r, "\0"), r, "\0\0") },
  { kind: "control chars", apply: (t, r) => insertAt(t, r, "\u0001\u001b[31m\u007f\u2028") },
  { kind: "truncate", apply: (t, r) => { const b = enc.encode(t); return b.slice(0, int(r, b.length)); } },
  { kind: "flip bytes", apply: (t, r) => { const b = enc.encode(t); for (let k = 0; k < 1 + int(r, 8); k++) { const i = int(r, b.length); b[i] = (b[i] ?? 0) ^ (1 << int(r, 8)); } return b; } },
  { kind: "Shift_JIS", apply: (t) => new Uint8Array(iconv.encode(t, "Shift_JIS")) },
  { kind: "Shift_JIS half", apply: (t, r) => { const i = int(r, t.length); return concat(enc.encode(t.slice(0, i)), iconv.encode(t.slice(i), "Shift_JIS")); } },
  { kind: "CRLF", apply: (t) => t.replace(/\n/g, "\r\n") },
  { kind: "CR", apply: (t) => t.replace(/\n/g, "\r") },
  { kind: "BOM", apply: (t) => `\ufeff${t}` },
  { kind: "huge cell", apply: (t, r) => onCells(t, r, (c) => { c[int(r, c.length)] = "長".repeat(1024 * 1024); }) },
  { kind: "huge cell unbroken", apply: (t, r) => onCells(t, r, (c) => { c[int(r, c.length)] = "x".repeat(1024 * 1024); }) },
  { kind: "10,000 columns", apply: (t, r) => onCells(t, r, (c) => { c.push(...Array.from({ length: 10_000 }, (_, i) => (i % 97 === 0 ? "運用" : ""))); }) },
  { kind: "formula text", apply: (t, r) => onCells(t, r, (c) => { c[int(r, c.length)] = '=HYPERLINK("http://x","クリック")'; }) },
  { kind: "number junk", apply: (t, r) => onCells(t, r, (c) => { c[0] = ["-1", "1e309", "0x10", "１２", "NaN", "99999999999999999999", ""][int(r, 7)] ?? ""; }) },
  { kind: "year junk", apply: (t, r) => t.replace(/令和(\d+)年度/, () => ["令和99年度", "令和0年度", "平成30年度", "2026年度", "令和８年度"][int(r, 5)] ?? "") },
  { kind: "html junk", apply: (t, r) => onCells(t, r, (c) => { c[int(r, c.length)] = "<script>alert(1)</script><ul><li>a<li><b>b</ul></ul>&amp;&#0;&#x110000;"; }) },
  { kind: "empty", apply: () => "" },
  { kind: "whitespace", apply: () => "\n \t\n\u3000\n" },
  { kind: "binary", apply: (_t, r) => Uint8Array.from({ length: 4096 }, () => int(r, 256)) },
];

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** One to three mutations in a row: damage rarely comes alone. */
export function mutateText(text: string, r: Rng): { kinds: string[]; data: string | Uint8Array } {
  const kinds: string[] = [];
  let data: string | Uint8Array = text;
  for (let k = 0; k < 1 + int(r, 3); k++) {
    const m = TEXT_MUTATIONS[int(r, TEXT_MUTATIONS.length)]!;
    // Byte-level damage ends the chain (later steps work on text).
    if (typeof data !== "string") break;
    kinds.push(m.kind);
    data = m.apply(data, r);
  }
  return { kinds, data };
}
