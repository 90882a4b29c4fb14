// What the 新旧対照表 shows: a pure function of the change list. The summary (counts by kind,
// the added and removed projects), the plan-level changes, then one entry per changed project
// with a row per changed aspect: the new text and the old text, their changed parts marked, or
// the old and the new schedule. Unchanged projects are left out. Words come from the template
// and templates/compare/wording.json; drawing is render/compare.ts.
import type { Change, ChangeKind, ChangeList, Place, PlanChange, ProjectSummary } from "../compare/schema.js";
import { CHANGE_KINDS } from "../compare/schema.js";
import { comparable, scheduleKey, shiftedSchedule } from "../compare/similarity.js";
import { markedDiff, type Segment } from "../compare/text-diff.js";
import { label as nodeLabel, LEVELS } from "../compare/tree.js";
import type { Phase } from "../model/schema.js";
import { initiativeLabel, measureLabel } from "./booklet.js";

/** The aspects a row can show (their words: wording.json `aspects`). */
export type Aspect = "title" | "period" | "policy" | "measure" | "initiative" | "department" | "departmentSplit" | "scheduleShift" | "name" | "place" | "departments" | "description" | "schedule" | "phases" | "notes";

export type CompareRow =
  | { aspect: Aspect; new: Segment[]; old: Segment[] }
  | { aspect: "schedule"; schedule: { new: Phase[]; old: Phase[] } };

type TextRow = Extract<CompareRow, { old: Segment[] }>;

export interface ProjectEntry {
  kinds: ChangeKind[];
  newNo: number | null;
  oldNo: number | null;
  name: string;
  rows: CompareRow[];
}

export interface Listed { no: number; name: string; policy: string }

/**
 * One change as a line of the workbook: plan-level changes have no kind and no Nos. The texts
 * before and after carry the marks the PDF prints (the changed characters, a department named on
 * one side only, an added or removed project's every text).
 */
export interface ChangeLine { kind: ChangeKind | null; oldNo: number | null; newNo: number | null; name: string; aspect: Aspect; before: Segment[]; after: Segment[] }

export interface CompareView {
  old: ChangeList["old"];
  new: ChangeList["new"];
  /** Changes by kind, every kind listed (zero included) in CHANGE_KINDS order. */
  counts: { kind: ChangeKind; count: number }[];
  /** Projects in both versions that changed in no aspect. */
  unchanged: number;
  /**
   * Projects whose 担当課の変更 a department renamed throughout or split explains (said in the plan's
   * rows, not in their blocks). These three count a project in each it has: one whose department
   * was renamed and whose 工程 follow the new period had been said as a department change 「だけ」.
   */
  renamedOnly: number;
  /** Projects whose move a 施策 or 取組 moved whole explains (said in the plan's rows). */
  movedOnly: number;
  /** Projects whose スケジュールの変更 the plan's new period or a shift of all explains (said in the plan's rows). */
  scheduleOnly: number;
  changedProjects: number;
  added: Listed[];
  removed: Listed[];
  planRows: CompareRow[];
  projects: ProjectEntry[];
  lines: ChangeLine[];
}

export interface CompareTexts {
  /** How a place in the policy tree is written between its levels. */
  placeSeparator: string;
  /** The every-department marker (各課), written after the named departments. */
  allDepartmentsMarker: string;
  /** A fiscal year's words, for the plan period. */
  year(y: number): string;
  /** The plan's row of every schedule moved `years` (later when positive): its old and new text. */
  shift(years: number, projects: number): { old: string; new: string };
  /** The new side of a department split's row: the names after it, the projects it took. */
  split(names: readonly string[], projects: number, nos: readonly number[]): string;
}

const whole = (text: string): Segment[] => (text ? [{ text, changed: true }] : []);

function textRow(aspect: Aspect, oldText: string, newText: string): TextRow {
  const d = markedDiff(oldText, newText);
  return { aspect, new: d.new, old: d.old };
}

export function placeText(place: Place, sep: string): string {
  const measure = `${measureLabel(place.measure.number)}${place.measure.title}`;
  const initiative = place.initiative ? `${initiativeLabel(place.initiative.number)}${place.initiative.title}` : "";
  return [place.policy, measure, initiative].filter(Boolean).join(sep);
}

/**
 * The departments' row: each name marked whole when the other side does not name it (a name is one
 * unit: 納税課 → 収納課 had marked 「税」 and 「収」, as a one-character edit of one department).
 */
function departmentsRow(old: { departments: string[]; allDepartments: boolean }, now: { departments: string[]; allDepartments: boolean }, marker: string): CompareRow {
  const names = (d: typeof old) => [...d.departments, ...(d.allDepartments ? [marker] : [])];
  const side = (own: string[], other: string[]): Segment[] => {
    const keys = new Set(other.map(comparable));
    return own.flatMap((n, i) => [...(i ? [{ text: "、", changed: false }] : []), { text: n, changed: !keys.has(comparable(n)) }]);
  };
  const [o, n] = [names(old), names(now)];
  return { aspect: "departments", old: side(o, n), new: side(n, o) };
}

export function departmentsText(d: { departments: string[]; allDepartments: boolean }, marker: string): string {
  return [...d.departments, ...(d.allDepartments ? [marker] : [])].join("、");
}

export function descriptionText(items: readonly string[]): string {
  return items.map((i) => `・${i.replace(/^[・･•]\s*/, "")}`).join("\n");
}

/** A phase's label and its years: 検討（令和8年度～令和9年度）. */
const phaseText = (p: Phase, year: (y: number) => string): string => `${p.label}（${p.from === p.to ? year(p.from) : `${year(p.from)}～${year(p.to)}`}）`;

export function scheduleText(phases: readonly Phase[], year: (y: number) => string): string {
  // (a note with its ※, as printed: without it, it had read as part of the schedule)
  return phases.map((p) => `${phaseText(p, year)}${p.note ? ` ${/^[※＊*]/u.test(p.note) ? "" : "※"}${p.note}` : ""}`).join("、");
}

/**
 * A whole project, an aspect a line (an added or removed project in the workbook): one cell under
 * 事業名 had held its name, place, departments, description and schedule, and a filter by 項目
 * missed them.
 */
function projectLines(p: ProjectSummary, side: "before" | "after", base: Omit<ChangeLine, "aspect" | "before" | "after">, t: CompareTexts): ChangeLine[] {
  const texts: [Aspect, string][] = [["name", p.name], ["place", placeText(p.place, t.placeSeparator)], ["departments", departmentsText(p, t.allDepartmentsMarker)],
    ["description", descriptionText(p.description)], ["schedule", scheduleText(p.schedule, t.year)]];
  return texts.map(([aspect, text]) => ({ ...base, aspect, before: side === "before" ? whole(text) : [], after: side === "after" ? whole(text) : [] }));
}

function linesOf(c: Change, t: CompareTexts): ChangeLine[] {
  const base = { kind: c.kind, oldNo: c.oldNo, newNo: c.newNo, name: c.name };
  if (c.kind === "added") return projectLines(c.new, "after", base, t);
  if (c.kind === "removed") return projectLines(c.old, "before", base, t);
  return [lineOf(c, t)];
}

/** A change as a line, marked as its row of the PDF; a schedule as its phases' text, the changed characters marked. */
function lineOf(c: Exclude<Change, { kind: "added" | "removed" }>, t: CompareTexts): ChangeLine {
  const base = { kind: c.kind, oldNo: c.oldNo, newNo: c.newNo, name: c.name };
  const row = c.kind === "schedule" ? textRow("schedule", scheduleText(c.old, t.year), scheduleText(c.new, t.year)) : rowOf(c, t)!;
  return { ...base, aspect: row.aspect, before: "old" in row ? row.old : [], after: "new" in row ? row.new : [] };
}

/** A plan-level change as a line: a tree node's name after its parents' (施策 (2) of which 基本方針). */
function planLine(c: PlanChange, t: CompareTexts): ChangeLine {
  const row = planRow(c, t);
  return { kind: null, oldNo: null, newNo: null, name: "", aspect: c.aspect, before: row.old, after: row.new };
}

function rowOf(c: Change, t: CompareTexts): CompareRow | null {
  switch (c.kind) {
    case "renamed": return textRow("name", c.old, c.new);
    case "moved": return textRow("place", placeText(c.old, t.placeSeparator), placeText(c.new, t.placeSeparator));
    case "departments": return departmentsRow(c.old, c.new, t.allDepartmentsMarker);
    case "description": return textRow("description", descriptionText(c.old), descriptionText(c.new));
    case "schedule": return { aspect: "schedule", schedule: { new: c.new, old: c.old } };
    default: return null;
  }
}

/** A schedule's phases as text, a line each. */
const phasesText = (phases: readonly Phase[], year: (y: number) => string): string => phases.map((p) => phaseText(p, year)).join("\n");

const labelsKey = (phases: readonly Phase[]): string => phases.map((p) => comparable(p.label)).join("\n");

/**
 * A schedule change whose phase names differ (検討 → 調査 over the same years): the phases as text
 * below the bars, the changed names marked. Shown in the bars alone, such a change carried no mark,
 * and a gray copy of two bars of the same years read as no change.
 */
function phasesRow(c: Change, t: CompareTexts): CompareRow | null {
  if (c.kind !== "schedule" || labelsKey(c.old) === labelsKey(c.new)) return null;
  return textRow("phases", phasesText(c.old, t.year), phasesText(c.new, t.year));
}

/** A schedule's ※ notes, each after its phase as the plan writes it (適用※検証結果次第), a line each. */
const notesText = (phases: readonly Phase[]): string => phases.filter((p) => p.note).map((p) => `${p.label}※${p.note}`).join("\n");

/**
 * A schedule change whose notes differ: the notes as text below the bars, their changed words
 * marked. Drawn under the bars only, a changed or dropped note had carried no mark at all.
 */
function notesRow(c: Change): CompareRow | null {
  if (c.kind !== "schedule") return null;
  const [before, after] = [notesText(c.old), notesText(c.new)];
  return before === after ? null : textRow("notes", before, after);
}

/** A whole project on one side (added: new; removed: old), every text marked. */
function wholeRows(p: ProjectSummary, side: "new" | "old", t: CompareTexts): CompareRow[] {
  const row = (aspect: Aspect, text: string): CompareRow => (side === "new" ? { aspect, new: whole(text), old: [] } : { aspect, new: [], old: whole(text) });
  return [
    row("name", p.name),
    row("place", placeText(p.place, t.placeSeparator)),
    row("departments", departmentsText(p, t.allDepartmentsMarker)),
    row("description", descriptionText(p.description)),
    { aspect: "schedule", schedule: side === "new" ? { new: p.schedule, old: [] } : { new: [], old: p.schedule } },
  ];
}

function planRow(c: PlanChange, t: CompareTexts): TextRow {
  if (c.aspect === "scheduleShift") {
    const shift = t.shift(c.years, c.projects);
    return textRow(c.aspect, shift.old, shift.new);
  }
  // a split: the old name beside the new one while some projects keep it, with the projects the new one took
  if (c.aspect === "departmentSplit") return textRow(c.aspect, c.old, t.split(c.kept ? [c.old, c.new] : [c.new], c.projects, c.nos));
  const parents = (names: readonly string[] | undefined) => (names ?? []).map((w) => `${w}${t.placeSeparator}`).join("");
  const within = (side: "old" | "new") => ("within" in c ? parents(side === "old" ? c.oldWithin ?? c.within : c.within) : "");
  // A node of no name: the version has no 取組 level there (a plan of two levels). Nothing, not
  // its parents and a dangling separator, which had read as the 取組 renamed to an empty name.
  const text = (side: "old" | "new") => (c.aspect === "period" ? `${t.year(c[side].start)}～${t.year(c[side].end)}` : c[side] ? `${within(side)}${c[side]}` : "");
  return textRow(c.aspect, text("old"), text("new"));
}

/**
 * A project's 担当課の変更 that the plan-level renames or splits explain whole (情報政策課 → デジタル推進課,
 * each name in its place, nothing else): the 新旧対照表 says the rename once, in the plan's rows,
 * not again in a block per project (a reorganisation had filled the table with 40 such blocks).
 * The change list keeps each project's change.
 */
function saidByRename(c: Change, planChanges: readonly PlanChange[]): boolean {
  if (c.kind !== "departments") return false;
  // (a split renames the old name in the projects it took only)
  const renames = new Map(planChanges.flatMap((r) => (r.aspect === "department" || (r.aspect === "departmentSplit" && r.nos.includes(c.newNo))
    ? [[comparable(r.old), comparable(r.new)] as const] : [])));
  if (!renames.size || c.old.allDepartments !== c.new.allDepartments) return false;
  const renamed = c.old.departments.map((d) => renames.get(comparable(d)) ?? comparable(d));
  return renamed.join("\n") === c.new.departments.map(comparable).join("\n");
}

/**
 * A project's 体系上の位置の変更 that a node moved whole explains (a 基本方針 split in two, its 施策
 * going with the new one): the 新旧対照表 says it once, in the plan's rows (nine blocks had each
 * told the same move of four 施策). The change list keeps each project's move.
 */
function saidByMove(c: Change, planChanges: readonly PlanChange[]): boolean {
  if (c.kind !== "moved") return false;
  const path = (p: Place) => LEVELS.map((l) => comparable(nodeLabel(p, l)));
  const [from, to] = [path(c.old), path(c.new)];
  const same = (a: readonly string[], b: readonly string[]) => a.every((x, i) => comparable(x) === b[i]);
  return planChanges.some((n) => (n.aspect === "measure" || n.aspect === "initiative") && n.oldWithin !== undefined
    && same([...n.oldWithin, n.old], from) && same([...n.within, n.new], to)
    && same(from.slice(n.within.length + 1), to.slice(n.within.length + 1)));
}

/**
 * A project's スケジュールの変更 that the plan's new period explains whole: each phase that ran to the
 * old period's last year runs to the new one (from its first year, from the new first year),
 * nothing else. The 新旧対照表 says the period once, in the plan's rows: a period extended by a
 * year (令和8–12 → 令和8–13) had made a block of two bars for every project, 13 pages saying one
 * change. A phase that no longer fits (one of the dropped year alone) stays the project's change.
 * So is one that the plan's every schedule moved alike explains (said once, 全体の工程).
 */
function saidBySchedule(c: Change, list: ChangeList): boolean {
  if (c.kind !== "schedule") return false;
  const same = (phases: Phase[]) => scheduleKey({ schedule: phases }) === scheduleKey({ schedule: c.new });
  return list.planChanges.some((p) => {
    if (p.aspect === "scheduleShift") return same(shiftedSchedule(c.old, p.years, list.new.period));
    if (p.aspect !== "period") return false;
    const { old: was, new: now } = p;
    const stretched = c.old.map((ph) => ({ ...ph, from: ph.from === was.start ? now.start : ph.from, to: ph.to === was.end ? now.end : ph.to }));
    return stretched.every((ph) => ph.from <= ph.to) && same(stretched);
  });
}

export function compareView(list: ChangeList, t: CompareTexts): CompareView {
  const changes = list.changes.filter((c) => !saidByRename(c, list.planChanges) && !saidByMove(c, list.planChanges) && !saidBySchedule(c, list));
  const projects: ProjectEntry[] = [];
  for (const c of changes) {
    const last = projects.at(-1);
    const same = last && c.kind !== "added" && c.kind !== "removed" && last.oldNo === c.oldNo && last.newNo === c.newNo;
    const entry: ProjectEntry = same ? last : { kinds: [], newNo: c.newNo, oldNo: c.oldNo, name: c.name, rows: [] };
    if (!same) projects.push(entry);
    entry.kinds.push(c.kind);
    if (c.kind === "added") entry.rows.push(...wholeRows(c.new, "new", t));
    else if (c.kind === "removed") entry.rows.push(...wholeRows(c.old, "old", t));
    else {
      for (const r of [rowOf(c, t), phasesRow(c, t), notesRow(c)]) if (r) entry.rows.push(r);
    }
  }
  const listed = (p: ProjectSummary): Listed => ({ no: p.no, name: p.name, policy: p.place.policy });
  const changedPairs = projects.filter((p) => p.oldNo !== null && p.newNo !== null).length;
  const shownOld = new Set(changes.map((c) => c.oldNo));
  // (the changes the plan's rows tell: a department renamed or split, a node moved whole, phases
  // following the new period or moved with all)
  const said = list.changes.filter((c) => !changes.includes(c));
  const projectsWith = (kind: ChangeKind) => new Set(said.filter((c) => c.kind === kind).map((c) => c.oldNo)).size;
  const saidOnly = new Set(said.filter((c) => !shownOld.has(c.oldNo)).map((c) => c.oldNo)).size;
  return {
    old: list.old,
    new: list.new,
    counts: CHANGE_KINDS.map((kind) => ({ kind, count: changes.filter((c) => c.kind === kind).length })),
    unchanged: list.pairs.length - changedPairs - saidOnly,
    renamedOnly: projectsWith("departments"),
    movedOnly: projectsWith("moved"),
    scheduleOnly: projectsWith("schedule"),
    changedProjects: projects.length,
    added: changes.flatMap((c) => (c.kind === "added" ? [listed(c.new)] : [])),
    removed: changes.flatMap((c) => (c.kind === "removed" ? [listed(c.old)] : [])),
    planRows: list.planChanges.map((c) => planRow(c, t)),
    projects,
    lines: [...list.planChanges.map((c) => planLine(c, t)), ...changes.flatMap((c) => linesOf(c, t))],
  };
}
