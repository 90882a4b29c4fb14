// Japanese phrase boundaries from BudouX (the `budoux` package): where headings, names and labels
// may break, in the PDFs (pdf/text.ts) and in the workbooks' cells (xlsx/metrics.ts).
import { jaModel, Parser } from "budoux";

// Only the parser and the Japanese model (the bundle takes just those two files, not BudouX's HTML
// processor and its DOM library: scripts/bundle.mjs); built on first use.
let parser: Parser | undefined;

// The same texts come back (a second layout, the department files, a name on several documents):
// BudouX costs ~3–9 µs a character, a lookup nothing. Dropped when large (a plan of thousands of rows).
const seen = new Map<string, readonly string[]>();
const SEEN_MAX = 50_000;

/** BudouX's phrases of `text` (they join back to `text`). */
export function phrases(text: string): readonly string[] {
  if (text.length < 2) return text ? [text] : [];
  let found = seen.get(text);
  if (!found) {
    if (seen.size >= SEEN_MAX) seen.clear();
    found = (parser ??= new Parser(jaModel)).parse(text);
    seen.set(text, found);
  }
  return found;
}

/**
 * Where a phrase too wide for its line breaks best: after a 中黒, 読点 or closing bracket
 * (情報共有・/協議できる, 「書かない」/窓口サービスの).
 */
export const PHRASE_BREAK = /(?<=[・、，,」』）)])/u;
