import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config/schema.js";
import { ganttView, projectsInPlanOrder } from "../../src/views/gantt.js";
import { planOf, project } from "../helpers/plan-model.js";

const config = defaultConfig();

describe("ganttView", () => {
  const plan = planOf([
    project(1),
    project(2, { measure: { number: 2, title: "窓口" }, departments: ["市民課"], allDepartments: true }),
    project(3, { policy: "業務改革", measure: { number: 1, title: "BPR" }, relistMark: "（再掲）", relistOf: 1 }),
  ]);

  it("groups projects by policy, then measure, in plan order", () => {
    const v = ganttView(plan, config, 2027);
    expect(v.policies.map((p) => p.policy)).toEqual(["市民サービス", "業務改革"]);
    expect(v.policies[0]!.measures.map((m) => [m.measure.title, m.rows.map((r) => r.no)])).toEqual([["オンライン化", [1]], ["窓口", [2]]]);
    expect(v.asOf).toBe(2027);
    expect(v.period).toEqual({ start: 2026, end: 2030 });
  });

  it("shows 各課 after the listed departments and names the 再掲's original", () => {
    const rows = ganttView(plan, config, 2026).policies.flatMap((p) => p.measures.flatMap((m) => m.rows));
    expect(rows[1]!.departments).toEqual(["市民課", "各課"]);
    expect(rows[2]).toMatchObject({ name: "事業3", relist: { no: 1, place: null } });
  });

  it("takes the config's title over the input's", () => {
    expect(ganttView(plan, { ...config, title: "別の計画" }, 2026).title).toBe("別の計画");
  });

  it("never drops a project the policy tree does not list", () => {
    const broken = { ...plan, policies: plan.policies.slice(1) };
    expect(projectsInPlanOrder(broken).map((p) => p.no)).toEqual([3, 1, 2]);
  });
});
