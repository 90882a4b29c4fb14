// Revisions of a plan built in code, the way a 中間見直し changes a plan: a project renamed,
// removed or added (the later ones renumbered), moved to another 基本方針, its departments,
// description or schedule edited. Each returns a new plan; the old one is left as it was.
import type { Phase, Plan, Project } from "../../src/model/schema.js";
import { planOf } from "./plan-model.js";

const clone = <T>(x: T): T => structuredClone(x);

/** The plan with its projects replaced, renumbered 1, 2, 3 … in order when `renumber` (再掲 links follow). */
export function withProjects(plan: Plan, projects: Project[], renumber = false): Plan {
  if (renumber) {
    const newNo = new Map(projects.map((p, i) => [p.no, i + 1]));
    projects = projects.map((p, i) => ({ ...p, no: i + 1, relistOf: p.relistOf === null ? null : newNo.get(p.relistOf) ?? null }));
  }
  const out = planOf(projects, plan.plan.title);
  out.plan.period = { ...plan.plan.period };
  return out;
}

function edit(plan: Plan, no: number, change: (p: Project) => void): Plan {
  const projects = clone(plan.projects);
  const p = projects.find((x) => x.no === no);
  if (!p) throw new Error(`no project No.${no}`);
  change(p);
  return withProjects(plan, projects);
}

/** Projects that are neither a 再掲 nor re-listed: an edit of one of them changes one project only. */
export function standalone(plan: Plan): Project[] {
  const relisted = new Set(plan.projects.flatMap((p) => (p.relistOf === null ? [] : [p.relistOf])));
  return plan.projects.filter((p) => p.relistOf === null && p.relistMark === null && !relisted.has(p.no));
}

export const rename = (plan: Plan, no: number, name: string) => edit(plan, no, (p) => { p.name = name; });
export const setDepartments = (plan: Plan, no: number, departments: string[]) => edit(plan, no, (p) => { p.departments = departments; });
export const editDescription = (plan: Plan, no: number, f: (items: string[]) => string[]) => edit(plan, no, (p) => { p.description = f(p.description); });
export const setSchedule = (plan: Plan, no: number, f: (phases: Phase[]) => Phase[]) => edit(plan, no, (p) => { p.schedule = f(p.schedule); });

export function remove(plan: Plan, no: number): Plan {
  return withProjects(plan, clone(plan.projects).filter((p) => p.no !== no), true);
}

/** A new project inserted after No.`after` (taking its place in the tree), the later ones renumbered. */
export function insertAfter(plan: Plan, after: number, over: Partial<Project>): Plan {
  const projects = clone(plan.projects);
  const at = projects.findIndex((p) => p.no === after);
  const base = projects[at]!;
  projects.splice(at + 1, 0, { ...clone(base), no: -1, relistOf: null, relistMark: null, ...over });
  return withProjects(plan, projects, true);
}

/** The project moved to the end of another project's initiative (another 基本方針), renumbered. */
export function moveTo(plan: Plan, no: number, besideNo: number): Plan {
  const projects = clone(plan.projects);
  const [moved] = projects.splice(projects.findIndex((p) => p.no === no), 1);
  const beside = projects.find((p) => p.no === besideNo)!;
  Object.assign(moved!, { policy: beside.policy, measure: clone(beside.measure), initiative: clone(beside.initiative) });
  const last = projects.findLastIndex((p) => p.policy === beside.policy && p.measure.title === beside.measure.title && p.initiative.title === beside.initiative.title);
  projects.splice(last + 1, 0, moved!);
  return withProjects(plan, projects, true);
}
