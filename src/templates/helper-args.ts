// What a template helper is given, checked before it is used: a value of the wrong kind (a title
// given to {{years}}, text to {{number}} or {{tally}}, an object to {{concat}}) had printed NaN,
// undefined or [object Object] in the handout. The error ends with the mustache's place
// (` - line:column`), which engine.ts tells as PP503 at the template's file and line.

/** What handlebars gives a helper last. */
export interface HelperOptions { loc?: { start: { line: number; column: number } }; fn?: unknown; hash?: Record<string, unknown> }

/** ` - line:column` of the mustache calling the helper (handlebars' own messages end so). */
export function located(options: HelperOptions | undefined): string {
  const start = options?.loc?.start;
  return start ? ` - ${start.line}:${start.column}` : "";
}

/** The kinds of value the helpers take (engine.ts's templateReason says each in Japanese). */
export type Kind = "year" | "period" | "date" | "number" | "text" | "list";

/** Thrown when a helper is given a value of another kind than it takes. */
export function wrongKind(helper: string, kind: Kind, value: unknown, options: HelperOptions | undefined): never {
  const shown = value === undefined ? "undefined" : (JSON.stringify(value) ?? String(value)).slice(0, 40);
  throw new Error(`the helper "${helper}" takes a ${kind}, not ${shown}${located(options)}`);
}

/** A finite number, or text that is one (`"12"`); else the helper's error. */
export function numberArg(helper: string, value: unknown, options: HelperOptions | undefined, kind: Kind = "number"): number {
  const n = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : Number.NaN;
  if (!Number.isFinite(n)) wrongKind(helper, kind, value, options);
  return n;
}

/** A fiscal year (2026). */
export function yearArg(helper: string, value: unknown, options: HelperOptions | undefined): number {
  const year = numberArg(helper, value, options, "year");
  if (!Number.isInteger(year)) wrongKind(helper, "year", value, options);
  return year;
}

/** A piece of text: a string or a number (null, objects and lists had printed "null", "[object Object]", "a,b"). */
export function textArg(helper: string, value: unknown, options: HelperOptions | undefined): string {
  if (typeof value !== "string" && typeof value !== "number") wrongKind(helper, "text", value, options);
  return String(value);
}
