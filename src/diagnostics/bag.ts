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

/**
 * The most diagnostics of one code one file gets; the rest are counted in one more (PP911). A
 * hostile file (a row of 400,000 cells outside the period) had made 400,000 warnings, a 9 MB
 * diagnostics.xlsx and a 3.8 GB build; nobody reads past the first hundred of a kind.
 */
export const MAX_PER_CODE = 100;
const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export class DiagnosticBag {
  readonly items: Diagnostic[] = [];
  /** Per code and file: how many were added, and the diagnostic that counts those past the cap. */
  private readonly added = new Map<string, { count: number; more?: Diagnostic }>();
  constructor(readonly lang: Lang = "ja") {}

  add(code: Code, place: Place, rawParams: Params = {}, extra: Extra = {}): Diagnostic {
    const d = this.make(code, place, rawParams, extra);
    const key = `${code}\u0000${place.file}`;
    const seen = this.added.get(key) ?? { count: 0 };
    this.added.set(key, seen);
    seen.count++;
    if (seen.count <= MAX_PER_CODE) { this.items.push(d); return d; }
    // Past the cap: one diagnostic at the first left out, counting them, as severe as the worst.
    const count = seen.count - MAX_PER_CODE;
    if (!seen.more) {
      seen.more = this.make("PP911", place, { code, count, shown: MAX_PER_CODE }, { severity: d.severity });
      this.items.push(seen.more);
    } else {
      seen.more.message = this.make("PP911", place, { code, count, shown: MAX_PER_CODE }, {}).message;
      if (SEVERITY_RANK[d.severity] > SEVERITY_RANK[seen.more.severity]) seen.more.severity = d.severity;
    }
    return d;
  }

  private make(code: Code, place: Place, rawParams: Params, extra: Extra): Diagnostic {
    // User text quoted in a message is bounded here, once, whatever the call site passed, and its
    // line breaks folded (a header 「所管⏎部」 had split a diagnostic's one line in two).
    const params: Params = {};
    for (const [k, v] of Object.entries(rawParams)) {
      const one = typeof v === "string" ? v.replace(/[^\S\r\n]*[\r\n]+\s*/gu, " ") : v;
      params[k] = typeof one === "string" && one.length > MAX_PARAM ? `${one.slice(0, MAX_PARAM)}…` : one;
    }
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
    return d;
  }

}

export function hasErrors(diagnostics: readonly Diagnostic[], strict = false): boolean {
  return diagnostics.some((d) => d.severity === "error" || (strict && d.severity === "warning"));
}

/** A finding met at `place`, `n` times there (1 unless said), with the words to say it in. */
export type Met = (place: Place, words?: Params, n?: number) => void;

/**
 * A finding said once, at the first place it was met, with how many times it was met (`count`):
 * a file that holds a flaw once mostly holds it throughout (見え消し in many cells, 実績： on
 * every row), and one line with the count says it better than one a place.
 */
export function saidOnce(): { met: Met; say: (code: Code, bag: DiagnosticBag, more?: Params) => void } {
  let first: { place: Place; words: Params } | undefined;
  let count = 0;
  return {
    met: (place, words = {}, n = 1) => { first ??= { place, words }; count += n; },
    say: (code, bag, more = {}) => { if (first) bag.add(code, first.place, { ...first.words, ...more, count }); },
  };
}

