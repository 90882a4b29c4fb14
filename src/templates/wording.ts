// The words of the workbook, the forms and the progress report (sheet names, column headers,
// titles, instructions) live in templates/<folder>/wording.json so staff can retitle them without
// touching code.
// Each text may use handlebars placeholders ({{year}}, {{department}}, …), compiled strict so a
// misspelt one is a diagnostic naming the file, the line and the key, never a crash.
// templates/wording.json is the house style every document shares (the as-of year, counts,
// 再掲): its texts are helpers in every other wording file and template (registerHouseHelpers).
import path from "node:path";
import Handlebars from "handlebars";
import { z } from "zod";
import { ReportedError } from "../errors.js";
import { issueLine, parseJsonText } from "../json-text.js";
import { MAX_EDITED_TEXT_BYTES, readBoundedText } from "../read-file.js";
import { zodReason } from "../zod-reason.js";
import { type RenderContext, shownPath } from "../context.js";
import { fiscalYearLabel } from "../fiscal.js";
import type { RelistRef } from "../views/relist.js";
import { type HelperOptions, located, numberArg, textArg, yearArg } from "./helper-args.js";
import { braceSlip, neverClosed, templateReason, wideSign } from "./reason.js";
import { nearest } from "../nearest.js";

export interface Wording<T> {
  words: T;
  /** A text of the wording file with its placeholders filled in. */
  fill(text: string, data: object): string;
}

/** Every string leaf of a JSON value with its dotted key. */
function leaves(value: unknown, key: string, out: Map<string, string>): void {
  if (typeof value === "string") { if (!out.has(value)) out.set(value, key); return; }
  if (Array.isArray(value)) value.forEach((v, i) => leaves(v, `${key}[${i}]`, out));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) if (k !== "$comment") leaves(v, key ? `${key}.${k}` : k, out);
  }
}

/**
 * A wording text's mistake that handlebars would let pass until the text is filled, or never:
 * a name none of the file's texts is given (a misspelt `{{plna}}` had passed check and stopped
 * the build; `{{#if plna}}` was taken as false), a helper that is not there (`{{tallly …}}`), a
 * part (`{{> x}}`: wording has none), or a placeholder of one brace or full-width braces
 * (`{plan}}`, `｛｛plan｝｝`), printed as written. `names`: the values the file's texts are given.
 */
function textMistake(tree: hbs.AST.Program, names: readonly string[], helpers: readonly string[], lang: string): string | undefined {
  const ja = lang === "ja";
  const usable = names.map((n) => `{{${n}}}`).join(" ");
  let found: string | undefined;
  // inside {{#each}} / {{#with}}, names are the item's own
  let inItem = 0;
  const name = (p: hbs.AST.Expression): void => {
    if (found || inItem > 0 || p.type !== "PathExpression") return;
    const path = p as hbs.AST.PathExpression;
    const first = path.parts[0];
    // @index, this, ../x: not a value of the file's own
    if (path.data || path.depth > 0 || first === undefined || names.includes(first)) return;
    const near = nearest(first, [...names, ...helpers]);
    found = ja ? `「${path.original}」という値はありません${near ? `（「${near}」ではありませんか）` : ""}。綴りを確認してください（使える値: ${usable}）`
      : `there is no value "${path.original}"${near ? ` (did you mean "${near}"?)` : ""} (values: ${usable})`;
  };
  const call = (n: hbs.AST.MustacheStatement | hbs.AST.BlockStatement | hbs.AST.SubExpression): void => {
    const path = n.path as hbs.AST.PathExpression;
    const called = n.params.length > 0 || (n.hash?.pairs.length ?? 0) > 0 || n.type === "BlockStatement";
    if (!called) {
      if (!helpers.includes(path.original)) name(path);
    } else if (!found && path.type === "PathExpression" && !helpers.includes(path.original)) {
      const near = nearest(path.original, helpers);
      found = ja ? `「${path.original}」という関数（ヘルパー）はありません${near ? `（「${near}」ではありませんか）` : ""}` : `there is no helper "${path.original}"${near ? ` (did you mean "${near}"?)` : ""}`;
    }
    for (const e of [...n.params, ...(n.hash?.pairs.map((x) => x.value) ?? [])]) e.type === "SubExpression" ? call(e as hbs.AST.SubExpression) : name(e);
  };
  const visit = (program: hbs.AST.Program | undefined): void => {
    for (const n of program?.body ?? []) {
      if (n.type === "MustacheStatement") call(n as hbs.AST.MustacheStatement);
      if (n.type === "BlockStatement") {
        const block = n as hbs.AST.BlockStatement;
        call(block);
        const item = ["each", "with"].includes((block.path as hbs.AST.PathExpression).original) ? 1 : 0;
        inItem += item;
        visit(block.program);
        inItem -= item;
        visit(block.inverse);
      }
      if (n.type === "PartialStatement" || n.type === "PartialBlockStatement") {
        found ??= ja ? "文言ファイルでは部品テンプレート（{{> …}}）は使えません" : "a wording text cannot call a part ({{> …}})";
      }
      if (n.type === "ContentStatement" && !found) {
        const named = (word: string) => names.includes(word) || helpers.includes(word) || nearest(word, names) !== undefined;
        found = braceSlip((n as hbs.AST.ContentStatement).value, named, lang)?.said;
      }
    }
  };
  visit(tree);
  return found;
}

/**
 * `folder` "": the house style itself (templates/wording.json), read without its own helpers.
 * `names`: the values the file's texts are given (each text some of them), for its texts' check.
 */
export function loadWording<S extends z.ZodType>(ctx: RenderContext, folder: string, schema: S, names: readonly string[]): Wording<z.infer<S>> {
  const full = path.join(ctx.templatesDir, folder, "wording.json");
  const file = shownPath(ctx, full);
  const fail = (code: "PP531" | "PP532" | "PP533", params: Record<string, string>, line?: number): never => {
    ctx.diagnostics.add(code, line === undefined ? { file } : { file, line }, params);
    throw new ReportedError();
  };
  const read = readBoundedText(full, MAX_EDITED_TEXT_BYTES, ctx.lang);
  if ("reason" in read) return fail("PP531", { reason: read.reason });
  const text = read.text;
  const parsedJson = parseJsonText(text, ctx.lang);
  if (!parsedJson.ok) return fail("PP531", { reason: parsedJson.reason }, parsedJson.line);
  const json = parsedJson.value;
  const parsed = schema.safeParse(json, { reportInput: true });
  if (!parsed.success) return fail("PP532", { reason: wordingReason(parsed.error, ctx, schema) }, issueLine(text, parsed.error));
  const keys = new Map<string, string>();
  leaves(parsed.data, "", keys);
  const lineOf = (s: string) => {
    const at = text.indexOf(JSON.stringify(s));
    return at < 0 ? undefined : text.slice(0, at).split("\n").length;
  };
  const hb = Handlebars.create();
  if (folder !== "") registerHouseHelpers(hb, () => houseStyle(ctx));
  const compiled = new Map<string, Handlebars.TemplateDelegate>();
  const helpers = Object.keys(hb.helpers).filter((n) => !n.endsWith("Missing"));
  // Parse and check every text now, so a broken placeholder is reported even in a text this run
  // skips, and by check (which fills none).
  for (const [s, key] of keys) {
    const wide = wideSign(s, ctx.lang);
    if (wide) fail("PP533", { key, reason: wide.said }, lineOf(s));
    let tree: hbs.AST.Program;
    try {
      tree = hb.parse(s);
    } catch (e) {
      const msg = (e as Error).message;
      // in the staff's words, as in templates (it had been handlebars' 「Parse error on line 1:」)
      return fail("PP533", { key, reason: neverClosed(msg, s, ctx.lang)?.said ?? templateReason(msg, ctx.lang, s, helpers) }, lineOf(s));
    }
    const mistake = textMistake(tree, names, helpers, ctx.lang);
    if (mistake) fail("PP533", { key, reason: mistake }, lineOf(s));
    compiled.set(s, hb.compile(s, { strict: true, noEscape: true }));
  }
  return {
    words: parsed.data,
    fill(s, data) {
      const fn = compiled.get(s) ?? hb.compile(s, { strict: true, noEscape: true });
      try {
        return fn(data);
      } catch (e) {
        const fields = Object.keys(data).map((k) => `{{${k}}}`).join(" ");
        // in the staff's words (a helper given the wrong kind of value too), the values it may use after
        return fail("PP533", { key: keys.get(s) ?? s, reason: `${templateReason((e as Error).message, ctx.lang, s, helpers)}（使える値: ${fields}）` }, lineOf(s));
      }
    },
  };
}

/** zod's issues in the user's words; our own checks (custom issues) keep their message. */
function wordingReason(error: z.ZodError, ctx: RenderContext, schema: z.ZodType): string {
  const own = error.issues.filter((i) => i.code === "custom").map((i) => `${i.path.join(".")}: ${i.message}`);
  const rest = error.issues.filter((i) => i.code !== "custom");
  return [...own, ...(rest.length > 0 ? [zodReason(new z.ZodError(rest), ctx.lang, schema)] : [])].join("、");
}

/**
 * A text the code prints as written, never filled (a column header, a sheet name, a mark, a value
 * other texts insert): a `{{…}}` in it had been printed raw. Told at its line (PP532), as these
 * texts take no values.
 */
export const plainText = <T extends z.ZodString>(text: T): T =>
  text.refine((t) => !/\{\{|\}\}|｛｛|｝｝/.test(t), { message: "この文言は値を受け取りません（{{…}} は差し込みにならず、書いたとおりに印刷されます）。{{…}} を使わずに書いてください" }) as T;

/**
 * A name Excel accepts for a sheet: 1–31 characters, none of : \ / ? * [ ], no ' at either end,
 * not History (Excel keeps it for change tracking: exceljs had stopped with an internal error).
 */
const validSheetName = (name: string): boolean =>
  name.length > 0 && name.length <= 31 && !/[:\\/?*[\]]/.test(name) && !/^'|'$/.test(name) && name.toLowerCase() !== "history";
const badSheetName = (name: string): string => `シート名「${name}」は使えません（1～31文字、: \\ / ? * [ ] と先頭・末尾の ' は不可、History は Excel が使う名前）`;

/** One sheet's name, checked as sheetNames() checks a list of them. */
export const sheetName = plainText(z.string()).superRefine((name, ctx) => {
  if (!validSheetName(name)) ctx.addIssue({ code: "custom", message: badSheetName(name) });
});

/** Sheet names Excel accepts: 1–31 characters, none of : \ / ? * [ ], unique (ignoring case). */
export function sheetNames<S extends z.ZodType<{ name: string }[]>>(schema: S): S {
  return schema.superRefine((sheets, ctx) => {
    const seen = new Set<string>();
    sheets.forEach((s, i) => {
      if (!validSheetName(s.name)) ctx.addIssue({ code: "custom", path: [i, "name"], message: badSheetName(s.name) });
      if (seen.has(s.name.toLowerCase())) ctx.addIssue({ code: "custom", path: [i, "name"], message: `シート名「${s.name}」が重複しています` });
      seen.add(s.name.toLowerCase());
    });
  }) as unknown as S;
}

export const HouseWording = z.strictObject({
  $comment: z.string().optional(),
  asOf: z.string(),
  count: z.string(),
  relist: z.strictObject({ of: z.string(), at: z.string(), plain: z.string(), in: z.string(), afterName: z.string() }),
});

/** The house style's words, filled in: one wording of each for every document. */
export interface HouseStyle {
  /** The as-of year's name: 令和8年度時点 (a fiscal year, or its label already written). */
  asOf(year: number | string): string;
  /** A count with its counter: 16事業. */
  count(count: number, unit: string): string;
  /** A 再掲 as its mark reads: No.12の再掲, 人材育成・体制強化(1)①の再掲, 再掲. */
  relist(ref: RelistRef): string;
  /** On an original, where it is listed again: No.50に再掲. */
  relistedIn(no: number): string;
  /** A 再掲's mark as a list prints it after the name: （No.12の再掲）. */
  afterName(ref: RelistRef): string;
}

/**
 * Read once per render context (one build): schedule rows word their 再掲 with it row by row. A
 * broken file is told once: every document of a check had told it again (「ほか 4 件: 3、3、3、3」).
 */
const houses = new WeakMap<RenderContext, HouseStyle | "told">();

export function houseStyle(ctx: RenderContext): HouseStyle {
  const known = houses.get(ctx);
  if (known === "told") throw new ReportedError();
  if (known) return known;
  try {
    const house = readHouseStyle(ctx);
    houses.set(ctx, house);
    return house;
  } catch (e) {
    if (e instanceof ReportedError) houses.set(ctx, "told");
    throw e;
  }
}

function readHouseStyle(ctx: RenderContext): HouseStyle {
  const { words, fill } = loadWording(ctx, "", HouseWording, ["year", "count", "unit", "no", "place", "mark"]);
  const r = words.relist;
  const relist = (ref: RelistRef) => ref.no !== null ? fill(r.of, { no: ref.no }) : ref.place !== null ? fill(r.at, { place: ref.place }) : fill(r.plain, {});
  return {
    asOf: (year) => fill(words.asOf, { year: typeof year === "number" ? fiscalYearLabel(year, ctx.theme) : year }),
    count: (count, unit) => fill(words.count, { count, unit }),
    relist,
    relistedIn: (no) => fill(r.in, { no }),
    afterName: (ref) => fill(r.afterName, { mark: relist(ref) }),
  };
}

/**
 * The house style as helpers: {{asOf year}}, {{tally count "事業"}}, {{relist no place}} and
 * {{relistAfterName no place}} (no and place as the view gives them, either may be null),
 * {{relistedIn no}}. templates/wording.json is read when a helper is first used: a folder of
 * templates that uses none needs no house style.
 */
export function registerHouseHelpers(hb: typeof Handlebars, houseOf: () => HouseStyle): void {
  // each value checked with the mustache's place: text given to tally had printed NaN事業
  const given = (value: unknown, helper: string, options: HelperOptions): unknown => {
    if (value === undefined) throw new Error(`a value given to ${helper} is not defined${located(options)}`);
    return value;
  };
  const no = (value: unknown, helper: string, options: HelperOptions): number | null =>
    given(value, helper, options) === null ? null : numberArg(helper, value, options);
  hb.registerHelper("asOf", (year: unknown, options: HelperOptions) => {
    const y = typeof given(year, "asOf", options) === "number" ? yearArg("asOf", year, options) : textArg("asOf", year, options);
    return houseOf().asOf(y);
  });
  hb.registerHelper("tally", (count: unknown, unit: unknown, options: HelperOptions) => {
    const n = numberArg("tally", given(count, "tally", options), options);
    return houseOf().count(n, textArg("tally", given(unit, "tally", options), options));
  });
  hb.registerHelper("relist", (n: unknown, place: unknown, options: HelperOptions) => {
    const ref = { no: no(n, "relist", options), place: typeof place === "string" ? place : null };
    return houseOf().relist(ref);
  });
  hb.registerHelper("relistAfterName", (n: unknown, place: unknown, options: HelperOptions) => {
    const ref = { no: no(n, "relistAfterName", options), place: typeof place === "string" ? place : null };
    return houseOf().afterName(ref);
  });
  hb.registerHelper("relistedIn", (n: unknown, options: HelperOptions) => {
    const at = numberArg("relistedIn", given(n, "relistedIn", options), options);
    return houseOf().relistedIn(at);
  });
}
