// Text measurement for cells. exceljs computes no row heights, and a wrapped row left at 15 pt
// overlaps its neighbours in LibreOffice, so heights are estimated here from character widths
// in BIZ UDPゴシック (a proportional face with a 1.0 em line height).

/** Width of one character in em: kanji 1, kana ~0.95, CJK punctuation ~0.55, half-width kana 0.5, Latin proportional ~0.6. */
export function charWidthEm(ch: string): number {
  const c = ch.codePointAt(0) ?? 0;
  if (c < 0x20) return 0;
  if (c === 0x20) return 0.3;
  if (c < 0x7f) return /[A-Z MW@%&]/.test(ch) ? 0.68 : 0.56;
  if (c >= 0xff61 && c <= 0xff9f) return 0.5; // half-width katakana
  if (c < 0x2000) return 0.6; // Latin-1, Greek …
  // BIZ UDPゴシック is proportional: its kana average 0.92–0.96 em, 、。・（）「」 about half an em
  // (counting them as 1 em made the 事業一覧's rows tall enough for a line or two more per item).
  if ((c >= 0x3001 && c <= 0x3002) || c === 0x30fb || (c >= 0x3008 && c <= 0x3011) || c === 0xff08 || c === 0xff09) return 0.55;
  if (c >= 0x3041 && c <= 0x30ff) return 0.95;
  return 1;
}

export function textWidthEm(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidthEm(ch);
  return w;
}

/** Usable width in pt of columns with these widths (Excel units; the default font's 0 is 7 px). */
export function columnsWidthPt(widths: readonly number[]): number {
  const px = widths.reduce((s, w) => s + Math.floor(w * 7 + 5), 0);
  return px * 0.75 - 4; // cell padding
}

/** Lines a text takes when wrapped in a box `widthPt` wide at `sizePt`. */
export function wrappedLines(text: string, widthPt: number, sizePt: number): number {
  // Line breaks waste part of a line (a word or a 禁則 character pushed over): count a line as
  // holding half a character less than fits.
  const perLine = Math.max(1, widthPt / sizePt - 0.5);
  let lines = 0;
  for (const para of text.split("\n")) lines += Math.max(1, Math.ceil(textWidthEm(para) / perLine - 1e-9));
  return lines;
}

/**
 * Row height in pt for this many lines. BIZ UDPゴシック is a 1.0 em face; Excel adds leading and
 * LibreOffice (the font or Noto Sans CJK in its place) sets ~1.2 em: 1.3 em a line and a little
 * room keep every line visible. (At 1.5 em the 事業一覧 printed rows about twice as tall as their
 * text, wrappedLines already erring high.)
 */
export const LINE_EM = 1.3;

export function rowHeightPt(lines: number, sizePt: number): number {
  return Math.ceil((lines * sizePt * LINE_EM + 4) * 4) / 4;
}

/** A column width (Excel units) that holds `em` full-width characters at `sizePt`. */
export function widthForEm(em: number, sizePt: number): number {
  return Math.ceil(((em * sizePt + 6) / 0.75 - 5) / 7 * 10) / 10;
}
