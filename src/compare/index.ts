// The compare stage: two plan models → the change list (contract.md, "Change list JSON"). Pure:
// doubtful matches become diagnostics in the bag, naming both projects, so the user can settle
// them with the mapping (--map / the config's compare.mapping).
import type { DiagnosticBag } from "../diagnostics/bag.js";
import type { Plan, Project } from "../model/schema.js";
import { type Doubt, matchProjects, type Pair } from "./match.js";
import type { Change, ChangeList, Mapping, PlanChange, ProjectSummary } from "./schema.js";
import { comparable, departmentKey, descriptionKey, scheduleKey, shiftedSchedule } from "./similarity.js";
import { matchTree } from "./tree.js";

export interface CompareInput {
  plan: Plan;
  /** The input file as diagnostics name it. */
  file: string;
}

const placeOf = (p: Project) => ({ policy: p.policy, measure: p.measure, initiative: p.initiative });

/**
 * A project's name as the plan prints it, with its 再掲 mark (the mark is part of the name the
 * council reads: an added 再掲 had read as a new project of the same name as its original).
 */
const printedName = (p: Project): string => (p.relistMark ? `${p.name}${p.relistMark}` : p.name);

function summaryOf(p: Project): ProjectSummary {
  return { no: p.no, name: printedName(p), place: placeOf(p), departments: p.departments, allDepartments: p.allDepartments, description: p.description, schedule: p.schedule };
}

/** One change per aspect in which a matched project differs. */
function pairChanges(pair: Pair, moved: boolean): Change[] {
  const { old: o, new: n } = pair;
  const base = { oldNo: o.no, newNo: n.no, name: printedName(n) };
  const out: Change[] = [];
  // A project that became a 再掲 or stopped being one: its printed name changed (the mark is part
  // of what the council reads), said with the mark. Marks written differently (（再掲） and
  // （No.12の再掲）, as planpress's own workbook writes them) are no change.
  const relisting = (o.relistMark === null) !== (n.relistMark === null);
  if (relisting || comparable(o.name) !== comparable(n.name)) out.push({ kind: "renamed", ...base, old: printedName(o), new: printedName(n) });
  if (moved) out.push({ kind: "moved", ...base, old: placeOf(o), new: placeOf(n) });
  // the first-named department leads (主管課): naming another first is a change, other reordering is not
  const lead = (p: Project) => comparable(p.departments[0] ?? "");
  if (departmentKey(o) !== departmentKey(n) || lead(o) !== lead(n)) {
    out.push({ kind: "departments", ...base, old: { departments: o.departments, allDepartments: o.allDepartments }, new: { departments: n.departments, allDepartments: n.allDepartments } });
  }
  if (descriptionKey(o) !== descriptionKey(n)) out.push({ kind: "description", ...base, old: o.description, new: n.description });
  if (scheduleKey(o) !== scheduleKey(n)) out.push({ kind: "schedule", ...base, old: o.schedule, new: n.schedule });
  return out;
}

function planChanges(oldPlan: Plan, newPlan: Plan): PlanChange[] {
  const out: PlanChange[] = [];
  if (comparable(oldPlan.plan.title) !== comparable(newPlan.plan.title)) out.push({ aspect: "title", old: oldPlan.plan.title, new: newPlan.plan.title });
  const [a, b] = [oldPlan.plan.period, newPlan.plan.period];
  if (a.start !== b.start || a.end !== b.end) out.push({ aspect: "period", old: { ...a }, new: { ...b } });
  return out;
}

/**
 * Departments renamed throughout (a reorganisation: 情報政策課 → DX推進課): a name the revision no
 * longer uses, where every project found in both versions that named it names one new name
 * instead, the same in all of them (besides other new names of some), and that name stands in no
 * other of them. Two projects at
 * least: one project given a new department is a change of that project alone.
 */
function departmentRenames(oldPlan: Plan, newPlan: Plan, pairs: readonly Pair[]): { old: string; new: string; projects: number }[] {
  const keys = (p: Project) => p.departments.map(comparable);
  const used = (plan: Plan) => new Set(plan.projects.flatMap(keys));
  const [before, after] = [used(oldPlan), used(newPlan)];
  const written = new Map([...oldPlan.projects, ...newPlan.projects].flatMap((p) => p.departments.map((d) => [comparable(d), d] as const)).reverse());
  const out: { old: string; new: string; projects: number }[] = [];
  for (const gone of [...before].filter((d) => !after.has(d))) {
    const named = pairs.filter((p) => keys(p.old).includes(gone));
    if (named.length < 2) continue;
    // the one new name all of them took (a project also given a second new department had hidden
    // the reorganisation: each of the 40 projects then told as its own change alone)
    const gained = named.map((p) => new Set(keys(p.new).filter((d) => !before.has(d))));
    const common = [...gained[0]!].filter((d) => gained.every((g) => g.has(d)));
    const [come] = common;
    if (common.length !== 1 || !come) continue;
    if (pairs.some((p) => keys(p.new).includes(come) && !keys(p.old).includes(gone))) continue;
    out.push({ old: written.get(gone) ?? gone, new: written.get(come) ?? come, projects: named.length });
  }
  return out;
}

/**
 * A department split (a reorganisation that gives part of a 課's work to a new 課: 情報政策課 →
 * DX推進課 for some projects, 情報政策課 kept for the others): every project found in both versions
 * that named the old name either keeps it, given no new name, or names one new name in its place;
 * a new name taken by two projects at least, and named by no other of them, is one split. Told as
 * one change of the plan with the projects it took, where it had been a 担当課の変更 of each
 * project, the reorganisation nowhere said. A name gone whole into one new name is a rename
 * (departmentRenames); into several, each new name's share is a split (`kept` 0).
 */
function departmentSplits(oldPlan: Plan, newPlan: Plan, pairs: readonly Pair[], renamed: ReadonlySet<string>): { old: string; new: string; projects: number; nos: number[]; kept: number }[] {
  const keys = (p: Project) => p.departments.map(comparable);
  const before = new Set(oldPlan.projects.flatMap(keys));
  const written = new Map([...oldPlan.projects, ...newPlan.projects].flatMap((p) => p.departments.map((d) => [comparable(d), d] as const)).reverse());
  const out: { old: string; new: string; projects: number; nos: number[]; kept: number }[] = [];
  for (const from of [...before].filter((d) => !renamed.has(d))) {
    const named = pairs.filter((p) => keys(p.old).includes(from));
    const took = new Map<string, Pair[]>();
    const each = named.map((p) => {
      const gained = keys(p.new).filter((d) => !before.has(d));
      const kept = keys(p.new).includes(from);
      if (kept) return !gained.length;
      if (gained.length !== 1) return false;
      took.set(gained[0]!, [...took.get(gained[0]!) ?? [], p]);
      return true;
    });
    if (!each.every(Boolean)) continue;
    const kept = named.length - [...took.values()].reduce((n, moved) => n + moved.length, 0);
    for (const [to, moved] of took) {
      if (moved.length < 2 || pairs.some((p) => keys(p.new).includes(to) && !keys(p.old).includes(from))) continue;
      out.push({ old: written.get(from) ?? from, new: written.get(to) ?? to, projects: moved.length, nos: moved.map((p) => p.new.no).sort((a, b) => a - b), kept });
    }
  }
  return out;
}

/**
 * Every schedule moved by the same years (the plan's work slipped a year): the shift that explains
 * the schedules of more than half the projects found in both, each as it was moved within the
 * revision's period. Told as one change of the plan: 56 blocks of bars had each shown the same
 * year's delay. Fewer projects moved alike are each its own change.
 */
function scheduleShift(pairs: readonly Pair[], period: Plan["plan"]["period"]): { years: number; projects: number } | null {
  const tally = new Map<number, number>();
  for (const { old: o, new: n } of pairs) {
    if (!o.schedule.length || !n.schedule.length || scheduleKey(o) === scheduleKey(n)) continue;
    // (later: the first year moves whole, the last may be cut at the period's end; earlier, the reverse)
    const span = (p: Project) => [Math.min(...p.schedule.map((x) => x.from)), Math.max(...p.schedule.map((x) => x.to))];
    const [[a, b], [c, d]] = [span(o), span(n)];
    for (const years of new Set([c! - a!, d! - b!])) {
      if (years && scheduleKey({ schedule: shiftedSchedule(o.schedule, years, period) }) === scheduleKey(n)) tally.set(years, (tally.get(years) ?? 0) + 1);
    }
  }
  const [best] = [...tally].sort((x, y) => y[1] - x[1]);
  return best && best[1] * 2 > pairs.length ? { years: best[0], projects: best[1] } : null;
}

/**
 * Changes in the revision's order: each project's where its new No puts it, a removed project
 * after the project that preceded it in the plan in force.
 */
function ordered(changes: Change[], pairs: readonly Pair[]): Change[] {
  // A removed project goes after the project before it in the plan in force — of the projects that
  // kept their order (the longest run of pairs whose new Nos rise with the old: pairs come sorted by
  // old No). A project moved far had dragged every later removal with it (to the table's end).
  const kept = risingRun(pairs.map((p) => p.new.no));
  const oldNos = pairs.map((p) => p.old.no);
  const anchor = (oldNo: number) => {
    let at = 0;
    for (const i of kept) if (oldNos[i]! < oldNo) at = pairs[i]!.new.no; else break;
    return at + 0.5;
  };
  const key = (c: Change) => (c.newNo ?? anchor(c.oldNo!));
  return changes
    .map((c, i) => ({ c, i, k: key(c) }))
    .sort((x, y) => x.k - y.k || (x.c.oldNo ?? 0) - (y.c.oldNo ?? 0) || x.i - y.i)
    .map((x) => x.c);
}

/** The indices of a longest strictly rising run (not necessarily contiguous) of `values`, in order. */
function risingRun(values: readonly number[]): number[] {
  const tails: number[] = [];
  const before = new Array<number>(values.length).fill(-1);
  values.forEach((v, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (values[tails[mid]!]! < v) lo = mid + 1; else hi = mid; }
    if (lo > 0) before[i] = tails[lo - 1]!;
    tails[lo] = i;
  });
  const run: number[] = [];
  for (let i = tails.at(-1) ?? -1; i >= 0; i = before[i]!) run.unshift(i);
  return run;
}

function tellDoubt(d: Doubt, oldFile: string, newFile: string, bag: DiagnosticBag): void {
  const pct = (s: number) => Math.round(s * 100);
  if (d.kind === "near") {
    bag.add("PP703", { file: newFile }, { old: d.old.no, oldName: d.old.name, new: d.new.no, newName: d.new.name, score: pct(d.score) }, { projectNo: d.new.no, relatedNo: d.old.no });
    return;
  }
  const { pair } = d;
  if (d.kind === "weak") {
    bag.add("PP702", { file: newFile }, { old: pair.old.no, oldName: pair.old.name, new: pair.new.no, newName: pair.new.name, score: pct(pair.score) }, { projectNo: pair.new.no, relatedNo: pair.old.no });
    return;
  }
  if (d.rivalSide === "new") {
    bag.add("PP701", { file: newFile }, { side: "old", no: pair.old.no, name: pair.old.name, chosen: pair.new.no, chosenName: pair.new.name, other: d.rival.no, otherName: d.rival.name },
      { projectNo: pair.new.no, relatedNo: d.rival.no });
  } else {
    bag.add("PP701", { file: oldFile }, { side: "new", no: pair.new.no, name: pair.new.name, chosen: pair.old.no, chosenName: pair.old.name, other: d.rival.no, otherName: d.rival.name },
      { projectNo: pair.old.no, relatedNo: d.rival.no });
  }
}

export function comparePlans(oldIn: CompareInput, newIn: CompareInput, mapping: Mapping, bag: DiagnosticBag): Omit<ChangeList, "diagnostics"> {
  const oldPlan = oldIn.plan;
  const newPlan = newIn.plan;
  const matching = matchProjects(oldPlan.projects, newPlan.projects, mapping);
  for (const d of matching.doubts) tellDoubt(d, oldIn.file, newIn.file, bag);
  const tree = matchTree(oldPlan.projects, newPlan.projects, matching.pairs);
  const changes: Change[] = [
    ...matching.added.map((p): Change => ({ kind: "added", oldNo: null, newNo: p.no, name: printedName(p), old: null, new: summaryOf(p) })),
    ...matching.removed.map((p): Change => ({ kind: "removed", oldNo: p.no, newNo: null, name: printedName(p), old: summaryOf(p), new: null })),
    ...matching.pairs.flatMap((p) => pairChanges(p, tree.moved(p))),
  ];
  const renames = departmentRenames(oldPlan, newPlan, matching.pairs);
  for (const r of renames) bag.add("PP707", { file: newIn.file }, { old: r.old, new: r.new, projects: r.projects });
  const splits = departmentSplits(oldPlan, newPlan, matching.pairs, new Set(renames.map((r) => comparable(r.old))));
  for (const r of splits) bag.add("PP717", { file: newIn.file }, { old: r.old, new: r.new, projects: r.projects, kept: r.kept });
  const shift = scheduleShift(matching.pairs, newPlan.plan.period);
  const info = (p: Plan) => ({ title: p.plan.title, period: { ...p.plan.period }, projects: p.projects.length });
  return {
    old: info(oldPlan),
    new: info(newPlan),
    pairs: matching.pairs.map((p): [number, number] => [p.old.no, p.new.no]),
    planChanges: [...planChanges(oldPlan, newPlan), ...tree.changes, ...renames.map((r): PlanChange => ({ aspect: "department", ...r })),
      ...splits.map((r): PlanChange => ({ aspect: "departmentSplit", ...r })), ...(shift ? [{ aspect: "scheduleShift" as const, ...shift }] : [])],
    changes: ordered(changes, matching.pairs),
  };
}

/**
 * A change list with a change of every kind and of every aspect of the plan itself, made of the
 * plan's own first project and names: `check` renders the 新旧対照表's templates against it (it has
 * no second plan to compare with), so each of their branches is rendered once.
 */
export function everyChange(plan: Plan): ChangeList {
  const info = { title: plan.plan.title, period: { ...plan.plan.period }, projects: plan.projects.length };
  const p = plan.projects[0];
  const base = p && { oldNo: p.no, newNo: p.no, name: printedName(p) };
  const departments = p && { departments: p.departments, allDepartments: p.allDepartments };
  const changes: Change[] = !p || !base || !departments ? [] : [
    { kind: "added", oldNo: null, newNo: p.no, name: printedName(p), old: null, new: summaryOf(p) },
    { kind: "removed", oldNo: p.no, newNo: null, name: printedName(p), old: summaryOf(p), new: null },
    { kind: "renamed", ...base, old: printedName(p), new: printedName(p) },
    { kind: "moved", ...base, old: placeOf(p), new: placeOf(p) },
    { kind: "departments", ...base, old: departments, new: departments },
    { kind: "description", ...base, old: p.description, new: p.description },
    { kind: "schedule", ...base, old: p.schedule, new: p.schedule },
  ];
  const within = p ? [p.policy] : [];
  return {
    old: info, new: info, pairs: p ? [[p.no, p.no]] : [],
    planChanges: [
      { aspect: "title", old: info.title, new: info.title },
      { aspect: "period", old: info.period, new: info.period },
      ...(p?.departments[0] ? [{ aspect: "department" as const, old: p.departments[0], new: p.departments[0], projects: 1 }] : []),
      ...(p ? [{ aspect: "policy" as const, old: p.policy, new: p.policy, within: [] }, { aspect: "measure" as const, old: p.measure.title, new: p.measure.title, within }] : []),
    ],
    changes,
    diagnostics: [],
  };
}
