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

/** A character's script for scriptPieces: kanji (々 with them), hiragana, katakana (ー with them), Latin and digits, other. */
function scriptOf(ch: string): number {
  if (/[\p{Script=Han}々〆ヶ]/u.test(ch)) return 0;
  if (/\p{Script=Hiragana}/u.test(ch)) return 1;
  if (/[\p{Script=Katakana}ー]/u.test(ch)) return 2;
  if (/[A-Za-z0-9Ａ-Ｚａ-ｚ０-９]/u.test(ch)) return 3;
  return 4;
}

/** Katakana that never starts a line (禁則): the prolonged sound mark and small kana. */
const KATAKANA_NO_START = /[ーァィゥェォッャュョヮヵヶ]/u;

/**
 * A katakana word too long for its line (a 54 pt bar of 8 pt: プログラミング, アクセシビリティ) in
 * even pieces, none starting with ー or a small kana: it had broken at the line's last character,
 * 「プログラミン／グ・」, its last character alone on a line.
 */
function evenKatakana(word: string, limit: number): string[] {
  const chars = Array.from(word);
  const pieces: string[] = [];
  let at = 0;
  while (chars.length - at > limit) {
    let end = at + Math.ceil((chars.length - at) / Math.ceil((chars.length - at) / limit));
    while (end > at + 1 && KATAKANA_NO_START.test(chars[end]!)) end--;
    pieces.push(chars.slice(at, end).join(""));
    at = end;
  }
  pieces.push(chars.slice(at).join(""));
  return pieces;
}

/**
 * A phrase too wide for its line (`limit` characters), cut where its script changes (予定/どおり,
 * システム/標準化), the pieces joined again as long as they fit: it had broken at the line's last
 * character (予定どお/り, システム標準/化). Hiragana after kanji (an okurigana, a particle: 及び, 子ども) stays with it
 * where the two fit a line: 「研究及／び活用」, 「担当子／ども」 had been cut so. A run of kanji still
 * too wide is cut evenly (below), and so is a katakana word; a hiragana run breaks anywhere, as before.
 */
export function scriptPieces(phrase: string, limit: number): string[] {
  const runs: string[] = [];
  let prev = -1;
  for (const ch of phrase) {
    const s = scriptOf(ch);
    if (s === prev && runs.length) runs[runs.length - 1] += ch; else runs.push(ch);
    prev = s;
  }
  // kanji and the hiragana after it as one unit (its length the kanji's: the seam)
  const units: { text: string; seam: number }[] = [];
  runs.forEach((r, i) => {
    const unit = units.at(-1);
    if (unit && scriptOf(r[0]!) === 1 && scriptOf(runs[i - 1]!.at(-1)!) === 0) unit.text += r;
    else units.push({ text: r, seam: r.length });
  });
  const out: string[] = [];
  // a unit of kanji too long for a line is cut into even pieces after every second kanji (most
  // kanji words are two long: 拡充/検討, not 拡充検/討; 職員/目線の, not 職員目/線の) or before its
  // hiragana (文書/及び, 予定/どおり), none starting with 々; a katakana word evenly (evenKatakana)
  const even = ({ text: r, seam }: { text: string; seam: number }): string[] => {
    if (r.length <= limit || limit < 1) return [r];
    if (scriptOf(r[0]!) === 2) return evenKatakana(r, limit);
    if (scriptOf(r[0]!) !== 0) return [r];
    const pieces: string[] = [];
    let at = 0;
    while (r.length - at > limit && at < seam) {
      const ideal = at + Math.ceil((r.length - at) / Math.ceil((r.length - at) / limit));
      let end = 0;
      for (let c = at + 1; c <= Math.min(seam, at + limit); c++) {
        if ((c % 2 === 0 || c === seam) && r[c] !== "々" && (!end || Math.abs(c - ideal) < Math.abs(end - ideal))) end = c;
      }
      if (!end) {
        end = Math.min(ideal, seam);
        while (end < r.length && end > at + 1 && r[end] === "々") end--;
      }
      pieces.push(r.slice(at, end));
      at = end;
    }
    pieces.push(r.slice(at));
    return pieces;
  };
  for (const r of units.flatMap(even)) {
    const last = out.at(-1);
    if (last !== undefined && last.length + r.length <= limit) out[out.length - 1] = last + r; else out.push(r);
  }
  return out;
}
