// Numbers of measures `(1)…` and initiatives `①…`, parsed from the text and kept as written.
import { asciiDigits } from "../fiscal.js";

export interface NumberedText { number: number | null; title: string; mark: string }

const CIRCLED: [number, number, number][] = [
  [0x2460, 0x2473, 1],  // ①–⑳
  [0x3251, 0x325f, 21], // ㉑–㉟
  [0x32b1, 0x32bf, 36], // ㊱–㊿
];

export function circledNumber(ch: string): number | null {
  const cp = ch.codePointAt(0) ?? 0;
  for (const [lo, hi, base] of CIRCLED) if (cp >= lo && cp <= hi) return base + cp - lo;
  return null;
}

export function circled(n: number): string {
  for (const [lo, hi, base] of CIRCLED) if (n >= base && n <= base + (hi - lo)) return String.fromCodePoint(lo + n - base);
  return `(${n})`;
}

/**
 * `(1) D(デジタル)を…` → 1, `D(デジタル)を…`; `①いつでも…` → 1, `いつでも…`; also `（１）`, `1.`,
 * `1)`, `第1`. Text without a number keeps `number: null`.
 */
export function parseNumbered(text: string): NumberedText {
  const t = text.trim();
  const c = circledNumber(t.charAt(0));
  if (c !== null) return { number: c, title: t.slice(1).trim(), mark: t.charAt(0) };
  const m = /^([（(]\s*([0-9０-９]+)\s*[)）]|([0-9０-９]+)\s*[.．)）、]|第\s*([0-9０-９]+)\s*[のー]?)\s*/.exec(t);
  if (m) {
    const digits = m[2] ?? m[3] ?? m[4] ?? "";
    return { number: Number(asciiDigits(digits)), title: t.slice(m[0].length).trim(), mark: m[1] ?? "" };
  }
  return { number: null, title: t, mark: "" };
}
