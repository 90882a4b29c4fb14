// The width of text in BIZ UDPゴシック, in em: for cells (xlsx/metrics.ts) and the PDFs' tables.
// A module of its own, loading nothing: `check` measures a template's tables (table-width.ts).

/**
 * Width of one character in em, as BIZ UDPゴシック draws it (its advance widths, rounded up):
 * kanji 1, kana ~0.95, 、。 0.6, other CJK brackets and ・ 0.5, half-width kana 0.5, digits 0.76,
 * Latin capitals ~0.8, small letters ~0.66, ASCII punctuation ~0.5.
 */
export function charWidthEm(ch: string): number {
  const c = ch.codePointAt(0) ?? 0;
  if (c < 0x20) return 0;
  if (c === 0x20) return 0.33;
  if (c < 0x7f) {
    if (/[MW@%&#]/.test(ch)) return 1;
    if (/[0-9A-Z=+?]/.test(ch)) return 0.8;
    if (/[a-z]/.test(ch)) return 0.66;
    return 0.5;
  }
  if (c >= 0xff61 && c <= 0xff9f) return 0.5; // half-width katakana
  if (c < 0x2000) return 0.66; // Latin-1, Greek …
  // Proportional kana average 0.92–0.96 em; 、。 0.6; ・ and brackets half an em (counting them
  // as 1 em made the 事業一覧's rows tall enough for a line or two more per item).
  if (c >= 0x3001 && c <= 0x3002) return 0.6;
  if (c === 0x30fb || (c >= 0x3008 && c <= 0x3011) || c === 0xff08 || c === 0xff09 || c === 0xff1a) return 0.5;
  if (c >= 0x3041 && c <= 0x30ff) return 0.95;
  return 1;
}

export function textWidthEm(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidthEm(ch);
  return w;
}
