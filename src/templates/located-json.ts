// Where each part of a template's output came from. Handlebars keeps no source map, so the
// template text is marked before compiling: every source line starts with a line mark and each
// partial's output is wrapped in file marks. The JSON reader below treats marks as whitespace and
// records, for every value, the template file and line that wrote it; a JSON mistake or a wrong
// primitive inside a partial is then told against the partial's own file and line.

/** Marks are control characters: `{{json}}` escapes them in values, so they never occur in data. */
const OPEN = "\u0001";
const CLOSE = "\u0002";

/** The output of file `index` (of the folder's template list) starts here. */
export const fileMark = (index: number): string => `${OPEN}F${index}${CLOSE}`;
/** The output of the current partial ends here; the including file continues. */
export const endMark = `${OPEN}E${CLOSE}`;

/** A mark that what follows is on `line` of the current file (a plain JSON file's lines marked so: json-text.ts). */
export const lineMark = (line: number): string => `${OPEN}L${line}${CLOSE}`;

/** A line mark's pattern (markLines puts them at line starts and after block mustaches). */
const LINE_MARK = /\u0001L\d+\u0002/g;

/** How many characters of line marks `markLines` put before `column` of a line of its output. */
export function markWidth(line: string, column = line.length): number {
  return [...line.slice(0, column).matchAll(LINE_MARK)].reduce((n, m) => n + m[0].length, 0);
}

/** A handlebars comment, `{{!-- … --}}` or `{{! … }}`, with whitespace control too (`{{~!-- … --~}}`). */
const COMMENT = /\{\{~?!--[\s\S]*?--~?\}\}|\{\{~?![\s\S]*?\}\}/g;

/** `source` with its comments blanked, their line breaks kept (so lines keep their numbers). */
export function blankComments(source: string): string {
  return source.replace(COMMENT, (c) => c.replace(/[^\n]/g, " "));
}

/**
 * The template source with a line mark at the start of every line that does not begin inside a
 * `{{ }}` (a mark inside a mustache or comment would change its meaning), and after a comment, a
 * block's open or close or a partial call spanning lines (what followed a multi-line comment on its
 * last line had been told at the comment's first line). Line numbers and the mustaches themselves
 * are unchanged.
 */
export function markLines(source: string): string {
  let out = `${OPEN}L1${CLOSE}`;
  let line = 1;
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === "\\" && source.startsWith("{{", i + 1)) {
      out += source.slice(i, i + 3);
      i += 3;
      continue;
    }
    if (source.startsWith("{{", i)) {
      // A whole mustache, comment or block comment, copied as is (with its line ends counted).
      const close = /^\{\{~?!--/.test(source.slice(i, i + 6)) ? "--" : "";
      const end = close ? /--~?\}\}/g : /\}\}/g;
      end.lastIndex = i + 2;
      const found = end.exec(source);
      const stop = found ? found.index + found[0].length : source.length;
      const mustache = source.slice(i, stop);
      const lines = mustache.split("\n").length - 1;
      line += lines;
      out += mustache;
      // (not after a value's mustache: that may stand inside a JSON string, where a mark breaks it)
      if (lines > 0 && /^\{\{~?(?:[!#>/^]|else\b)/.test(mustache)) out += `${OPEN}L${line}${CLOSE}`;
      // A block's body, or what follows its end, written on the tag's line: marked, as each
      // iteration starts where the last left off (`{{#each items}}{ … },` was told at the
      // {{/each}} line from the second item on). Not before a line end: the tag stays standalone.
      else if (/^\{\{~?(?:[#/^]|else\b)/.test(mustache) && !/^[ \t]*(?:\r?\n|$)/.test(source.slice(stop))) out += `${OPEN}L${line}${CLOSE}`;
      i = stop;
      continue;
    }
    out += ch;
    i++;
    if (ch === "\n") out += `${OPEN}L${++line}${CLOSE}`;
  }
  return out;
}

/** A template file (index into the folder's list) and a 1-based line in it. */
export interface OutputPlace { file: number; line: number }

export class JsonMistake extends Error {
  constructor(readonly place: OutputPlace, readonly reason: { ja: string; en: string }) {
    super(reason.en);
  }
}

export interface LocatedJson {
  value: unknown;
  /** Where the value at `path` (or its nearest enclosing value) was written. */
  placeOf(path: readonly PropertyKey[]): OutputPlace;
  /**
   * The partial calls the object or list at `path` (or its nearest enclosing one) was written
   * in, outermost first: each the place of the call (`{{> chapter}}` in booklet.hbs) and the
   * file called.
   */
  callsOf(path: readonly PropertyKey[]): PartialCall[];
}

/** A partial's call: where it was called, and the file called (index into the folder's list). */
export interface PartialCall { at: OutputPlace; file: number }
/** The partial calls open at a point of the output, innermost first (a linked list, shared). */
interface Calls { call: PartialCall; outer: Calls | undefined }

/** A place packed in one number (recorded for every value: the output has thousands). */
const pack = (p: OutputPlace): number => p.file * 1e7 + p.line;
const unpack = (n: number): OutputPlace => ({ file: Math.floor(n / 1e7), line: n % 1e7 });

/**
 * How deep objects and lists may nest in a JSON file staff edit or a template's output: far past
 * any real one (the seed's booklet ~10). A file nested 10,000 deep had overflowed the stack.
 */
export const MAX_JSON_DEPTH = 100;
export const tooDeepWords = (lang: "ja" | "en"): string => (lang === "ja"
  ? `入れ子が深すぎます（{ } や [ ] の中の { } や [ ] が ${MAX_JSON_DEPTH} 段を超えています）。括弧の閉じ忘れや、同じ部分の繰り返しを確認してください`
  : `nested too deep (over ${MAX_JSON_DEPTH} levels of { } and [ ]): check for brackets left open or a part repeated within itself`);

// (a line mark may stand inside a string: after a block's tag, "{{#each a}}{{this}}{{/each}}")
const STRING = /"(?:[^"\\\n\u0001]|\\.|\u0001L\d+\u0002)*"/y;
const LITERAL = /(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)(?![\w\u0080-\uffff])/y;

/**
 * Reads marked template output as JSON (trailing commas allowed: templates loop with {{#each}})
 * and records where each value was written. Throws JsonMistake naming the place and the mistake.
 */
export function parseLocatedJson(text: string, mainFile: number): LocatedJson {
  /** Where each member of an object or array was written, by key or index. */
  const places = new WeakMap<object, Map<PropertyKey, number>>();
  /** The partial calls each object and list was written in (one entry a value of the output would be too many). */
  const callsIn = new WeakMap<object, Calls | null>();
  let calls: Calls | undefined;
  let rootPlace = pack({ file: mainFile, line: 1 });
  const stack: OutputPlace[] = [{ file: mainFile, line: 1 }];
  let pos = 0;
  let depth = 0;
  const here = (): OutputPlace => ({ ...stack[stack.length - 1]! });
  /** What the reader sees at a position, marks removed, for a message (up to the line end). */
  const excerpt = (at: number): string => {
    const rest = text.slice(at).replace(/\u0001[^\u0002]*\u0002/g, "").split("\n")[0] ?? "";
    return rest.trim().slice(0, 24);
  };
  const fail = (ja: string, en: string, place = here()): never => {
    throw new JsonMistake(place, { ja, en });
  };

  const skip = (): void => {
    while (pos < text.length) {
      const ch = text[pos]!;
      if (ch === " " || ch === "\t" || ch === "\n" || ch === "\r") { pos++; continue; }
      if (ch !== OPEN) return;
      const end = text.indexOf(CLOSE, pos);
      const mark = text.slice(pos + 1, end);
      pos = end + 1;
      if (mark[0] === "L") stack[stack.length - 1]!.line = Number(mark.slice(1));
      else if (mark[0] === "F") {
        calls = { call: { at: here(), file: Number(mark.slice(1)) }, outer: calls };
        stack.push({ file: Number(mark.slice(1)), line: 1 });
      } else if (stack.length > 1) {
        stack.pop();
        calls = calls?.outer;
      }
    }
  };

  const value = (): unknown => {
    skip();
    const ch = text[pos];
    if (ch === undefined) return fail("出力が途中で終わっています（] や } の閉じ忘れ）", "the output ends too early (a missing ] or })");
    if (ch === "{" || ch === "[") {
      if (++depth > MAX_JSON_DEPTH) fail(tooDeepWords("ja"), tooDeepWords("en"));
      const nested = ch === "{" ? object() : array();
      depth--;
      return nested;
    }
    if (ch === '"') return string();
    LITERAL.lastIndex = pos;
    const literal = LITERAL.exec(text);
    if (literal) {
      pos += literal[0].length;
      return JSON.parse(literal[0]);
    }
    // a full-width “ ” ＂ ｛ ［ (an IME left on): the half-width sign to write instead
    const wide = /^[“”＂｛［]/.exec(text.slice(pos))?.[0];
    if (wide) {
      const half = wide === "｛" ? "{" : wide === "［" ? "[" : '"';
      return fail(`値のあるべき所に全角の「${wide}」があります（「${excerpt(pos)}」）。JSON の記号は半角で、${half} と書いてください`,
        `a full-width "${wide}" stands where a value was expected ("${excerpt(pos)}"): write the half-width ${half}`);
    }
    return fail(`値のあるべき所に「${excerpt(pos)}」があります（文字の値は "…" で囲みます。引用符やカンマの過不足を確認してください）`,
      `a value was expected at "${excerpt(pos)}" (text values are written in "…"; check quotes and commas)`);
  };

  const string = (): string => {
    const start = pos;
    // A string ends on its line: a line end (or a line mark) before the quote is a missing quote.
    STRING.lastIndex = pos;
    const m = STRING.exec(text);
    if (!m) {
      // a line break typed inside the text (Enter in a paragraph), the quote closed on a later line
      const broken = /^"(?:[^"\\\n\u0001]|\\.)*\r?\n[^"\n]*"[\s,}\]]*(?:\n|$)/.test(text.slice(start).replace(/\u0001[^\u0002]*\u0002/g, ""));
      const hint = broken ? { ja: "。文字の途中で改行はできません: 改行するところに \\n と書いて一行につなげてください", en: ": a text cannot break across lines; write \\n where the line breaks" } : { ja: "", en: "" };
      return fail(`引用符 " が閉じていません（「${excerpt(start)}」）${hint.ja}`, `a quote " is not closed ("${excerpt(start)}")${hint.en}`);
    }
    pos += m[0].length;
    // marks inside: taken out, what follows the string is on the last one's line
    const written = m[0].replace(LINE_MARK, (mark) => {
      stack[stack.length - 1]!.line = Number(mark.slice(2, -1));
      return "";
    });
    if (!written.includes("\\") && !/[\u0000-\u001f]/.test(written)) return written.slice(1, -1);
    try {
      return JSON.parse(written) as string;
    } catch {
      return fail(`文字列「${excerpt(start)}」に使えない文字があります（\\ は \\\\ と書きます）`, `the string "${excerpt(start)}" has an invalid escape or character`);
    }
  };

  /** After an element: a comma (a trailing one is allowed) or the closing bracket. */
  const next = (close: "]" | "}"): boolean => {
    // A missing comma is told where the element before it ends: that is where it goes.
    const ended = here();
    skip();
    if (text[pos] === ",") {
      pos++;
      skip();
      if (text[pos] !== close) return true;
    }
    if (text[pos] === close) { pos++; return false; }
    if (pos >= text.length) return fail(`出力が途中で終わっています（${close} の閉じ忘れ）`, `the output ends too early (a missing ${close})`);
    return fail(`カンマ（,）か ${close} が足りません（「${excerpt(pos)}」の前に必要です）`,
      `a comma or ${close} is missing (before "${excerpt(pos)}")`, ended);
  };

  const array = (): unknown[] => {
    const out: unknown[] = [];
    const where = new Map<PropertyKey, number>();
    places.set(out, where);
    callsIn.set(out, calls ?? null);
    pos++;
    skip();
    if (text[pos] === "]") { pos++; return out; }
    do {
      skip();
      where.set(out.length, pack(here()));
      out.push(value());
    } while (next("]"));
    return out;
  };

  const object = (): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    const where = new Map<PropertyKey, number>();
    places.set(out, where);
    callsIn.set(out, calls ?? null);
    pos++;
    skip();
    if (text[pos] === "}") { pos++; return out; }
    do {
      skip();
      if (text[pos] !== '"') {
        fail(`キーのあるべき所に「${excerpt(pos)}」があります（キーは "…" で囲みます）`, `a key in "…" was expected at "${excerpt(pos)}"`);
      }
      const keyAt = here();
      const key = string();
      // JSON.parse keeps the last of a key written twice and drops the first without a word
      if (Object.hasOwn(out, key)) {
        const first = unpack(where.get(key)!);
        const also = first.file === keyAt.file ? { ja: `（${first.line} 行目にも）`, en: ` (also on line ${first.line})` } : { ja: "", en: "" };
        fail(`キー "${key}" が二度書かれています${also.ja}。後の値だけが使われ、前の値は黙って捨てられます。どちらかを消してください`,
          `the key "${key}" is written twice${also.en}: only the later value is used; delete one`, keyAt);
      }
      skip();
      if (text[pos] !== ":") fail(`キー "${key}" の後にコロン（:）がありません`, `a colon (:) is missing after the key "${key}"`);
      pos++;
      skip();
      where.set(key, pack(here()));
      // Own property, never the prototype's setter (a template could write "__proto__").
      Object.defineProperty(out, key, { value: value(), enumerable: true, writable: true, configurable: true });
    } while (next("}"));
    return out;
  };

  skip();
  rootPlace = pack(here());
  const result = value();
  skip();
  if (pos < text.length) {
    fail(`最後の ] の後に余分な「${excerpt(pos)}」があります`, `unexpected "${excerpt(pos)}" after the end of the description`);
  }
  return {
    value: result,
    placeOf(path) {
      let place = rootPlace;
      let node: unknown = result;
      for (const key of path) {
        const where = node && typeof node === "object" ? places.get(node) : undefined;
        const here = where?.get(key);
        if (here === undefined) break;
        place = here;
        node = (node as Record<PropertyKey, unknown>)[key];
      }
      return unpack(place);
    },
    callsOf(path) {
      let node: unknown = result;
      let found = callsIn.get(result as object);
      for (const key of path) {
        node = node && typeof node === "object" ? (node as Record<PropertyKey, unknown>)[key] : undefined;
        if (!node || typeof node !== "object" || !callsIn.has(node)) break;
        found = callsIn.get(node);
      }
      const out: PartialCall[] = [];
      for (let c = found; c; c = c.outer) out.unshift(c.call);
      return out;
    },
  };
}
