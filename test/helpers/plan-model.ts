// A small Plan model built in code for view and renderer tests.
import type { Plan, Project } from "../../src/model/schema.js";
import { buildTree, departmentsOf } from "../../src/normalise/index.js";

export function project(no: number, over: Partial<Project> = {}): Project {
  return {
    no, name: `事業${no}`, policy: "市民サービス", measure: { number: 1, title: "オンライン化" },
    initiative: { number: 1, title: "手続の拡大" }, departments: ["情報政策課"], allDepartments: false,
    description: [`事業${no}を進める。`], schedule: [{ label: "検討", from: 2026, to: 2027, category: "study" }],
    relistOf: null, relistMark: null, ...over,
  };
}

/** A plan whose policy tree lists the projects in the order given, grouped as their fields say. */
export function planOf(projects: Project[], title = "テスト市DX計画"): Plan {
  return { plan: { title, period: { start: 2026, end: 2030 } }, policies: buildTree(projects), departments: departmentsOf(projects), projects, diagnostics: [] };
}
