// The one template mechanism of every document. A folder of handlebars templates (templates/<doc>/)
// emits a document description in JSON (primitives: ./primitives.ts); TypeScript draws it.
// Templates own the words and the order; they get the view (a pure function of the plan) and only
// the helpers below: no file or process access. A broken template is PP503 with its file and line.
import { readdirSync } from "node:fs";
import path from "node:path";
import Handlebars from "handlebars";
import { fiscalYearLabel, warekiDate } from "../fiscal.js";
import { ReportedError } from "../errors.js";
import { type RenderContext, shownPath } from "../context.js";
import { blankComments, endMark, fileMark, JsonMistake, markLines, parseLocatedJson, type LocatedJson } from "./located-json.js";
import { DocNode, isSlot } from "./primitives.js";
import { z } from "zod";
import { bare, zodReason } from "../zod-reason.js";
import { nearest } from "../nearest.js";
import { MAX_EDITED_TEXT_BYTES, readBoundedText, renameWords, savedAs } from "../read-file.js";
import { houseStyle, registerHouseHelpers } from "./wording.js";
import { type HelperOptions, located, numberArg, textArg, wrongKind, yearArg } from "./helper-args.js";
import { braceSlip, neverClosed, readsPast, templateReason, wideSign } from "./reason.js";

export { templateReason };

/** A template failure already located in a template file. */
class TemplateError extends Error {
  /** `raw`: the message is handlebars' (English); else planpress's own Japanese words. */
  constructor(readonly file: string, readonly line: number | undefined, message: string, readonly raw = true, readonly source?: string) {
    super(message);
  }
}

/**
 * Partial calls and `each` steps of one template's run, and their bound: partials that call
 * themselves twice over (`{{#*inline "b"}}{{> a}}{{> a}}{{/inline}}` nested 30 deep) or loops in
 * loops ran until memory was gone. The seed's booklet takes ~240, a plan of 5,000 projects ~25,000.
 */
let templateWork = 0;
/** The empty parts a run called (PP519), by file name. */
const emptyParts = new Set<string>();
const TEMPLATE_WORK_LIMIT = 1_000_000;
class TooMuchWork extends Error {}
function work(steps: number, ctx: RenderContext): void {
  templateWork += steps;
  if (templateWork > TEMPLATE_WORK_LIMIT) {
    throw new TooMuchWork(ctx.lang === "ja"
      ? `テンプレートの処理が終わりません（部分テンプレートの呼び出しと each の繰り返しが ${TEMPLATE_WORK_LIMIT.toLocaleString("ja-JP")} 回を超えました）。部分テンプレートが自分や互いを何重にも呼んでいないか確認してください`
      : `the template does not end (over ${TEMPLATE_WORK_LIMIT.toLocaleString("en")} partial calls and each steps): check for partials calling themselves or each other over and over`);
  }
}

/**
 * How deep partial calls may nest: a partial calling itself (`{{> a}}` in a.hbs) had overflowed
 * the stack after seconds, told as 「Maximum call stack size exceeded」. The seed nests 3 deep.
 */
const PARTIAL_DEPTH_LIMIT = 100;
let partialDepth = 0;
function nestedPartial(name: unknown, ctx: RenderContext): void {
  if (partialDepth < PARTIAL_DEPTH_LIMIT) return;
  throw new TooMuchWork(ctx.lang === "ja"
    ? `部分テンプレートの呼び出しが ${PARTIAL_DEPTH_LIMIT} 段を超えて入れ子になりました（{{> ${String(name)}}}）。部分テンプレートが自分自身や互いを呼び続けていないか確認してください`
    : `partial calls nest more than ${PARTIAL_DEPTH_LIMIT} deep ({{> ${String(name)}}}): check for a partial calling itself, or partials calling each other, without end`);
}

/** The helpers a template may call (the same in every run), for a misspelt one's nearest name. */
let HELPERS: string[] = [];

function makeEnv(ctx: RenderContext): typeof Handlebars {
  const hb = Handlebars.create();
  const vm = hb.VM as unknown as { invokePartial: (...args: unknown[]) => unknown };
  const invoke = vm.invokePartial;
  // this environment's own runtime (handlebars calls env.VM.invokePartial for every partial)
  hb.VM = { ...hb.VM, invokePartial(this: unknown, ...args: unknown[]) {
    work(1, ctx);
    nestedPartial((args[2] as { name?: unknown } | undefined)?.name, ctx);
    partialDepth++;
    try { return invoke.apply(this, args); } finally { partialDepth--; }
  } } as typeof hb.VM;
  const builtinEach = hb.helpers.each as Handlebars.HelperDelegate;
  // strict mode checks `{{a.b}}` but not helper arguments: these helpers refuse undefined values
  // so a misspelt field is an error with its line, not an empty string in the handout.
  const defined = (value: unknown, options: HelperOptions): void => {
    if (value === undefined) throw new Error(`a value given to a helper is not defined${located(options)}`);
  };
  hb.registerHelper("each", function (this: unknown, list: unknown, options: HelperOptions) {
    defined(list, options);
    work(typeof list === "object" && list !== null ? (Array.isArray(list) ? list.length : Object.keys(list).length) : 0, ctx);
    return builtinEach.call(this, list, options);
  });
  /** The value `{{#if name}}` / `{{#unless name}}` tests (checkedTree): one that is not there is a misspelt name. */
  hb.registerHelper(TESTED_VALUE, (value: unknown, block: unknown, name: unknown, options: HelperOptions) => {
    if (value === undefined) throw new Error(`the value "${String(name)}" tested by #${String(block)} is not defined${located(options)}`);
    return value;
  });
  hb.registerHelper(PARTIAL_VALUE, (value: unknown, options: HelperOptions) => {
    defined(value, options);
    return value;
  });
  /**
   * A value written without `json` (checkedTree): what its mustache writes (null as nothing), as
   * the characters of a JSON string. A list or `{ … }` is refused: it had printed "a,b" or
   * [object Object] in the handout.
   */
  hb.registerHelper(TEXT_VALUE, (value: unknown, options: HelperOptions) => {
    if (typeof value === "object" && value !== null) {
      const keys = Array.isArray(value) ? "" : ` (${Object.keys(value).slice(0, 6).join(", ")})`;
      throw new Error(`a ${Array.isArray(value) ? "list" : "group of values"}${keys} is written without json${located(options)}`);
    }
    return JSON.stringify(value == null ? "" : String(value)).slice(1, -1);
  });
  /** A value as JSON (strings escaped for JSON, never as HTML). */
  hb.registerHelper("json", (value: unknown, options: HelperOptions) => {
    defined(value, options);
    return JSON.stringify(value ?? null);
  });
  /** A fiscal year as the theme writes it (令和8年度). */
  hb.registerHelper("year", (value: unknown, options: HelperOptions) => {
    defined(value, options);
    return fiscalYearLabel(yearArg("year", value, options), ctx.theme);
  });
  /** A period (`{start, end}`) as 令和8年度～令和12年度; one year alone when it is one (「令和8年度～令和8年度」 had been printed). */
  hb.registerHelper("years", (value: unknown, options: HelperOptions) => {
    defined(value, options);
    const { start, end } = (value ?? {}) as { start: number; end: number };
    if (!Number.isInteger(start) || !Number.isInteger(end)) wrongKind("years", "period", value, options);
    return start === end ? fiscalYearLabel(start, ctx.theme) : `${fiscalYearLabel(start, ctx.theme)}～${fiscalYearLabel(end, ctx.theme)}`;
  });
  /** The document date as 令和8年11月24日. */
  hb.registerHelper("date", (value: unknown, options: HelperOptions) => {
    defined(value, options);
    const date = value instanceof Date ? value : new Date(typeof value === "string" ? value : Number.NaN);
    if (Number.isNaN(date.getTime())) wrongKind("date", "date", value, options);
    return warekiDate(date);
  });
  /** A number with thousands separators. */
  hb.registerHelper("number", (value: unknown, options: HelperOptions) => {
    defined(value, options);
    return numberArg("number", value, options).toLocaleString("ja-JP");
  });
  /** Strings joined (default separator 、). */
  hb.registerHelper("join", (list: unknown, sep: unknown, options: HelperOptions) => {
    const opts = (typeof sep === "object" ? sep : options) as HelperOptions;
    defined(list, opts);
    if (!Array.isArray(list) && typeof list !== "string" && typeof list !== "number") wrongKind("join", "list", list, opts);
    return (Array.isArray(list) ? list : [list]).map((x) => textArg("join", x, opts)).join(typeof sep === "string" ? sep : "、");
  });
  /** String concatenation, for building text inside `json`. */
  hb.registerHelper("concat", (...args: unknown[]) => {
    const options = args.pop() as HelperOptions;
    for (const a of args) defined(a, options);
    return args.map((a) => textArg("concat", a, options)).join("");
  });
  hb.registerHelper("eq", (a: unknown, b: unknown) => a === b);
  /** `text` when `condition` holds, else nothing: for words inside `concat` (`{{#if}}` is a block). */
  hb.registerHelper("when", (condition: unknown, text: unknown, options: HelperOptions) => {
    defined(text, options);
    return condition ? text : "";
  });
  /**
   * Names as a list that breaks between them, never inside one (担当課: 子ども子育て支援課 had been
   * cut at a line's end): each name with its separator a kept run. Lists and single names are
   * joined in order; empty ones left out (`{{json (names departments (when allDepartments "各課"))}}`).
   */
  hb.registerHelper("names", (...args: unknown[]) => {
    const options = args.pop() as HelperOptions;
    for (const a of args) defined(a, options);
    const sep = typeof options.hash?.sep === "string" ? options.hash.sep : "、";
    const all = args.flatMap((a) => (Array.isArray(a) ? a : [a])).map((n) => textArg("names", n, options)).filter((n) => n !== "");
    return all.map((n, i) => ({ text: i < all.length - 1 ? n + sep : n, keep: true }));
  });
  registerHouseHelpers(hb, () => houseStyle(ctx));
  HELPERS = Object.keys(hb.helpers).filter((n) => !n.startsWith("__") && !n.endsWith("Missing"));
  return hb;
}

/**
 * Line of an error message `… - 12:3` (handlebars' own and ours); for a partial that is not
 * there, which handlebars says without a place, the line of `source` that calls it.
 */
function lineOf(message: string, source?: string): number | undefined {
  const m = / - (\d+):\d+\s*$/.exec(message) ?? /on line (\d+)/.exec(message);
  if (m) return Number(m[1]);
  if (source === undefined) return undefined;
  const escaped = (name: string) => name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  // comments blanked (booklet.hbs shows `{{> chapter chapters.[2]}}` in one), their lines kept
  const visible = blankComments(source);
  const lineAt = (index: number) => visible.slice(0, index).split("\n").length;
  const partial = /The partial (\S+) could not be found/.exec(message)?.[1];
  if (partial) {
    const call = new RegExp(`\\{\\{~?#?>\\s*${escaped(partial)}(?![\\w-])`).exec(visible);
    return call ? lineAt(call.index) : undefined;
  }
  // `../title` with no level above, or `a.b.title` with `a.b` missing: the line of the one such
  // read the file has (none when several)
  const up = /^Cannot read properties of (?:undefined|null) \(reading '([^']+)'\)/.exec(message)?.[1];
  const uses = up ? readsPast(source, up) : [];
  return uses.length === 1 ? lineAt(uses[0]!.index) : undefined;
}

/** The primitives a template may emit, by their "type". */
const PRIMITIVES = DocNode.options.map((o) => o.shape.type.value);

/**
 * A node of the description that is not a primitive, in the staff's words: an unknown "type"
 * names the types there are; any other mistake names the element's type and the key.
 */
function primitiveReason(issue: z.core.$ZodIssue, list: readonly unknown[], lang: string): string {
  const [index, ...inside] = issue.path;
  const node = typeof index === "number" ? list[index] : undefined;
  const type = node && typeof node === "object" ? (node as { type?: unknown }).type : undefined;
  const ja = lang === "ja";
  if (issue.code === "invalid_union" && "discriminator" in issue && inside.length === 1) {
    if (type === undefined) {
      return ja ? `要素に "type" がありません（使えるのは ${PRIMITIVES.join(", ")}）` : `an element has no "type" (one of ${PRIMITIVES.join(", ")})`;
    }
    return ja ? `"type" が ${JSON.stringify(type)} の要素は使えません（使えるのは ${PRIMITIVES.join(", ")}）`
      : `there is no element of "type" ${JSON.stringify(type)} (one of ${PRIMITIVES.join(", ")})`;
  }
  if (typeof index !== "number") return zodReason(new z.ZodError([issue]), ja ? "ja" : "en");
  if (type === "table" && inside[0] === "widths" && typeof inside[1] === "number") {
    // "30mm", "70%": the width's unit said, its pt given (zod's "wrong value" named no unit)
    const written = ((node as { widths?: unknown[] }).widths ?? [])[inside[1]];
    const mm = typeof written === "string" ? /^\s*(\d+(?:\.\d+)?)\s*mm\s*$/i.exec(written) : null;
    const pt = mm ? `（${written} なら ${Math.round(Number(mm[1]) * 72 / 25.4)}）` : "";
    return ja ? `表の "widths" の ${JSON.stringify(written) ?? "値"} は使えません。列の幅は数（ポイント、1 mm は約 2.83）${pt}、"*"（残りの幅を等分）、"auto"（中身に合わせる）のどれかで書きます`
      : `the table's "widths" entry ${JSON.stringify(written)} is not a width: write a number of points (1 mm is about 2.83)${mm ? ` (${Math.round(Number(mm[1]) * 72 / 25.4)} for ${written})` : ""}, "*" (the rest shared) or "auto"`;
  }
  const what = zodReason(new z.ZodError([{ ...issue, path: inside }]), ja ? "ja" : "en");
  const kind = typeof type === "string" ? type : "?";
  return ja ? `"type" が "${kind}" の要素の ${what}` : `in the "${kind}" element, ${what}`;
}

/** A key of the output that no primitive has, where it is, and the keys its element has. */
interface UnknownKey { at: PropertyKey[]; key: string; known: string[] }

/**
 * The keys of `value` that `schema` does not know (zod drops them: a misspelt "subtitel" had left the
 * cover without its subtitle, without a word). A union is followed into the option the value is
 * written as: the element of its "type", else the object option sharing most of its keys.
 */
function unknownKeys(schema: z.core.$ZodType, value: unknown, at: PropertyKey[], out: UnknownKey[]): void {
  const def = bare(schema)._zod.def as unknown as {
    type: string; element?: z.core.$ZodType; items?: z.core.$ZodType[]; shape?: Record<string, z.core.$ZodType>;
    options?: z.core.$ZodType[]; discriminator?: string;
  };
  if (def.type === "array" && Array.isArray(value)) value.forEach((v, i) => unknownKeys(def.element!, v, [...at, i], out));
  if (def.type === "tuple" && Array.isArray(value)) value.forEach((v, i) => def.items![i] && unknownKeys(def.items![i]!, v, [...at, i], out));
  if (def.type === "object" && value && typeof value === "object" && !Array.isArray(value)) {
    const shape = def.shape!;
    for (const [key, v] of Object.entries(value)) {
      if (Object.hasOwn(shape, key)) unknownKeys(shape[key]!, v, [...at, key], out);
      else out.push({ at: [...at, key], key, known: Object.keys(shape) });
    }
  }
  if (def.type === "union") {
    const shapeOf = (o: z.core.$ZodType) => (bare(o)._zod.def as { shape?: Record<string, z.core.$ZodType> }).shape;
    const kindOf = (o: z.core.$ZodType) => bare(o)._zod.def.type;
    let options = def.options!.filter((o) => kindOf(o) === (Array.isArray(value) ? "array" : value && typeof value === "object" ? "object" : "-"));
    if (def.discriminator !== undefined) {
      const written = (value as Record<string, unknown>)?.[def.discriminator];
      options = options.filter((o) => (bare(shapeOf(o)![def.discriminator!]!)._zod.def as { values?: unknown[] }).values?.includes(written));
    }
    const shared = (o: z.core.$ZodType) => Object.keys(value as object).filter((k) => Object.hasOwn(shapeOf(o) ?? {}, k)).length;
    const option = options.length > 1 && !Array.isArray(value) ? options.reduce((a, b) => (shared(b) > shared(a) ? b : a)) : options[0];
    if (option) unknownKeys(option, value, at, out);
  }
}

/** An unknown key in the staff's words, with the known key nearest to it (「"subtitle" ではありませんか」). */
function unknownKeyReason(u: UnknownKey, list: readonly unknown[], lang: string): string {
  const [index, ...inside] = u.at;
  const node = typeof index === "number" ? list[index] : undefined;
  const type = node && typeof node === "object" ? String((node as { type?: unknown }).type) : "?";
  const within = inside.slice(0, -1).filter((k) => typeof k === "string").join(".");
  const meant = nearest(u.key, u.known);
  if (lang !== "ja") {
    return `the "${type}" element has no key "${u.key}"${within ? ` in ${within}` : ""}${meant ? `: did you mean "${meant}"?` : ` (its keys: ${u.known.join(", ")})`}`;
  }
  return `"type" が "${type}" の要素${within ? `の ${within} ` : ""}に "${u.key}" というキーはありません。${meant ? `"${meant}" ではありませんか` : `（使えるキー: ${u.known.join(", ")}）`}`;
}

/** Where each node of a description was written (file as diagnostics name it, line). */
const PLACES = new WeakMap<DocNode, { file: string; line: number }>();

/** The template file and line a node of a rendered description came from (for later checks, e.g. slots). */
export function templatePlace(node: DocNode): { file: string; line: number } | undefined {
  return PLACES.get(node);
}

/**
 * The ids a description gives (bookmarks' `outline.id`, cards' `anchor`) must be unique, a
 * bookmark's `parent` must be a bookmark of the description, and a link `#id` must name one: the
 * PDF library would otherwise stop with an internal error (a repeated id) or quietly make a
 * bookmark or link that goes nowhere.
 */
function idMistakes(nodes: readonly DocNode[], lang: string, given: () => ReadonlySet<string>): { mistakes: NodeMistake[]; unlinked: UnlinkedRun[] } {
  const ja = lang === "ja";
  const out: NodeMistake[] = [];
  // links to an id the data gives that no node of the description carries: a card or heading the
  // template leaves out (a handout of some chapters), printed without the link (PP512)
  const unlinked: UnlinkedRun[] = [];
  const ids = new Map<string, PropertyKey[]>();
  const outlines = new Set<string>();
  nodes.forEach((n, i) => {
    if (n.type !== "heading" && n.type !== "card") return;
    const own = new Set<string>();
    const add = (id: string, at: PropertyKey[]) => {
      if (own.has(id)) return; // a card's anchor may be its bookmark's id
      own.add(id);
      const first = ids.get(id);
      if (first) {
        out.push({ at, first, reason: ja ? `id ${JSON.stringify(id)} が二度使われています。しおり（outline）とリンク先（anchor）の id は、見出し・カードごとに別の値にしてください`
          : `the id ${JSON.stringify(id)} is used twice: every heading's and card's bookmark (outline) and anchor id must be different` });
      }
      if (!first) ids.set(id, at);
    };
    if (n.outline) {
      add(n.outline.id, [i, "outline", "id"]);
      outlines.add(n.outline.id);
    }
    if (n.type === "card" && n.anchor) add(n.anchor, [i, "anchor"]);
  });
  nodes.forEach((n, i) => {
    if ((n.type === "heading" || n.type === "card") && n.outline?.parent !== undefined && !outlines.has(n.outline.parent)) {
      const parent = JSON.stringify(n.outline.parent);
      out.push({ at: [i, "outline", "parent"], reason: ja ? `しおりの親 "parent": ${parent} という id のしおりはありません`
        : `there is no bookmark with the id ${parent} for "parent"` });
    }
    const linksIn = (text: unknown, at: PropertyKey[]): void => {
      if (!Array.isArray(text)) return;
      text.forEach((run: unknown, k) => {
        const link = run && typeof run === "object" ? (run as { link?: unknown }).link : undefined;
        if (typeof link !== "string" || !link.startsWith("#") || ids.has(link.slice(1))) return;
        if (given().has(link.slice(1))) {
          unlinked.push({ at: [...at, k, "link"], link });
          delete (run as { link?: unknown }).link;
        } else {
          out.push({ at: [...at, k, "link"], reason: ja ? `リンク先 ${JSON.stringify(link)} の id（見出しの outline.id かカードの anchor）がありません`
            : `the link ${JSON.stringify(link)} names no id (a heading's outline.id or a card's anchor)` });
        }
      });
    };
    if (n.type === "paragraph") linksIn(n.text, [i, "text"]);
    if (n.type === "table") n.rows.forEach((row, r) => row.forEach((cell, c) => linksIn(cell, [i, "rows", r, c])));
    if (n.type === "card") n.fields.forEach((f, k) => linksIn(f.value, [i, "fields", k, "value"]));
    if (n.type === "chart") n.bars.forEach((b, k) => linksIn(b.label, [i, "bars", k, "label"]));
  });
  return { mistakes: out, unlinked };
}

/** A mistake in a description's node: where (a path into the JSON) and why. */
/** `first`: where an id used twice was first used. */
interface NodeMistake { at: PropertyKey[]; reason: string; first?: PropertyKey[] }

/**
 * A table's shape: a row of no cells, a row of more cells than the header, or `widths` or
 * `align` not one a column. pdfmake had stopped with an internal error (PP901, in English, exit 2); now a mistake
 * at the table's line. (A row with fewer cells groups the rows under it: see primitives.ts.)
 */
function tableMistakes(nodes: readonly DocNode[], lang: string): NodeMistake[] {
  const ja = lang === "ja";
  const out: NodeMistake[] = [];
  nodes.forEach((n, i) => {
    if (n.type !== "table" || !n.header.length) return;
    const columns = n.header.length;
    const row = n.rows.findIndex((r) => r.length === 0 || r.length > columns);
    if (row >= 0) {
      const cells = n.rows[row]!.length;
      out.push({ at: [i, "rows", row], reason: ja
        ? (cells === 0 ? `表の ${row + 1} 行目にセルがありません` : `表の ${row + 1} 行目のセルが ${cells} 個で、見出しの ${columns} 列より多すぎます（"rows" の各行は見出しの列の数まで）`)
        : `row ${row + 1} of the table has ${cells === 0 ? "no cells" : `${cells} cells, more than the header's ${columns} columns`}` });
    }
    for (const key of ["widths", "align"] as const) {
      const list = n[key];
      if (list && list.length !== columns) {
        out.push({ at: [i, key], reason: ja
          ? `表の "${key}" の数（${list.length}）が見出しの列の数（${columns}）と違います`
          : `the table's "${key}" (${list.length}) do not match its ${columns} header columns` });
      }
    }
  });
  return out;
}
/**
 * A `pageBreak` right after another: the drawing makes no empty page (draw.ts), so it does
 * nothing; said (PP516, info) at its line, as staff wrote it for a page. (One last in a file is
 * not said: the progress report's two files are one document.)
 */
function toldBreaks(nodes: readonly DocNode[], placeAt: (at: PropertyKey[]) => { file: number; line: number }, shown: (file: number) => string, ctx: RenderContext): void {
  const told = new Set<string>();
  nodes.forEach((n, i) => {
    if (n.type !== "pageBreak") return;
    if (nodes[i - 1]?.type !== "pageBreak") return;
    const p = placeAt([i]);
    const place = { file: shown(p.file), line: p.line };
    if (told.has(`${place.file}:${place.line}`)) return;
    told.add(`${place.file}:${place.line}`);
    ctx.diagnostics.add("PP516", place, {});
  });
}

/**
 * A table whose every row is shorter than its header (PP520, warning, once a line): a column added
 * to the header but to no row. Each row is then read as a group row, its last cell spread over
 * the new column, which is printed empty; it had been said nothing. (Slots are filled by planpress.)
 */
function toldUnfilled(nodes: readonly DocNode[], placeAt: (at: PropertyKey[]) => { file: number; line: number }, shown: (file: number) => string, ctx: RenderContext): void {
  const told = new Set<string>();
  nodes.forEach((n, i) => {
    if (n.type !== "table" || !n.rows.length || isSlot(n)) return;
    const columns = n.header.length;
    // a `{ "rows": … }` cell fills its row's remaining columns
    const most = Math.max(...n.rows.map((r) => (r.some((c) => typeof c === "object" && !Array.isArray(c)) ? columns : r.length)));
    if (most === 0 || most >= columns) return;
    const p = placeAt([i, "header"]);
    const place = { file: shown(p.file), line: p.line };
    if (told.has(`${place.file}:${place.line}`)) return;
    told.add(`${place.file}:${place.line}`);
    ctx.diagnostics.add("PP520", place, { columns, cells: most });
  });
}

/** A link run whose link was taken off (PP512): where it is, and the link it had. */
interface UnlinkedRun { at: PropertyKey[]; link: string }

/** The string values of the `id` keys in a template's data (the ids its cards and headings may take). */
function givenIds(data: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(data)) for (const x of data) givenIds(x, out);
  else if (data && typeof data === "object") {
    for (const [k, v] of Object.entries(data)) {
      if (k === "id" && typeof v === "string") out.add(v);
      else if (v && typeof v === "object") givenIds(v, out);
    }
  }
  return out;
}

type TemplateSpec = Parameters<typeof Handlebars.template>[0];
/** Handlebars' compiler stages, which its types leave out. */
interface Compilers {
  parse(input: hbs.AST.Program | string, options?: object): hbs.AST.Program;
  Compiler: new () => { compile(ast: hbs.AST.Program, options: object): unknown };
  JavaScriptCompiler: new () => { compile(environment: unknown, options: object, context: undefined, asObject: true): TemplateSpec };
}
/** What `hb.compile` is given (and `data`, which it adds); copied for each compile. */
const COMPILE = { strict: true, noEscape: true, data: true } as const;
/**
 * Templates compiled in this process, by source: `watch` reads every folder again at each rebuild,
 * and compiling a source again gives the same spec (the run's helpers are bound to it afterwards,
 * by `hb.template`). Cleared when full; a few hundred sources are far more than any city's set.
 */
const SPECS = new Map<string, TemplateSpec>();
const SPECS_KEPT = 300;

/** The helpers checkedTree calls (names no template of a city would use). */
const PARTIAL_VALUE = "__partialValue";
const IN_FILE = "__inFile";
const TEXT_VALUE = "__textValue";
const TESTED_VALUE = "__testedValue";

/** A template's compiled form depends on its place in the folder's list (IN_FILE's argument) and its source. */
const specKey = (index: number, source: string): string => `${index}\u0000${source}`;

/**
 * The tree of file `index` as it is compiled:
 * - A partial given a value (`{{> chapter chapters.[9]}}`) gets it through PARTIAL_VALUE, which
 *   refuses an undefined one with the partial's line: given a chapter the plan does not have, the
 *   partial failed inside with a JavaScript error and no line ("Cannot read properties of undefined").
 * - The body of an inline partial (`{{#*inline "row"}}…`) and of a partial block (`{{#> layout}}…`)
 *   runs inside IN_FILE with this file's index: it runs where another file calls it, and its
 *   mistakes had been told at that file with this one's line numbers.
 * - A value written without `json` (`"title": "{{name}}"`, `{{{name}}}`, `{{years period}}`) goes
 *   through TEXT_VALUE, which writes it as the characters of a JSON string: a name holding " or \
 *   or a line break had broken the description for that plan alone (check passed with another),
 *   told as a missing comma at the template's line.
 * - The value `{{#if name}}` or `{{#unless name}}` tests goes through TESTED_VALUE, which refuses
 *   one that is not there: a misspelt name had been taken as false, and what it guarded left out
 *   of the handout without a word. Every view gives each of its fields (an empty one as "" or
 *   null), so a name that is not there is a mistake, never an optional field left empty.
 */
function checkedTree(node: hbs.AST.Program, index: number, helpers: ReadonlySet<string>): hbs.AST.Program {
  const inFile = (program: hbs.AST.Program): hbs.AST.Program => {
    const loc = program.loc;
    const path = { type: "PathExpression", data: false, depth: 0, parts: [IN_FILE], original: IN_FILE, loc } as hbs.AST.PathExpression;
    const strip = { open: false, close: false };
    const block = { type: "BlockStatement", path, params: [{ type: "NumberLiteral", value: index, original: index, loc }], hash: undefined,
      program: { ...program, blockParams: undefined }, inverse: undefined, openStrip: strip, inverseStrip: strip, closeStrip: strip, loc };
    return { type: "Program", body: [block as unknown as hbs.AST.Statement], blockParams: program.blockParams, strip: {}, loc } as hbs.AST.Program;
  };
  // a value's mustache but `json`'s: its value (looked up as the mustache would, strict) given to
  // TEXT_VALUE, which checks it before it becomes text
  const isText = (b: hbs.AST.Statement): boolean => b.type === "MustacheStatement" && ((b as hbs.AST.MustacheStatement).path as hbs.AST.PathExpression).original !== "json";
  const asText = (m: hbs.AST.MustacheStatement): hbs.AST.Statement => {
    const loc = m.loc;
    const path = { type: "PathExpression", data: false, depth: 0, parts: [TEXT_VALUE], original: TEXT_VALUE, loc } as hbs.AST.PathExpression;
    const own = m.path as hbs.AST.PathExpression;
    // a helper's call (`{{concat a b}}`, `{{tally}}`) stays a call; a value's path keeps strict
    // mode's check that it is there (handlebars checks a helper's arguments only on the way)
    const called = m.params.length > 0 || m.hash !== undefined || (own.type === "PathExpression" && own.parts.length === 1 && !own.data && own.depth === 0 && helpers.has(own.original));
    const value = called ? { type: "SubExpression", path: m.path, params: m.params, hash: m.hash, loc }
      : own.type === "PathExpression" ? { ...own, strict: true } : m.path;
    return { ...m, path, params: [value as hbs.AST.Expression], hash: undefined } as hbs.AST.Statement;
  };
  const visit = (n: hbs.AST.Node | null | undefined): void => {
    if (!n) return;
    if (n.type === "Program") {
      const program = n as hbs.AST.Program;
      // (a mustache holds no program: only the other statements are visited)
      program.body = program.body.map((b) => {
        if (isText(b)) return asText(b as hbs.AST.MustacheStatement);
        visit(b);
        return b;
      });
    }
    if (n.type === "BlockStatement") {
      const block = n as hbs.AST.BlockStatement;
      const kind = (block.path as hbs.AST.PathExpression).original;
      const tested = block.params[0];
      if ((kind === "if" || kind === "unless") && block.params.length === 1 && tested && tested.type !== "SubExpression") {
        const loc = tested.loc;
        const path = { type: "PathExpression", data: false, depth: 0, parts: [TESTED_VALUE], original: TESTED_VALUE, loc } as hbs.AST.PathExpression;
        const literal = (value: string) => ({ type: "StringLiteral", value, original: value, loc }) as hbs.AST.StringLiteral;
        const written = (tested as hbs.AST.PathExpression).original ?? "";
        block.params[0] = { type: "SubExpression", path, params: [tested, literal(kind), literal(String(written))], hash: undefined, loc } as unknown as hbs.AST.Expression;
      }
    }
    if (n.type === "BlockStatement" || n.type === "PartialBlockStatement" || n.type === "DecoratorBlock") {
      visit((n as hbs.AST.BlockStatement).program);
      visit((n as hbs.AST.BlockStatement).inverse);
    }
    if (n.type === "PartialBlockStatement" || n.type === "DecoratorBlock") {
      const block = n as hbs.AST.BlockStatement;
      block.program = inFile(block.program);
    }
    if ((n.type === "PartialStatement" || n.type === "PartialBlockStatement") && (n as hbs.AST.PartialStatement).params.length) {
      const partial = n as hbs.AST.PartialStatement;
      const path = { type: "PathExpression", data: false, depth: 0, parts: [PARTIAL_VALUE], original: PARTIAL_VALUE, loc: partial.loc } as hbs.AST.PathExpression;
      partial.params[0] = { type: "SubExpression", path, params: [partial.params[0]!], hash: undefined, loc: partial.loc } as unknown as hbs.AST.Expression;
    }
  };
  visit(node);
  return node;
}

/** File `index`'s `source` as `hb.compile` makes it, compiled on first use (or taken from SPECS) and bound to `hb`. */
function lazyTemplate(hb: typeof Handlebars, index: number, source: string, tree: hbs.AST.Program | string): Handlebars.TemplateDelegate {
  let bound: Handlebars.TemplateDelegate | undefined;
  return ((context: unknown, options?: Handlebars.RuntimeOptions) => {
    if (!bound) {
      let spec = SPECS.get(specKey(index, source));
      if (!spec) {
        const c = hb as unknown as Compilers;
        // a copy each time, as hb.compile makes one: the compiler adds to its options
        const options = { ...COMPILE };
        const environment = new c.Compiler().compile(checkedTree(c.parse(tree, options), index, new Set(Object.keys(hb.helpers))), options);
        spec = new c.JavaScriptCompiler().compile(environment, options, undefined, true);
        if (SPECS.size >= SPECS_KEPT) SPECS.clear();
        SPECS.set(specKey(index, source), spec);
      }
      bound = hb.template(spec);
    }
    return bound(context, options);
  }) as Handlebars.TemplateDelegate;
}

/** A folder's templates, read, parsed and compiled once per run (a run is one RenderContext). */
interface Folder {
  files: string[];
  compiled: Map<string, Handlebars.TemplateDelegate>;
  /** Each file's source as compiled (with line marks), for messages that quote a line. */
  sources: Map<string, string>;
  /** Each file as a partial: its output marked with its file, its runtime errors named after it. */
  partials: Map<string, Handlebars.TemplateDelegate>;
}
const FOLDERS = new WeakMap<RenderContext, Map<string, Folder>>();

/**
 * The folder's templates for this run: the department folder is rendered twice (departments.pdf
 * and the files) and every document's partials were parsed three times each (twice to check,
 * once more when compiled). Now each is parsed once, with its line marks, and compiled on first
 * use; a new run (a watch rebuild) reads the folder again.
 */
function folderTemplates(folder: string, main: string, ctx: RenderContext): Folder {
  const dir = path.join(ctx.templatesDir, folder);
  const shown = (file: string) => shownPath(ctx, path.join(dir, file));
  const missing = (files: string[]) => {
    if (!files.includes(`${main}.hbs`)) {
      const saved = savedAs(path.join(dir, `${main}.hbs`));
      throw new TemplateError(shown(`${main}.hbs`), undefined, `${main}.hbs がありません${saved ? `（${renameWords(saved, `${main}.hbs`, "ja")}）` : ""}`, false);
    }
  };
  let byFolder = FOLDERS.get(ctx);
  if (!byFolder) FOLDERS.set(ctx, (byFolder = new Map()));
  const known = byFolder.get(folder);
  if (known) {
    missing(known.files);
    return known;
  }
  const hb = makeEnv(ctx);
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith(".hbs")).sort();
  } catch (e) {
    throw new TemplateError(shown(""), undefined, `テンプレートのフォルダが読めません（詳細: ${(e as Error).message}）`, false);
  }
  missing(files);
  const loaded: Folder = { files, compiled: new Map(), sources: new Map(), partials: new Map() };
  files.forEach((f, index) => {
    const read = readBoundedText(path.join(dir, f), MAX_EDITED_TEXT_BYTES, ctx.lang);
    if ("reason" in read) throw new TemplateError(shown(f), undefined, `テンプレートを読み込めません（${read.reason}）`, false);
    const original = read.text;
    uncalledNames(files, original, ctx.lang, (line, said) => new TemplateError(shown(f), line, said, false));
    const wide = wideSign(original, ctx.lang);
    if (wide) throw new TemplateError(shown(f), original.slice(0, wide.index).split("\n").length, wide.said, false);
    let source = markLines(original);
    // Parsed now (compile is lazy) so a syntax error names its own file (partials included), and
    // the tree compiled as it is (handlebars' whitespace control is applied once, by compile).
    // A source compiled before in this process parsed then.
    let tree: hbs.AST.Program | string = source;
    if (!SPECS.has(specKey(index, source))) {
      try {
        tree = hb.parseWithoutProcessing(source);
      } catch {
        try {
          hb.parseWithoutProcessing(original);
        } catch (e) {
          const msg = (e as Error).message;
          // a block never closed is found at the file's end: told at its opening instead
          const open = neverClosed(msg, original, ctx.lang);
          if (open) throw new TemplateError(shown(f), open.line, open.said, false);
          throw new TemplateError(shown(f), lineOf(msg), msg.split("\n")[0] ?? msg, true, original);
        }
        tree = source = original; // never expected: without marks, places fall back to the including file
      }
    }
    if (typeof tree !== "string") literalSlip(tree, ctx.lang, (line, said) => new TemplateError(shown(f), line, said, false));
    const fn = lazyTemplate(hb, index, source, tree);
    loaded.compiled.set(f, fn);
    loaded.sources.set(f, source);
    // an empty file (0 bytes, or spaces: a save gone wrong, the text cut) writes nothing: the main
    // one is a mistake, a part a warning where it is called (a chapter.hbs emptied had left the
    // booklet without chapters, without a word). A part of comments alone (preface.hbs) is meant.
    const empty = original.trim() === "";
    if (empty && f === `${main}.hbs`) {
      throw new TemplateError(shown(f), undefined, ctx.lang === "ja" ? `${f} が空です（何も書かれていません）。文書の中身を書くか、元のファイルに戻してください` : `${f} is empty: write the document's content or restore the file`, false);
    }
    loaded.partials.set(f, ((context: unknown, options?: Handlebars.RuntimeOptions) => {
      if (empty) emptyParts.add(f);
      return inFile(index, () => fn(context, options));
    }) as Handlebars.TemplateDelegate);
  });
  // A runtime error inside file `index`'s output (a partial, an inline partial, a partial
  // block's body) names that file, not the including one; the output is marked so the JSON read
  // afterwards knows which file wrote what.
  const inFile = (index: number, render: () => string): string => {
    try {
      return fileMark(index) + render() + endMark;
    } catch (e) {
      if (e instanceof TemplateError || e instanceof ReportedError) throw e;
      const f = files[index]!;
      const msg = (e as Error).message;
      if (e instanceof TooMuchWork) throw new TemplateError(shown(f), undefined, msg, false);
      const source = loaded.sources.get(f);
      throw new TemplateError(shown(f), lineOf(msg, source), msg, true, source);
    }
  };
  hb.registerHelper(IN_FILE, function (this: unknown, index: number, options: Handlebars.HelperOptions) {
    return inFile(index, () => options.fn(this));
  });
  byFolder.set(folder, loaded);
  return loaded;
}

/**
 * A value's name in one brace or full-width braces in a template's text (`"text": "{title}}"`,
 * `｛｛title｝｝`): printed as written. A word of ASCII letters is taken for a name (the view's
 * fields are); Japanese in braces ({注}) is text. Thrown (made by `error`) at its line.
 */
function literalSlip(tree: hbs.AST.Program, lang: string, error: (line: number, said: string) => Error): void {
  const visit = (program: hbs.AST.Program | undefined): void => {
    for (const n of program?.body ?? []) {
      if (n.type === "ContentStatement") {
        const text = (n as hbs.AST.ContentStatement).value;
        const slip = braceSlip(text, (word) => /^[A-Za-z_@][\w.@\-[\]]*$/.test(word), lang);
        if (slip) throw error(n.loc.start.line + (text.slice(0, slip.index).match(/\n/g)?.length ?? 0), slip.said);
      }
      const block = n as hbs.AST.BlockStatement;
      if (block.program) visit(block.program);
      if (block.inverse) visit(block.inverse);
    }
  };
  visit(tree);
}

/**
 * A call of a part whose file name handlebars cannot call: a space (full-width too) or an ASCII
 * sign ends a part's name (`{{> ひょうし　改}}` called ひょうし with the value 改; Explorer's copy
 * `chapter - コピー.hbs` likewise), which had been told as a value or a part not there. Thrown
 * (made by `error`) at the calling line of `source`, saying to rename the file.
 */
function uncalledNames(files: readonly string[], source: string, lang: string, error: (line: number, said: string) => Error): void {
  // what ends a name in handlebars (its lexer's ID), but . and / (a path)
  const ends = /[\s!"#%&'()*+,;<=>@[\\\]^`{|}~]+/g;
  const visible = blankComments(source);
  for (const file of files) {
    const name = file.slice(0, -4);
    const plain = name.replace(ends, "");
    if (plain === name) continue;
    const call = new RegExp(`\\{\\{~?#?>\\s*${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?:\\s[^}]*)?~?\\}\\}`).exec(visible);
    if (!call) continue;
    throw error(visible.slice(0, call.index).split("\n").length, lang === "ja"
      ? `部品テンプレート ${file} は、名前に空白か記号があるため {{> ${name}}} では呼べません。ファイル名を ${plain}.hbs のように変えて、{{> ${plain}}} と書いてください`
      : `the part ${file} cannot be called as {{> ${name}}}: its name has a space or a sign; rename it ${plain}.hbs and write {{> ${plain}}}`);
  }
}

/**
 * For a part that is not there (`{{> cover}}`), the file of the folder it nearly is: one Notepad
 * saved as `cover.hbs.txt`, one renamed `Cover.hbs`, or a name misspelt in the call (`prefase`
 * beside preface.hbs). Empty otherwise.
 */
function partialNamed(raw: string, dir: string, lang: string): string {
  const name = /The partial (\S+) could not be found/.exec(raw)?.[1];
  if (!name) return "";
  let files: string[];
  try { files = readdirSync(dir).sort(); } catch { return ""; }
  const saved = savedAs(path.join(dir, `${name}.hbs`));
  if (saved) return `${lang === "ja" ? "。" : "; "}${renameWords(saved, `${name}.hbs`, lang === "ja" ? "ja" : "en")}`;
  const near = nearest(name, files.filter((f) => f.endsWith(".hbs")).map((f) => f.slice(0, -4)));
  return near === undefined ? "" : lang === "ja" ? `。「{{> ${near}}}」ではありませんか` : `; did you mean "{{> ${near}}}"?`;
}

/**
 * Renders `templates/<folder>/<main>.hbs` (every other .hbs of the folder is a partial under its
 * name) with `data`, and returns the checked document description.
 */
export function renderTemplate(folder: string, main: string, data: object, ctx: RenderContext): DocNode[] {
  const dir = path.join(ctx.templatesDir, folder);
  const shown = (file: string) => shownPath(ctx, path.join(dir, file));
  templateWork = 0;
  emptyParts.clear();
  try {
    const { files, compiled, sources, partials } = folderTemplates(folder, main, ctx);
    // Given with the call, not registered: the main template is no partial of itself.
    const others = Object.fromEntries([...partials].filter(([f]) => f !== `${main}.hbs`).map(([f, p]) => [f.slice(0, -4), p]));
    let output: string;
    try {
      output = compiled.get(`${main}.hbs`)!(data, { allowProtoPropertiesByDefault: false, partials: others });
    } catch (e) {
      // already told (a wording file a helper read, broken): not a mistake of this template
      if (e instanceof TemplateError || e instanceof ReportedError) throw e;
      const msg = (e as Error).message;
      if (e instanceof TooMuchWork) throw new TemplateError(shown(`${main}.hbs`), undefined, msg, false);
      throw new TemplateError(shown(`${main}.hbs`), lineOf(msg, sources.get(`${main}.hbs`)), msg, true, sources.get(`${main}.hbs`));
    }
    let json: LocatedJson;
    try {
      json = parseLocatedJson(output, files.indexOf(`${main}.hbs`));
    } catch (e) {
      if (!(e instanceof JsonMistake)) throw e;
      const said = ctx.lang === "ja" ? `出力が JSON として読めません: ${e.reason.ja}` : `the output is not valid JSON: ${e.reason.en}`;
      throw new TemplateError(shown(files[e.place.file]!), e.place.line, said, false);
    }
    const list = Array.isArray(json.value) ? json.value : [json.value];
    const placeAt = (at: readonly PropertyKey[]) => json.placeOf(Array.isArray(json.value) ? at : at.slice(1));
    const parsed = DocNode.array().safeParse(list);
    const unknown: UnknownKey[] = [];
    unknownKeys(DocNode.array(), list, [], unknown);
    if (!parsed.success || unknown.length) {
      // One diagnostic per place and mistake (a card template used 56 times is one mistake).
      const told = new Map<string, TemplateError>();
      const tell = (at: readonly PropertyKey[], reason: string) => {
        const place = placeAt(at);
        const error = new TemplateError(shown(files[place.file]!), place.line, reason, false);
        const key = `${error.file}:${error.line}:${error.message}`;
        if (!told.has(key)) told.set(key, error);
      };
      // a misspelt key first: the missing key zod reports beside it is the same slip
      for (const u of unknown) tell(u.at, unknownKeyReason(u, list, ctx.lang));
      for (const issue of parsed.error?.issues ?? []) tell(issue.path, primitiveReason(issue, list, ctx.lang));
      throw [...told.values()].slice(0, 5);
    }
    const nodes = parsed.data;
    nodes.forEach((n, i) => {
      const p = placeAt([i]);
      PLACES.set(n, { file: shown(files[p.file]!), line: p.line });
    });
    toldBreaks(nodes, placeAt, (file) => shown(files[file]!), ctx);
    toldUnfilled(nodes, placeAt, (file) => shown(files[file]!), ctx);
    for (const f of emptyParts) ctx.diagnostics.add("PP519", { file: shown(f) }, { part: f.slice(0, -4) });
    // only a first cover is printed as one (coverPages in draw.ts): one elsewhere gets a running header and page number
    const first = nodes.findIndex((n) => n.type !== "pageBreak");
    nodes.forEach((n, i) => {
      if (n.type !== "cover" || i === first) return;
      const p = placeAt([i]);
      ctx.diagnostics.add("PP517", { file: shown(files[p.file]!), line: p.line }, {});
    });
    const mistakes = new Map<string, TemplateError>();
    const calls = new Map<string, TemplateError>();
    // (the data's ids are gathered only when a link names an id no node carries)
    let given: Set<string> | undefined;
    const { mistakes: idErrors, unlinked } = idMistakes(nodes, ctx.lang, () => (given ??= givenIds(data)));
    // one warning a template place (a card template used 56 times is one place), with its count
    const leftOut = new Map<string, { place: { file: string; line: number }; link: string; count: number }>();
    for (const u of unlinked) {
      const p = placeAt(u.at);
      const place = { file: shown(files[p.file]!), line: p.line };
      const key = `${place.file}:${place.line}`;
      const seen = leftOut.get(key);
      if (seen) seen.count++; else leftOut.set(key, { place, link: u.link, count: 1 });
    }
    for (const { place, link, count } of leftOut.values()) ctx.diagnostics.add("PP512", place, { link, count });
    for (const m of [...idErrors, ...tableMistakes(nodes, ctx.lang)]) {
      const p = placeAt(m.at);
      const first = m.first && placeAt(m.first);
      // Both uses written by one line: the line ran twice, a chapter or part called twice
      // (booklet.hbs naming chapters.[0] twice had been five ids at card.hbs, the call not said).
      const again = first && first.file === p.file && first.line === p.line;
      const [one, two] = again ? [json.callsOf(m.first!), json.callsOf(m.at)] : [[], []];
      // the level of the calls where the two uses part; none: the same calls, a loop ({{#each}}) ran the line twice
      const level = two.findIndex((c, k) => !one[k] || one[k]!.at.file !== c.at.file || one[k]!.at.line !== c.at.line || one[k]!.file !== c.file);
      const looped = again && level < 0 && one.length === two.length;
      const reason = !again ? m.reason : looped ? (ctx.lang === "ja"
        ? `${m.reason}。この行は繰り返し（{{#each}}）の中で項目ごとに書かれ、どの項目でも同じ id になります。id は {{json id}} のように項目ごとに違う値にしてください`
        : `${m.reason}: this line runs for every item of a loop ({{#each}}) with the same id; give each item its own id ({{json id}})`) : ctx.lang === "ja"
        ? `${m.reason}。この行が二度書かれています: 章や部品テンプレートを二度呼んでいないか（{{> chapter chapters.[0]}} が二行など）確認してください`
        : `${m.reason}: this line ran twice; check for a chapter or part called twice`;
      const error = new TemplateError(shown(files[p.file]!), p.line, reason, false);
      const key = again ? `${error.file}:${error.line}:again` : `${error.file}:${error.line}:${error.message}`;
      if (again) {
        // also told where the part is called the second time (booklet.hbs), the first call named
        const call = two[level];
        const before = one[level];
        if (call && before && before.at.file === call.at.file && before.file === call.file) {
          const part = files[call.file]!;
          const said = ctx.lang === "ja"
            ? `部品テンプレート ${part} がこの行と ${before.at.line} 行目で二度呼ばれ、同じ内容（id）が二度書かれます。どちらかの行を消すか、別の章（chapters.[1] など）を渡してください`
            : `the part ${part} is called here and on line ${before.at.line}, writing the same content (ids) twice: delete one call or give it another chapter`;
          const where = new TemplateError(shown(files[call.at.file]!), call.at.line, said, false);
          const callKey = `${where.file}:${where.line}:call`;
          if (!calls.has(callKey)) calls.set(callKey, where);
        }
      }
      if (!mistakes.has(key)) mistakes.set(key, error);
    }
    // the calling line first: that is the line to correct
    if (calls.size || mistakes.size) throw [...calls.values(), ...mistakes.values()].slice(0, 5);
    return nodes;
  } catch (e) {
    const errors = Array.isArray(e) ? (e as TemplateError[]) : [e];
    if (!errors.every((x) => x instanceof TemplateError)) throw e;
    for (const x of errors) {
      const place = x.line === undefined ? { file: x.file } : { file: x.file, line: x.line };
      ctx.diagnostics.add("PP503", place, { reason: x.raw ? templateReason(x.message, ctx.lang, x.source, HELPERS) + partialNamed(x.message, dir, ctx.lang) : x.message });
    }
    throw new ReportedError();
  }
}
