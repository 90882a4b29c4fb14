// Returns made up from the plan, for `check` to render the progress report's templates without a
// returned form (a report needs returns, which check is not given): each branch of the templates
// is rendered once, so a broken template is told by check, not first by `progress`.
import type { Plan } from "../model/schema.js";
import type { ProgressReturn, ValidatedReturns } from "./schema.js";

/**
 * The first project with a department reported in `year` and the year before (a trend), every
 * field written, by each of its departments but its last when it has several (未報告), statuses
 * differing when two report; the other projects unreported.
 */
export function everyReport(plan: Plan, year: number, statuses: readonly string[]): ValidatedReturns {
  const project = plan.projects.find((p) => p.departments.length > 0);
  if (!project) return { current: [], history: [], sample: true };
  const reported = project.departments.length > 1 ? project.departments.slice(0, -1) : project.departments;
  const report = (department: string, i: number, y: number): ProgressReturn => ({
    no: project.no, year: y, department, status: statuses[i % statuses.length] ?? "", result: project.name,
    issues: project.name, direction: project.name, sample: true, place: { file: "check" },
  });
  return {
    current: reported.map((d, i) => report(d, i, year)),
    history: reported.map((d, i) => report(d, i, year - 1)),
    sample: true,
  };
}
