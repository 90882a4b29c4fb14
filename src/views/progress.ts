// What the annual progress report shows: per policy, each project's planned phase for the year
// beside what each reporting department said (status, 実績, 課題, 今後の方向性), the projects
// nobody reported (未報告), status counts by policy, and each project's trend over the years
// returned so far. A pure function of the plan and the validated returns.
import type { Config } from "../config/schema.js";
import type { Plan, Project } from "../model/schema.js";
import type { EntryField, ProgressReturn } from "../progress/schema.js";
import type { Place } from "../diagnostics/schema.js";
import { departmentNames, projectsInPlanOrder } from "./gantt.js";
import { phasesInYear } from "./workbook.js";
import { relistRef, type RelistRef } from "./relist.js";

/** The status of a project nobody reported on (a key of the theme's `statuses` too). */
export const UNREPORTED = "未報告";

export interface DepartmentReport {
  department: string;
  status: string;
  result: string;
  issues: string;
  direction: string;
  /**
   * This department's status year by year, earlier years first, the report's year last; only when
   * earlier returns exist. (The project's trend had given every department the statuses of all of
   * them: 市民活動推進課 shown 予定どおり・未着手・中止・休止 where it had reported 未着手.)
   */
  trend: { year: number; status: string }[];
  /** Where the department wrote each entry (its return's cell), when read from a return. */
  places?: Partial<Record<EntryField, Place>>;
}

export interface TrendPoint { year: number; statuses: string[] }

export interface ProjectProgress {
  no: number;
  name: string;
  /** What its 再掲 names (worded by the house style), or null. */
  relist: RelistRef | null;
  departments: string[];
  /** Labels of the phases the plan schedules for the year (empty: nothing planned that year). */
  planned: string[];
  reports: DepartmentReport[];
  /**
   * The project's own departments that sent no report while another did: printed 未報告 under it
   * (a co-department whose form never came back had vanished from the report). Empty when none reported.
   */
  missing: string[];
  /** Departments gave different statuses (both are shown). */
  conflict: boolean;
  /** Earlier years first, the report's year last; only when earlier returns exist. */
  trend: TrendPoint[];
}

export interface StatusCount { status: string; count: number }

export interface PolicyProgress {
  policy: string;
  projects: ProjectProgress[];
  /** Projects per status (a project with conflicting statuses counts under each), then 未報告. */
  counts: StatusCount[];
  unreported: number;
}

export interface ProgressView {
  title: string;
  year: number;
  sample: boolean;
  statuses: string[];
  policies: PolicyProgress[];
  totals: StatusCount[];
  unreported: number;
  /** Projects nobody reported, in plan order. */
  unreportedProjects: { no: number; name: string; policy: string }[];
  hasTrend: boolean;
}

export function plannedLabels(project: Project, year: number): string[] {
  return phasesInYear(project, year).map((p) => p.label);
}

function distinct<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}

export function progressView(
  plan: Plan, returns: { current: readonly ProgressReturn[]; history: readonly ProgressReturn[]; sample: boolean },
  year: number, config: Config,
): ProgressView {
  const byNo = new Map<number, ProgressReturn[]>();
  for (const r of returns.current) byNo.set(r.no, [...(byNo.get(r.no) ?? []), r]);
  const historyByNo = new Map<number, ProgressReturn[]>();
  for (const r of returns.history) historyByNo.set(r.no, [...(historyByNo.get(r.no) ?? []), r]);
  const hasTrend = returns.history.length > 0;
  const statuses = config.progressStatuses;

  const policies: PolicyProgress[] = [];
  for (const project of projectsInPlanOrder(plan)) {
    let group = policies.at(-1);
    if (!group || group.policy !== project.policy) {
      group = { policy: project.policy, projects: [], counts: [], unreported: 0 };
      policies.push(group);
    }
    // The project's own departments in the order the plan names them, then (各課 projects) the
    // others in the plan's order of departments: never the order the returned files were read in.
    const rank = (d: string): number => {
      const own = project.departments.indexOf(d);
      if (own >= 0) return own;
      const named = plan.departments.indexOf(d);
      return project.departments.length + (named >= 0 ? named : plan.departments.length);
    };
    const own = (department: string) => [...(historyByNo.get(project.no) ?? []), ...(byNo.get(project.no) ?? [])]
      .filter((r) => r.department === department).sort((a, b) => a.year - b.year).map((r) => ({ year: r.year, status: r.status }));
    const reports = (byNo.get(project.no) ?? []).map(({ department, status, result, issues, direction, entryPlaces }) =>
      ({ department, status, result, issues, direction, trend: hasTrend ? own(department) : [], ...(entryPlaces ? { places: entryPlaces } : {}) }))
      .sort((a, b) => rank(a.department) - rank(b.department) || (a.department < b.department ? -1 : a.department > b.department ? 1 : 0));
    const trend: TrendPoint[] = [];
    if (hasTrend) {
      const all = [...(historyByNo.get(project.no) ?? []), ...(byNo.get(project.no) ?? [])];
      for (const y of distinct(all.map((r) => r.year)).sort((a, b) => a - b)) {
        trend.push({ year: y, statuses: distinct(all.filter((r) => r.year === y).map((r) => r.status)) });
      }
    }
    group.projects.push({
      no: project.no, name: project.name, relist: relistRef(project),
      departments: departmentNames(project, config.allDepartmentsMarker),
      planned: plannedLabels(project, year),
      reports, missing: reports.length ? project.departments.filter((d) => !reports.some((r) => r.department === d)) : [],
      conflict: distinct(reports.map((r) => r.status)).length > 1, trend,
    });
  }
  for (const g of policies) {
    g.counts = statuses.map((status) => ({ status, count: g.projects.filter((p) => p.reports.some((r) => r.status === status)).length }));
    g.unreported = g.projects.filter((p) => p.reports.length === 0).length;
  }
  const unreportedProjects = policies.flatMap((g) => g.projects.filter((p) => p.reports.length === 0)
    .map((p) => ({ no: p.no, name: p.name, policy: g.policy })));
  return {
    title: plan.plan.title, year, sample: returns.sample, statuses: [...statuses], policies,
    totals: statuses.map((status) => ({ status, count: policies.reduce((n, g) => n + (g.counts.find((c) => c.status === status)?.count ?? 0), 0) })),
    unreported: unreportedProjects.length, unreportedProjects, hasTrend,
  };
}
