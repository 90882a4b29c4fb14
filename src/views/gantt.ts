// What the 工程表 shows: every project in plan order, grouped by policy › measure, each row with
// its No, name, departments and schedule. A pure function of the plan; drawing is render/gantt.ts.
import type { Config } from "../config/schema.js";
import { inPeriod } from "../fiscal.js";
import type { Numbered, Phase, Plan, Project } from "../model/schema.js";
import { relistRef, type RelistRef } from "./relist.js";

export interface ScheduleRow {
  no: number;
  name: string;
  /** What its 再掲 names (printed after the name in the house style), or null. */
  relist: RelistRef | null;
  /** Departments as listed, with the every-department marker (各課) last when the project has it. */
  departments: string[];
  schedule: Phase[];
}

export interface MeasureGroup { measure: Numbered; rows: ScheduleRow[] }
export interface PolicyGroup { policy: string; measures: MeasureGroup[] }

export interface GanttView {
  title: string;
  period: { start: number; end: number };
  asOf: number;
  /** The as-of year's column is shaded: it falls in the period. */
  asOfShown: boolean;
  policies: PolicyGroup[];
}

/** A project's departments as listed: the named ones, then 各課 (the marker) when it concerns all. */
export function departmentNames(project: Project, marker: string): string[] {
  return project.allDepartments ? [...project.departments, marker] : [...project.departments];
}

/** A project's name with its 再掲, as lists print it (`mark`: the house style's words after a name). */
export const markedName = (name: string, ref: RelistRef | null, mark: (ref: RelistRef) => string): string =>
  (ref ? `${name}${mark(ref)}` : name);

export function scheduleRow(project: Project, config: Config): ScheduleRow {
  return {
    no: project.no,
    name: project.name,
    relist: relistRef(project),
    departments: departmentNames(project, config.allDepartmentsMarker),
    schedule: project.schedule,
  };
}

/**
 * Projects in the plan's order (policy › measure › initiative), each once; a project the tree
 * does not list (a model built from a flawed input) follows in input order rather than vanish.
 */
export function projectsInPlanOrder(plan: Plan): Project[] {
  const byNo = new Map(plan.projects.map((p) => [p.no, p]));
  const seen = new Set<number>();
  const out: Project[] = [];
  for (const policy of plan.policies) {
    for (const measure of policy.measures) {
      for (const initiative of measure.initiatives) {
        for (const no of initiative.projects) {
          const p = byNo.get(no);
          if (p && !seen.has(no)) { seen.add(no); out.push(p); }
        }
      }
    }
  }
  for (const p of plan.projects) if (!seen.has(p.no)) { seen.add(p.no); out.push(p); }
  return out;
}

/** Consecutive projects grouped by policy, then by measure (number and title). */
export function groupByPolicyAndMeasure<T>(projects: readonly Project[], row: (p: Project) => T): { policy: string; measures: { measure: Numbered; rows: T[] }[] }[] {
  const out: { policy: string; measures: { measure: Numbered; rows: T[] }[] }[] = [];
  for (const p of projects) {
    let policy = out.at(-1);
    if (!policy || policy.policy !== p.policy) { policy = { policy: p.policy, measures: [] }; out.push(policy); }
    let measure = policy.measures.at(-1);
    if (!measure || measure.measure.number !== p.measure.number || measure.measure.title !== p.measure.title) {
      measure = { measure: p.measure, rows: [] };
      policy.measures.push(measure);
    }
    measure.rows.push(row(p));
  }
  return out;
}

export function ganttView(plan: Plan, config: Config, asOf: number): GanttView {
  return {
    title: config.title ?? plan.plan.title,
    period: plan.plan.period,
    asOf,
    asOfShown: inPeriod(plan.plan.period, asOf),
    policies: groupByPolicyAndMeasure(projectsInPlanOrder(plan), (p) => scheduleRow(p, config)),
  };
}
