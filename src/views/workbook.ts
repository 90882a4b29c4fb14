// What the workbook's sheets show (事業一覧, 工程表, 担当課別, 体系, 診断): pure functions of the
// plan. The drawing (cells, fills, print set-up) is in src/render/workbook.ts.
import type { Config } from "../config/schema.js";
import { hasLevel, type Phase, type Plan, type Project } from "../model/schema.js";
import { yearsOf } from "../fiscal.js";
import { departmentNames, markedName } from "./gantt.js";
import { relistRef, type RelistRef } from "./relist.js";

/** The phases of a project that cover fiscal year `year`. */
export function phasesInYear(project: Project, year: number): Phase[] {
  return project.schedule.filter((ph) => ph.from <= year && year <= ph.to);
}

/** The planned phase labels for a year, as one text (empty when nothing is planned). */
export function plannedLabel(project: Project, year: number): string {
  return phasesInYear(project, year).map((ph) => ph.label).join("、");
}

const numbered = (n: number | null): number | "" => (n === null ? "" : n);

/** 事業一覧: one row per project with every field of the model. */
export interface ProjectRow {
  no: number;
  policy: string;
  measureNumber: number | "";
  measure: string;
  initiativeNumber: number | "";
  initiative: string;
  name: string;
  /** The named departments (各課 has its own column). */
  departments: string[];
  allDepartments: boolean;
  description: string;
  /** The phase label(s) per fiscal year of the plan period. */
  years: string[];
  notes: string;
  /** A 再掲's original No when found, and its mark as written (worded by views/relist.ts). */
  relistOf: number | null;
  relistMark: string | null;
}

/** A plan of two levels (施策 › 事業): no project has an initiative. */
export const hasInitiatives = (plan: Plan): boolean => plan.projects.some((p) => p.initiative !== null);
/** A plan of one level (基本方針 › 事業): no project has a measure. */
export const hasMeasures = (plan: Plan): boolean => plan.projects.some((p) => hasLevel(p.measure));

export function projectRows(plan: Plan): ProjectRow[] {
  const years = yearsOf(plan.plan.period);
  return plan.projects.map((p) => ({
    no: p.no,
    policy: p.policy,
    measureNumber: numbered(p.measure.number),
    measure: p.measure.title,
    initiativeNumber: numbered(p.initiative?.number ?? null),
    initiative: p.initiative?.title ?? "",
    name: p.name,
    departments: p.departments,
    allDepartments: p.allDepartments,
    description: p.description.map((d) => `・${d}`).join("\n"),
    years: years.map((y) => plannedLabel(p, y)),
    // with its phase, as a year cell writes it: read back as that phase's note (normalise, PP373)
    notes: p.schedule.filter((ph) => ph.note).map((ph) => `${ph.label}※${ph.note}`).join("\n"),
    relistOf: p.relistOf,
    relistMark: p.relistMark,
  }));
}

/** 工程表: a bar is a phase clipped to the plan period; a lane holds bars that do not overlap. */
export interface GanttBar { label: string; category: string; from: number; to: number }
/** `departments`: names, its lines broken between them when drawn (render/xlsx/metrics.ts nameLines). */
export interface GanttProject { no: number; name: string; departments: string[]; lanes: GanttBar[][]; notes: string[] }
export interface GanttGroup { policy: string; projects: GanttProject[] }

export function ganttGroups(plan: Plan, config: Config, mark: (ref: RelistRef) => string): GanttGroup[] {
  const { start, end } = plan.plan.period;
  const groups: GanttGroup[] = [];
  for (const p of plan.projects) {
    let g = groups.find((x) => x.policy === p.policy);
    if (!g) groups.push((g = { policy: p.policy, projects: [] }));
    const lanes: GanttBar[][] = [];
    for (const ph of [...p.schedule].sort((a, b) => a.from - b.from)) {
      // A phase the plan marked without a label (●) is a plain bar: its stand-in label is not printed on it.
      const bar = { label: ph.unlabelled ? "" : ph.label, category: ph.category, from: Math.max(ph.from, start), to: Math.min(ph.to, end) };
      if (bar.from > bar.to) continue;
      const lane = lanes.find((l) => l.every((b) => b.to < bar.from || b.from > bar.to));
      if (lane) lane.push(bar); else lanes.push([bar]);
    }
    if (lanes.length === 0) lanes.push([]);
    g.projects.push({
      no: p.no, name: markedName(p.name, relistRef(p), mark),
      departments: departmentNames(p, config.allDepartmentsMarker),
      lanes, notes: p.schedule.flatMap((ph) => (ph.note ? [`※${ph.note}`] : [])),
    });
  }
  return groups;
}

/**
 * 担当課別: a department × project matrix. A project is marked `named` under each department it
 * names and `common` under every other department when it concerns all (各課); rows are grouped
 * by policy, and each department's count covers the projects that name it.
 */
export type DepartmentMark = "named" | "common" | null;
export interface MatrixRow { no: number; name: string; allDepartments: boolean; marks: DepartmentMark[] }
export interface DepartmentMatrix { departments: string[]; groups: { policy: string; rows: MatrixRow[] }[]; counts: number[] }

export function departmentMatrix(plan: Plan, mark: (ref: RelistRef) => string): DepartmentMatrix {
  const departments = plan.departments;
  const groups: DepartmentMatrix["groups"] = [];
  for (const p of plan.projects) {
    let g = groups.find((x) => x.policy === p.policy);
    if (!g) groups.push((g = { policy: p.policy, rows: [] }));
    g.rows.push({
      no: p.no, name: markedName(p.name, relistRef(p), mark), allDepartments: p.allDepartments,
      marks: departments.map((d) => (p.departments.includes(d) ? "named" : p.allDepartments ? "common" : null)),
    });
  }
  const counts = departments.map((d) => plan.projects.filter((p) => p.departments.includes(d)).length);
  return { departments, groups, counts };
}

/** 体系: the policy tree with project counts. */
export interface TreeRow { level: 0 | 1 | 2; number: number | ""; title: string; count: number; projects: number[] }

export function policyTree(plan: Plan): TreeRow[] {
  const rows: TreeRow[] = [];
  for (const pol of plan.policies) {
    const nos = pol.measures.flatMap((m) => m.initiatives.flatMap((i) => i.projects));
    // A plan of one level: the policy's stand-in measure is no row, the policy lists the projects.
    const measures = pol.measures.filter(hasLevel);
    rows.push({ level: 0, number: "", title: pol.name, count: nos.length, projects: measures.length ? [] : nos });
    for (const m of measures) {
      const mNos = m.initiatives.flatMap((i) => i.projects);
      // A plan of two levels: the measure's stand-in initiative (no number, no title) is no row.
      const levels = m.initiatives.filter(hasLevel);
      rows.push({ level: 1, number: numbered(m.number), title: m.title, count: mNos.length, projects: levels.length ? [] : mNos });
      for (const i of levels) rows.push({ level: 2, number: numbered(i.number), title: i.title, count: i.projects.length, projects: i.projects });
    }
  }
  return rows;
}

