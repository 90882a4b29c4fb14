// The seed plan (data/plan.tsv, the real export with its flaws) read into the model.
import { beforeAll, describe, expect, it } from "vitest";
import { defaultConfig } from "../src/config/schema.js";
import { DiagnosticBag } from "../src/diagnostics/bag.js";
import type { Plan } from "../src/model/schema.js";
import { loadPlan } from "../src/pipeline.js";

let plan: Plan;
const P = (no: number) => plan.projects.find((p) => p.no === no)!;
const about = (no: number) => plan.diagnostics.filter((d) => d.projectNo === no || d.relatedNo === no).map((d) => d.code);

beforeAll(async () => {
  plan = await loadPlan("data/plan.tsv", { config: defaultConfig(), bag: new DiagnosticBag("ja") });
});

describe("the seed plan", () => {
  it("title, period, 56 projects, 33 departments, no errors", () => {
    expect(plan.plan.title).toBe("武蔵野市DX推進計画（第八次総合情報化基本計画）");
    expect(plan.plan.period).toEqual({ start: 2026, end: 2030 });
    expect(plan.projects.map((p) => p.no)).toEqual(Array.from({ length: 56 }, (_, i) => i + 1));
    expect(plan.departments).toHaveLength(33);
    expect(plan.departments).not.toContain("各課");
    expect(plan.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(plan.policies.map((p) => p.name)).toEqual(["市民・職員目線の市民サービス", "持続可能な市役所業務へのアップデート", "人材育成・体制強化", "システム基盤環境の整備", "多様な主体との共創"]);
  });

  it("schedules: runs until the next label, empty first years, the shifted third block, notes", () => {
    expect(P(15).schedule.map((s) => [s.label, s.from, s.to])).toEqual([["検討", 2026, 2028], ["実施", 2029, 2030]]);
    expect(P(16).schedule.map((s) => [s.label, s.from, s.to])).toEqual([["検討・実施", 2027, 2030]]);
    expect(P(29).schedule.map((s) => [s.label, s.from, s.to, s.category])).toEqual([["既存の仕組みによる拡大・次期末の在り方検討", 2026, 2028, "mixed"], ["調達・運用", 2029, 2030, "mixed"]]);
    expect(P(21).schedule[1]).toEqual({ label: "適用", from: 2028, to: 2030, category: "operate", note: "検証結果次第" });
  });

  it("再掲: resolved, markers removed, the unresolved one kept as written and reported", () => {
    expect([16, 17, 41, 50].map((n) => P(n).relistOf)).toEqual([12, 7, 29, 3]);
    expect(P(17).name).toBe("ライフイベント関係課によるECRS視点の検討と情報連携による最適な手続き、窓口のあり方の研究");
    expect(P(17).relistMark).toBe("【市民・職員目線の市民サービス(2)①の再掲】");
    expect(P(36)).toMatchObject({ relistOf: null, relistMark: "【人材育成・体制強化(1)①の再掲】", name: "柔軟に関係課が情報共有・協議できる仕組みの検討" });
    expect(about(36)).toContain("PP406");
    expect(about(16)).toContain("PP412");
    expect(about(50)).toEqual(expect.arrayContaining(["PP409", "PP412", "PP405"]));
    expect(plan.diagnostics.find((d) => d.code === "PP411")).toMatchObject({ projectNo: 35, relatedNo: 30 });
  });

  it("flaws reported where they are: Cyrillic in No.11's initiative, the third block's labels", () => {
    expect(plan.diagnostics.find((d) => d.code === "PP303")).toMatchObject({ projectNo: 11, line: 18, column: 4 });
    expect(plan.diagnostics.filter((d) => d.code === "PP202" || d.code === "PP203").map((d) => d.line)).toEqual([43, 43]);
  });
});
