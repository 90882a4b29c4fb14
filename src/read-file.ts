// Reading a file a user names (the plan, a return, the config, the theme, a template, a font):
// its bytes: only a regular file (a FIFO or /dev/zero would never
// end), opened without blocking (O_NONBLOCK: opening a FIFO does not wait for a writer), checked
// on the open handle, and read with a byte limit (a file that grows while it is read is stopped
// at the limit, whatever its size said). Synchronous: one file, four system calls, no thread-pool
// round trips (the async version took 22 ms for the seed against readFile's 6).
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, type Stats } from "node:fs";
import path from "node:path";
import type { Lang } from "./diagnostics/bag.js";
import { megabytes } from "./diagnostics/format.js";
import { CONTROLS, decodeAs, unicodeWithoutBom } from "./ingest/read-text.js";

export type FileRead =
  | { bytes: Uint8Array }
  | { refused: "not-a-file"; kind: string }
  | { refused: "too-large"; size: number }
  | { refused: "unreadable"; reason: string };

/** What a non-regular file is, in a word a message can quote. */
function kindOf(s: Stats): string {
  if (s.isDirectory()) return "directory";
  if (s.isFIFO()) return "FIFO";
  if (s.isCharacterDevice() || s.isBlockDevice()) return "device";
  if (s.isSocket()) return "socket";
  return "special file";
}

export async function readBoundedFile(file: string, limit: number): Promise<FileRead> {
  return readBoundedFileSync(file, limit);
}

export function readBoundedFileSync(file: string, limit: number): FileRead {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { refused: "unreadable", reason: code ?? (e as Error).message };
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) return { refused: "not-a-file", kind: kindOf(info) };
    if (info.size > limit) return { refused: "too-large", size: info.size };
    // One byte more than the file's size: a file that grew is seen at once.
    let buf = new Uint8Array(info.size + 1);
    let total = 0;
    for (;;) {
      if (total === buf.length) {
        if (total > limit) return { refused: "too-large", size: total };
        const bigger = new Uint8Array(Math.min(limit + 1, buf.length * 2));
        bigger.set(buf);
        buf = bigger;
      }
      const n = readSync(fd, buf, total, buf.length - total, null);
      if (n === 0) break;
      total += n;
    }
    if (total > limit) return { refused: "too-large", size: total };
    return { bytes: buf.subarray(0, total) };
  } catch (e) {
    return { refused: "unreadable", reason: (e as NodeJS.ErrnoException).code ?? (e as Error).message };
  } finally {
    closeSync(fd);
  }
}

const KIND_JA: Record<string, string> = { directory: "フォルダ", FIFO: "名前付きパイプ（FIFO）", device: "デバイス", socket: "ソケット", "special file": "特殊なファイル" };

/** A non-regular file's kind in the user's language. */
export const kindWord = (kind: string, lang: Lang): string => (lang === "ja" ? KIND_JA[kind] ?? kind : kind);

/** Why a file was not read, in words for a message (a size over the limit, a device, an errno). */
export function refusalReason(read: Exclude<FileRead, { bytes: Uint8Array }>, limit: number, lang: Lang): string {
  const ja = lang === "ja";
  if (read.refused === "too-large") return ja ? `大きすぎます: ${megabytes(read.size)}、上限 ${megabytes(limit)}` : `too large: ${megabytes(read.size)}, limit ${megabytes(limit)}`;
  if (read.refused === "not-a-file") return ja ? `通常のファイルではありません（${kindWord(read.kind, lang)}）` : `not a regular file (${read.kind})`;
  return errnoWords(read.reason, lang);
}

/** Errnos staff meet, each in words (Japanese, English). */
export type ErrnoWords = Record<string, [ja: string, en: string]>;

/**
 * An errno met opening a file or folder (ELOOP, EACCES …) in words — or met writing one, with the
 * writer's `table` —, else the code as it is.
 */
export function errnoWords(code: string, lang: Lang, table: ErrnoWords = ERRNO_WORDS): string {
  const words = table[code];
  return words ? (lang === "ja" ? words[0] : words[1]) : code;
}

/** The errors of opening a file that staff meet, in words (a bare ELOOP or EACCES had been the message). */
const ERRNO_WORDS: ErrnoWords = {
  ENOENT: ["ファイルがありません", "no such file"],
  EISDIR: ["フォルダです", "a folder"],
  ENOTDIR: ["パスの途中にフォルダでないものがあります", "a part of the path is not a folder"],
  EACCES: ["読み取りの権限がありません", "permission denied"],
  EPERM: ["読み取りの権限がありません", "permission denied"],
  ELOOP: ["ショートカット（シンボリックリンク）が循環しています", "a loop of symbolic links"],
  ENAMETOOLONG: ["パスが長すぎます", "the path is too long"],
  EBUSY: ["ほかのプログラムが使用中です", "in use by another program"],
};

/**
 * A text file a person edits (config, theme, wording, a template): read as {@link readBoundedFileSync}
 * (a path naming /dev/zero or a FIFO had been read until memory ran out), decoded as UTF-8.
 */
export function readBoundedText(file: string, limit: number, lang: Lang): { text: string } | { reason: string } {
  const read = readBoundedFileSync(file, limit);
  if ("refused" in read) return { reason: refusalReason(read, limit, lang) + savedAsWords(read, file, lang) };
  const text = editedText(read.bytes);
  // A NUL is in no text staff edit: the file is a workbook, a picture, a PDF (`--config plan.xlsx`,
  // a file picked by mistake), which had been told as quotes and commas missing at line 1. Nor
  // are control characters, but one stray: binary data without a NUL byte (one in ten of random
  // bytes is one) had gone on to handlebars' English 「Lexical error」 or a JSON mistake.
  if (text.includes("\0") || binaryControls(text)) return { reason: lang === "ja" ? "テキストファイルではありません（Excel ブックや PDF など、文字でないデータを含みます）" : "not a text file (it holds binary data: a workbook, a PDF …)" };
  return { text };
}

/** Control characters (tab and line ends aside) make up more than 1 % of the text, two at least. */
function binaryControls(text: string): boolean {
  const count = text.match(CONTROLS)?.length ?? 0;
  return count >= 2 && count * 100 > text.length;
}

/**
 * The file of `file`'s folder that is `file` saved under another name: メモ帳's `wording.json.txt`
 * (it adds .txt), a renamed `Wording.json`; undefined when there is none.
 */
export function savedAs(file: string): string | undefined {
  const name = path.basename(file);
  const want = name.toLowerCase();
  try {
    return readdirSync(path.dirname(file)).sort().find((f) => (f.toLowerCase() === want && f !== name) || f.toLowerCase().startsWith(`${want}.`));
  } catch {
    return undefined;
  }
}

/** The words asking to rename `saved` (savedAs) to `name`, for any file staff edit. */
export function renameWords(saved: string, name: string, lang: Lang): string {
  return lang === "ja" ? `フォルダにある「${saved}」の名前を「${name}」にしてください` : `rename "${saved}" in the folder to "${name}"`;
}

/** For a file not there, the words naming the file to rename (savedAs), else none. */
function savedAsWords(read: Exclude<FileRead, { bytes: Uint8Array }>, file: string, lang: Lang): string {
  const saved = read.refused === "unreadable" && read.reason === "ENOENT" ? savedAs(file) : undefined;
  if (!saved) return "";
  const words = renameWords(saved, path.basename(file), lang);
  return lang === "ja" ? `（${words}）` : ` (${words})`;
}

/**
 * A file staff edited, in the encoding Windows' editors save in: UTF-8 (its BOM dropped), UTF-16
 * by its BOM (メモ帳's 「Unicode」) or its NUL bytes (other editors' UTF-16 without one), else Shift_JIS when the bytes are not UTF-8 (「ANSI」). A wording
 * file or template saved so had printed its Japanese as boxes, said only as a missing 「�」.
 */
function editedText(bytes: Uint8Array): string {
  const b = (i: number) => bytes[i] ?? -1;
  if (b(0) === 0xff && b(1) === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (b(0) === 0xfe && b(1) === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  // UTF-16 (or UTF-32) without a mark, by its NUL bytes as a plan's is found: a JSON's braces,
  // quotes and line ends are ASCII. Its NULs had refused it as a workbook or a PDF.
  const unicode = unicodeWithoutBom(bytes);
  if (unicode) return decodeAs(bytes, unicode);
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // a UTF-8 mark before Shift_JIS (a tool added the mark alone) is no character of it: read as
    // Shift_JIS it had been 「・ｻｿ」 before the first brace, a JSON mistake at line 1
    const marked = b(0) === 0xef && b(1) === 0xbb && b(2) === 0xbf;
    return new TextDecoder("shift_jis").decode(marked ? bytes.subarray(3) : bytes);
  }
}

/** The limit for a text file a person edits: far above any real config, theme, wording or template. */
export const MAX_EDITED_TEXT_BYTES = 4 * 1024 * 1024;
/** The limit for a font file: a pan-CJK collection (.ttc) is 20–120 MB. */
export const MAX_FONT_BYTES = 256 * 1024 * 1024;
