// Reading a JSON file a person edits (config, theme, wording): a syntax error is told in the
// user's language with its line and column, never as the parser's raw message.
import type { z } from "zod";
import type { DiagnosticBag, Lang } from "./diagnostics/bag.js";
import type { Code } from "./diagnostics/catalog.js";
import { ReportedError } from "./errors.js";
import { JsonMistake, lineMark, type LocatedJson, MAX_JSON_DEPTH, parseLocatedJson, tooDeepWords } from "./templates/located-json.js";
import { MAX_EDITED_TEXT_BYTES, readBoundedText } from "./read-file.js";
import { zodReason } from "./zod-reason.js";

export type JsonResult = { ok: true; value: unknown } | { ok: false; reason: string; line?: number; column?: number };

export function parseJsonText(withBom: string, lang: Lang): JsonResult {
  // Notepad saves UTF-8 with a byte order mark: JSON.parse refused it at a line past the end.
  const text = withBom.replace(/^\uFEFF/, "");
  // a save gone wrong (0 bytes): JSON.parse's 「Unexpected end」 had been told as quotes and commas
  if (text.trim() === "") return { ok: false, reason: lang === "ja" ? "ファイルが空です（何も書かれていません）。元のファイルに戻してください" : "the file is empty: restore it" };
  // Nesting past the bound is refused at its bracket before it is read: 10,000 levels (a file
  // a script wrote wrong) had overflowed the stack of the readers after JSON.parse (PP901).
  let depth = 0;
  const deep = outsideStrings(text, (c) => {
    if (c === "[" || c === "{") return ++depth > MAX_JSON_DEPTH;
    if (c === "]" || c === "}") depth--;
    return false;
  });
  if (deep !== null) return { ok: false, ...placeOf(text, deep), reason: tooDeepWords(lang) };
  try {
    const value: unknown = JSON.parse(text);
    // read again where each value was written: a key written twice is a mistake at its second line
    // (JSON.parse had kept the later value, the earlier one dropped without a word)
    try {
      locatedJson(text);
    } catch (e) {
      if (!(e instanceof JsonMistake)) throw e;
      return { ok: false, reason: e.reason[lang === "ja" ? "ja" : "en"], line: e.place.line };
    }
    return { ok: true, value };
  } catch (e) {
    const message = (e as Error).message;
    const m = /position (\d+)/.exec(message);
    // V8 names the character without its place (Unexpected token '/', "…" is not valid JSON)
    const token = /^Unexpected token '(.)'/su.exec(message)?.[1];
    const found = m ? Number(m[1]) : (token !== undefined ? outsideStrings(text, (c) => c === token) : null) ?? text.length;
    // a comma after a list's or an object's last item (allowed in JavaScript and JSONC editors, not
    // in JSON): told at the comma, saying so (it had been 「カンマの過不足」 at the bracket's line)
    const trailing = (text[found] === "}" || text[found] === "]") && text.slice(0, found).trimEnd().endsWith(",");
    const at = trailing ? text.slice(0, found).trimEnd().length - 1 : found;
    const { line, column } = placeOf(text, at);
    const comment = text.startsWith("//", at) || text.startsWith("/*", at);
    // Enter typed inside a text: JSON.parse says only "Bad control character"
    const lineBreak = /^Bad control character/.test(message) && (text[at] === "\n" || text[at] === "\r");
    const what = lang === "ja"
      ? (comment ? "JSON にはコメント（// …）を書けません" : trailing ? "最後の項目の後のカンマ（,）を消してください。JSON では書けません"
        : lineBreak ? "文字の途中で改行はできません: 改行するところに \\n と書いて一行につなげてください" : "引用符「\"」やカンマの過不足を確認してください")
      : (comment ? "JSON has no comments (// …)" : trailing ? "remove the comma after the last item: JSON has none"
        : lineBreak ? "a text cannot break across lines: write \\n where the line breaks" : "check quotes and commas");
    const reason = lang === "ja" ? `JSON の書き方に誤りがあります（${line} 行目 ${column} 文字目付近。${what}）` : `JSON syntax error near line ${line}, column ${column} (${what})`;
    return { ok: false, reason, line, column };
  }
}

/** The 1-based line and column of offset `at` in `text`. */
function placeOf(text: string, at: number): { line: number; column: number } {
  const before = text.slice(0, at).split("\n");
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

/** Where a character outside the string literals of `text` first meets `test`, or null. */
function outsideStrings(text: string, test: (char: string) => boolean): number | null {
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (test(c!)) return i;
  }
  return null;
}

/** JSON `text` read with the place of every value: each line marked with its number. */
function locatedJson(text: string): LocatedJson {
  return parseLocatedJson(text.replace(/^\uFEFF/, "").split("\n").map((l, i) => lineMark(i + 1) + l).join("\n"), 0);
}

/**
 * The line of JSON `text` (read by JSON.parse) where a schema's issue was written: a key the
 * schema does not know (a misspelt key, the slip behind the key missing beside it), else the first
 * issue's value, or the object a missing key belongs in. Undefined for the file as a whole. A
 * config's or theme's wrong value had been told with the file alone.
 */
export function issueLine(text: string, error: z.ZodError): number | undefined {
  const issue = error.issues.find((i) => i.code === "unrecognized_keys") ?? error.issues[0];
  if (!issue) return undefined;
  return lineOfPath(text, issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0]!] : issue.path);
}

/**
 * The line of JSON `text` (read by JSON.parse) where the value at `at` was written, or the deepest
 * part of `at` the text has; undefined when it has none of it (the file as a whole).
 */
export function lineOfPath(text: string, at: readonly PropertyKey[]): number | undefined {
  const located = locatedJson(text);
  let node = located.value;
  let written = 0;
  for (const key of at) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, key)) break;
    node = (node as Record<PropertyKey, unknown>)[key];
    written++;
  }
  return written > 0 ? located.placeOf(at.slice(0, written)).line : undefined;
}

/** The line of `file` (JSON a person edits, already read clean) where the value at `at` was written (lineOfPath). */
export function lineInJsonFile(file: string, at: readonly PropertyKey[]): number | undefined {
  const read = readBoundedText(file, MAX_EDITED_TEXT_BYTES, "ja");
  return "text" in read ? lineOfPath(read.text, at) : undefined;
}

/**
 * A JSON file a person edits, checked against `schema`. Unreadable, not JSON or not valid: `code`
 * with the file (and the line and column of a JSON mistake, the line of a wrong value or key) and
 * the reason in the user's words.
 */
export function readJsonFile<S extends z.ZodType>(file: string, schema: S, code: Code, bag: DiagnosticBag, shown = file): z.infer<S> {
  const fail = (reason: string, at: { line?: number | undefined; column?: number | undefined } = {}): never => {
    bag.add(code, { file: shown, ...(at.line ? { line: at.line } : {}), ...(at.column ? { column: at.column } : {}) }, { reason });
    throw new ReportedError();
  };
  const read = readBoundedText(file, MAX_EDITED_TEXT_BYTES, bag.lang);
  if ("reason" in read) return fail(read.reason);
  const json = parseJsonText(read.text, bag.lang);
  if (!json.ok) return fail(json.reason, json);
  // (with the input in each issue: a number written in quotes is said so)
  const parsed = schema.safeParse(json.value, { reportInput: true });
  if (!parsed.success) return fail(zodReason(parsed.error, bag.lang, schema), { line: issueLine(read.text, parsed.error) });
  return parsed.data;
}
