// Plans without fiscal-year columns that write each schedule as text in one column (実施時期).
import { describe, expect, it } from "vitest";
import { parseTiming } from "../../src/ingest/timing.js";
import { codes, HEADER, planOf, row, tsv } from "../helpers/plan-fixtures.js";

describe("parseTiming", () => {
  it.each([
    ["令和8年度～令和10年度", [{ from: 2026, to: 2028, label: null }]],
    ["令和8～10年度", [{ from: 2026, to: 2028, label: null }]],
    ["R8-R12", [{ from: 2026, to: 2030, label: null }]],
    ["令和９年度", [{ from: 2027, to: 2027, label: null }]],
    ["2026年度から", [{ from: 2026, to: null, label: null }]],
    ["令和8年度以降 運用", [{ from: 2026, to: null, label: "運用" }]],
    ["R8～R9 検討、R10～ 実施", [{ from: 2026, to: 2027, label: "検討" }, { from: 2028, to: null, label: "実施" }]],
    ["R8~R9検討 R10~R12実施", [{ from: 2026, to: 2027, label: "検討" }, { from: 2028, to: 2030, label: "実施" }]],
    ["検討：令和8年度、実施：令和9年度～令和12年度", [{ from: 2026, to: 2026, label: "検討" }, { from: 2027, to: 2030, label: "実施" }]],
    // 中, 内, を目途に say when within the year; 中間 is a word of the label
    ["令和8年度中", [{ from: 2026, to: 2026, label: null }]],
    ["令和8年度中に導入", [{ from: 2026, to: 2026, label: "導入" }]],
    ["令和9年度を目途に実施", [{ from: 2027, to: 2027, label: "実施" }]],
    ["R8 中間評価", [{ from: 2026, to: 2026, label: "中間評価" }]],
    // 末, 早期 say when within the year and （予定） that it is planned: no phase named 「末」 or 「予定」
    ["令和8年度末", [{ from: 2026, to: 2026, label: null }]],
    ["令和8年度早期 導入", [{ from: 2026, to: 2026, label: "導入" }]],
    ["令和8年度以降（予定）", [{ from: 2026, to: null, label: null }]],
    ["令和8年度～ 検討（予定）", [{ from: 2026, to: null, label: "検討" }]],
    // kanji numerals after the era (formal documents), R. with a point
    ["令和八年度～令和十二年度", [{ from: 2026, to: 2030, label: null }]],
    ["R.8～R.10 検討", [{ from: 2026, to: 2028, label: "検討" }]],
    ["令9年度から実施", [{ from: 2027, to: null, label: "実施" }]],
    // a year in brackets after its phase, arrows between, a sentence's particles (labels had been 「検討（」, 「）→実施（」, 「に構築し」)
    ["検討（R8）、導入（R9）、運用（R10～）", [{ from: 2026, to: 2026, label: "検討" }, { from: 2027, to: 2027, label: "導入" }, { from: 2028, to: null, label: "運用" }]],
    ["検討（令和8年度）→実施（令和9年度～）", [{ from: 2026, to: 2026, label: "検討" }, { from: 2027, to: null, label: "実施" }]],
    ["令和8～9年度に構築し、令和10年度から運用", [{ from: 2026, to: 2027, label: "構築" }, { from: 2028, to: null, label: "運用" }]],
    // an en or em dash, a minus, a hyphen between years is a range (R8–R10 had been R10 alone)
    ["R8–R10", [{ from: 2026, to: 2028, label: null }]],
    ["令和9年度—令和12年度 実施", [{ from: 2027, to: 2030, label: "実施" }]],
    ["R8−R9 検討、R10‐ 運用", [{ from: 2026, to: 2027, label: "検討" }, { from: 2028, to: null, label: "運用" }]],
    // years listed with the label after the last of them, or before the first, are all that phase
    // (令和8年度 had been 実施 and 令和9年度 検討; 「と」 a phase's name)
    ["令和8年度、令和9年度に検討、令和10年度から実施", [{ from: 2026, to: 2026, label: "検討" }, { from: 2027, to: 2027, label: "検討" }, { from: 2028, to: null, label: "実施" }]],
    ["検討：令和8年度・令和9年度、実施：令和10年度～", [{ from: 2026, to: 2026, label: "検討" }, { from: 2027, to: 2027, label: "検討" }, { from: 2028, to: null, label: "実施" }]],
    ["令和8年度と令和9年度に検討", [{ from: 2026, to: 2026, label: "検討" }, { from: 2027, to: 2027, label: "検討" }]],
    // years alone stay without a label
    ["令和8年度、令和10年度", [{ from: 2026, to: 2026, label: null }, { from: 2028, to: 2028, label: null }]],
  ])("%s", (text, phases) => {
    expect(parseTiming(text)).toEqual(phases);
  });

  it("reads nothing where a part names no year, or a span runs backwards", () => {
    expect(parseTiming("随時")).toBeNull();
    expect(parseTiming("R8～R10 検討、未定")).toBeNull();
    expect(parseTiming("令和10年度～令和8年度")).toBeNull();
    // a word with R or H in it is no year
    expect(parseTiming("HP 更新")).toBeNull();
    // months and halves are finer than a fiscal year: not rounded to one
    expect(parseTiming("令和8年4月～")).toBeNull();
    expect(parseTiming("令和8年度下期から")).toBeNull();
    expect(parseTiming("令和8年度前半")).toBeNull();
    // a year left in a name was not read as one: never a phase named 十年度 or 5年間
    expect(parseTiming("令和8年度～十年度")).toBeNull();
    expect(parseTiming("令和9年度から 5年間")).toBeNull();
    // a span open at its start: from the period's first year? never guessed (it had been that year alone)
    expect(parseTiming("～令和10年度 検討、令和11年度～ 実施")).toBeNull();
    // and so is a year followed by まで: it had been 令和10年度 alone, a phase named 「まで検討」
    expect(parseTiming("令和10年度まで検討")).toBeNull();
    expect(parseTiming("令和10年度迄 検討")).toBeNull();
    // and a year after a ～ with words before it (検討～令和10年度), but not after a word's ー (サーバー)
    expect(parseTiming("検討～令和10年度")).toBeNull();
    expect(parseTiming("サーバー 令和9年度")).toEqual([{ from: 2027, to: 2027, label: "サーバー" }]);
    // a span's end may say まで; までに (by then) names its year
    expect(parseTiming("令和8年度から令和10年度まで検討")).toEqual([{ from: 2026, to: 2028, label: "検討" }]);
    expect(parseTiming("令和9年度までに導入")).toEqual([{ from: 2027, to: 2027, label: "導入" }]);
    // 及び between years joins them as 、 does (it had named the first year's phase 「及び」), not inside a name
    expect(parseTiming("令和8年度及び令和10年度")).toEqual([{ from: 2026, to: 2026, label: null }, { from: 2028, to: 2028, label: null }]);
    expect(parseTiming("令和8年度 調査及び検討")).toEqual([{ from: 2026, to: 2026, label: "調査及び検討" }]);
  });

  it("reads a span written round its name (令和8年度から実施（令和12年度まで）), which had named no year (PP328)", () => {
    expect(parseTiming("令和8年度から実施（令和12年度まで）")).toEqual([{ from: 2026, to: 2030, label: "実施" }]);
    expect(parseTiming("R9から運用(R11まで)")).toEqual([{ from: 2027, to: 2029, label: "運用" }]);
    // an end before the start is still no span
    expect(parseTiming("令和10年度から実施（令和8年度まで）")).toBeNull();
  });
});

describe("a plan with a 実施時期 column and no year columns", () => {
  const header = [...HEADER.slice(0, 7), "実施時期"];
  const at = (no: number, name: string, timing: string) => [...row(no, name).slice(0, 7), timing];

  it("an open phase runs until the next one of its cell starts, said once (PP375); it had run to the period's end under it", async () => {
    const plan = await planOf("plan.tsv", tsv([header, at(1, "A", "令和8年度から検討、令和10年度から実施"), at(2, "B", "令和8年度～令和12年度")]));
    expect(plan.projects[0]!.schedule.map((s) => [s.label, s.from, s.to])).toEqual([["検討", 2026, 2027], ["実施", 2028, 2030]]);
    const told = plan.diagnostics.filter((d) => d.code === "PP375");
    expect(told).toHaveLength(1);
    expect(told[0]!.message).toContain("「令和8年度から検討」は次の工程「令和10年度から実施」の前の年度までとして読みました（令和8年度～令和9年度）");
  });

  it("every sign written between years (～ 〜 ~ ∼ 〰) is a range: in a 実施時期 cell, the title's period, the period stated above eraless year labels", async () => {
    for (const sign of ["～", "〜", "~", "∼", "〰"]) {
      const plan = await planOf("plan.tsv", tsv([header, at(1, "A", `令和8年度${sign}令和10年度 検討`), at(2, "B", `R9${sign} 実施`), at(3, "C", `令和8年度${sign}令和12年度`)], `ミナミ市DX計画（令和8年度${sign}令和12年度）`));
      expect(plan.plan.title, sign).toBe("ミナミ市DX計画");
      expect(plan.projects.map((p) => p.schedule.map((s) => [s.label, s.from, s.to])), sign).toEqual([[["検討", 2026, 2028]], [["実施", 2027, 2030]], [["実施", 2026, 2030]]]);
      expect(plan.diagnostics.filter((d) => d.severity !== "info"), sign).toEqual([]);
      const stated = await planOf("plan.tsv", tsv([[...HEADER.slice(0, 7), "8年度", "9年度", "10年度"], row(1, "事業A")], `計画期間：令和8年度${sign}令和10年度`));
      expect(stated.plan.period, sign).toEqual({ start: 2026, end: 2028 });
      expect(codes(stated.diagnostics), sign).toContain("PP247");
    }
    // the dashes a 実施時期 cell takes (R8–R10) are a range in a period too (the title had kept 「（令和8年度–令和12年度）」)
    for (const dash of ["-", "－", "–", "—", "−"]) {
      const plan = await planOf("plan.tsv", tsv([header, at(1, "A", `令和8年度${dash}令和12年度`)], `ミナミ市DX計画（令和8年度${dash}令和12年度）`));
      expect(plan.plan.title, dash).toBe("ミナミ市DX計画");
      const stated = await planOf("plan.tsv", tsv([[...HEADER.slice(0, 7), "8年度", "9年度", "10年度"], row(1, "事業A")], `計画期間：令和8年度${dash}令和10年度`));
      expect(stated.plan.period, dash).toEqual({ start: 2026, end: 2028 });
    }
  });

  it("years listed before or after their phase's name are that phase, merged; a range over the period is no row with blank years (no PP366 in a plan without year columns)", async () => {
    const plan = await planOf("plan.tsv", tsv([header, at(1, "A", "令和8年度、令和9年度に検討、令和10年度から実施"), at(2, "B", "検討：令和8年度・令和9年度、実施：令和10年度～"),
      at(3, "C", "令和8年度と令和9年度に検討、令和10年度以降に実施"), at(4, "D", "令和8年度～令和12年度")]));
    for (const no of [1, 2, 3]) expect(plan.projects.find((p) => p.no === no)!.schedule.map((s) => [s.label, s.from, s.to]), `No.${no}`).toEqual([["検討", 2026, 2027], ["実施", 2028, 2030]]);
    expect(codes(plan.diagnostics).filter((c) => c === "PP366" || c === "PP367")).toEqual([]);
  });

  it("beside year columns empty in every row, the 実施時期 column is the schedule (PP266), the year headers the period; it had been set aside (PP228), every schedule empty", async () => {
    const years = ["令和8年度", "令和9年度", "令和10年度", "令和11年度", "令和12年度"];
    const plan = await planOf("plan.tsv", tsv([[...header, ...years], [...at(1, "A", "R8～R10"), "", "", "", "", ""], [...at(2, "B", "R9～ 運用"), "", "", "", "", ""]]));
    expect(plan.plan.period).toEqual({ start: 2026, end: 2030 });
    expect(plan.projects.map((p) => p.schedule.map((s) => [s.label, s.from, s.to]))).toEqual([[["実施", 2026, 2028]], [["運用", 2027, 2030]]]);
    expect(codes(plan.diagnostics)).toContain("PP266");
    expect(codes(plan.diagnostics)).not.toContain("PP228");
    // one year cell written: the year columns are the schedule, the column set aside as before
    const written = await planOf("plan.tsv", tsv([[...header, ...years], [...at(1, "A", "R8～R10"), "検討", "", "", "", ""]]));
    expect(codes(written.diagnostics)).toContain("PP228");
  });

  it("work going on since before the plan (平成30年度から継続実施) does not stretch the period: drawn from its first year, said (PP382); alone, its year starts the period", async () => {
    const plan = await planOf("plan.tsv", tsv([header, at(1, "A", "令和8年度～令和12年度"), at(2, "B", "平成30年度から継続実施"), at(3, "C", "令和9年度～令和11年度")]));
    expect(plan.plan.period).toEqual({ start: 2026, end: 2030 });
    expect(plan.projects[1]!.schedule.map((s) => [s.label, s.from, s.to])).toEqual([["継続実施", 2026, 2030]]);
    expect(plan.diagnostics.filter((d) => d.code === "PP382").map((d) => [d.projectNo, d.message])).toEqual([[2, "「平成30年度から継続実施」は計画期間の前から続く工程として、令和8年度から描きました。"]]);
    // a start written plainly (平成30年度から実施) still starts the period, as the years written say
    const plain = await planOf("plan.tsv", tsv([header, at(1, "A", "令和8年度～令和12年度"), at(2, "B", "平成30年度から実施")]));
    expect(plain.plan.period.start).toBe(2018);
  });

  it("reads each project's phases with exact spans, the period from the years written", async () => {
    const plan = await planOf("plan.tsv", tsv([header,
      at(1, "A", "令和8年度～令和10年度"), at(2, "B", "R8～R9 検討、R10～ 実施"), at(3, "C", "令和9年度から"), at(4, "D", "令和8～12年度")]));
    expect(plan.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(plan.plan.period).toEqual({ start: 2026, end: 2030 });
    const spans = (no: number) => plan.projects.find((p) => p.no === no)!.schedule.map((s) => [s.label, s.from, s.to]);
    expect(spans(1)).toEqual([["実施", 2026, 2028]]);
    expect(spans(2)).toEqual([["検討", 2026, 2027], ["実施", 2028, 2030]]);
    expect(spans(3)).toEqual([["実施", 2027, 2030]]);
    expect(spans(4)).toEqual([["実施", 2026, 2030]]);
    const said = plan.diagnostics.find((d) => d.code === "PP227");
    expect(said?.line).toBe(3);
    expect(said?.column).toBe(8);
    expect(said?.message).toContain("令和8年度～令和12年度");
    expect(codes(plan.diagnostics)).not.toContain("PP208");
    expect(codes(plan.diagnostics)).not.toContain("PP203");
    expect(codes(plan.diagnostics)).not.toContain("PP308");
  });

  it("every year of the plan in words (毎年度, 計画期間中に実施) is one phase over the period (PP378); 継続 and 通年 are not read so (PP328)", async () => {
    const plan = await planOf("plan.tsv", tsv([header, at(1, "A", "令和8年度～令和12年度"), at(2, "B", "毎年度"), at(3, "C", "計画期間中に実施"),
      at(4, "D", "毎年度（令和9年度から）"), at(5, "E", "継続実施"), at(6, "F", "通年")]));
    const spans = (no: number) => plan.projects.find((p) => p.no === no)!.schedule.map((s) => [s.label, s.from, s.to]);
    expect(spans(2)).toEqual([["実施", 2026, 2030]]);
    expect(spans(3)).toEqual([["実施", 2026, 2030]]);
    // (a year written after it: that year on, the every-year words no name)
    expect(spans(4)).toEqual([["実施", 2027, 2030]]);
    expect(plan.diagnostics.filter((d) => d.code === "PP378").map((d) => [d.severity, d.line, d.projectNo])).toEqual([["info", 5, 2], ["info", 6, 3]]);
    expect(plan.diagnostics.find((d) => d.code === "PP378")!.message).toBe("「毎年度」を、計画期間のすべての年度（令和8年度～令和12年度）の工程として読みました。");
    expect(plan.diagnostics.filter((d) => d.code === "PP328").map((d) => d.projectNo)).toEqual([5, 6]);
  });

  it("warns at a cell that names no year; the column under a group word (スケジュール) is read too", async () => {
    const plan = await planOf("plan.tsv", tsv([[...HEADER.slice(0, 7), "スケジュール"], at(1, "A", "令和8年度～令和10年度"), at(2, "B", "随時")]));
    const bad = plan.diagnostics.find((d) => d.code === "PP328");
    expect([bad?.line, bad?.column, bad?.projectNo]).toEqual([5, 8, 2]);
    expect(plan.projects.find((p) => p.no === 2)!.schedule).toEqual([]);
    expect(codes(plan.diagnostics)).not.toContain("PP302"); // said once, by PP328
    expect(plan.projects.find((p) => p.no === 1)!.schedule.map((s) => [s.from, s.to])).toEqual([[2026, 2028]]);
  });

  it("a column that names no year in any cell (前期, 後期) stops at its first cell (PP251), each cell said (PP328), not called empty", async () => {
    const plan = await planOf("plan.tsv", tsv([header, at(1, "A", "前期"), at(2, "B", ""), at(3, "C", "前期～後期")]));
    expect(plan.diagnostics.filter((d) => d.severity === "error").map((d) => [d.code, d.line, d.column])).toEqual([["PP251", 4, 8]]);
    expect(plan.diagnostics.find((d) => d.code === "PP251")?.message).toBe("年度の列がなく、「実施時期」の列にも年度が一つも書かれていない（「前期」など）ため、計画期間がわかりません。");
    expect(plan.diagnostics.filter((d) => d.code === "PP328").map((d) => d.projectNo)).toEqual([1, 3]);
    expect(plan.diagnostics.filter((d) => d.code === "PP302" && d.message.includes("スケジュール")).map((d) => d.projectNo)).toEqual([2]);
  });

  it("a table of one row per project and year (年度 | 令和8年度, No repeated) is read: a project's rows are one project, 取組内容 each year's phase (PP273)", async () => {
    const head = ["No", "基本方針", "施策", "事業名", "担当課", "年度", "取組内容"];
    const rows = [["1", "方針", "(1)窓口", "電子申請", "総務課", "令和8年度", "検討"], ["1", "方針", "(1)窓口", "電子申請", "総務課", "令和9年度", "実施"],
      ["1", "方針", "(1)窓口", "電子申請", "総務課", "令和10年度", "実施"],
      ["2", "方針", "(1)窓口", "相談", "市民課", "令和9年度", "導入"], ["", "", "", "", "", "令和10年度", "運用"]];
    const plan = await planOf("long.tsv", tsv([head, ...rows]));
    expect(plan.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(plan.plan.period).toEqual({ start: 2026, end: 2028 });
    expect(plan.projects.map((p) => [p.no, p.name, p.departments, p.description, p.schedule.map((s) => [s.label, s.from, s.to])])).toEqual([
      [1, "電子申請", ["総務課"], [], [["検討", 2026, 2026], ["実施", 2027, 2028]]],
      [2, "相談", ["市民課"], [], [["導入", 2027, 2027], ["運用", 2028, 2028]]]]);
    expect(plan.diagnostics.find((d) => d.code === "PP273")).toMatchObject({ line: 3, column: 6 });
    expect(plan.diagnostics.find((d) => d.code === "PP273")!.message).toContain("同じ No の続く行（5 行）を 2 事業にまとめ");
    // (取組内容 is each year's phase: no description column said missing, nor read as one)
    for (const code of ["PP210", "PP211", "PP252", "PP208", "PP401"]) expect(codes(plan.diagnostics)).not.toContain(code);
    // the phase is said at its own cell (a sign in it: PP332 at 7:7)
    const sign = await planOf("long.tsv", tsv([head, rows[0]!, [...rows[1]!.slice(0, 6), "⇛"]]));
    expect(sign.diagnostics.filter((d) => d.code === "PP332").map((d) => [d.line, d.column])).toEqual([[5, 7]]);
    // its exact years say nothing of a table drawn year by year: no PP367 where some projects end
    // before the period's end and one repeats its phase (it had been told, a warning)
    const ends = await planOf("long.tsv", tsv([head, ...rows.slice(0, 3),
      ["2", "方針", "(1)窓口", "広報", "広報課", "令和8年度", "検討"], ["2", "方針", "(1)窓口", "広報", "広報課", "令和9年度", "実施"],
      ["3", "方針", "(1)窓口", "窓口", "市民課", "令和8年度", "検討"], ["3", "方針", "(1)窓口", "窓口", "市民課", "令和9年度", "実施"]]));
    expect(ends.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    for (const code of ["PP366", "PP367"]) expect(codes(ends.diagnostics)).not.toContain(code);
    // the year column in other words (年度（予定）, 実施予定年度, 年度別): the same table
    for (const label of ["年度（予定）", "実施予定年度", "年度別"]) {
      const worded = await planOf("long.tsv", tsv([[...head.slice(0, 5), label, head[6]!], ...rows]));
      expect(worded.projects.map((p) => p.schedule.length), label).toEqual([2, 2]);
      expect(worded.diagnostics.filter((d) => d.severity !== "info"), label).toEqual([]);
    }
    // a No typed twice by mistake in a plan of one row per project is no such table
    const once = await planOf("long.tsv", tsv([[...head.slice(0, 5), "実施年度"], ...[1, 2, 3, 3].map((n, i) => [String(n), "方針", "(1)窓口", `事業${i}`, "総務課", "令和8年度"])]));
    expect(codes(once.diagnostics)).not.toContain("PP252");
    expect(codes(once.diagnostics)).not.toContain("PP273");
  });

  it("in a table of a row per project and year, what cannot be told stops at its cell: a project cell that differs (PP274), a year twice (PP275), no or two columns that change (PP252)", async () => {
    const head = ["No", "基本方針", "施策", "事業名", "担当課", "年度", "取組内容", "備考"];
    const r = (no: string, dept: string, year: string, phase: string, remark = "") => [no, "方針", "(1)窓口", "電子申請", dept, year, phase, remark];
    const plan = await planOf("long.tsv", tsv([head, r("1", "総務課", "令和8年度", "検討"), r("1", "市民課", "令和9年度", "実施"),
      r("2", "市民課", "令和8年度", "導入"), r("2", "市民課", "令和8年度", "運用")]));
    expect(plan.diagnostics.filter((d) => d.severity === "error").map((d) => [d.code, d.line, d.column])).toEqual([["PP274", 5, 5], ["PP275", 7, 6]]);
    expect(plan.diagnostics.find((d) => d.code === "PP274")!.message).toBe("No.1 の年度ごとの行で「担当課」が違います（「総務課」/「市民課」）。同じ事業の行か、No の同じ別の事業か、決められません。");
    expect(plan.diagnostics.find((d) => d.code === "PP275")!.message).toContain("No.2 の 令和8年度 の行が 2 つあります（6 行目にも）");
    const two = await planOf("long.tsv", tsv([head, r("1", "総務課", "令和8年度", "検討", "a"), r("1", "総務課", "令和9年度", "実施", "b")]));
    expect(two.diagnostics.filter((d) => d.code === "PP252").map((d) => [d.line, d.column, d.message])).toEqual([[3, 6,
      "「年度」の列に年度が一つずつ（「令和8年度」など）書かれ、同じ No が年度ごとの行に繰り返されていますが、年度ごとに変わる列が「取組内容」「備考」と複数あるため、どの列が各年度の工程か決められません。工程を読めません。"]]);
    // a row with its phase and no year: which year's? (it had been dropped without a word)
    const yearless = await planOf("long.tsv", tsv([head, r("1", "総務課", "令和8年度", "検討"), r("1", "総務課", "令和9年度", "実施"), r("", "", "", "運用")]));
    expect(yearless.diagnostics.filter((d) => d.severity === "error").map((d) => [d.code, d.line, d.column])).toEqual([["PP278", 6, 6]]);
    // a table sorted by year (No.1, No.2, No.1, No.2): whose rows are whose is not guessed
    const sorted = await planOf("long.tsv", tsv([head, r("1", "総務課", "令和8年度", "検討"), [...r("2", "総務課", "令和8年度", "検討").slice(0, 3), "相談", "総務課", "令和8年度", "調査", ""],
      r("1", "総務課", "令和9年度", "実施"), [...r("2", "総務課", "令和9年度", "検討").slice(0, 3), "相談", "総務課", "令和9年度", "導入", ""]]));
    expect(sorted.diagnostics.filter((d) => d.code === "PP252").map((d) => [d.line, d.column, d.message.includes("No.1 の行が続いていない（4 行目と 6 行目）")])).toEqual([[3, 6, true]]);
    expect(codes(sorted.diagnostics)).not.toContain("PP208");
    expect(codes(two.diagnostics)).not.toContain("PP208");
    expect(codes(two.diagnostics)).not.toContain("PP308"); // its years are no phases
  });

  it("beside year columns, left of them, is set aside (PP228), never taken for shifted years; phase names under such a word still are", async () => {
    const header = [...HEADER.slice(0, 7), "実施時期", ...HEADER.slice(7)];
    const withTiming = (no: number, timing: string) => { const r = row(no, `事業${no}`); return [...r.slice(0, 7), timing, ...r.slice(7)]; };
    const plan = await planOf("plan.tsv", tsv([header, withTiming(1, "令和8年度～令和10年度"), withTiming(2, "令和9年度")]));
    expect(plan.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(plan.diagnostics.find((d) => d.code === "PP228")?.column).toBe(8);
    expect(plan.projects[0]!.schedule.map((s) => [s.label, s.from, s.to])).toEqual([["検討", 2026, 2027], ["運用", 2028, 2028]]);
    // the same word over a column of phase names (labels shifted) is no timing column: still PP221
    const shifted = await planOf("plan.tsv", tsv([header, withTiming(1, "検討")]));
    expect(codes(shifted.diagnostics)).toContain("PP221");
    expect(codes(shifted.diagnostics)).not.toContain("PP228");
  });

  it("is not read where the plan has year columns, and without one a plan has no period (PP208)", async () => {
    const both = await planOf("plan.tsv", tsv([[...HEADER, "実施時期"], [...row(1, "A"), "令和8年度～令和12年度"]]));
    expect(codes(both.diagnostics)).not.toContain("PP227");
    expect(both.projects[0]!.schedule.map((s) => s.label)).toEqual(["検討", "運用"]);
    const none = await planOf("plan.tsv", tsv([HEADER.slice(0, 7), row(1, "A").slice(0, 7)]));
    expect(codes(none.diagnostics)).toContain("PP208");
  });
});

// Each project's first and last year in two columns of their own (開始年度 | 終了年度).
describe("a start and an end column", () => {
  const header = [...HEADER.slice(0, 7), "開始年度", "終了年度"];
  const at = (no: number, name: string, start: string, end: string) => [...row(no, name).slice(0, 7), start, end];

  it("gives each project one phase from its start to its end year; the period is the years written (PP227)", async () => {
    const plan = await planOf("pair.tsv", tsv([header, at(1, "A", "令和8年度", "令和10年度"), at(2, "B", "R9", "R12")]));
    expect(plan.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(plan.plan.period).toEqual({ start: 2026, end: 2030 });
    expect(plan.projects.map((p) => p.schedule.map((s) => [s.label, s.from, s.to]))).toEqual([[["実施", 2026, 2028]], [["実施", 2027, 2030]]]);
    expect(plan.diagnostics.find((d) => d.code === "PP227")?.message).toContain("「開始年度・終了年度」の列");
  });

  it("beside year columns empty in every row (an Excel gantt painted by conditional formatting), the pair is the schedule (PP266), the year headers the period; every schedule had been empty, exit 0", async () => {
    const years = ["2026年度", "2027年度", "2028年度", "2029年度", "2030年度"];
    const plan = await planOf("pair.tsv", tsv([[...header, ...years], [...at(1, "A", "2026", "2028"), "", "", "", "", ""], [...at(2, "B", "令和9年度", "令和12年度"), "", "", "", "", ""]]));
    expect(plan.plan.period).toEqual({ start: 2026, end: 2030 });
    expect(plan.projects.map((p) => p.schedule.map((s) => [s.from, s.to]))).toEqual([[[2026, 2028]], [[2027, 2030]]]);
    expect(plan.diagnostics.find((d) => d.code === "PP266")?.message).toContain("「開始年度・終了年度」");
    expect(codes(plan.diagnostics)).not.toContain("PP209");
    // a year cell written: the year columns are the schedule
    const written = await planOf("pair.tsv", tsv([[...header, ...years], [...at(1, "A", "2026", "2028"), "検討", "", "", "", ""]]));
    expect(written.projects[0]!.schedule.map((s) => [s.label, s.from, s.to])).toEqual([["検討", 2026, 2030]]);
  });

  it("dates on a fiscal year's first and last day (2026/4/1 – 2029/3/31, 令和8年4月1日 – 令和11年3月31日) are those years (they had been refused as naming no year); a date inside a year is not rounded", async () => {
    const plan = await planOf("pair.tsv", tsv([header, at(1, "A", "2026/4/1", "2029/3/31"), at(2, "B", "令和9年4月1日", "令和12年3月31日"), at(3, "C", "2027/4/1", "2030/3/31")]));
    expect(plan.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(plan.projects.map((p) => p.schedule.map((s) => [s.from, s.to]))).toEqual([[[2026, 2028]], [[2027, 2029]], [[2027, 2029]]]);
    const inside = await planOf("pair.tsv", tsv([header, at(1, "A", "2026/6/1", "2029/3/31"), at(2, "B", "R8", "R10")]));
    expect(inside.projects[0]!.schedule).toEqual([]);
    expect(codes(inside.diagnostics)).toContain("PP328");
  });

  it("a pair with one side empty is no span: a warning at the row, no phases (PP328); 期間（開始）| 期間（終了） too", async () => {
    const plan = await planOf("pair.tsv", tsv([[...HEADER.slice(0, 7), "実施期間（開始）", "実施期間（終了）"], at(1, "A", "R8", "R10"), at(2, "B", "R9", "")]));
    expect(plan.projects.map((p) => p.schedule.map((s) => [s.from, s.to]))).toEqual([[[2026, 2028]], []]);
    expect(plan.diagnostics.filter((d) => d.code === "PP328").map((d) => [d.line, d.column, d.message])).toEqual([
      [5, 8, "「実施期間（開始）・実施期間（終了）」の「R9～（空欄）」は年度の期間として読めないため、この事業の工程はありません。"]]);
    // 実施期間（開始）alone was read as a column of periods: each project a one-year phase at its start
    expect(codes(plan.diagnostics)).not.toContain("PP308");
  });

  it("a dash or 未定 is an empty side: no span (PP328), where 「令和9年度～－」 had run to the period's end named 「-」; both unset, no schedule", async () => {
    const plan = await planOf("pair.tsv", tsv([header, at(1, "A", "R8", "R10"), at(2, "B", "令和9年度", "－"), at(3, "C", "令和9年度", "未定"), at(4, "D", "―", "―")]));
    expect(plan.projects.map((p) => p.schedule.length)).toEqual([1, 0, 0, 0]);
    // in one 実施時期 column a dash is an empty cell, nothing to say
    const one = await planOf("one.tsv", tsv([[...HEADER.slice(0, 7), "実施時期"], [...row(1, "A").slice(0, 7), "R8～R10"], [...row(2, "B").slice(0, 7), "－"]]));
    expect(one.projects.map((p) => p.schedule.length)).toEqual([1, 0]);
    expect(codes(one.diagnostics)).not.toContain("PP328");
    expect(plan.diagnostics.filter((d) => d.code === "PP328").map((d) => d.message)).toEqual([
      "「開始年度・終了年度」の「令和9年度～－」は年度の期間として読めないため、この事業の工程はありません。",
      "「開始年度・終了年度」の「令和9年度～未定」は年度の期間として読めないため、この事業の工程はありません。"]);
  });

  it("a start written in words (実施中) is no span either: it had been the end year alone, a phase named 「実施中」", async () => {
    const plan = await planOf("pair.tsv", tsv([header, at(1, "A", "R8", "R10"), at(2, "B", "実施中", "令和12年度")]));
    expect(plan.projects.map((p) => p.schedule.map((s) => [s.label, s.from, s.to]))).toEqual([[["実施", 2026, 2028]], []]);
    expect(plan.diagnostics.filter((d) => d.code === "PP328").map((d) => d.message)).toEqual([
      "「開始年度・終了年度」の「実施中～令和12年度」は年度の期間として読めないため、この事業の工程はありません。"]);
  });
});
