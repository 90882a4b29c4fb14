// The plan's order. A plan lists each 基本方針, 施策 and 取組 as one run of rows. A table sorted in
// Excel by another column (担当課, 事業名) splits them into runs apart from each other, which the
// tree would gather silently in an order no plan has: its first 基本方針 the one of the first row
// after the sort, numbered 1 in every document. When ordering the rows by No gathers every level
// again, the table was sorted and No order is the plan's (said, PP424); when it does not, the
// reader cannot tell the plan's order and stops at the row (PP425). A table sorted by No from the
// largest is read from its end (PP426).
import type { DiagnosticBag } from "../diagnostics/bag.js";
import { excerpt } from "./text.js";
import { buildTree } from "./index.js";
import type { SourcedProject } from "./sourced.js";

const LEVELS = ["policy", "measure", "initiative"] as const;

/** Where the rows' levels first come apart: a row that joins again a level left by the rows before it. */
interface Split { again: SourcedProject; last: SourcedProject; level: (typeof LEVELS)[number] }

/**
 * The first split of `rows`: the tree (buildTree, so levels are told apart as the documents tell
 * them) lists the rows in their file order exactly when each level is one run of rows.
 */
function firstSplit(rows: readonly SourcedProject[]): Split | null {
  // the tree of the rows' indexes, each with its path (基本方針, 施策, 取組 in the tree)
  const tree = buildTree(rows.map((s, i) => ({ ...s.project, no: i })));
  const order: number[] = [];
  const path = new Map<number, number[]>();
  tree.forEach((p, pi) => p.measures.forEach((m, mi) => m.initiatives.forEach((ini, ii) => {
    for (const k of ini.projects) { order.push(k); path.set(k, [pi, mi, ii]); }
  })));
  const at = order.findIndex((k, n) => k !== n);
  if (at < 1) return null;
  // The tree went on from the row before (`last`) with a later row (`again`), where the file goes
  // on with a row of another group: the split level is the highest that `again` shares with
  // `last` and not with that row.
  const again = order[at]!;
  const [a, l, between] = [path.get(again)!, path.get(at - 1)!, path.get(at)!];
  const split = LEVELS.findIndex((_, d) => a[d] === l[d] && between[d] !== a[d]);
  return { again: rows[again]!, last: rows[at - 1]!, level: LEVELS[Math.max(0, split)]! };
}

/**
 * `sourced` in the plan's order: as written, or by No when the table was sorted by another column,
 * or by No from the largest (every row's No below the one before, three rows at least: the plan
 * read backwards, its last 基本方針 numbered 1).
 */
export function planOrder(sourced: SourcedProject[], bag: DiagnosticBag): SourcedProject[] {
  // A No given twice stops the run (PP401, PP395) and may be what splits a level: the order is
  // told once the Nos are one each.
  if (new Set(sourced.map((s) => s.project.no)).size !== sourced.length) return sourced;
  const split = firstSplit(sourced);
  if (!split) {
    if (sourced.length < 3 || sourced.some((s, i) => i > 0 && s.project.no >= sourced[i - 1]!.project.no)) return sourced;
    const [first, last] = [sourced[0]!, sourced.at(-1)!];
    bag.add("PP426", first.cells.no ?? first.place, { first: first.project.no, last: last.project.no }, { projectNo: first.project.no, relatedNo: last.project.no });
    return [...sourced].reverse();
  }
  const { again, last, level } = split;
  const p = again.project;
  const name = excerpt(level === "policy" ? p.policy : level === "measure" ? p.measure.title : p.initiative?.title ?? "");
  const words = { level, name, last: last.project.no, no: p.no };
  const byNo = [...sourced].sort((x, y) => x.project.no - y.project.no);
  if (!firstSplit(byNo)) {
    bag.add("PP424", again.cells.no ?? again.place, words, { projectNo: p.no, relatedNo: last.project.no });
    return byNo;
  }
  bag.add("PP425", again.cells[level] ?? again.place, words, { projectNo: p.no, relatedNo: last.project.no });
  return sourced;
}
