// The words of the workbook, the forms and the progress report (sheet names, column headers,
// titles, instructions) live in templates/<folder>/wording.json so staff can retitle them without
// touching code.
// Each text may use handlebars placeholders ({{year}}, {{department}}, …), compiled strict so a
// misspelt one is a diagnostic naming the file, the line and the key, never a crash.
import { readFileSync } from "node:fs";
import path from "node:path";
import Handlebars from "handlebars";
import { z } from "zod";
import { ReportedError } from "../errors.js";
import { parseJsonText } from "../json-text.js";
import { zodReason } from "../zod-reason.js";
import { type RenderContext, shownPath } from "../context.js";

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

export function loadWording<S extends z.ZodType>(ctx: RenderContext, folder: string, schema: S): Wording<z.infer<S>> {
  const full = path.join(ctx.templatesDir, folder, "wording.json");
  const file = shownPath(ctx, full);
  let text = "";
  const fail = (code: "PP531" | "PP532" | "PP533", params: Record<string, string>, line?: number): never => {
    ctx.diagnostics.add(code, line === undefined ? { file } : { file, line }, params);
    throw new ReportedError();
  };
  try {
    text = readFileSync(full, "utf8");
  } catch (e) {
    return fail("PP531", { reason: (e as NodeJS.ErrnoException).code ?? (e as Error).message });
  }
  const parsedJson = parseJsonText(text, ctx.lang);
  if (!parsedJson.ok) return fail("PP531", { reason: parsedJson.reason }, parsedJson.line);
  const json = parsedJson.value;
  const parsed = schema.safeParse(json);
  if (!parsed.success) return fail("PP532", { reason: wordingReason(parsed.error, ctx) });
  const keys = new Map<string, string>();
  leaves(parsed.data, "", keys);
  const lineOf = (s: string) => {
    const at = text.indexOf(JSON.stringify(s));
    return at < 0 ? undefined : text.slice(0, at).split("\n").length;
  };
  const hb = Handlebars.create();
  const compiled = new Map<string, Handlebars.TemplateDelegate>();
  // Parse every text now, so a broken placeholder is reported even in a text this run skips.
  for (const [s, key] of keys) {
    try {
      hb.parse(s);
      compiled.set(s, hb.compile(s, { strict: true, noEscape: true }));
    } catch (e) {
      fail("PP533", { key, reason: ((e as Error).message.split("\n")[0] ?? "") }, lineOf(s));
    }
  }
  return {
    words: parsed.data,
    fill(s, data) {
      const fn = compiled.get(s) ?? hb.compile(s, { strict: true, noEscape: true });
      try {
        return fn(data);
      } catch (e) {
        const fields = Object.keys(data).map((k) => `{{${k}}}`).join(" ");
        return fail("PP533", { key: keys.get(s) ?? s, reason: `${(e as Error).message.replace(/ in \[object Object\]/, "")}（使える値: ${fields}）` }, lineOf(s));
      }
    },
  };
}

/** zod's issues in the user's words; our own checks (custom issues) keep their message. */
function wordingReason(error: z.ZodError, ctx: RenderContext): string {
  const own = error.issues.filter((i) => i.code === "custom").map((i) => `${i.path.join(".")}: ${i.message}`);
  const rest = error.issues.filter((i) => i.code !== "custom");
  return [...own, ...(rest.length > 0 ? [zodReason(new z.ZodError(rest), ctx.lang)] : [])].join("、");
}

/** A name Excel accepts for a sheet: 1–31 characters, none of : \ / ? * [ ], no ' at either end. */
const validSheetName = (name: string): boolean =>
  name.length > 0 && name.length <= 31 && !/[:\\/?*[\]]/.test(name) && !/^'|'$/.test(name);
const badSheetName = (name: string): string => `シート名「${name}」は使えません（1～31文字、: \\ / ? * [ ] と先頭・末尾の ' は不可）`;

/** One sheet's name, checked as sheetNames() checks a list of them. */
export const sheetName = z.string().superRefine((name, ctx) => {
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
