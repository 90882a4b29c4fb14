// Characters of the plan the PDF font cannot print, told with their cells before rendering: an
// empty box in a council handout is a silent wrong result. With a fallback face in the theme,
// what it has is printed in it (info); what no face has is a warning.
import type { DiagnosticBag } from "../diagnostics/bag.js";
import { placeOf } from "../diagnostics/format.js";
import type { Place } from "../diagnostics/schema.js";
import { codePoints, type GlyphCoverage, missingChars } from "../glyph-coverage.js";
import type { SourcedProject } from "../normalise/sourced.js";

/** The model's text of each cell of a project, by the cell it came from. */
function cellTexts(sp: SourcedProject): [keyof SourcedProject["cells"], string][] {
  const p = sp.project;
  return [
    ["policy", p.policy], ["measure", p.measure.title], ["initiative", p.initiative?.title ?? ""], ["name", p.name],
    ["departments", p.departments.join(" ")], ["description", p.description.join(" ")],
    ["schedule", p.schedule.map((s) => `${s.label} ${s.note ?? ""}`).join(" ")],
  ];
}

const VARIATION_SELECTOR = /^\p{Variation_Selector}$/u;

export function checkGlyphs(sourced: readonly SourcedProject[], cov: GlyphCoverage, bag: DiagnosticBag, ...texts: { text: string; place: Place }[]): void {
  // A policy or measure repeated on every row is told once, at its first cell.
  const told = new Set<string>();
  const check = (text: string, place: Place, projectNo?: number): void => {
    const all = missingChars(text, cov.has);
    if (!all.length) return;
    // A variation selector (葛󠄀: 葛 U+845B, U+E0100) the font has no variant for: the plain form is
    // printed, not a box (PP351 had said a box would print)
    const selectors = all.filter((c) => VARIATION_SELECTOR.test(c));
    const missing = all.filter((c) => !VARIATION_SELECTOR.test(c));
    if (selectors.length && !told.has(`${placeOf(place)}\u0001${text}`)) {
      told.add(`${placeOf(place)}\u0001${text}`);
      const pairs = [...new Set([...text.matchAll(/(\P{M})(\p{Variation_Selector})/gu)].map((m) => m[0]))];
      bag.add("PP374", place, { chars: pairs.join(" "), codes: codePoints(selectors), plain: [...new Set(pairs.map((p) => [...p][0]!))].join(" "), font: cov.font }, { projectNo });
    }
    if (!missing.length) return;
    const key = `${placeOf(place)}\u0000${text}`;
    if (told.has(key) || told.has(text)) return;
    told.add(key);
    told.add(text);
    const fb = cov.fallback;
    const printed = fb ? missing.filter((c) => fb.has(c.codePointAt(0)!)) : [];
    const boxes = missing.filter((c) => !printed.includes(c));
    if (printed.length && fb) bag.add("PP352", place, { chars: printed.join(" "), codes: codePoints(printed), font: fb.font }, { projectNo });
    if (boxes.length) bag.add("PP351", place, { chars: boxes.join(" "), codes: codePoints(boxes), font: cov.font }, { projectNo, actual: boxes.join("") });
  };
  for (const t of texts) check(t.text, t.place);
  for (const sp of sourced) {
    for (const [key, text] of cellTexts(sp)) check(text, sp.cells[key] ?? sp.place, sp.project.no);
  }
}
