// Text measurement for cells. exceljs computes no row heights, and a wrapped row left at 15 pt
// overlaps its neighbours in LibreOffice, so heights are estimated here from character widths
// in BIZ UDPゴシック (a proportional face whose lines are 1.0 em: ascent + descent, no gap).
import { PHRASE_BREAK, phrases, scriptPieces } from "../phrases.js";
import { textWidthEm } from "../char-width.js";

// (measured where the PDFs and `check` need them without BudouX, which takes 0.3 s to load)
export { textWidthEm } from "../char-width.js";

/**
 * Excel's column width unit: the widest digit of the workbook's default font (exceljs writes
 * Calibri 11: 7 px at 96 dpi). LibreOffice measures it with Carlito, or a wider face in its
 * place: columns there are at least as wide, so a text estimated to fit does.
 */
const PX_PER_UNIT = 7;
/** A cell's inner margins, left and right together, in pt. */
const CELL_PADDING_PT = 4;

/** Usable width in pt of columns with these widths (Excel units), merged into one cell. */
export function columnsWidthPt(widths: readonly number[]): number {
  const px = widths.reduce((s, w) => s + Math.floor(w * PX_PER_UNIT + 1e-9), 0);
  return px * 0.75 - CELL_PADDING_PT;
}

/** A column width (Excel units) that holds `em` full-width characters at `sizePt`. */
export function widthForEm(em: number, sizePt: number): number {
  // whole pixels, as columnsWidthPt counts them
  const px = Math.ceil((em * sizePt + CELL_PADDING_PT) / 0.75);
  return Math.ceil((px / PX_PER_UNIT) * 10) / 10;
}

/**
 * The part of a line's width the estimate fills: the estimated widths run up to 3 % below the
 * face's own (seed texts: 1.00 of it on average, 1.03 at most).
 */
const FILL = 0.97;

/** The em a line holds in a box `widthPt` wide at `sizePt`. */
function lineEm(widthPt: number, sizePt: number): number {
  return Math.max(1, (widthPt / sizePt) * FILL);
}

/** What a line break never splits: a run of ASCII letters, digits and signs (a word), else one character. */
export const BREAK_UNITS = /[\x21-\x7e]+|[^]/gu;
/** What starts no line, and what ends none (JIS X 4051; docs/japanese-typesetting.md). */
export const NO_LINE_START = /^[）〕］｝〉》」』】〙〗〟’”｠)\]}‐〜゠–？！‼⁇⁈⁉・：；。．、，ヽヾゝゞ々〻ーぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ]+/u;
export const NO_LINE_END = /[（〔［｛〈《「『【〘〖〝｟(\[{‘“]$/u;

/**
 * Lines a text takes when wrapped in a box `widthPt` wide at `sizePt`, filled as Excel and
 * LibreOffice fill them: character by character (a Latin word whole), a unit that does not fit
 * starting the next line. (Counting width ÷ line missed the part of a line a break wastes:
 * in a 5 em year column 「仕組み整備、発信・共有の実施」 takes 4 lines, not 3.)
 */
export function wrappedLines(text: string, widthPt: number, sizePt: number): number {
  const perLine = lineEm(widthPt, sizePt);
  let lines = 0;
  for (const para of text.split("\n")) {
    lines++;
    let used = 0;
    for (const unit of para.match(BREAK_UNITS) ?? []) {
      const w = textWidthEm(unit);
      if (used > 0 && used + w > perLine) { lines++; used = 0; }
      // a word wider than the line is broken inside, as the applications do
      if (w > perLine) { lines += Math.ceil(w / perLine) - 1; used = w % perLine; } else used += w;
    }
  }
  return lines;
}

/**
 * Names in a list (departments) with line breaks only between them: as many as fit a line of a
 * box `widthPt` wide, each line but the last ending in the separator. A spreadsheet breaks
 * Japanese anywhere (LibreOffice printed 子ども子育て/支援課); a name wider than the box still
 * breaks there — give the column room for the widest name (`widestNameEm`).
 */
export function nameLines(names: readonly string[], widthPt: number, sizePt: number, separator = "、"): string {
  const perLine = lineEm(widthPt, sizePt);
  const lines: string[] = [];
  let line = "";
  names.forEach((name, i) => {
    const item = i < names.length - 1 ? name + separator : name;
    if (line && textWidthEm(line + item) > perLine) { lines.push(line); line = ""; }
    line += item;
  });
  if (line) lines.push(line);
  return lines.join("\n");
}

/**
 * A name (基本方針, 施策, 取組, 事業名) with its line breaks written in where it wraps in a box
 * `widthPt` wide: a spreadsheet breaks Japanese anywhere (窓/口, オンライン化の拡/大), so the
 * breaks are put between BudouX's phrases, as many phrases a line as it holds. A phrase wider
 * than a line breaks after its 中黒, 読点 or closing bracket, else where it must; a last line of one character
 * takes the phrase before it along. A name that fits on one line is left as it is.
 */
export function phraseLines(text: string, widthPt: number, sizePt: number): string {
  const perLine = lineEm(widthPt, sizePt);
  if (text.includes("\n") || textWidthEm(text) <= perLine) return text;
  const lines: string[][] = [[]];
  let used = 0;
  const place = (unit: string, w: number): void => {
    if (used > 0 && used + w > perLine) {
      // 禁則 (docs/japanese-typesetting.md): a closing mark or ー starts no line and an opening
      // bracket ends none — the unit beside it goes to the next line with it, when that fits or
      // the unit is wider than a line anyway (lines had started with 「）」 and 「ー」, and a 「（」
      // had stood alone); on a line already too wide (a URL) the closing mark stays on it
      const line = lines.at(-1)!;
      const head = NO_LINE_START.exec(unit)?.[0];
      if (head && used > perLine) {
        line.push(head);
        if (head === unit) { used += w; return; }
        unit = unit.slice(head.length);
        w = textWidthEm(unit);
      }
      const carried: string[] = [];
      while (line.length > 1 && NO_LINE_START.test(carried[0] ?? unit)) carried.unshift(line.pop()!);
      while (line.length > 0 && NO_LINE_END.test(line.at(-1)!)) carried.unshift(line.pop()!);
      if (w <= perLine && textWidthEm(carried.join("") + unit) > perLine) { line.push(...carried); carried.length = 0; }
      if (line.length === 0) lines.pop();
      lines.push(carried);
      used = textWidthEm(carried.join(""));
    }
    lines.at(-1)!.push(unit);
    used += w;
  };
  for (const phrase of phrases(text)) {
    const w = textWidthEm(phrase);
    if (w <= perLine) { place(phrase, w); continue; }
    // wider than a line: cut after a 中黒, 読点 or bracket, else where its
    // script changes, as the PDFs cut it (「オンライン相／談の」, 「システ／ム利用」 had been cut
    // anywhere), a piece still too wide anywhere
    const fits = (q: string) => textWidthEm(q) <= perLine;
    const parts = phrase.split(PHRASE_BREAK).flatMap((q) => (fits(q) ? [q] : scriptPieces(q, Math.floor(perLine))))
      .flatMap((q) => (fits(q) ? [q] : q.match(BREAK_UNITS) ?? []));
    parts.forEach((part) => place(part, textWidthEm(part)));
  }
  const last = lines.at(-1)!;
  const before = lines.at(-2);
  if (before && before.length > 1 && last.join("").length === 1 && textWidthEm(before.at(-1)! + last.join("")) <= perLine) last.unshift(before.pop()!);
  return lines.map((l) => l.join("")).join("\n");
}

/** The em a column needs to hold each of these names whole on a line, with its separator. */
export function widestNameEm(names: Iterable<string>, separator = "、"): number {
  let widest = 0;
  for (const n of names) widest = Math.max(widest, textWidthEm(n + separator));
  return widest / FILL;
}

/**
 * Row height in pt for this many lines. BIZ UDPゴシック's lines are 1.0 em in Excel and in
 * LibreOffice (measured: 9 pt lines at 9 pt); Excel rounds a line to whole pixels (8 pt → 11 px),
 * so 1.05 em a line and 4 pt of margins keep every line visible. (At 1.3–1.5 em the 事業一覧
 * printed rows about twice as tall as their text.)
 */
export const LINE_EM = 1.05;

export function rowHeightPt(lines: number, sizePt: number): number {
  return Math.ceil((lines * sizePt * LINE_EM + 4) * 4) / 4;
}

/** Excel's tallest row (409.5 pt): a taller one is shown and printed at 409.5, its text cut. */
export const MAX_ROW_PT = 409;

/**
 * A column width (Excel units), `minWidth` or wider, in which each of these texts wraps into a
 * row no taller than MAX_ROW_PT (a 1,500-character 事業内容 in 30 em needed 486 pt).
 */
export function widthToFit(texts: Iterable<string>, minWidth: number, sizePt: number): number {
  let width = minWidth;
  for (const text of texts) {
    // a text of more lines of its own than the row holds is not helped by any width: left as it is
    if (rowHeightPt(text.split("\n").length, sizePt) > MAX_ROW_PT) continue;
    // (steps of about two characters)
    while (rowHeightPt(wrappedLines(text, columnsWidthPt([width]), sizePt), sizePt) > MAX_ROW_PT) width = Math.round((width + 2 * sizePt / 5.25) * 10) / 10;
  }
  return width;
}
