// Character-level differences between an old and a new text, for marking the changed parts on
// each side of the 新旧対照表 (jsdiff's array diff over characters). Characters equal after NFKC
// are equal (a full-width/half-width difference is not marked), and each side keeps its own
// characters as written.
import { diffArrays } from "diff";
import { foldLookalikes } from "../normalise/text.js";
import { comparable, textSimilarity } from "./similarity.js";

/** A run of text, `changed` when it is not in the other version. */
export interface Segment { text: string; changed: boolean }

export interface MarkedDiff { old: Segment[]; new: Segment[] }

const same = (a: string, b: string) => a === b || foldLookalikes(a.normalize("NFKC")) === foldLookalikes(b.normalize("NFKC"));

/** Adds a run, joined to the previous one when both are changed or both unchanged. */
function push(out: Segment[], text: string, changed: boolean): void {
  if (!text) return;
  const last = out.at(-1);
  if (last && last.changed === changed) last.text += text;
  else out.push({ text, changed });
}

/**
 * An unchanged run of one character between two changes is marked too: a rewritten phrase that
 * happens to share a の or a 、 reads as one change, not as confetti.
 */
function absorbSpecks(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  segments.forEach((s, i) => {
    const between = i > 0 && i < segments.length - 1 && segments[i - 1]!.changed && segments[i + 1]!.changed;
    push(out, s.text, s.changed || (between && [...s.text].length <= 1));
  });
  return out;
}

/** Lines at least this alike (bigrams) are one line edited; less, one removed and one added. */
const SAME_LINE = 0.4;

/**
 * The marks of a text of several lines (a description's bullets): lines compared as wholes first,
 * the lines of a changed stretch paired by likeness (in order), then the characters within each
 * pair; a line without a pair is marked whole. One character diff over the whole text had lined
 * up across bullets: an unchanged bullet after a deleted one marked, the deleted one half unmarked.
 */
export function markedDiff(oldText: string, newText: string): MarkedDiff {
  if (!oldText.includes("\n") && !newText.includes("\n")) return charDiff(oldText, newText);
  const a = oldText.split("\n");
  const b = newText.split("\n");
  const oldOut: Segment[] = [];
  const newOut: Segment[] = [];
  const add = (out: Segment[], segments: readonly Segment[], first: boolean) => {
    if (!first) push(out, "\n", false);
    for (const seg of segments) push(out, seg.text, seg.changed);
  };
  let [i, j] = [0, 0];
  let removed: string[] = [];
  let added: string[] = [];
  const flush = () => {
    // each removed line paired with the likeliest added line after the last pair, if alike enough
    let from = 0;
    const pairOf = removed.map((line) => {
      let best = -1;
      let bestScore = SAME_LINE;
      for (let k = from; k < added.length; k++) {
        const score = textSimilarity(line, added[k]!);
        if (score >= bestScore && (best < 0 || score > bestScore)) [best, bestScore] = [k, score];
      }
      if (best >= 0) from = best + 1;
      return best;
    });
    const marks = new Map<number, MarkedDiff>(pairOf.flatMap((k, r) => (k >= 0 ? [[k, charDiff(removed[r]!, added[k]!)]] : [])));
    removed.forEach((line, r) => add(oldOut, pairOf[r]! >= 0 ? marks.get(pairOf[r]!)!.old : [{ text: line, changed: line.trim() !== "" }], i++ === 0));
    added.forEach((line, k) => add(newOut, marks.get(k)?.new ?? [{ text: line, changed: line.trim() !== "" }], j++ === 0));
    removed = [];
    added = [];
  };
  for (const part of diffArrays(a, b, { comparator: (x, y) => same(x, y) || comparable(x) === comparable(y) })) {
    if (part.removed) { removed.push(...part.value); continue; }
    if (part.added) { added.push(...part.value); continue; }
    flush();
    // (each side as written: the lines are equal as compared, not always character for character)
    for (let n = part.value.length; n > 0; n--) {
      add(oldOut, [{ text: a[i]!, changed: false }], i++ === 0);
      add(newOut, [{ text: b[j]!, changed: false }], j++ === 0);
    }
  }
  flush();
  return { old: oldOut, new: newOut };
}

/** A text's units of change: its characters, a number whole (令和10 → 令和11 had marked 「0」 and 「1」). */
const units = (text: string): string[] => text.match(/[0-9０-９]+|./gsu) ?? [];

function charDiff(oldText: string, newText: string): MarkedDiff {
  const a = units(oldText);
  const b = units(newText);
  const oldOut: Segment[] = [];
  const newOut: Segment[] = [];
  let i = 0;
  let j = 0;
  for (const part of diffArrays(a, b, { comparator: same })) {
    const n = part.count;
    // (white space alone put in or taken out is no change a reader sees: not marked)
    if (part.added) { const t = b.slice(j, j + n).join(""); push(newOut, t, t.trim() !== ""); j += n; }
    else if (part.removed) { const t = a.slice(i, i + n).join(""); push(oldOut, t, t.trim() !== ""); i += n; }
    else {
      push(oldOut, a.slice(i, i + n).join(""), false);
      push(newOut, b.slice(j, j + n).join(""), false);
      i += n;
      j += n;
    }
  }
  return { old: absorbSpecks(oldOut), new: absorbSpecks(newOut) };
}
