// TSV/CSV/TXT → Grid. The encoding is decided from the bytes, in this order: a byte-order mark
// (UTF-8, UTF-16LE — Excel's 「Unicode テキスト」 — or UTF-16BE); UTF-16 without a mark (NUL bytes
// on one side of most code units); valid UTF-8; UTF-8 with a few bad bytes (each line named);
// otherwise Excel's Japanese CSV (Shift_JIS/CP932), or EUC-JP (older Unix systems' exports) when
// that reads the bytes and Shift_JIS does not. How it was read is an info diagnostic.
import { isAscii, isUtf8 } from "node:buffer";
import Papa from "papaparse";
import type { DiagnosticBag } from "../diagnostics/bag.js";
import { placeOf, type Grid, type GridRow } from "./grid.js";
import { MAX_COLUMN } from "./workbook-xml.js";

/** How the bytes of a text file are to be decoded. */
export type TextEncoding = "UTF-8" | "UTF-8 (BOM)" | "UTF-16LE" | "UTF-16BE" | "UTF-32LE" | "UTF-32BE" | "Shift_JIS" | "EUC-JP";
type UnicodeMark = "UTF-8 (BOM)" | "UTF-16LE" | "UTF-16BE" | "UTF-32LE" | "UTF-32BE";

/**
 * UTF-32 without a mark (other tools' 「UTF-32」; Excel never writes it): in the first 64 KB,
 * every 4-byte unit is a code point (its top byte 0, the next at most 0x10) and at least one is
 * not a NUL. Read as UTF-16 or UTF-8 with its NULs dropped, a Japanese name had been mojibake.
 */
function utf32WithoutBom(bytes: Uint8Array): "UTF-32LE" | "UTF-32BE" | null {
  const n = Math.min(bytes.length, 65536) & ~3;
  if (n < 8) return null;
  let le = true, be = true, any = false;
  for (let i = 0; i < n && (le || be); i += 4) {
    if (bytes[i + 3] !== 0 || bytes[i + 2]! > 0x10) le = false;
    if (bytes[i] !== 0 || bytes[i + 1]! > 0x10) be = false;
    if (bytes[i]! | bytes[i + 1]! | bytes[i + 2]! | bytes[i + 3]!) any = true;
  }
  if (!any) return null;
  return le ? "UTF-32LE" : be ? "UTF-32BE" : null;
}

/** UTF-32 text: a unit that is no code point (or a cut unit at the end) reads as U+FFFD, as TextDecoder reads damage. */
function decodeUtf32(bytes: Uint8Array, encoding: "UTF-32LE" | "UTF-32BE"): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: string[] = [];
  let chunk: number[] = [];
  for (let i = 0; i + 3 < bytes.length; i += 4) {
    const cp = view.getUint32(i, encoding === "UTF-32LE");
    chunk.push(cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? 0xfffd : cp);
    if (chunk.length === 8192) { parts.push(String.fromCodePoint(...chunk)); chunk = []; }
  }
  if (bytes.length % 4) chunk.push(0xfffd);
  parts.push(String.fromCodePoint(...chunk));
  return parts.join("");
}

/** Text in an encoding planpress reads (UTF-32 by hand: TextDecoder has no UTF-32). */
export function decodeAs(bytes: Uint8Array, encoding: TextEncoding): string {
  return encoding === "UTF-32LE" || encoding === "UTF-32BE" ? decodeUtf32(bytes, encoding) : new TextDecoder(DECODER[encoding]).decode(bytes);
}

/** UTF-32 or UTF-16 without a mark, by their NUL bytes, or null. */
export function unicodeWithoutBom(bytes: Uint8Array): "UTF-16LE" | "UTF-16BE" | "UTF-32LE" | "UTF-32BE" | null {
  return utf32WithoutBom(bytes) ?? utf16WithoutBom(bytes);
}

/** UTF-16 without a mark: in the first 64 KB, NULs fill one byte of many code units (ASCII tabs,
 * digits and line ends) and (almost) never the other. */
function utf16WithoutBom(bytes: Uint8Array): "UTF-16LE" | "UTF-16BE" | null {
  const n = Math.min(bytes.length, 65536) & ~1;
  if (n < 4) return null;
  let even = 0, odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd >= pairs * 0.02 && even * 20 <= odd) return "UTF-16LE";
  if (even >= pairs * 0.02 && odd * 20 <= even) return "UTF-16BE";
  return null;
}

/** The byte offsets where UTF-8 decoding fails, and how many valid multi-byte characters there are. */
export function utf8Scan(bytes: Uint8Array): { bad: number[]; multibyte: number } {
  const bad: number[] = [];
  let multibyte = 0;
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    if (b < 0x80) { i++; continue; }
    let need = 0, min = 0;
    if (b >= 0xc2 && b <= 0xdf) { need = 1; min = 0x80; }
    else if (b >= 0xe0 && b <= 0xef) { need = 2; min = 0x800; }
    else if (b >= 0xf0 && b <= 0xf4) { need = 3; min = 0x10000; }
    let cp = need ? b & (0x3f >> need) : -1;
    let ok = need > 0;
    for (let k = 1; ok && k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (c & 0x3f);
    }
    if (ok && cp >= min && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff)) { multibyte++; i += need + 1; }
    else { bad.push(i); i++; }
  }
  return { bad, multibyte };
}

/** Zip (an .xlsx) or OLE2 (an .xls, or a password-protected workbook) by their first bytes. */
function containerOf(bytes: Uint8Array): "zip" | "ole2" | null {
  const b = (i: number) => bytes[i] ?? -1;
  if (b(0) === 0x50 && b(1) === 0x4b && b(2) === 0x03 && b(3) === 0x04) return "zip";
  if ([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1].every((v, i) => b(i) === v)) return "ole2";
  return null;
}

/**
 * Whether a file's first bytes are text with lines or cells: a byte-order mark,
 * or no NUL and a tab, comma or line break (any encoding planpress reads).
 */
function looksLikeText(bytes: Uint8Array): boolean {
  if (byteOrderMark(bytes)) return true;
  const head = bytes.subarray(0, 4096);
  const unicode = unicodeWithoutBom(head);
  if (unicode) return /[\t,\n]/.test(decodeAs(head, unicode));
  return head.length > 0 && !head.includes(0) && [0x09, 0x2c, 0x0a].some((b) => head.includes(b));
}

/**
 * A file whose bytes are not what its name says, told (true) or not (false): a workbook (zip)
 * named as text (PP112), an .xls or a password-protected workbook (OLE2, PP113), a web page or
 * XML under any name (Excel's 「Web ページ」, 「XML スプレッドシート」, PP155), text named as a
 * workbook (a TSV or CSV renamed, PP127, not told as a broken zip). The plan's reader and the
 * returns' reader ask alike.
 */
export function mislabelled(bytes: Uint8Array, file: string, ext: string, workbook: boolean, bag: DiagnosticBag): boolean {
  const magic = containerOf(bytes);
  const markup = magic ? null : markupOf(bytes);
  if (magic === "ole2") bag.add("PP113", { file });
  else if (magic === "zip" && !workbook) bag.add("PP112", { file }, { ext });
  else if (markup) bag.add("PP155", { file }, { kind: markup });
  else if (workbook && magic !== "zip" && looksLikeText(bytes)) bag.add("PP127", { file }, { ext });
  else return false;
  return true;
}

/** A file is UTF-8 with a few damaged bytes, not Shift_JIS, when nearly all its non-ASCII bytes
 * form valid UTF-8: at least 20 valid multi-byte characters per bad byte. */
const UTF8_PER_BAD_BYTE = 20;

/** The encoding a byte-order mark at the start names, or null. */
export function byteOrderMark(bytes: Uint8Array): UnicodeMark | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "UTF-8 (BOM)";
  // (UTF-32LE's mark begins with UTF-16LE's)
  if (bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) return "UTF-32LE";
  if (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff) return "UTF-32BE";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "UTF-16LE";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "UTF-16BE";
  return null;
}

/** What a file of markup is, by its first tag: Excel's 「Web ページ」 (HTML) or 「XML スプレッドシート 2003」
 * saved under .xls, .csv or .xlsx, or other XML; null for a table's text. Read as text, such a file
 * had been told as a table without a header row (PP201), or as text renamed (PP127). */
function markupOf(bytes: Uint8Array): "html" | "xml-spreadsheet" | "xml" | null {
  const head = bytes.subarray(0, 2048);
  const mark = byteOrderMark(head);
  const unicode = mark && mark !== "UTF-8 (BOM)" ? mark : unicodeWithoutBom(head);
  // (the tags are ASCII: latin1 reads them in UTF-8, Shift_JIS and EUC-JP alike)
  const text = (unicode ? decodeAs(head, unicode) : new TextDecoder("latin1").decode(head)).replace(/^(\ufeff|\u00ef\u00bb\u00bf)/, "").trimStart();
  // (a comment or an XML declaration may come before the first element)
  const first = /^(?:<\?xml\b[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<\?mso-application\b[^>]*>\s*)?<(!doctype\s+html|[a-z][\w:-]*)/i.exec(text);
  if (first && /progid="Excel\.Sheet"|urn:schemas-microsoft-com:office:spreadsheet/i.test(text)) return "xml-spreadsheet";
  if (first && /^(!doctype\s+html|html|head|body|table|meta)$/i.test(first[1]!)) return "html";
  return /^<\?xml\b/.test(text) ? "xml" : null;
}

/** What the bytes are: the encoding, the offsets of bad UTF-8 bytes, and `markIgnored` (the
 * mark's encoding) when a byte-order mark stood before bytes of another encoding. */
export function detectEncoding(bytes: Uint8Array): { encoding: TextEncoding; bad: number[]; markIgnored?: UnicodeMark } {
  const mark = byteOrderMark(bytes);
  if (mark === "UTF-8 (BOM)") {
    const body = detectEncoding(bytes.subarray(3));
    // A mark a tool put before a Shift_JIS (or UTF-16) file (to "make Excel read it as UTF-8")
    // does not make it UTF-8: it had been read as UTF-8 with hundreds of bad bytes (PP111 on
    // every line, then no header, PP201). The body is read as it would be without the mark
    // when its bytes say so beyond doubt (PP157); otherwise a bad byte is damage, named by line.
    if (!body.encoding.startsWith("UTF-8") && readsWhole(bytes.subarray(3), body.encoding)) return { ...body, markIgnored: mark };
    return { encoding: "UTF-8 (BOM)", bad: (body.encoding.startsWith("UTF-8") ? body.bad : utf8Scan(bytes.subarray(3)).bad).map((i) => i + 3) };
  }
  // A UTF-16 or UTF-32 mark before UTF-8 or Shift_JIS text (it had been read as UTF-16: PP109,
  // no header, PP201). A table's UTF-16 or UTF-32 holds NUL bytes (its tabs, digits, line ends);
  // the others none: without them, the body is read as it would be without the mark when it
  // reads whole (valid UTF-8, or every byte Shift_JIS or EUC-JP), as after a UTF-8 mark.
  const rest = mark ? bytes.subarray(markLength(mark)) : bytes;
  if (mark && !rest.includes(0) && !isAscii(rest)) {
    const body = detectEncoding(rest);
    if ((body.encoding === "UTF-8" && !body.bad.length) || (body.encoding === "Shift_JIS" && readsWhole(rest, "Shift_JIS"))) return { ...body, markIgnored: mark };
  }
  if (mark) return { encoding: mark, bad: [] };
  const unicode = unicodeWithoutBom(bytes);
  if (unicode) return { encoding: unicode, bad: [] };
  // Valid UTF-8 is the common case: the native decoder says so; the byte scan only runs otherwise.
  if (isUtf8(bytes)) return { encoding: "UTF-8", bad: [] };
  const scan = utf8Scan(bytes);
  if (!scan.bad.length || scan.multibyte >= scan.bad.length * UTF8_PER_BAD_BYTE) return { encoding: "UTF-8", bad: scan.bad };
  return { encoding: "Shift_JIS", bad: [] };
}

/** How many bytes a byte-order mark takes. */
const markLength = (mark: UnicodeMark): number => (mark === "UTF-8 (BOM)" ? 3 : mark.startsWith("UTF-32") ? 4 : 2);

/** Whether `encoding` reads every byte (Shift_JIS: or EUC-JP, which decodeText falls back to). */
function readsWhole(bytes: Uint8Array, encoding: TextEncoding): boolean {
  if (encoding === "UTF-32LE" || encoding === "UTF-32BE") return !decodeAs(bytes, encoding).includes("\uFFFD");
  const fatal = (label: string) => { try { new TextDecoder(label, { fatal: true }).decode(bytes); return true; } catch { return false; } };
  return fatal(DECODER[encoding]) || (encoding === "Shift_JIS" && fatal(DECODER["EUC-JP"]));
}

const DECODER: Record<Exclude<TextEncoding, "UTF-32LE" | "UTF-32BE">, string> = { "UTF-8": "utf-8", "UTF-8 (BOM)": "utf-8", "UTF-16LE": "utf-16le", "UTF-16BE": "utf-16be", Shift_JIS: "shift_jis", "EUC-JP": "euc-jp" };

const REPLACEMENT = /\uFFFD/g;
const replacedIn = (t: string): number => (t.match(REPLACEMENT) ?? []).length;
// eslint-disable-next-line no-control-regex
// (not VT: FileMaker's line break inside a field, read as one in the cell)
export const CONTROLS = /[\u0000-\u0008\u000c\u000e-\u001f\u007f]/g;
/** Line breaks inside a cell as other systems write them: FileMaker's VT, Unicode's line and paragraph separators. */
const CELL_BREAKS = /[\u000b\u2028\u2029]/g;
/** A cell's text with those line breaks as line breaks (the PDF font has no glyph for them: they printed as boxes). */
export const withCellBreaks = (text: string): string => text.replace(CELL_BREAKS, "\n");
/** The physical line (1-based) of `offset` in decoded text. */
const lineOf = (text: string, offset: number): number => {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) line++;
  }
  return line;
};

/** The most lines with bad UTF-8 bytes named one by one; more are counted in the last one. */
const MAX_BAD_LINES = 20;

/**
 * The first line of each encoding in a file of UTF-8 lines and Shift_JIS lines (a Shift_JIS CSV
 * with UTF-8 rows appended, or the reverse), or null. Read as one encoding, the other's lines had
 * been mojibake, said as a few bad bytes or not at all. A UTF-8 line: multi-byte characters and
 * no bad byte; a Shift_JIS line: mostly bytes that are not UTF-8, all read by Shift_JIS (a UTF-8
 * line with a damaged byte keeps most of its characters: damage, PP111).
 */
export function mixedEncodings(bytes: Uint8Array): { utf8: number; sjis: number } | null {
  const sjis = new TextDecoder("shift_jis", { fatal: true });
  let utf8Line = 0, sjisLine = 0;
  // (native checks line by line, the byte scan only until a Shift_JIS line is found: a 14 MB
  // Shift_JIS file had taken 0.7 s more with a scan of every line)
  const find = (b: number, from: number) => { const at = bytes.indexOf(b, from); return at < 0 ? bytes.length : at; };
  let lf = find(0x0a, 0), cr = find(0x0d, 0);
  for (let start = 0, line = 1; start < bytes.length; line++) {
    if (lf < start) lf = find(0x0a, start);
    if (cr < start) cr = find(0x0d, start);
    const end = Math.min(lf, cr);
    const part = bytes.subarray(start, end);
    if (!isAscii(part)) {
      if (isUtf8(part)) utf8Line ||= line;
      else if (!sjisLine) {
        const { bad, multibyte } = utf8Scan(part);
        if (bad.length > multibyte) try { sjis.decode(part); sjisLine = line; } catch { /* neither: damage */ }
      }
      if (utf8Line && sjisLine) return { utf8: utf8Line, sjis: sjisLine };
    }
    // a line ends at LF, CRLF or a lone CR
    start = end + (bytes[end] === 0x0d && bytes[end + 1] === 0x0a ? 2 : 1);
  }
  return null;
}

export function decodeText(withMark: Uint8Array, file: string, bag: DiagnosticBag): string {
  const { encoding, bad, markIgnored } = detectEncoding(withMark);
  // (a mark before another encoding's bytes is no character of it; it holds no line end)
  const bytes = markIgnored ? withMark.subarray(markLength(markIgnored)) : withMark;
  // The decoders drop a byte-order mark themselves; UTF-8 goes through Buffer (simdutf, several
  // times faster than TextDecoder on Japanese text), which keeps a mark: it is dropped below.
  let text = encoding.startsWith("UTF-8") ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8")
    : decodeAs(bytes, encoding);
  const mixed = bad.length || encoding === "Shift_JIS" ? mixedEncodings(bytes) : null;
  if (mixed) {
    // (the run stops: either encoding's reading of the other's lines is mojibake)
    bag.add("PP154", { file, line: Math.max(mixed.utf8, mixed.sjis) }, mixed);
  } else if (encoding === "Shift_JIS") {
    let replaced = replacedIn(text);
    // Bytes Shift_JIS cannot read may be EUC-JP: taken when it reads nearly all of them (its
    // two-byte codes are mostly invalid Shift_JIS and the other way round).
    let eucJp = false;
    if (replaced) {
      const euc = new TextDecoder(DECODER["EUC-JP"]).decode(bytes);
      const eucReplaced = replacedIn(euc);
      if (eucReplaced * UTF8_PER_BAD_BYTE <= replaced) { text = euc; replaced = eucReplaced; eucJp = true; }
    }
    if (markIgnored) bag.add("PP157", { file }, { mark: markIgnored, encoding: eucJp ? "EUC-JP" : "Shift_JIS" });
    else if (eucJp) bag.add("PP110", { file }, { encoding: "EUC-JP" });
    else bag.add("PP103", { file });
    if (!eucJp) lostCharacters(text, file, bag);
    if (replaced) bag.add("PP109", { file, line: lineOf(text, text.indexOf("\uFFFD")) }, { count: replaced });
  } else {
    bag.add(markIgnored ? "PP157" : "PP110", { file }, { mark: markIgnored, encoding });
    if (bad.length) reportBadLines(bytes, bad, file, bag);
    // UTF-16 or UTF-32 units that are no character (half an emoji cut by a broken export, a code
    // point past U+10FFFF): the decoders read U+FFFD, said as Shift_JIS's are (they had been unsaid);
    // a file that decodes whole holds its � as written
    // (decoded again only when a � is there to explain)
    const replaced = encoding.startsWith("UTF-8") ? 0 : replacedIn(text);
    if (replaced && !readsWhole(bytes, encoding)) bag.add("PP109", { file, line: lineOf(text, text.indexOf("\uFFFD")) }, { count: replaced });
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // NULs and other C0 controls (but tab and line ends) are export damage, not content.
  const controls = text.match(CONTROLS);
  if (controls) {
    bag.add("PP107", { file, line: lineOf(text, text.search(CONTROLS)) }, { count: controls.length });
    text = text.replace(CONTROLS, "");
  }
  return text;
}

/**
 * A `?` touching Japanese in a Shift_JIS file: Excel's 「CSV」 writes `?` for each character
 * Shift_JIS has not (⑴, ㉑, 𠮷, emoji), so the cell holds a character that is lost — 「⑴オンライン化」
 * had been read as 「?オンライン化」, the number gone, a department 「?橋課」 printed, nothing said
 * but what followed from it. A warning at the first, with the count (PP387): the workbook itself
 * (.xlsx) still holds them. Japanese writes its question mark full width (？).
 */
const LOST = /(?<=[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々])\?|\?(?=[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}々])/gu;
function lostCharacters(text: string, file: string, bag: DiagnosticBag): void {
  const found = [...text.matchAll(LOST)];
  if (!found.length) return;
  const at = found[0]!.index;
  // the words around the first, up to a separator or a line end, to quote
  const from = Math.max(...["\t", ",", "\n", "\r"].map((c) => text.lastIndexOf(c, at))) + 1;
  const to = Math.min(...["\t", ",", "\n", "\r"].map((c) => text.indexOf(c, at)).filter((i) => i >= 0), text.length);
  bag.add("PP387", { file, line: lineOf(text, at) }, { count: found.length, text: text.slice(from, to).replace(/^"|"$/gu, "").slice(0, 30) });
}

/** One warning per physical line holding bytes that are not UTF-8 (lines end at LF, or a lone CR). */
function reportBadLines(bytes: Uint8Array, bad: readonly number[], file: string, bag: DiagnosticBag): void {
  const perLine = new Map<number, number>();
  let line = 1, at = 0;
  for (const offset of bad) {
    for (; at < offset; at++) {
      const b = bytes[at];
      if (b === 0x0a || (b === 0x0d && bytes[at + 1] !== 0x0a)) line++;
    }
    perLine.set(line, (perLine.get(line) ?? 0) + 1);
  }
  const lines = [...perLine];
  lines.slice(0, MAX_BAD_LINES).forEach(([l, count], i) => {
    const rest = i === MAX_BAD_LINES - 1 ? lines.slice(MAX_BAD_LINES).reduce((n, [, c]) => n + c, 0) : 0;
    bag.add("PP111", { file, line: l }, { count: count + rest });
  });
}

/** Excel's first line naming a CSV's delimiter (`sep=;`, `sep=,`): read by Excel, written by some exports. */
const SEPARATOR_LINE = /^sep=([^\r\n"])[ \t]*(\r\n|\n|\r|$)/;

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

export function readTextGrid(bytes: Uint8Array, file: string, bag: DiagnosticBag, maxRows?: number): Grid {
  const grid = parseReportedGrid(decodeText(bytes, file, bag), file, bag, maxRows);
  unwrapTextFormulas(grid, bag);
  shownErrors(grid);
  return grid;
}

/** An error value as Excel (or LibreOffice, `Err:502`) shows it, which its CSV holds as the cell's text. */
const EXCEL_ERROR = /^(?:#(?:NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|EXTERNAL!|PYTHON!)|Err:\d{3})$/;

/**
 * Cells of a CSV saved from Excel that hold an error value as shown (`#N/A`, `#REF!`): no value,
 * read as empty as a workbook's error cell is, and said once the table is found (PP121, an error
 * where the table reads them). They had been read as written: a department 「#N」 and one 「A」
 * (each with a file), a phase named 「#REF!」, exit 0.
 */
function shownErrors(grid: Grid): void {
  for (const row of grid.rows) {
    row.cells.forEach((cell, col) => {
      const value = cell.trim();
      if (!EXCEL_ERROR.test(value)) return;
      (grid.errorValues ??= []).push({ line: row.line, col, value });
      row.cells[col] = "";
    });
  }
}

/** parseTextGrid, with what it tells of the text reported: a plan's and a returned CSV's alike. */
export function parseReportedGrid(text: string, file: string, bag: DiagnosticBag, maxRows?: number): Grid {
  let unclosed: QuotedCell | undefined;
  const swallowed: (QuotedCell & { rows: number })[] = [];
  const grid = parseTextGrid(text, file, {
    ...(maxRows !== undefined ? { maxRows, onTooManyRows: (line: number) => bag.add("PP129", { file, line }, { rows: maxRows }) } : {}),
    onTooWide: (line, cells) => bag.add("PP156", { file, line }, { cells, limit: MAX_COLUMN }),
    onSeparatorLine: (line) => bag.add("PP126", { file, line: 1 }, { line }),
    onUnclosedQuote: (at) => { unclosed ??= at; },
    // A stray quote that a later one closes: the rows between are one cell, lost without a word.
    // (not the cell never closed: that is PP125's, which says so)
    onSwallowedRows: (at) => { swallowed.push(at); },
    onSpacedRow: (at) => bag.add(at.read ? "PP152" : "PP153", { file, line: at.line }, { cells: at.cells, width: at.width }),
    onQuotedWords: (at, count) => bag.add("PP151", { file, line: at.line, column: at.column }, { text: at.text.slice(0, 20), count }),
  });
  // A quote opened and never closed swallows every line after it into one cell.
  if (unclosed) bag.add("PP125", { file, line: unclosed.line, column: unclosed.column }, { lines: unclosed.lines });
  for (const at of swallowed) {
    if (at.line !== unclosed?.line || at.column !== unclosed.column) bag.add("PP128", { file, line: at.line, column: at.column }, { lines: at.lines, rows: at.rows });
  }
  return grid;
}

// `="001"`: how systems export a value Excel must keep as text (leading zeros, a No that would
// turn into a date). Excel shows the text inside the quotes, so that is what the cell holds.
const TEXT_FORMULA = /^="((?:[^"]|"")*)"$/su;

// `'1`, `'=…`: Excel's mark of a value kept as text, which some systems write into their CSV (a
// number, or a cell starting as a formula would, guarded against formula injection). The mark is
// no part of the value (`'1` had been a No that is not a number, PP305). Only before a number or
// = + - @: an apostrophe before words may be the writer's own.
// Before Japanese too (`'市民課`, `'実施`: no writer opens a Japanese word with an apostrophe; it
// had made a department of its own), and before anything in a file that marks most of its cells.
const TEXT_MARK = /^'(?=[0-9０-９]+$|[=+\-@＝＋－]|[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々（(【「])/u;

function unwrapTextFormulas(grid: Grid, bag: DiagnosticBag): void {
  type First = { row: GridRow; col: number; text: string; count: number };
  let formula: First | undefined;
  let marked: First | undefined;
  // (counted, not collected: a text plan may have a million cells)
  let filled = 0, quoted = 0;
  for (const r of grid.rows) for (const c of r.cells) if (c.trim()) { filled++; if (c.startsWith("'") && c.length > 1) quoted++; }
  const everyCell = filled > 0 && quoted * 2 > filled;
  for (const row of grid.rows) {
    row.cells.forEach((cell, col) => {
      const m = TEXT_FORMULA.exec(cell);
      const mark = TEXT_MARK.test(cell) || (everyCell && cell.startsWith("'") && cell.length > 1);
      const said = m ? (formula ??= { row, col, text: cell, count: 0 }) : mark ? (marked ??= { row, col, text: cell, count: 0 }) : null;
      if (!said) return;
      said.count++;
      row.cells[col] = m ? m[1]!.replace(/""/g, '"') : cell.slice(1);
    });
  }
  if (formula) bag.add("PP124", placeOf(grid, formula.row, formula.col), { text: formula.text, count: formula.count });
  if (marked) bag.add("PP130", placeOf(grid, marked.row, marked.col), { text: marked.text.slice(0, 20), count: marked.count });
}

/** A quoted cell: the line it starts on, its column (1-based), and the lines it spans after its first. */
export interface QuotedCell { line: number; column: number; lines: number }

/** What parseTextGrid tells of the text as it reads it. */
export interface TextGridHooks {
  /** Excel's separator line (`sep=;`) named the delimiter: the line as written. */
  onSeparatorLine?: (line: string) => void;
  /** A cell whose opening quote is never closed: its row, its column, and the lines it swallowed. */
  onUnclosedQuote?: (at: QuotedCell) => void;
  /** A quoted cell holding lines that read as rows of the table (`rows` of them): a stray quote closed by a later one. */
  onSwallowedRows?: (at: QuotedCell & { rows: number }) => void;
  /** Cells opening with words in quotes (`"書かない窓口"の導入`), read as written: the first, and how many. */
  onQuotedWords?: (at: { line: number; column: number; text: string }, count: number) => void;
  /** A row without a tab parted by runs of spaces into `cells` (the table's rows have `width`): read as those cells, or not (`read`: they are as many). */
  onSpacedRow?: (at: { line: number; cells: number; width: number; read: boolean }) => void;
  /** The most rows with text read: past it the reading stops and this is told with the line it stopped at. */
  maxRows?: number;
  onTooManyRows?: (line: number) => void;
  /** A row of more cells than a sheet has columns (16,384): the reading stops there. */
  onTooWide?: (line: number, cells: number) => void;
}

/** Lines between rows that hold nothing (or only delimiters and spaces) met in a run this long are skipped whole. */
const LONG_BLANK_RUN = 64;

/**
 * The lines of a multi-line cell after its first that read as rows of the file: as many
 * delimiters as half a row has at least. A cell's own lines (a list, an address) have few; a
 * cell that a stray quote opened holds the rows after it, delimiters and all.
 */
function rowsInCell(cell: string, delimiter: string, rowWidth: number): number {
  const least = Math.max(2, Math.ceil((rowWidth - 1) / 2));
  return cell.split("\n").slice(1).filter((line) => line.split(delimiter).length - 1 >= least).length;
}

/** The number of cells most rows have (the table's width), for telling a row inside a cell. */
function usualWidth(rows: readonly { cells: readonly string[] }[]): number {
  const counts = new Map<number, number>();
  for (const r of rows) if (r.cells.length >= 3) counts.set(r.cells.length, (counts.get(r.cells.length) ?? 0) + 1);
  let best = 0, seen = 0;
  for (const [width, n] of counts) if (n > seen || (n === seen && width > best)) { best = width; seen = n; }
  return best;
}

/**
 * A cell opening with a quote that closes before the cell ends (`"書かない窓口"の導入`) quotes words
 * of its text: a quoted cell's closing quote ends the cell. papaparse took the quote for a quoted
 * cell's and searched on for one before a delimiter, and the rows after had been one cell (PP125
 * and PP128 at once). Such a cell is written as the quoted cell it stands for (its quotes
 * doubled), so that it reads as written; only when its quotes pair up within its line (an odd one
 * may open a cell of several lines, left as papaparse reads it: PP125, PP128).
 */
function quoteWords(text: string, delimiter: string, said?: TextGridHooks["onQuotedWords"]): string {
  const d = delimiter.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  // (most files have none: one search, no walk)
  if (!new RegExp(`(?:^|\n|${d})"[^"\n]*"(?![\\s"]|${d})`).test(text)) return text;
  const n = text.length;
  const next = (c: string, from: number) => { const at = text.indexOf(c, from); return at < 0 ? n : at; };
  // (the next delimiter and line end kept, each searched for again only once passed)
  let delimiterAt = -1, lineEnd = -1;
  const cellEnd = (from: number) => {
    if (delimiterAt < from) delimiterAt = next(delimiter, from);
    if (lineEnd < from) lineEnd = next("\n", from);
    return Math.min(delimiterAt, lineEnd);
  };
  let out = "", copied = 0, count = 0, line = 1, column = 1;
  let first: { line: number; column: number; text: string } | undefined;
  scan: for (let i = 0; i < n;) {
    let end = cellEnd(i);
    if (text[i] === '"') {
      // the cell's end as papaparse finds it: the first quote (not doubled) before a delimiter, a line end or the end
      let words = true;
      for (let q = i + 1; ; q++) {
        q = text.indexOf('"', q);
        if (q < 0) break scan;
        if (text[q + 1] === '"') { q++; continue; }
        let after = q + 1;
        while (after < n && text[after] !== delimiter && text[after] !== "\n" && /\s/u.test(text[after]!)) after++;
        if (after === n || text[after] === delimiter || text[after] === "\n") { end = after; break; }
        if (words && q < end && (text.slice(i, end).split('"').length - 1) % 2 === 0) {
          out += `${text.slice(copied, i)}"${text.slice(i, end).replace(/"/g, '""')}"`;
          copied = end;
          first ??= { line, column, text: text.slice(i, end) };
          count++;
          break;
        }
        words = false;
      }
      for (let k = text.indexOf("\n", i); k !== -1 && k < end; k = text.indexOf("\n", k + 1)) line++;
    }
    if (text[end] === "\n") { line++; column = 1; } else column++;
    i = end + 1;
  }
  if (first) said?.(first, count);
  return out + text.slice(copied);
}

/** What a web page's table leaves between its cells when copied (its tabs became spaces): a run of two or more. */
const SPACE_RUN = /[ \u00a0]{2,}/u;

/**
 * Rows of a TSV without a tab, parted by runs of spaces (a row copied from a web page): they had
 * been dropped as notes (PP327). As many parts as the table's rows have cells (the spaced rows'
 * own most common count in a file without tabs): those cells (a warning); else, parts for half a
 * row or more: refused (where an empty cell stood cannot be told); fewer: a line of words, as before.
 */
function spacedRows(rows: GridRow[], said?: TextGridHooks["onSpacedRow"]): void {
  const spaced = rows.filter((r) => r.cells.length === 1 && SPACE_RUN.test(r.cells[0]!) && !r.cells[0]!.includes("\n"))
    .map((row) => ({ row, cells: row.cells[0]!.trim().split(SPACE_RUN) }));
  if (!spaced.length) return;
  const width = usualWidth(rows) || usualWidth(spaced);
  const least = Math.max(3, Math.ceil(width / 2));
  for (const { row, cells } of spaced) {
    if (cells.length < least) continue;
    const read = cells.length === width;
    if (read) row.cells = cells;
    said?.({ line: row.line, cells: cells.length, width, read });
  }
}

/** Decoded text → rows of cells, each with the physical line it starts on. */
export function parseTextGrid(given: string, file: string, hooks: TextGridHooks = {}): Grid {
  // Excel's separator line (sep=;) names the delimiter; it is no row of the plan (its line stays, empty)
  const hint = SEPARATOR_LINE.exec(given);
  if (hint) hooks.onSeparatorLine?.(hint[0].trim());
  // Every line ending one: papaparse splits at the kind it meets first, so a file edited in two
  // programs (CRLF, then LF) read the LF part as one row. A line keeps its number.
  const lines = (hint ? given.slice(hint[0].length - (hint[2]?.length ?? 0)) : given).replace(/\r\n?/g, "\n");
  const delimiter = hint ? hint[1]! : sniffDelimiter(lines);
  // (cells opening with quoted words handed to papaparse as the quoted cells they stand for)
  const text = quoteWords(lines, delimiter, hooks.onQuotedWords);
  // Physical line of a row's start, so a quoted multi-line cell keeps later lines right: counted
  // on from the last asked (rows are asked in order), not kept for every line (an export of a
  // sheet formatted to its last row is a million lines).
  let counted = 0, countedLines = 1;
  const lineAt = (offset: number): number => {
    for (let i = text.indexOf("\n", counted); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) countedLines++;
    counted = Math.max(counted, offset);
    return countedLines;
  };
  // Many blank lines after a row: each had been a row object read by every later step (19 MB of
  // them ran for minutes). After a blank row the parser stands outside any quote, so such a run
  // is plain blank lines: skipped, the reading goes on after it (the line numbers stay right).
  // (a loop, not a regular expression: V8's ran out of stack over 19 million lines)
  const blankRunEnd = (from: number): number | null => {
    let at = from, lineEnd = from, lines = 0;
    for (;;) {
      const c = text[at];
      if (c === " " || c === "\t" || c === delimiter) at++;
      else if (c === "\n") { lines++; lineEnd = ++at; }
      else break;
    }
    return lines >= LONG_BLANK_RUN ? lineEnd : null;
  };
  const rows: GridRow[] = [];
  const multiLine: { row: GridRow; col: number }[] = [];
  let withText = 0;
  let resume: number | null = 0;
  while (resume !== null) {
    const base = resume;
    resume = null;
    let start = base;
    Papa.parse<string[]>(base ? text.slice(base) : text, {
      delimiter,
      newline: "\n",
      quoteChar: '"',
      skipEmptyLines: false,
      step: (result, parser) => {
        const line = lineAt(start);
        // (no table is wider than a sheet: a header of a million cells had taken a minute to search)
        if (result.data.length > MAX_COLUMN) { hooks.onTooWide?.(line, result.data.length); parser.abort(); return; }
        const row = { line, cells: result.data.map((c) => withCellBreaks(String(c ?? ""))) };
        rows.push(row);
        row.cells.forEach((c, col) => { if (c.includes("\n")) multiLine.push({ row, col }); });
        const end = base + result.meta.cursor;
        if (result.errors.some((e) => e.code === "MissingQuotes")) hooks.onUnclosedQuote?.({ line, column: result.data.length, lines: lineAt(end) - line });
        start = end;
        if (row.cells.some((c) => c.trim())) {
          if (hooks.maxRows !== undefined && ++withText > hooks.maxRows) {
            hooks.onTooManyRows?.(line);
            parser.abort();
          }
        } else if (text.charCodeAt(end - 1) === 10) {
          resume = blankRunEnd(end);
          if (resume !== null) parser.abort();
        }
      },
    });
  }
  if (delimiter === "\t") spacedRows(rows, hooks.onSpacedRow);
  if (hooks.onSwallowedRows && multiLine.length > 0) {
    const width = usualWidth(rows);
    for (const { row, col } of multiLine) {
      const cell = row.cells[col]!;
      const swallowed = width >= 3 ? rowsInCell(cell, delimiter, width) : 0;
      if (swallowed > 0) hooks.onSwallowedRows({ line: row.line, column: col + 1, lines: cell.split("\n").length - 1, rows: swallowed });
    }
  }
  return { file, kind: "text", rows };
}
