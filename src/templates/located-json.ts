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

/**
 * The template source with a line mark at the start of every line that does not begin inside a
 * `{{ }}` (a mark inside a mustache or comment would change its meaning). Line numbers and the
 * mustaches themselves are unchanged.
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
      const close = source.startsWith("{{!--", i) ? "--}}" : "}}";
      const end = source.indexOf(close, i + 2);
      const stop = end < 0 ? source.length : end + close.length;
      const mustache = source.slice(i, stop);
      line += mustache.split("\n").length - 1;
      out += mustache;
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
}

const pathKey = (path: readonly PropertyKey[]): string => path.map(String).join("\u0000");

/**
 * Reads marked template output as JSON (trailing commas allowed: templates loop with {{#each}})
 * and records where each value was written. Throws JsonMistake naming the place and the mistake.
 */
export function parseLocatedJson(text: string, mainFile: number): LocatedJson {
  const places = new Map<string, OutputPlace>();
  const stack: OutputPlace[] = [{ file: mainFile, line: 1 }];
  let pos = 0;
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
      else if (mark[0] === "F") stack.push({ file: Number(mark.slice(1)), line: 1 });
      else if (stack.length > 1) stack.pop();
    }
  };

  const value = (path: PropertyKey[]): unknown => {
    skip();
    places.set(pathKey(path), here());
    const ch = text[pos];
    if (ch === undefined) return fail("出力が途中で終わっています（] や } の閉じ忘れ）", "the output ends too early (a missing ] or })");
    if (ch === "{") return object(path);
    if (ch === "[") return array(path);
    if (ch === '"') return string();
    const literal = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)(?![\w\u0080-\uffff])/.exec(text.slice(pos, pos + 64));
    if (literal) {
      pos += literal[0].length;
      return JSON.parse(literal[0]);
    }
    return fail(`値のあるべき所に「${excerpt(pos)}」があります（文字の値は "…" で囲みます。引用符やカンマの過不足を確認してください）`,
      `a value was expected at "${excerpt(pos)}" (text values are written in "…"; check quotes and commas)`);
  };

  const string = (): string => {
    const start = pos;
    const place = here();
    pos++;
    while (pos < text.length) {
      const ch = text[pos]!;
      if (ch === "\\") { pos += 2; continue; }
      if (ch === '"') break;
      // A line end inside a string: the closing quote is missing.
      if (ch === "\n" || ch === OPEN) break;
      pos++;
    }
    if (text[pos] !== '"') {
      return fail(`引用符 " が閉じていません（「${excerpt(start)}」）`, `a quote " is not closed ("${excerpt(start)}")`, place);
    }
    pos++;
    try {
      return JSON.parse(text.slice(start, pos)) as string;
    } catch {
      return fail(`文字列「${excerpt(start)}」に使えない文字があります（\\ は \\\\ と書きます）`, `the string "${excerpt(start)}" has an invalid escape or character`, place);
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

  const array = (path: PropertyKey[]): unknown[] => {
    const out: unknown[] = [];
    pos++;
    skip();
    if (text[pos] === "]") { pos++; return out; }
    do out.push(value([...path, out.length])); while (next("]"));
    return out;
  };

  const object = (path: PropertyKey[]): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    pos++;
    skip();
    if (text[pos] === "}") { pos++; return out; }
    do {
      skip();
      if (text[pos] !== '"') {
        fail(`キーのあるべき所に「${excerpt(pos)}」があります（キーは "…" で囲みます）`, `a key in "…" was expected at "${excerpt(pos)}"`);
      }
      const key = string();
      skip();
      if (text[pos] !== ":") fail(`キー "${key}" の後にコロン（:）がありません`, `a colon (:) is missing after the key "${key}"`);
      pos++;
      // Own property, never the prototype's setter (a template could write "__proto__").
      Object.defineProperty(out, key, { value: value([...path, key]), enumerable: true, writable: true, configurable: true });
    } while (next("}"));
    return out;
  };

  const result = value([]);
  skip();
  if (pos < text.length) {
    fail(`最後の ] の後に余分な「${excerpt(pos)}」があります`, `unexpected "${excerpt(pos)}" after the end of the description`);
  }
  return {
    value: result,
    placeOf(path) {
      for (let n = path.length; n >= 0; n--) {
        const place = places.get(pathKey(path.slice(0, n)));
        if (place) return place;
      }
      return { file: mainFile, line: 1 };
    },
  };
}
