// Checks across rows of numbers: project No (duplicate, order, gaps), measure numbers within a
// policy and initiative numbers within a measure (order, gaps), and measure titles that vary.
import { excerpt } from "../normalise/text.js";
import type { DiagnosticBag } from "../diagnostics/bag.js";
import { numberedLike } from "../normalise/hierarchy.js";
import type { SourcedProject } from "../normalise/sourced.js";
import { relisted } from "../normalise/index.js";

export function checkProjectNumbers(sourced: SourcedProject[], bag: DiagnosticBag): void {
  const firstAt = new Map<number, SourcedProject>();
  let prev: SourcedProject | undefined;
  for (const s of sourced) {
    const no = s.project.no;
    const at = s.cells.no ?? s.place;
    const other = firstAt.get(no);
    // a 再掲 written with its original's No, under another 施策 (電子申請（再掲） as No.1 again)
    if (other && s.relist && !other.relist && s.project.name === other.project.name) {
      bag.add("PP395", at, { no, name: excerpt(`${s.project.name}${s.relist.mark}`), other: other.place.line ?? other.place.cell ?? "?" }, { projectNo: no, relatedNo: no });
    } else if (other) {
      bag.add("PP401", at, { no, other: other.place.line ?? other.place.cell ?? "?" }, { projectNo: no, relatedNo: no });
    } else {
      firstAt.set(no, s);
      if (prev && no < prev.project.no) bag.add("PP402", at, { no, prev: prev.project.no }, { projectNo: no, relatedNo: prev.project.no });
    }
    prev = s;
  }
  // Gaps: numbers missing between 1 (or the smallest) and the largest.
  const nos = [...firstAt.keys()].sort((a, b) => a - b);
  let expected = Math.min(1, nos[0] ?? 1);
  for (const no of nos) {
    if (no > expected) {
      const s = firstAt.get(no)!;
      const missing = no - 1 === expected ? String(expected) : `${expected}–${no - 1}`;
      bag.add("PP403", s.cells.no ?? s.place, { missing }, { projectNo: no });
    }
    expected = Math.max(expected, no + 1);
  }
}

/**
 * Numbers should run 1, 2, 3… in order of first appearance within their parent — or across a
 * wider one (`wider`, widest last): plans that number every 施策 of the plan in one run (施策1 …
 * 施策40 over all the 基本方針) are in order too. Not where numbers carry their parent's (`1-3`):
 * those number within the parent.
 */
function checkSequence(
  sourced: SourcedProject[],
  parentOf: (s: SourcedProject) => string,
  numberOf: (s: SourcedProject) => number | null,
  report: (s: SourcedProject, n: number, expected: number) => void,
  wider: ((s: SourcedProject) => string)[] = [],
  next: NextNumber = afterLast,
): void {
  const found = outOfSequence(sourced, parentOf, numberOf, next);
  if (!found.length || wider.some((w) => runsAcross(sourced, w, parentOf, numberOf))) return;
  for (const f of found) report(f.s, f.n, f.expected);
}

/** One run of numbers over the wider parent: in order, and no number given to two of its parents. */
function runsAcross(sourced: SourcedProject[], wideOf: (s: SourcedProject) => string, parentOf: (s: SourcedProject) => string, numberOf: (s: SourcedProject) => number | null): boolean {
  const owner = new Map<string, string>();
  for (const s of sourced) {
    const n = numberOf(s);
    if (n === null) continue;
    const key = `${wideOf(s)}\u0000${n}`;
    const parent = owner.get(key);
    if (parent !== undefined && parent !== parentOf(s)) return false;
    owner.set(key, parentOf(s));
  }
  return !outOfSequence(sourced, wideOf, numberOf).length;
}

/** The number a new one should have, after the numbers met before it in its parent. */
type NextNumber = (before: readonly number[]) => number;
/** The last one's next: 施策 and 取組 are printed with the numbers the plan writes. */
const afterLast: NextNumber = (before) => (before[before.length - 1] ?? 0) + 1;
/** Its place among them: the documents number the 基本方針 1, 2, 3… in plan order (2, 1, 3 had been told「期待: 3」 for the second, printed 2, and the third warned though right). */
const byPlace: NextNumber = (before) => before.length + 1;

function outOfSequence(sourced: SourcedProject[], parentOf: (s: SourcedProject) => string, numberOf: (s: SourcedProject) => number | null, next: NextNumber = afterLast) {
  const out: { s: SourcedProject; n: number; expected: number }[] = [];
  const seen = new Map<string, number[]>();
  for (const s of sourced) {
    const n = numberOf(s);
    if (n === null) continue;
    const parent = parentOf(s);
    const list = seen.get(parent) ?? [];
    if (!list.includes(n)) {
      const expected = next(list);
      if (n !== expected) out.push({ s, n, expected });
      list.push(n);
      seen.set(parent, list);
    }
  }
  return out;
}

export function checkHierarchyNumbers(sourced: SourcedProject[], bag: DiagnosticBag): void {
  // The documents number the policies 1, 2, 3… in plan order: a written number that is not its place.
  checkSequence(sourced, () => "", (s) => s.policyNumber, (s, n, expected) => {
    bag.add("PP416", s.cells.policy ?? s.place, { policy: excerpt(s.project.policy), mark: s.marks.policy, expected }, { projectNo: s.project.no, actual: String(n), expected: String(expected) });
  }, [], byPlace);
  // One policy number written with two names: two policies (a policy is its name), said once each.
  for (const { s, first } of disagreeing(sourced, (s) => s.policyNumber, (s) => s.project.policy, (s) => s.project.policy)) {
    bag.add("PP419", s.cells.policy ?? s.place, { mark: s.marks.policy, policy: excerpt(s.project.policy), first: excerpt(first.project.policy), no: first.project.no },
      { projectNo: s.project.no, relatedNo: first.project.no });
  }
  // One policy name written with two numbers: one policy (a policy is its name), said once each number.
  const policyOfNumbered = (s: SourcedProject) => (s.policyNumber === null ? null : s.project.policy);
  for (const { s, first } of disagreeing(sourced, policyOfNumbered, (s) => s.policyNumber, (s) => `${s.project.policy}\u0000${s.policyNumber}`)) {
    bag.add("PP421", s.cells.policy ?? s.place, { policy: excerpt(s.project.policy), mark: s.marks.policy, first: first.marks.policy, no: first.project.no },
      { projectNo: s.project.no, relatedNo: first.project.no });
  }
  checkSequence(sourced, (s) => s.project.policy, (s) => s.project.measure.number, (s, n, expected) => {
    bag.add("PP404", s.cells.measure ?? s.place, { policy: excerpt(s.project.policy), number: numberedLike(s.marks.measure, n), expected: numberedLike(s.marks.measure, expected) }, { projectNo: s.project.no, actual: String(n), expected: String(expected) });
  }, sourced.some((s) => s.parents.measure.length) ? [] : [() => ""]);
  checkSequence(sourced, (s) => `${s.project.policy}\u0000${s.project.measure.number ?? s.project.measure.title}`, (s) => s.project.initiative?.number ?? null, (s, n, expected) => {
    bag.add("PP405", s.cells.initiative ?? s.place, { measure: s.marks.measure || `(${s.project.measure.number ?? "?"})`, number: numberedLike(s.marks.initiative, n), expected: numberedLike(s.marks.initiative, expected) }, { projectNo: s.project.no, actual: String(n), expected: String(expected) });
  }, sourced.some((s) => s.parents.initiative.length) ? [] : [(s) => s.project.policy, () => ""]);
  checkParentNumbers(sourced, bag);
  // One measure number, one title.
  // (a 施策 relisted from another 基本方針, its title marked 再掲, is not the one of its number here)
  const numberedMeasure = (s: SourcedProject) => (s.project.measure.number === null ? null : `${s.project.policy}\u0000${s.project.measure.number}\u0000${relisted(s.project.measure.title)}`);
  for (const { s, first } of disagreeing(sourced, numberedMeasure, (s) => s.project.measure.title)) {
    const m = s.project.measure;
    bag.add("PP414", s.cells.measure ?? s.place, { policy: excerpt(s.project.policy), measure: `(${m.number})`, title: `${excerpt(first.project.measure.title)} / ${excerpt(m.title)}` }, { projectNo: s.project.no });
  }
}

/**
 * The rows whose `valueOf` differs from that of the first row with their `keyOf` (null: the row
 * has none), each with that first row; with `onceBy`, each such row's words are said once.
 */
function disagreeing<K, V>(sourced: readonly SourcedProject[], keyOf: (s: SourcedProject) => K | null, valueOf: (s: SourcedProject) => V,
  onceBy?: (s: SourcedProject) => string): { s: SourcedProject; first: SourcedProject }[] {
  const firstBy = new Map<K, SourcedProject>();
  const said = new Set<string>();
  const out: { s: SourcedProject; first: SourcedProject }[] = [];
  for (const s of sourced) {
    const key = keyOf(s);
    if (key === null) continue;
    const first = firstBy.get(key);
    if (!first) { firstBy.set(key, s); continue; }
    if (valueOf(first) === valueOf(s)) continue;
    const once = onceBy?.(s);
    if (once !== undefined && said.has(once)) continue;
    if (once !== undefined) said.add(once);
    out.push({ s, first });
  }
  return out;
}

/**
 * A number written with its parent's (`1-2`, `2-(1)`, `1-2-3`) names the parent: checked against
 * the parent's number (a policy's is written in its name, `1 市民サービス`, or is its place in
 * plan order). Each disagreeing mark is reported once.
 */
function checkParentNumbers(sourced: SourcedProject[], bag: DiagnosticBag): void {
  // each policy's number: the one written with it, else its place in plan order
  const numbers = new Map<string, number>();
  for (const s of sourced) if (!numbers.has(s.project.policy)) numbers.set(s.project.policy, s.policyNumber ?? numbers.size + 1);
  const policyNumber = (policy: string) => numbers.get(policy)!;
  const said = new Set<string>();
  const ja = bag.lang === "ja";
  for (const s of sourced) {
    const p = s.project;
    const checks: { level: string; cell: "measure" | "initiative"; mark: string; parent: string; written: number | undefined; expected: number | null }[] = [];
    const [mp] = s.parents.measure;
    checks.push({ level: ja ? "施策" : "measure", cell: "measure", mark: s.marks.measure, parent: ja ? "基本方針" : "policy", written: mp, expected: policyNumber(p.policy) });
    const ip = s.parents.initiative;
    const measureParent = ip[ip.length - 1];
    const policyParent = ip.length >= 2 ? ip[ip.length - 2] : undefined;
    checks.push({ level: ja ? "取組" : "initiative", cell: "initiative", mark: s.marks.initiative, parent: ja ? "施策" : "measure", written: measureParent, expected: p.measure.number });
    checks.push({ level: ja ? "取組" : "initiative", cell: "initiative", mark: s.marks.initiative, parent: ja ? "基本方針" : "policy", written: policyParent, expected: policyNumber(p.policy) });
    for (const c of checks) {
      if (c.written === undefined || c.expected === null || c.written === c.expected) continue;
      const key = `${c.cell}\u0000${p.policy}\u0000${c.mark}\u0000${c.parent}`;
      if (said.has(key)) continue;
      said.add(key);
      bag.add("PP415", s.cells[c.cell] ?? s.place, { level: c.level, mark: c.mark, parent: c.parent, written: c.written, expected: c.expected },
        { projectNo: p.no, actual: String(c.written), expected: String(c.expected) });
    }
  }
}
