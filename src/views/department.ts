// What a department's schedule shows: the projects that name the department (with description
// and the other departments sharing them), grouped by 基本方針, then 全庁共通（各課）: the projects
// that concern every department (contract.md "各課"), compact; a department's own file lists
// there only those it does not list already. A pure function of the plan.
import type { Config } from "../config/schema.js";
import { inPeriod } from "../fiscal.js";
import type { Plan, Project } from "../model/schema.js";
import { uniqueFileNames } from "../output/filename.js";
import { projectsInPlanOrder, scheduleRow, type ScheduleRow } from "./gantt.js";

export interface DepartmentProject extends ScheduleRow {
  description: string[];
  /** The other departments named on the project (and 各課 when it has it). */
  coDepartments: string[];
  policy: string;
}

export interface DepartmentSheet {
  department: string;
  /** File name inside departments/ (sanitised, unique across departments). */
  fileName: string;
  own: DepartmentProject[];
  /** The own projects under their 基本方針, in plan order. */
  groups: { policy: string; projects: DepartmentProject[] }[];
  /** The 各課 projects the sheet does not list among its own (its file's 全庁共通 part). */
  rest: ScheduleRow[];
}

export interface DepartmentsView {
  title: string;
  period: { start: number; end: number };
  asOf: number;
  /** The as-of year's column is shaded: it falls in the period. */
  asOfShown: boolean;
  sheets: DepartmentSheet[];
  /**
   * The 各課 projects: one section shared by every department's sheet (the same for all, so it
   * is laid out once and appended to each department's file).
   */
  common: ScheduleRow[];
}

function departmentProject(p: Project, department: string, config: Config): DepartmentProject {
  const row = scheduleRow(p, config);
  return { ...row, description: p.description, coDepartments: row.departments.filter((d) => d !== department), policy: p.policy };
}

/** The departments that get files of their own (schedules, progress forms), in plan order: never 各課. */
export function departmentsWithFiles(plan: Plan, config: Config): string[] {
  return plan.departments.filter((d) => d !== config.allDepartmentsMarker);
}

/**
 * The one place department file names are decided (departments/<課>.pdf, the forms' <課>.xlsx):
 * sanitised, unique in their folder, and the same name for a department in every folder.
 */
export function departmentFileNames(plan: Plan, config: Config, ext: ".pdf" | ".xlsx"): Map<string, string> {
  return uniqueFileNames(departmentsWithFiles(plan, config), ext);
}

export function departmentsView(plan: Plan, config: Config, asOf: number): DepartmentsView {
  const ordered = projectsInPlanOrder(plan);
  const departments = departmentsWithFiles(plan, config);
  const files = departmentFileNames(plan, config, ".pdf");
  const common = ordered.filter((p) => p.allDepartments);
  return {
    title: config.title ?? plan.plan.title,
    period: plan.plan.period,
    asOf,
    asOfShown: inPeriod(plan.plan.period, asOf),
    sheets: departments.map((department) => {
      const own = ordered.filter((p) => p.departments.includes(department)).map((p) => departmentProject(p, department, config));
      return {
        department,
        fileName: files.get(department)!,
        own,
        groups: byPolicy(own),
        rest: common.filter((p) => !p.departments.includes(department)).map((p) => scheduleRow(p, config)),
      };
    }),
    common: common.map((p) => scheduleRow(p, config)),
  };
}

/** Projects (in plan order) under their 基本方針: a policy's projects follow each other in plan order. */
function byPolicy(projects: readonly DepartmentProject[]): DepartmentSheet["groups"] {
  const groups: DepartmentSheet["groups"] = [];
  for (const p of projects) {
    const last = groups.at(-1);
    if (last?.policy === p.policy) last.projects.push(p);
    else groups.push({ policy: p.policy, projects: [p] });
  }
  return groups;
}
