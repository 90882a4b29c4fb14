// Stages add diagnostics to a bag instead of throwing, so one run reports every flaw
// (the vfile model). Messages are written in the run's language when they are added.
import { CATALOG, type Code, type Params } from "./catalog.js";
import type { Diagnostic, Place, Severity } from "./schema.js";

/** The longest piece of user text a message quotes. */
const MAX_PARAM = 160;

export type Lang = "ja" | "en";

export interface Extra {
  projectNo?: number | undefined;
  relatedNo?: number | undefined;
  actual?: string | undefined;
  expected?: string | undefined;
  severity?: Severity;
}

export class DiagnosticBag {
  readonly items: Diagnostic[] = [];
  constructor(readonly lang: Lang = "ja") {}

  add(code: Code, place: Place, rawParams: Params = {}, extra: Extra = {}): Diagnostic {
    // User text quoted in a message is bounded here, once, whatever the call site passed.
    const params: Params = {};
    for (const [k, v] of Object.entries(rawParams)) params[k] = typeof v === "string" && v.length > MAX_PARAM ? `${v.slice(0, MAX_PARAM)}…` : v;
    const spec = CATALOG[code] as (typeof CATALOG)[Code] & { hintJa?: (p: Params) => string; hintEn?: (p: Params) => string };
    const hint = this.lang === "ja" ? spec.hintJa?.(params) : spec.hintEn?.(params);
    const d: Diagnostic = {
      code,
      severity: extra.severity ?? spec.severity,
      message: (this.lang === "ja" ? spec.ja : spec.en)(params),
      file: place.file,
    };
    if (hint) d.hint = hint;
    for (const k of ["line", "column", "sheet", "cell"] as const) {
      const v = place[k];
      if (v !== undefined) (d as Record<string, unknown>)[k] = v;
    }
    for (const k of ["projectNo", "relatedNo", "actual", "expected"] as const) {
      const v = extra[k];
      if (v !== undefined) (d as Record<string, unknown>)[k] = v;
    }
    this.items.push(d);
    return d;
  }

}

export function hasErrors(diagnostics: readonly Diagnostic[], strict = false): boolean {
  return diagnostics.some((d) => d.severity === "error" || (strict && d.severity === "warning"));
}
