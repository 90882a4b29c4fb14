// What a department's progress form shows: its own projects (rows to be reported), then the
// 各課 projects it may report on (contract.md, "各課"). Pure.
import type { Config } from "../config/schema.js";
import type { Plan, Project } from "../model/schema.js";
import { departmentNames } from "../views/gantt.js";
import { plannedLabel } from "../views/workbook.js";

export interface FormRow {
  no: number;
  name: string;
  /** The planned phase(s) for the form's year, from the schedule. */
  planned: string;
  /** The other departments of the project (and 各課 when it concerns all). */
  coDepartments: string[];
}

export interface FormView {
  department: string;
  year: number;
  own: FormRow[];
  common: FormRow[];
}

function row(p: Project, department: string, year: number, config: Config): FormRow {
  return { no: p.no, name: p.name, planned: plannedLabel(p, year), coDepartments: departmentNames(p, config.allDepartmentsMarker).filter((d) => d !== department) };
}

export function formView(plan: Plan, department: string, year: number, config: Config): FormView {
  const own = plan.projects.filter((p) => p.departments.includes(department));
  const common = plan.projects.filter((p) => p.allDepartments && !p.departments.includes(department));
  return {
    department, year,
    own: own.map((p) => row(p, department, year, config)),
    common: common.map((p) => row(p, department, year, config)),
  };
}
