// Plans whose fiscal years are divided into columns (上期・下期, quarters, months), or whose columns
// each stand for several years (前期・後期).
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { Plan } from "../../src/model/schema.js";
import { codes, HEADER, planOf, row, tsv } from "../helpers/plan-fixtures.js";

const FIXED = HEADER.slice(0, 7);
const blank = (n: number) => Array.from({ length: n }, () => "");
const spans = (plan: Plan, no: number) => plan.projects.find((p) => p.no === no)!.schedule.map((s) => [s.label, s.from, s.to]);
const errors = (plan: Plan) => plan.diagnostics.filter((d) => d.severity === "error");
const at = (no: number, name: string, cells: string[]) => [...row(no, name).slice(0, 7), ...cells];

describe("years divided into 上期・下期 (a text export: the year over its first column)", () => {
  const header = [[...FIXED, "令和8年度", "", "令和9年度", "", "令和10年度", ""], [...blank(7), "上期", "下期", "上期", "下期", "上期", "下期"]];

  it("reads column by column; each phase spans the fiscal years of its columns", async () => {
    const plan = await planOf("plan.tsv", tsv([...header,
      at(1, "A", ["検討", "検討", "実施", "実施", "実施", "実施"]),
      at(2, "B", ["導入", "運用", "運用", "運用", "運用", "運用"]),
      at(3, "C", ["", "検討", "→", "", "", ""])]));
    expect(errors(plan)).toEqual([]);
    expect(plan.plan.period).toEqual({ start: 2026, end: 2028 });
    expect(spans(plan, 1)).toEqual([["検討", 2026, 2026], ["実施", 2027, 2028]]);
    // two phases in one year: 導入 in 上期, 運用 from 下期
    expect(spans(plan, 2)).toEqual([["導入", 2026, 2026], ["運用", 2026, 2028]]);
    // 下期 of 令和8年度 to 上期 of 令和9年度
    expect(spans(plan, 3)).toEqual([["検討", 2026, 2027]]);
    const said = plan.diagnostics.find((d) => d.code === "PP229");
    expect([said?.line, said?.column]).toEqual([4, 8]);
    expect(said?.message).toContain("2 列（上期・下期）");
    // the row of parts is header, not a remark row; no column is unknown or outside the period
    expect(codes(plan.diagnostics)).not.toContain("PP326");
    expect(codes(plan.diagnostics)).not.toContain("PP209");
    expect(codes(plan.diagnostics)).not.toContain("PP308");
  });

  it("a label that runs until the next one (no marks, no repeats) ends in the year before the next starts", async () => {
    const plan = await planOf("plan.tsv", tsv([...header, at(1, "A", ["検討", "", "", "実施", "", ""])]));
    expect(spans(plan, 1)).toEqual([["検討", 2026, 2027], ["実施", 2027, 2028]]);
  });

  it("parts that differ from year to year are not read: the year labels stop the reading", async () => {
    const plan = await planOf("plan.tsv", tsv([[...FIXED, "令和8年度", "", "令和9年度", ""], [...blank(7), "上期", "下期", "上期", "後期"],
      at(1, "A", ["検討", "検討", "実施", "実施"])]));
    expect(codes(errors(plan))).toContain("PP206");
    expect(codes(plan.diagnostics)).not.toContain("PP229");
  });

  it("year labels every other column, with no parts under them, stop at the column between (PP238)", async () => {
    const plan = await planOf("plan.tsv", tsv([[...FIXED, "令和8年度", "", "令和9年度", "", "令和10年度", ""], at(1, "A", ["検討", "", "実施", "", "", ""])]));
    expect(plan.diagnostics.filter((d) => d.severity === "error").map((d) => [d.code, d.line, d.column])).toEqual([["PP238", 3, 9]]);
    expect(plan.diagnostics.find((d) => d.code === "PP238")?.message).toContain("2 列おき");
  });

  it("a year label repeated without parts is not taken for divided years", async () => {
    const plan = await planOf("plan.tsv", tsv([[...FIXED, "令和8年度", "令和8年度", "令和9年度", "令和9年度"], at(1, "A", ["検討", "検討", "実施", "実施"])]));
    expect(codes(errors(plan))).toContain("PP206");
    expect(codes(plan.diagnostics)).not.toContain("PP229");
  });
});

describe("years divided into quarters and months", () => {
  it("quarters written as months (4-6月 …), the year and its part in one cell (R8 4-6月)", async () => {
    const quarters = ["4-6月", "7-9月", "10-12月", "1-3月"];
    const plan = await planOf("plan.tsv", tsv([[...FIXED, ...["R8", "R9"].flatMap((y) => quarters.map((q) => `${y} ${q}`))],
      at(1, "A", ["", "", "検討", "検討", "検討", "実施", "実施", "実施"])]));
    expect(errors(plan)).toEqual([]);
    expect(plan.plan.period).toEqual({ start: 2026, end: 2027 });
    expect(spans(plan, 1)).toEqual([["検討", 2026, 2027], ["実施", 2027, 2027]]);
    expect(plan.diagnostics.find((d) => d.code === "PP229")?.message).toContain("4 列（4-6月・7-9月・10-12月・1-3月）");
  });

  it("第1四半期 … under each year", async () => {
    const q = ["第1四半期", "第2四半期", "第3四半期", "第4四半期"];
    const plan = await planOf("plan.tsv", tsv([[...FIXED, "令和8年度", "", "", "", "令和9年度", "", "", ""], [...blank(7), ...q, ...q],
      at(1, "A", ["", "", "", "", "実施", "→", "→", "→"])]));
    expect(errors(plan)).toEqual([]);
    expect(spans(plan, 1)).toEqual([["実施", 2027, 2027]]);
  });
});

describe("an xlsx whose year headers are merged over their parts", () => {
  it("reads the parts and the schedule's merged cells as column spans", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("計画");
    ws.addRow([...FIXED, "令和8年度", "", "令和9年度", "", "令和10年度", ""]);
    ws.addRow([...blank(7), "上期", "下期", "上期", "下期", "上期", "下期"]);
    ws.addRow([1, "市民サービス", "(1)窓口", "①手続", "電子申請", "情報政策課", "説明", "", "検討", "", "実施", "", ""]);
    ws.addRow([2, "市民サービス", "(1)窓口", "②相談", "オンライン相談", "市民課", "説明", "構築", "", "", "", "運用", ""]);
    for (const r of ["A1:A2", "B1:B2", "C1:C2", "D1:D2", "E1:E2", "F1:F2", "G1:G2", "H1:I1", "J1:K1", "L1:M1"]) ws.mergeCells(r);
    ws.mergeCells("I3:J3"); // 検討: 下期 of 令和8年度 and 上期 of 令和9年度
    ws.mergeCells("K3:M3"); // 実施: from 下期 of 令和9年度 to the end
    ws.mergeCells("H4:K4"); // 構築: both years
    const plan = await planOf("parts.xlsx", new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(errors(plan)).toEqual([]);
    expect(plan.plan.period).toEqual({ start: 2026, end: 2028 });
    expect(spans(plan, 1)).toEqual([["検討", 2026, 2027], ["実施", 2027, 2028]]);
    expect(spans(plan, 2)).toEqual([["構築", 2026, 2027], ["運用", 2028, 2028]]);
    expect(plan.diagnostics.find((d) => d.code === "PP229")?.cell).toBe("H2");
  });
});

describe("an xlsx whose year headers are each merged over two columns, with nothing under them", () => {
  const book = async (merges: string[]) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("計画");
    ws.addRow([...FIXED, "R8", "", "R9", "", "R10", ""]);
    ws.addRow([1, "市民サービス", "(1)窓口", "①手続", "電子申請", "情報政策課", "説明", "検討", "", "実施", "", "", ""]);
    ws.addRow([2, "市民サービス", "(1)窓口", "②相談", "オンライン相談", "市民課", "説明", "", "構築", "運用", "", "", ""]);
    for (const r of merges) ws.mergeCells(r);
    return planOf("halves.xlsx", new Uint8Array(await wb.xlsx.writeBuffer()));
  };

  it("reads each year as two columns (PP237); the last merge may end at the sheet's edge", async () => {
    // J2:L2: 実施 from 令和9年度 to the end; column M holds nothing, so L1:M1 is clipped
    const plan = await book(["H1:I1", "J1:K1", "L1:M1", "H2:I2", "J2:M2"]);
    expect(errors(plan)).toEqual([]);
    expect(plan.plan.period).toEqual({ start: 2026, end: 2028 });
    expect(spans(plan, 1)).toEqual([["検討", 2026, 2026], ["実施", 2027, 2028]]);
    // 構築 in the second half of 令和8年度, 運用 in the first of 令和9年度
    expect(spans(plan, 2)).toEqual([["構築", 2026, 2026], ["運用", 2027, 2027]]);
    expect(plan.diagnostics.find((d) => d.code === "PP237")).toMatchObject({ cell: "H1", message: expect.stringContaining("2 列に結合") });
  });

  it("labels merged unevenly are not divided years: the labels stop the reading (PP238)", async () => {
    const plan = await book(["H1:I1"]);
    expect(codes(errors(plan))).toEqual(["PP238"]);
    expect(codes(plan.diagnostics)).not.toContain("PP237");
  });
});

describe("columns that each stand for several years (前期・後期)", () => {
  const header = [...FIXED, "前期（R8～R9）", "後期（R10～R12）"];

  it("a phase in such a column spans all its years; a continuation mark or the same label goes on", async () => {
    const plan = await planOf("plan.tsv", tsv([header,
      at(1, "A", ["検討", "実施"]), at(2, "B", ["", "導入"]), at(3, "C", ["構築", "→"]), at(4, "D", ["運用", "運用"])]));
    expect(errors(plan)).toEqual([]);
    expect(plan.plan.period).toEqual({ start: 2026, end: 2030 });
    expect(spans(plan, 1)).toEqual([["検討", 2026, 2027], ["実施", 2028, 2030]]);
    // a blank period has no phase: nothing runs on into it
    expect(spans(plan, 2)).toEqual([["導入", 2028, 2030]]);
    expect(spans(plan, 3)).toEqual([["構築", 2026, 2030]]);
    expect(spans(plan, 4)).toEqual([["運用", 2026, 2030]]);
    const said = plan.diagnostics.find((d) => d.code === "PP230");
    expect([said?.line, said?.column]).toEqual([3, 8]);
    expect(said?.message).toContain("「前期（R8～R9）」「後期（R10～R12）」");
    expect(codes(plan.diagnostics)).not.toContain("PP209");
  });

  it("spans with a gap or out of order are not read: no period (PP208)", async () => {
    for (const cols of [["R8～R9", "R11～R12"], ["R10～R12", "R8～R9"]]) {
      const plan = await planOf("plan.tsv", tsv([[...FIXED, ...cols], at(1, "A", ["検討", "実施"])]));
      expect(codes(errors(plan))).toContain("PP208");
      expect(codes(plan.diagnostics)).not.toContain("PP230");
    }
  });

  it("前期 | 後期 without their years are said at each header (PP427), not as no year columns (PP208)", async () => {
    // (the period stated above does not tell how its five years halve: 3 + 2 or 2 + 3)
    const plan = await planOf("plan.tsv", tsv([["計画期間：令和8年度～令和12年度"], [...FIXED, "前期", "後期"], at(1, "A", ["検討", "実施"])]));
    const said = plan.diagnostics.filter((d) => d.code === "PP427");
    expect(said.map((d) => [d.severity, d.line, d.column])).toEqual([["error", 4, 8], ["error", 4, 9]]);
    expect(said[1]!.message).toContain("見出し「後期」");
    expect(said[1]!.message).toContain("令和8年度～令和12年度");
    expect(said[0]!.hint).toContain("前期（R8～R10）");
    // nor its cells as phases outside the period
    expect(codes(plan.diagnostics)).not.toContain("PP208");
    expect(codes(plan.diagnostics)).not.toContain("PP308");
    // under スケジュール (no column of periods in words: it had said 「検討」 names no year, PP251)
    const grouped = await planOf("plan.tsv", tsv([[...FIXED, "スケジュール", ""], [...blank(7), "前期", "後期"], at(1, "A", ["検討", "実施"])]));
    expect(grouped.diagnostics.filter((d) => d.code === "PP427").map((d) => [d.line, d.column])).toEqual([[4, 8], [4, 9]]);
    expect(codes(grouped.diagnostics)).not.toContain("PP251");
  });

  it("in a workbook, a phase merged over both columns spans both periods", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("計画");
    ws.addRow(["市の計画"]);
    ws.addRow([...FIXED, "令和8～9年度", "令和10～12年度"]);
    ws.addRow([1, "市民サービス", "(1)窓口", "①手続", "電子申請", "情報政策課", "説明", "実施", ""]);
    ws.addRow([2, "市民サービス", "(1)窓口", "②相談", "オンライン相談", "市民課", "説明", "", "運用"]);
    ws.mergeCells("H3:I3");
    const plan = await planOf("ranges.xlsx", new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(errors(plan)).toEqual([]);
    expect(spans(plan, 1)).toEqual([["実施", 2026, 2030]]);
    expect(spans(plan, 2)).toEqual([["運用", 2028, 2030]]);
  });
});

describe("year labels written twice, the second run under a group of other words", () => {
  const top = [...FIXED, "スケジュール", "", "", "事業費（千円）", "", ""];
  const under = [...blank(7), "R8", "R9", "R10", "R8", "R9", "R10"];

  it("the run under 事業費 is not read (PP241); the schedule is the other run's", async () => {
    const plan = await planOf("plan.tsv", tsv([top, under, at(1, "A", ["検討", "実施", "→", "1,200", "3,000", "3,000"])]));
    expect(errors(plan)).toEqual([]);
    expect(spans(plan, 1)).toEqual([["検討", 2026, 2026], ["実施", 2027, 2028]]);
    expect(plan.diagnostics.find((d) => d.code === "PP241")).toMatchObject({ line: 3, column: 11, message: expect.stringContaining("「事業費（千円）」の下の年度の列（令和8年度～令和10年度）") });
    expect(codes(plan.diagnostics)).not.toContain("PP308");
  });

  it("with the run under 事業費 left of the schedule: the same reading (it had then been PP221, data left of the labels)", async () => {
    const left = [...FIXED, "事業費（千円）", "", "", "スケジュール", "", ""];
    const plan = await planOf("plan.tsv", tsv([left, under, at(1, "A", ["1,200", "3,000", "3,000", "検討", "実施", "→"])]));
    expect(errors(plan)).toEqual([]);
    expect(spans(plan, 1)).toEqual([["検討", 2026, 2026], ["実施", 2027, 2028]]);
    expect(plan.diagnostics.find((d) => d.code === "PP241")).toMatchObject({ line: 3, column: 8 });
  });

  it("a workbook's merged groups in other words (事業スケジュール | 事業費（千円）): the same reading", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("事業一覧");
    ws.addRow([...FIXED, "事業スケジュール", "", "", "事業費（千円）", "", ""]);
    ws.addRow([...blank(7), "令和8年度", "令和9年度", "令和10年度", "令和8年度", "令和9年度", "令和10年度"]);
    for (const c of ["A", "B", "C", "D", "E", "F", "G"]) ws.mergeCells(`${c}1:${c}2`);
    ws.mergeCells("H1:J1");
    ws.mergeCells("K1:M1");
    ws.addRow(at(1, "A", ["検討", "実施", "", "1200", "3400", "3400"]));
    ws.mergeCells("I3:J3");
    const plan = await planOf("plan.xlsx", new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(errors(plan)).toEqual([]);
    expect(spans(plan, 1)).toEqual([["検討", 2026, 2026], ["実施", 2027, 2028]]);
    expect(plan.diagnostics.find((d) => d.code === "PP241")?.cell).toBe("K1");
    expect(codes(plan.diagnostics)).not.toContain("PP308");
  });

  it("a lone run under 事業費 (a budget table, no schedule) is not read either (PP241): the period is unknown (PP208), not each amount a phase refused (PP332)", async () => {
    const plan = await planOf("plan.tsv", tsv([[...FIXED, "事業費（千円）", "", ""], [...blank(7), "R8", "R9", "R10"], at(1, "A", ["1,200", "3,000", "3,000"])]));
    expect(codes(errors(plan))).toEqual(["PP208"]);
    expect(plan.diagnostics.find((d) => d.code === "PP241")).toMatchObject({ line: 3, column: 8 });
  });

  it("two runs with no group words still stop at the labels (PP206)", async () => {
    const plan = await planOf("plan.tsv", tsv([[...FIXED, "R8", "R9", "R10", "R8", "R9", "R10"], at(1, "A", ["検討", "実施", "→", "", "", ""])]));
    expect(codes(errors(plan))).toContain("PP206");
    expect(codes(plan.diagnostics)).not.toContain("PP241");
  });
});

describe("a year's plan beside another column of that year", () => {
  it("R8（計画）| R8（実績）| R9（計画）…: the year columns are read every other column (PP242), the results not (PP342)", async () => {
    const plan = await planOf("plan.tsv", tsv([[...FIXED, "令和8年度（計画）", "令和8年度（実績）", "令和9年度（計画）", "令和9年度（実績）", "令和10年度（計画）", "令和10年度（実績）"],
      at(1, "A", ["検討", "検討済み", "実施", "", "→", ""])]));
    expect(errors(plan)).toEqual([]);
    expect(plan.plan.period).toEqual({ start: 2026, end: 2028 });
    expect(spans(plan, 1)).toEqual([["検討", 2026, 2026], ["実施", 2027, 2028]]);
    expect(plan.diagnostics.find((d) => d.code === "PP242")).toMatchObject({ line: 3, column: 8 });
    expect(plan.diagnostics.filter((d) => d.code === "PP342").map((d) => [d.severity, d.column])).toEqual([["info", 9], ["info", 11], ["info", 13]]);
    // said as results, left out of the progress report too, with where results come from (it had
    // been told as a column of 指標・目標値・事業費…, no word of the progress report)
    expect(plan.diagnostics.find((d) => d.code === "PP342")).toMatchObject({
      message: "実績の列「令和8年度(実績)」は、計画の資料にも進捗報告にも載せないため、読み取りませんでした。",
      hint: "実績は進捗報告の様式（planpress forms）で受け取ります。",
    });
    expect(codes(plan.diagnostics)).not.toContain("PP209");
    // another column beside each year stays unknown (PP209)
    const other = await planOf("plan.tsv", tsv([[...FIXED, "令和8年度", "担当者", "令和9年度", "担当者", "令和10年度", "担当者"],
      at(1, "A", ["検討", "山田", "実施", "", "→", ""])]));
    expect(other.diagnostics.filter((d) => d.code === "PP209")).toHaveLength(3);
  });

  it("計画 | 実績 on a header row of their own under each year label: the 計画 columns are the years (PP242), the 実績 ones not read (PP342)", async () => {
    const blank = FIXED.map(() => "");
    const plan = await planOf("plan.tsv", ["テスト市DX計画", "", [...FIXED, "令和8年度", "", "令和9年度", "", "令和10年度", ""].join("\t"),
      [...blank, "計画", "実績", "計画", "実績", "計画", "実績"].join("\t"), at(1, "A", ["検討", "検討済み", "実施", "", "→", ""]).join("\t")].join("\n"));
    expect(errors(plan)).toEqual([]);
    expect(spans(plan, 1)).toEqual([["検討", 2026, 2026], ["実施", 2027, 2028]]);
    expect(codes(plan.diagnostics)).toEqual(expect.arrayContaining(["PP242", "PP342"]));
    // at the row that says 実績 (line 4), not the year labels' row above it
    expect(plan.diagnostics.filter((d) => d.code === "PP342").map((d) => [d.line, d.column])).toEqual([4, 6, 8].map((k) => [4, FIXED.length + k - 2]));
    expect(codes(plan.diagnostics)).not.toEqual(expect.arrayContaining(["PP238"]));
    expect(codes(plan.diagnostics)).not.toEqual(expect.arrayContaining(["PP326"]));
  });
});
