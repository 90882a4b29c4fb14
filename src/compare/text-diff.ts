// Character-level differences between an old and a new text, for marking the changed parts on
// each side of the 新旧対照表 (jsdiff's array diff over characters). Characters equal after NFKC
// are equal (a full-width/half-width difference is not marked), and each side keeps its own
// characters as written.
import { diffArrays } from "diff";
import { foldLookalikes } from "./similarity.js";

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

export function markedDiff(oldText: string, newText: string): MarkedDiff {
  const a = [...oldText];
  const b = [...newText];
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
