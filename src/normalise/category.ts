// A phase label's category (the stage it names), from the config's rules. The rules are listed
// from the latest stage to the earliest (運用・実施 … 調査・研究).
//
// - A label is read as a list of parts (検討・実施, 仕組み整備、発信・共有の実施): each part that
//   holds a rule's term names one stage; a part naming none (発信) adds nothing.
// - In a part, the words are the runs between hiragana (導入校の効果検証 → 導入校 | 効果検証); the
//   part's stage is the one its LAST such word names (モデル校による試行 = a pilot, 導入範囲の拡大 =
//   an expansion): Japanese puts the head of a phrase last.
// - One word naming several stages is one compound (試行実施 = a pilot, 拡大検討 = a study of an
//   expansion): it qualifies its activity, so it is as far as its EARLIEST stage.
// - A label whose parts name different stages takes the compound category: a bar is never painted
//   in the colour of a stage it is not (検討・準備 is not 調達・構築, 検証・拡大検討 is not 運用).
import type { PhaseCategoryRule } from "../config/schema.js";

/**
 * Separators of a list of stages in one label (a space too: `上期：検討　下期：実施`), and arrows
 * between them (`検討→実施`, `検討＞実施`, `検討=>実施`: drawn as 検討 alone, the stage it first names).
 */
const PART = /[・、，,／/;；\s\u3000→⇒➡＞>]|=>|->|及び|および|並びに|ならびに/;

interface Match { start: number; end: number; rank: number }

/** Where the rules' terms occur in `text`, longest first at each place (rank: the rule's index). */
function matches(text: string, rules: readonly PhaseCategoryRule[]): Match[] {
  const found: Match[] = [];
  rules.forEach((rule, rank) => {
    for (const term of rule.terms) {
      for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) found.push({ start: at, end: at + term.length, rank });
    }
  });
  return found.sort((a, b) => a.start - b.start || b.end - a.end);
}

const HIRAGANA = /[\u3041-\u309F]/;

/** The rank (rule index) of the stage a part names, or null. */
function partStage(part: string, rules: readonly PhaseCategoryRule[]): number | null {
  const found = matches(part, rules);
  if (found.length === 0) return null;
  // Word boundaries: hiragana outside every term (見直し keeps its し).
  const inTerm = (i: number): boolean => found.some((m) => i >= m.start && i < m.end);
  const wordOf: number[] = [];
  let word = 0;
  for (let i = 0; i < part.length; i++) {
    if (HIRAGANA.test(part[i]!) && !inTerm(i)) { word++; wordOf.push(-1); continue; }
    wordOf.push(word);
  }
  const last = Math.max(...found.map((m) => wordOf[m.start]!));
  // The later a rule in the list, the earlier its stage: the word's earliest stage is its highest rank.
  return Math.max(...found.filter((m) => wordOf[m.start] === last).map((m) => m.rank));
}

/**
 * The category of a phase label: the id of the one stage it names, `compoundId` when its parts
 * name different stages, null when it names none.
 */
export function categorise(label: string, rules: readonly PhaseCategoryRule[], compoundId: string): string | null {
  const ranks = new Set<number>();
  for (const part of label.split(PART)) {
    const rank = partStage(part.trim(), rules);
    if (rank !== null) ranks.add(rank);
  }
  if (ranks.size === 0) return null;
  if (ranks.size > 1) return compoundId;
  return rules[[...ranks][0]!]!.id;
}
