// Times the department schedules (departments.pdf and one file per department) and the 工程表
// in one warm process, for the lead's bench: the first run pays font loading and JIT warm-up,
// the rest are what a second `build` in the same process costs.
import type { Plan } from "../src/model/schema.js";
import type { RenderContext } from "../src/context.js";
import { renderDepartments } from "../src/render/departments.js";
import { renderGantt } from "../src/render/gantt.js";

export interface DepartmentsBench {
  /** First run (cold: fonts read and parsed, code not yet optimised). */
  coldMs: number;
  /** Best of the warm runs. */
  warmMs: number;
  files: number;
  bytes: number;
  ganttMs: number;
  ganttBytes: number;
}

export async function benchDepartments(plan: Plan, ctx: RenderContext, runs = 3): Promise<DepartmentsBench> {
  let t = performance.now();
  let files = await renderDepartments(plan, ctx);
  const coldMs = performance.now() - t;
  let warmMs = Infinity;
  for (let i = 1; i < runs; i++) {
    t = performance.now();
    files = await renderDepartments(plan, ctx);
    warmMs = Math.min(warmMs, performance.now() - t);
  }
  t = performance.now();
  const [gantt] = await renderGantt(plan, ctx);
  const ganttMs = performance.now() - t;
  return {
    coldMs: Math.round(coldMs), warmMs: Math.round(warmMs), files: files.length,
    bytes: files.reduce((s, f) => s + f.data.length, 0),
    ganttMs: Math.round(ganttMs), ganttBytes: gantt?.data.length ?? 0,
  };
}
