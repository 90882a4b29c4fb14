// Cells as other cities' exports write them (issue #12): schedules drawn with marks, department
// cells with lead marks and 全庁, description items, 再掲 variants, remark rows. Each table is read
// from TSV, UTF-8 CSV with BOM and CRLF, Shift_JIS CSV and xlsx, and must give the same model.
import { describe, expect, it } from "vitest";
import type { Config } from "../../src/config/schema.js";
import type { Plan } from "../../src/model/schema.js";
import { blank, config, HEAD, MARKED, P1 } from "../helpers/other-city-plans.js";
import { encode, FORMATS, type Table } from "../helpers/plan-formats.js";
import { codes, planOf } from "../helpers/plan-fixtures.js";

const spans = (p: Plan, no: number) => p.projects.find((x) => x.no === no)!.schedule.map((s) => [s.label, s.from, s.to, s.note ?? null, s.unlabelled ?? false]);
const project = (p: Plan, no: number) => p.projects.find((x) => x.no === no)!;

describe.each(FORMATS)("cells of a plan drawn year by year (%s)", (format) => {
  let plan: Plan;
  it("reads it without errors", async () => {
    const { name, data } = await encode(MARKED, format);
    plan = await planOf(name, data, config());
    expect(plan.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(plan.projects.map((p) => p.no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("continuation marks extend the phase on their left; repeated labels are one phase", () => {
    expect(spans(plan, 1)).toEqual([["検討", 2026, 2027, null, false], ["実施", 2028, 2030, null, false]]);
    expect(spans(plan, 2)).toEqual([["検討", 2026, 2027, null, false], ["実施", 2028, 2030, null, false]]);
    expect(spans(plan, 4)).toEqual([["調査", 2026, 2027, null, false], ["構築", 2028, 2029, "国の動向次第", false], ["運用", 2030, 2030, null, false]]);
    // 検討→実施 in one cell stays one label; ━━ carries it on.
    expect(spans(plan, 7)).toEqual([["検討→実施", 2026, 2030, null, false]]);
  });

  it("active-year marks give plain phases with the stand-in label; a remark row is the note of its year's phase", () => {
    expect(spans(plan, 3)).toEqual([["実施", 2027, 2028, "オンライン併用", true], ["実施", 2030, 2030, null, true]]);
    expect(project(plan, 3).schedule[0]!.category).toBe("operate");
  });

  it("department cells: lead department first, 部 and 課 one name, 全庁 and ほか全課 as 各課, 関係課 after", () => {
    expect(project(plan, 1)).toMatchObject({ departments: ["情報政策課", "総務課", "市民課", "健康課"], allDepartments: false });
    expect(project(plan, 2)).toMatchObject({ departments: ["市民課", "総務部総務課"], allDepartments: false });
    expect(project(plan, 3)).toMatchObject({ departments: [], allDepartments: true });
    expect(project(plan, 4)).toMatchObject({ departments: ["情報政策課"], allDepartments: true });
    expect(plan.departments).not.toContain("全庁");
    expect(plan.departments.every((d) => !/[（）◎○]/.test(d))).toBe(true);
  });

  it("department cells: ほか, など, 等 after named departments name no department (PP312), 部 課 ほか too", async () => {
    const { splitDepartments } = await import("../../src/normalise/departments.js");
    const { defaultConfig } = await import("../../src/config/schema.js");
    const config = defaultConfig();
    const read = (cell: string) => { const d = splitDepartments(cell, config); return [d.names, d.dropped, d.all]; };
    expect(read("子ども家庭部 子ども政策課 ほか")).toEqual([["子ども家庭部子ども政策課"], ["ほか"], false]);
    expect(read("情報政策課ほか")).toEqual([["情報政策課"], ["ほか"], false]);
    expect(read("情報政策課、総務課等")).toEqual([["情報政策課", "総務課"], ["等"], false]);
    expect(read("情報政策課 など")).toEqual([["情報政策課"], ["など"], false]);
    // still 各課: ほか全課; still a name: a word ending in 等 that is no department name ending
    expect(read("情報政策課ほか全課")).toEqual([["情報政策課"], [], true]);
    expect(read("平等推進課")).toEqual([["平等推進課"], [], false]);
    // departments said without naming them: no department (were departments named 関係各課, with a file each)
    expect(read("情報政策課、関係各課")).toEqual([["情報政策課"], ["関係各課"], false]);
    expect(read("関係部署等")).toEqual([[], ["関係部署等"], false]);
    // the others said after ほか (市民課ほか関係課): was one department named 市民課ほか関係課
    expect(read("市民課ほか関係課")).toEqual([["市民課"], ["ほか関係課"], false]);
    expect(read("市民課他関係各課、健康課")).toEqual([["市民課", "健康課"], ["他関係各課"], false]);
    // a name wrapped by hand in its cell (Alt+Enter) is one name: each half had been a department
    expect(read("情報政策課、子ども子育て\n支援課")).toEqual([["情報政策課", "子ども子育て支援課"], [], false]);
    expect(read("生涯学習スポー\nツ課")).toEqual([["生涯学習スポーツ課"], [], false]);
    expect(read("情報政策課\n市民課")).toEqual([["情報政策課", "市民課"], [], false]);
    // the same after a space (a part of its own): each had been a department with a file
    expect(read("情報政策課 ほか関係課")).toEqual([["情報政策課"], ["ほか関係課"], false]);
    expect(read("会計課 他関係課")).toEqual([["会計課"], ["他関係課"], false]);
    expect(read("市民課　ほか各課")).toEqual([["市民課"], [], true]);
    expect(read("市民課 ほか全課")).toEqual([["市民課"], [], true]);
    expect(read("関係課長会議事務局")).toEqual([["関係課長会議事務局"], [], false]);
    // other words for every department
    for (const cell of ["各部局", "全部局", "各所属", "庁内各課", "全部門", "各部各課", "各部・各課"]) expect(read(cell)).toEqual([[], [], true]);
    // session 18's probes: each had been a department with a file of its own
    for (const cell of ["各課・室", "各局", "全職員", "全庁的"]) expect(read(cell), cell).toEqual([[], [], true]);
    for (const cell of ["各担当課", "所管各課", "各所管課", "各事業担当課", "関係所管課", "事業所管課", "各施設"]) expect(read(cell), cell).toEqual([[], [cell], false]);
    expect(read("情報政策課　外")).toEqual([["情報政策課"], ["外"], false]);
    expect(read("情報政策課外")).toEqual([["情報政策課"], ["外"], false]);
    expect(read("情報政策課 外2課")).toEqual([["情報政策課"], ["外2課"], false]);
    expect(read("情報政策課ほか2課")).toEqual([["情報政策課"], ["ほか2課"], false]);
    // joined with words: two departments; a name with と inside stays whole
    expect(read("情報政策課及び市民課")).toEqual([["情報政策課", "市民課"], [], false]);
    expect(read("会計課並びに市民課、健康課")).toEqual([["会計課", "市民課", "健康課"], [], false]);
    expect(read("市民課と情報政策課")).toEqual([["市民課", "情報政策課"], [], false]);
    expect(read("情報政策課を中心に全庁")).toEqual([["情報政策課"], [], true]);
    expect(read("子どもと家庭課")).toEqual([["子どもと家庭課"], [], false]);
    expect(read("渉外課")).toEqual([["渉外課"], [], false]);
    // ・ after an organisation's word splits too (教育委員会・情報政策課 had been one department); 子ども・若者課 stays whole
    for (const [cell, names] of [["教育委員会・情報政策課", ["教育委員会", "情報政策課"]], ["デジタル推進担当・市民課", ["デジタル推進担当", "市民課"]],
      ["市立病院・健康推進課", ["市立病院", "健康推進課"]], ["社会福祉協議会・福祉課", ["社会福祉協議会", "福祉課"]], ["DXグループ・市民課", ["DXグループ", "市民課"]], ["子ども・若者課", ["子ども・若者課"]]] as const) {
      expect(read(cell)[0], cell).toEqual(names);
    }
    // a related column saying there is none: no department and nothing said (なし had been a department; － a PP312 at the main column)
    for (const none of ["なし", "該当なし", "－", "ー", "×", "特になし"]) {
      const d = splitDepartments("市民課", config, none);
      expect([d.names, d.dropped], none).toEqual([["市民課"], []]);
    }
  });

  it("description items split on marks, the marks stripped", () => {
    expect(project(plan, 1).description).toEqual(["オンライン化を進める。", "対象手続を広げる。"]);
    expect(project(plan, 2).description).toEqual(["窓口の現状を調べる", "手順を見直す"]);
    expect(project(plan, 3).description).toEqual(["研修を開く", "教材を作る"]);
    expect(project(plan, 4).description).toEqual(["連携基盤を作る", "データを公開する"]);
    // A ※ inside a ・ item is part of it.
    expect(project(plan, 7).description).toEqual(["決裁を電子化する。※文書管理と合わせる。"]);
  });

  it("再掲 with a No., in the remarks column and in 〔〕 resolve relistOf", () => {
    expect(project(plan, 5)).toMatchObject({ name: "申請のオンライン化", relistOf: 1, relistMark: "（再掲：No.1）" });
    expect(project(plan, 6)).toMatchObject({ name: "窓口の見直し", relistOf: 2, relistMark: "（No.2の再掲）" });
    expect(project(plan, 8)).toMatchObject({ name: "電子決裁", relistOf: 7, relistMark: "〔再掲〕" });
    expect(project(plan, 1).relistOf).toBeNull();
  });

  it("says how the cells were read, each with its place", () => {
    const found = codes(plan.diagnostics);
    for (const c of ["PP313", "PP314", "PP315", "PP320", "PP321", "PP323", "PP324", "PP325"]) expect(found).toContain(c);
    const cont = plan.diagnostics.find((d) => d.code === "PP313" && d.projectNo === 1)!;
    if (format === "xlsx") expect(cont).toMatchObject({ sheet: "計画", cell: "J4" });
    else expect(cont).toMatchObject({ line: 4, column: 10 });
    // One message per kind and row, not one per cell.
    expect(plan.diagnostics.filter((d) => d.code === "PP313" && d.projectNo === 1)).toHaveLength(1);
    // a workbook that merges no year cell is read as a text table is (PP261), so it too is one drawn year by year
    expect(plan.diagnostics.filter((d) => d.code === "PP316")).toHaveLength(1);
  });
});

const tsvOf = async (rows: Table, c: Config = config()) => {
  const { name, data } = await encode([["テスト市計画"], [], HEAD, ...rows], "tsv");
  return planOf(name, data, c);
};
const r = (no: string, name: string, years: string[], extra: Partial<{ depts: string; related: string; desc: string; remarks: string }> = {}) =>
  [no, ...P1, name, extra.depts ?? "情報政策課", extra.related ?? "", extra.desc ?? "説明。", ...years, extra.remarks ?? ""];

describe("schedules that cannot be read without guessing are refused with the cell", () => {
  it("a continuation mark with nothing on its left (PP317), also after a blank year", async () => {
    const plan = await tsvOf([r("1", "甲", ["→", "検討", "", "→", ""])]);
    const hits = plan.diagnostics.filter((d) => d.code === "PP317");
    expect(hits.map((d) => [d.severity, d.line, d.column])).toEqual([["error", 4, 9], ["error", 4, 12]]);
    expect(spans(plan, 1)).toEqual([["検討", 2027, 2027, null, false]]);
  });

  it("a row drawn with continuation marks alone (━━━━ in every year, → from its first) is a bar without a name from its first mark, as a row of ● is (PP315; each cell had been PP317)", async () => {
    const plan = await tsvOf([r("1", "甲", ["━━━━", "━━━━", "━━━━", "━━━━", "━━━━▶"]), r("2", "乙", ["", "→", "→", "→", "→"])]);
    expect(plan.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(plan.projects.map((p) => p.schedule.map((s) => [s.label, s.from, s.to, s.unlabelled ?? false]))).toEqual([[["実施", 2026, 2030, true]], [["実施", 2027, 2030, true]]]);
    expect(plan.diagnostics.filter((d) => d.code === "PP315").map((d) => d.projectNo)).toEqual([1, 2]);
  });

  it("arrows with heads (――▶, ⟶) continue the phase; a cell of signs the config does not know is refused (PP332)", async () => {
    const plan = await tsvOf([r("1", "甲", ["検討", "――▶", "実施", "⟶", "▶"]), r("2", "乙", ["検討", "⇛", "", "", ""])]);
    expect(spans(plan, 1)).toEqual([["検討", 2026, 2027, null, false], ["実施", 2028, 2030, null, false]]);
    expect(plan.diagnostics.find((d) => d.code === "PP332")).toMatchObject({ severity: "error", line: 5, column: 10, projectNo: 2, actual: "⇛" });
    expect(spans(plan, 2)).toEqual([]);
    // figures in the year columns (事業費 1,200) are no phase either
    const money = await tsvOf([r("1", "甲", ["1,200", "800", "", "", ""])]);
    expect(money.diagnostics.find((d) => d.code === "PP332")).toMatchObject({ line: 4, column: 9, actual: "1,200" });
    // nor are amounts and counts with their unit (1,200千円, 100件): said as such (PP343), not as a phase named so
    const units = await tsvOf([r("1", "甲", ["検討", "1,200千円", "", "", ""]), r("2", "乙", ["１００件", "", "", "", ""])]);
    expect(units.diagnostics.filter((d) => d.code === "PP343").map((d) => [d.severity, d.line, d.column, d.actual])).toEqual([["error", 4, 10, "1,200千円"], ["error", 5, 9, "１００件"]]);
    expect(units.diagnostics.filter((d) => d.code === "PP332")).toEqual([]);
  });

  it("a year said to have no phase (-, ×, なし) ends the label on its left and draws nothing", async () => {
    const plan = await tsvOf([r("1", "甲", ["検討", "", "-", "実施", ""]), r("2", "乙", ["検討", "×", "", "", ""])]);
    expect(plan.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(spans(plan, 1)).toEqual([["検討", 2026, 2027, null, false], ["実施", 2029, 2030, null, false]]);
    expect(spans(plan, 2)).toEqual([["検討", 2026, 2026, null, false]]);
  });

  it("an active-year mark before a phase's name is left out of it (PP333); ○○ (a name left out) is no mark", async () => {
    const plan = await tsvOf([r("1", "甲", ["● 検討", "●検討", "○\n実施", "→", "●（運用）"]), r("2", "乙", ["○○調査", "", "", "", ""])]);
    expect(spans(plan, 1)).toEqual([["検討", 2026, 2027, null, false], ["実施", 2028, 2029, null, false], ["運用", 2030, 2030, null, false]]);
    expect(plan.diagnostics.find((d) => d.code === "PP333")).toMatchObject({ severity: "info", line: 4, column: 9, projectNo: 1 });
    expect(spans(plan, 2)).toEqual([["○○調査", 2026, 2026, null, false]]);
  });

  it("labels mixed with marks (PP318), and two marks without a configured meaning (PP319)", async () => {
    const plan = await tsvOf([r("1", "甲", ["検討", "●", "●", "", ""]), r("2", "乙", ["○", "○", "●", "●", ""])]);
    expect(plan.diagnostics.find((d) => d.code === "PP318")).toMatchObject({ severity: "error", line: 4, column: 10, projectNo: 1 });
    expect(plan.diagnostics.find((d) => d.code === "PP319")).toMatchObject({ severity: "error", line: 5, column: 11, projectNo: 2 });
    // Refused rows carry no phases, and no second "schedule empty" message.
    expect(spans(plan, 1)).toEqual([]);
    expect(codes(plan.diagnostics)).not.toContain("PP302");
  });

  it("marks given a meaning in the config are labels: ○ 検討, ● 実施", async () => {
    const c = config();
    c.schedule.markLabels = { "○": "検討", "●": "実施" };
    const plan = await tsvOf([r("1", "乙", ["○", "○", "●", "●", ""])], c);
    expect(plan.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(spans(plan, 1)).toEqual([["検討", 2026, 2027, null, false], ["実施", 2028, 2029, null, false]]);
    expect(codes(plan.diagnostics)).not.toContain("PP315");
  });

  it("in a table drawn year by year, a blank year is a year without a phase, in every row", async () => {
    const plan = await tsvOf([r("1", "甲", ["検討", "→", "", "", ""]), r("2", "乙", ["検討", "", "実施", "", ""])]);
    expect(spans(plan, 1)).toEqual([["検討", 2026, 2027, null, false]]);
    expect(spans(plan, 2)).toEqual([["検討", 2026, 2026, null, false], ["実施", 2028, 2028, null, false]]);
    expect(plan.diagnostics.filter((d) => d.code === "PP316").map((d) => [d.line, d.column])).toEqual([[4, 10]]);
    // the row written the other way is said at its label followed by a blank
    expect(plan.diagnostics.filter((d) => d.code === "PP366").map((d) => [d.severity, d.line, d.column])).toEqual([["warning", 5, 9]]);
  });

  it("one row drawn year by year in a table whose rows run their labels on over blanks is read as the table is (PP367), not the table as that row", async () => {
    // a label written twice by one row (検討 | 検討) had turned every phase of the others into one year
    const plan = await tsvOf([r("1", "甲", ["検討", "", "実施", "", ""]), r("2", "乙", ["調査", "", "", "構築", ""]), r("3", "丙", ["検討", "検討", "", "実施", ""]),
      r("4", "丁", ["", "準備", "", "運用", ""])]);
    expect(spans(plan, 1)).toEqual([["検討", 2026, 2027, null, false], ["実施", 2028, 2030, null, false]]);
    expect(spans(plan, 2)).toEqual([["調査", 2026, 2028, null, false], ["構築", 2029, 2030, null, false]]);
    expect(spans(plan, 3)).toEqual([["検討", 2026, 2028, null, false], ["実施", 2029, 2030, null, false]]);
    expect(codes(plan.diagnostics)).not.toContain("PP316");
    expect(plan.diagnostics.filter((d) => d.code === "PP367").map((d) => [d.severity, d.line, d.column, d.message])).toEqual([["warning", 6, 10,
      "この行は工程を年度ごとに書いていますが（→ などの印、同じ工程名の繰り返し、● などの印）、表の行の書き方（工程名のあとを空欄にした行 3 行、年度ごとに書いた行 1 行。ここがその最初）から、空欄の年度は左の工程の続きとして読みました。"]]);
    // rows whose last phase runs on to the period's end (検討 | 実施 | | |) count too: a text export's rows
    const export_ = await tsvOf([r("1", "甲", ["検討", "実施", "", "", ""]), r("2", "乙", ["導入", "運用", "", "", ""]), r("3", "丙", ["調査", "調査", "実証", "導入", "導入"])]);
    expect(spans(export_, 1)).toEqual([["検討", 2026, 2026, null, false], ["実施", 2027, 2030, null, false]]);
    expect(spans(export_, 3)).toEqual([["調査", 2026, 2027, null, false], ["実証", 2028, 2028, null, false], ["導入", 2029, 2030, null, false]]);
    expect(codes(export_.diagnostics)).toContain("PP367");
    // figures in the year columns (an indicator's 30% | 50%) say nothing of how phases are drawn
    const figures = await tsvOf([r("1", "甲", ["検討", "実施", "", "", ""]), r("2", "乙", ["30%", "50%", "70%", "", ""])]);
    expect(spans(figures, 1)).toEqual([["検討", 2026, 2026, null, false], ["実施", 2027, 2030, null, false]]);
    expect(codes(figures.diagnostics)).not.toContain("PP316");
  });

  it("a table without marks keeps today's reading: a label runs until the next one; 検討→実施 is one label", async () => {
    const plan = await tsvOf([r("1", "甲", ["検討→実施", "", "", "運用", ""]), r("2", "乙", ["", "調査", "", "", ""])]);
    expect(spans(plan, 1)).toEqual([["検討→実施", 2026, 2028, null, false], ["運用", 2029, 2030, null, false]]);
    expect(spans(plan, 2)).toEqual([["調査", 2027, 2030, null, false]]);
    expect(codes(plan.diagnostics)).not.toContain("PP316");
  });
});

describe("department cells", () => {
  it("a name that keeps brackets or marks is a warning, and never a file name as is", async () => {
    const plan = await tsvOf([r("1", "甲", ["検討", "", "", "", ""], { depts: "情報政策課（仮）\n◎ 総務課" })]);
    expect(project(plan, 1).departments).toEqual(["総務課", "情報政策課（仮）"]);
    expect(plan.diagnostics.find((d) => d.code === "PP322")).toMatchObject({ severity: "warning", line: 4, column: 6, actual: "情報政策課（仮）" });
    const { uniqueFileNames } = await import("../../src/output/filename.js");
    expect([...uniqueFileNames(["情報政策課（仮）", "◎情報政策課"], ".pdf").values()]).toEqual(["情報政策課_仮.pdf", "情報政策課.pdf"]);
  });

  it("全庁共通 (the documents' own word for 各課) is every department, said (PP321): it had been a department of that name, with a file of its own", async () => {
    const plan = await tsvOf([
      r("1", "甲", ["検討", "", "", "", ""], { depts: "全庁共通" }),
      r("2", "乙", ["検討", "", "", "", ""], { depts: "情報政策課、全庁共通" })]);
    expect(plan.projects.map((p) => [p.departments, p.allDepartments])).toEqual([[[], true], [["情報政策課"], true]]);
    expect(plan.departments).toEqual(["情報政策課"]);
    expect(plan.diagnostics.find((d) => d.code === "PP321")).toMatchObject({ severity: "info", line: 4, column: 6, actual: "全庁共通" });
  });

  it("a role inside the bracket after a 課 (情報政策課（担当：DX推進係）) names its unit, and a note after ※ no department (PP285); they had been 「情報政策課（」「DX推進係）」 and 「※R9から管財課」", async () => {
    const plan = await tsvOf([
      r("1", "甲", ["検討", "", "", "", ""], { depts: "情報政策課（担当：DX推進係）" }),
      r("2", "乙", ["検討", "", "", "", ""], { depts: "総務課　※R9から管財課\n市民課" }),
      r("3", "丙", ["検討", "", "", "", ""], { depts: "主管：福祉課、関係：健康課" })]);
    expect(plan.projects.map((p) => p.departments)).toEqual([["情報政策課（担当：DX推進係）"], ["総務課", "市民課"], ["福祉課", "健康課"]]);
    expect(plan.diagnostics.filter((d) => d.code === "PP285").map((d) => [d.severity, d.line, d.column, d.actual])).toEqual([["warning", 5, 6, "※R9から管財課"]]);
    expect(codes(plan.diagnostics)).not.toContain("PP322");
  });

  it("a file name cut to 200 bytes is cut between characters, never inside a surrogate pair", async () => {
    const { safeFileName } = await import("../../src/output/filename.js");
    const name = safeFileName(`${"課".repeat(65)}ab😀`);
    expect(Buffer.byteLength(name, "utf8")).toBeLessThanOrEqual(200);
    expect(name).not.toMatch(/[\uD800-\uDFFF]/u);
    expect(name).toBe(`${"課".repeat(65)}ab`);
    // names differing only by half a pair (an xlsx's &#xD800;) are files apart, never one U+FFFD file
    const { uniqueFileNames } = await import("../../src/output/filename.js");
    const files = [...uniqueFileNames(["監査\uD800課", "監査\uDC00課", "監査\uD801課"], ".pdf").values()];
    expect(new Set(files.map((f) => Buffer.from(f, "utf8").toString("utf8"))).size).toBe(3);
  });

  it("a lead mark in brackets or before a colon (情報政策課（◎）, ◎：情報政策課) and 関 as 関係 (【関】, 関：) leave no bracket or colon in a name; they had been printed (「情報政策課（）」, PP322)", async () => {
    const plan = await tsvOf([
      r("1", "甲", ["検討", "", "", "", ""], { depts: "市民課、情報政策課（◎）" }),
      r("2", "乙", ["検討", "", "", "", ""], { depts: "○：市民課、◎：情報政策課" }),
      r("3", "丙", ["検討", "", "", "", ""], { depts: "【主】情報政策課【関】市民課" }),
      r("4", "丁", ["検討", "", "", "", ""], { depts: "主：情報政策課　関：市民課" })]);
    expect(plan.projects.map((p) => p.departments)).toEqual([["情報政策課", "市民課"], ["情報政策課", "市民課"], ["情報政策課", "市民課"], ["情報政策課", "市民課"]]);
    expect(codes(plan.diagnostics)).not.toContain("PP322");
    expect(plan.diagnostics.filter((d) => d.code === "PP331").map((d) => d.projectNo)).toEqual([3, 4]);
  });

  it("lists split on 、 ・ , / spaces and line breaks; every-department words are configurable", async () => {
    const { splitDepartments } = await import("../../src/normalise/departments.js");
    const c = config();
    expect(splitDepartments("総務課 人事課/財政課,市民課\n健康課・子ども・若者課", c).names).toEqual(["総務課", "人事課", "財政課", "市民課", "健康課", "子ども・若者課"]);
    expect(splitDepartments("情報政策課(主管)、総務課", c)).toMatchObject({ names: ["情報政策課", "総務課"], leadMarks: ["(主管)"] });
    expect(splitDepartments("○総務課、人事課、◎情報政策課", c).names).toEqual(["情報政策課", "総務課", "人事課"]);
    expect(splitDepartments("総務課、情報政策課（主担当）", c).names).toEqual(["情報政策課", "総務課"]);
    // 【主管】 as 【主】 is (it had been left in the name, 「【主管】情報政策課」)
    expect(splitDepartments("総務課、【主管】情報政策課", c).names).toEqual(["情報政策課", "総務課"]);
    expect(splitDepartments("各課等", c)).toMatchObject({ names: [], all: true, allWords: ["各課等"] });
    expect(splitDepartments("全部署", c).all).toBe(true);
    // one such word explained by another in brackets; a department with one in brackets after it is
    // that department and 各課 (it had been one odd name, 「人事課（全課）」, a department file of its own)
    expect(splitDepartments("全庁（各課）", c)).toMatchObject({ names: [], all: true, odd: [] });
    // names joined or related by a mark are odd (PP322): each had been one department, with a file, without a word
    for (const cell of ["情報政策課→DX推進課", "市民課＋健康課", "会計課&納税課"]) expect(splitDepartments(cell, c).odd, cell).toEqual([cell]);
    expect(splitDepartments("情報政策課（各課）", c)).toMatchObject({ names: ["情報政策課"], all: true, odd: [] });
    expect(splitDepartments("人事課（全課）、総務課", c)).toMatchObject({ names: ["人事課", "総務課"], all: true, odd: [] });
    // a 部/局 with its 課 in brackets: the 課 (it had been one odd name, 「総務部（総務課、情報政策課）」);
    // a bracket that names no 課, or every department, stays as before
    expect(splitDepartments("総務部（総務課、情報政策課）、健康福祉部 (健康課)", c)).toMatchObject({ names: ["総務課", "情報政策課", "健康課"], all: false, odd: [],
      divisions: ["総務部（総務課、情報政策課）", "健康福祉部 (健康課)"] });
    expect(splitDepartments("総務部（庶務担当）", c)).toMatchObject({ names: ["総務部（庶務担当）"], divisions: [] });
    expect(splitDepartments("総務部（情報政策課、各課）", c)).toMatchObject({ odd: ["総務部（情報政策課、各課）"], divisions: [] });
    expect(splitDepartments("◎総務部（総務課、情報政策課）", c).divisions).toEqual([]);
    // (a unit in brackets is still part of the name)
    expect(splitDepartments("情報政策課（DX推進担当）", c)).toMatchObject({ names: ["情報政策課（DX推進担当）"], all: false });
    c.allDepartmentsWords = ["全所属"];
    expect(splitDepartments("全庁", c)).toMatchObject({ names: ["全庁"], all: false });
  });

  it("a 部 and its 課 on the next line of the cell are one name, as with a space between them", async () => {
    const { splitDepartments } = await import("../../src/normalise/departments.js");
    const c = config();
    expect(splitDepartments("子ども家庭部\n子ども政策課、\n子ども子育て支援課", c).names).toEqual(["子ども家庭部子ども政策課", "子ども子育て支援課"]);
    expect(splitDepartments("総務部\n総務課\n人事課", c).names).toEqual(["総務部総務課", "人事課"]);
    // two 課 on two lines stay two
    expect(splitDepartments("情報政策課\n市民課", c).names).toEqual(["情報政策課", "市民課"]);
  });

  it("a 課 and a unit of it (係, 担当, グループ, チーム, 班) after a space or on the next line are one name", async () => {
    const { splitDepartments } = await import("../../src/normalise/departments.js");
    const c = config();
    expect(splitDepartments("情報政策課 DX推進係", c).names).toEqual(["情報政策課DX推進係"]);
    expect(splitDepartments("市民課　窓口担当、総務課", c).names).toEqual(["市民課窓口担当", "総務課"]);
    expect(splitDepartments("DX推進室\nデータ活用グループ\n市民課", c).names).toEqual(["DX推進室データ活用グループ", "市民課"]);
    // two 課, or a 係 after a separator: not a unit of the name before it
    expect(splitDepartments("情報政策課 市民課", c).names).toEqual(["情報政策課", "市民課"]);
    expect(splitDepartments("情報政策課、文書係", c).names).toEqual(["情報政策課", "文書係"]);
    // a unit before a ・ and another department (each 係 and 課 had been a department with a file)
    expect(splitDepartments("情報政策課 DX推進係・市民課 窓口係", c).names).toEqual(["情報政策課DX推進係", "市民課窓口係"]);
    expect(splitDepartments("秘書広報課 広報係・情報政策課", c).names).toEqual(["秘書広報課広報係", "情報政策課"]);
  });

  it("a 委員会 and its 課, a 部 and its 課 with a note in brackets, and a 部／課 path are one name (the 部 or 委員会 had had a file of its own)", async () => {
    const { splitDepartments } = await import("../../src/normalise/departments.js");
    const c = config();
    expect(splitDepartments("教育委員会 学校教育課", c).names).toEqual(["教育委員会学校教育課"]);
    expect(splitDepartments("福祉部 福祉総務課（地域福祉担当）", c).names).toEqual(["福祉部福祉総務課（地域福祉担当）"]);
    expect(splitDepartments("企画部 企画政策課（事務局）", c).names).toEqual(["企画部企画政策課（事務局）"]);
    for (const cell of ["総務部／情報政策課", "総務部/情報政策課", "総務部 / 情報政策課"]) expect(splitDepartments(cell, c).names, cell).toEqual(["総務部情報政策課"]);
    // two 部, or two 課, written so stay two
    expect(splitDepartments("総務部／市民部", c).names).toEqual(["総務部", "市民部"]);
    expect(splitDepartments("情報政策課／市民課", c).names).toEqual(["情報政策課", "市民課"]);
  });

  it("related departments in brackets with a role word go after the lead ones (PP331); without a role word a warning", async () => {
    const { splitDepartments } = await import("../../src/normalise/departments.js");
    const c = config();
    expect(splitDepartments("情報政策課\n（関係課：市民課、健康課）", c, "総務課")).toMatchObject({ names: ["情報政策課", "市民課", "健康課", "総務課"], odd: [] });
    expect(splitDepartments("◎市民課【協力 情報政策課】", c).names).toEqual(["市民課", "情報政策課"]);
    expect(splitDepartments("市民課（関係：各課）", c)).toMatchObject({ names: ["市民課"], all: true, bracketed: ["（関係：各課）"] });
    expect(splitDepartments("市民課（健康課）", c)).toMatchObject({ names: ["市民課（健康課）"], odd: ["市民課（健康課）"], bracketed: [] });
    const plan = await tsvOf([r("1", "甲", ["検討", "", "", "", ""], { depts: "情報政策課（連携課：市民課）" })]);
    expect(project(plan, 1).departments).toEqual(["情報政策課", "市民課"]);
    expect(plan.diagnostics.find((d) => d.code === "PP331")).toMatchObject({ severity: "info", line: 4, column: 6, actual: "（連携課：市民課）" });
    expect(codes(plan.diagnostics)).not.toContain("PP322");
  });

  it("a bracket with no role word: related departments where the header says so (担当課（関係課）), else one odd name, never cut", async () => {
    const { splitDepartments } = await import("../../src/normalise/departments.js");
    const c = config();
    expect(splitDepartments("情報政策課（市民課、健康課）", c, "", true)).toMatchObject({ names: ["情報政策課", "市民課", "健康課"], bracketed: ["（市民課、健康課）"], odd: [] });
    // a lead mark or a role alone in brackets keeps its meaning
    expect(splitDepartments("（主）会計課（副）市民課", c, "", true).names).toEqual(["会計課", "市民課"]);
    expect(splitDepartments("情報政策課（市民課、健康課）", c)).toMatchObject({ names: ["情報政策課（市民課、健康課）"], odd: ["情報政策課（市民課、健康課）"] });
    const head = HEAD.map((h) => (h === "担当課" ? "担当課（関係課）" : h));
    const { name, data } = await encode([["テスト市計画"], [], head, r("1", "甲", ["検討", "", "", "", ""], { depts: "情報政策課（市民課・健康課）" })], "tsv");
    const plan = await planOf(name, data, config());
    expect(project(plan, 1).departments).toEqual(["情報政策課", "市民課", "健康課"]);
    expect(plan.diagnostics.find((d) => d.code === "PP331")).toMatchObject({ actual: "（市民課・健康課）" });
  });

  it("roles written before the departments: 主管：/関係： and （副）; a colon left in a name is a warning", async () => {
    const { splitDepartments } = await import("../../src/normalise/departments.js");
    const c = config();
    expect(splitDepartments("主管：福祉課／関係：健康課、市民課", c)).toMatchObject({
      names: ["福祉課", "健康課", "市民課"], leadMarks: ["主管："], bracketed: ["関係：健康課、市民課"], odd: [] });
    expect(splitDepartments("関係課：健康課　担当課：福祉課", c).names).toEqual(["福祉課", "健康課"]);
    expect(splitDepartments("（主）会計課（副）市民課", c)).toMatchObject({ names: ["会計課", "市民課"], bracketed: ["（副）市民課"], odd: [] });
    // 担当 inside a name is no role: 子育て担当課
    expect(splitDepartments("子育て担当課", c).names).toEqual(["子育て担当課"]);
    expect(splitDepartments("予算：財政課", c)).toMatchObject({ names: ["予算：財政課"], odd: ["予算：財政課"] });
  });

  it("a related role naming no department (情報政策課（関係課）) adds none and is said so (PP397), not as related departments added (PP331)", async () => {
    const plan = await tsvOf([r("1", "甲", ["検討", "", "", "", ""], { depts: "情報政策課（関係課）" }), r("2", "乙", ["検討", "", "", "", ""], { depts: "情報政策課（関係課：市民課）" })]);
    expect(plan.projects.map((p) => p.departments)).toEqual([["情報政策課"], ["情報政策課", "市民課"]]);
    expect(plan.diagnostics.filter((d) => d.code === "PP397" || d.code === "PP331").map((d) => [d.code, d.line, d.column, d.projectNo])).toEqual([
      ["PP397", 4, 6, 1], ["PP331", 5, 6, 2]]);
  });
});

describe("再掲 and remark rows", () => {
  it("（再掲：No.n）that points nowhere, or at a differently named project, is reported", async () => {
    const plan = await tsvOf([r("1", "甲", ["検討", "", "", "", ""]), r("2", "乙（再掲：No.9）", ["検討", "", "", "", ""]), r("3", "丙丙丙（再掲：No.1）", ["検討", "", "", "", ""])]);
    expect(project(plan, 2)).toMatchObject({ name: "乙", relistOf: null, relistMark: "（再掲：No.9）" });
    expect(plan.diagnostics.find((d) => d.code === "PP406")).toMatchObject({ projectNo: 2, line: 5 });
    expect(project(plan, 3).relistOf).toBe(1);
    expect(plan.diagnostics.find((d) => d.code === "PP408")).toMatchObject({ projectNo: 3, relatedNo: 1 });
  });

  it("a 再掲 named in other widths or with spaces finds its original by name, the difference said (PP408)", async () => {
    const plan = await tsvOf([r("1", "ＲＰＡの導入", ["検討", "", "", "", ""]), r("2", "RPA の導入（再掲）", ["検討", "", "", "", ""])]);
    expect(project(plan, 2).relistOf).toBe(1);
    expect(plan.diagnostics.filter((d) => d.code === "PP406")).toEqual([]);
    expect(plan.diagnostics.filter((d) => d.code === "PP408").map((d) => [d.projectNo, d.relatedNo, d.message])).toEqual([
      [2, 1, "No.2 は No.1 の再掲ですが、事業名が一致しません（「ＲＰＡの導入」/「RPA の導入」）。"]]);
  });

  it("a 再掲 row without a No of its own is said as such (PP338), not as any empty No (PP301)", async () => {
    const plan = await tsvOf([r("1", "甲", ["検討", "", "", "", ""]), r("", "甲（再掲）", ["検討", "", "", "", ""])]);
    expect(plan.diagnostics.filter((d) => d.severity === "error").map((d) => [d.code, d.line, d.column, d.message])).toEqual([
      ["PP338", 5, 1, "再掲の行（「甲（再掲）」）に No がありません。"]]);
    // 再掲 written in the No column itself: the same (it had been PP305 with a hint on branch numbers)
    const inNo = await tsvOf([r("1", "甲", ["検討", "", "", "", ""]), r("再掲", "甲", ["検討", "", "", "", ""]), r("1再", "甲", ["検討", "", "", "", ""])]);
    expect(inNo.diagnostics.filter((d) => d.severity === "error").map((d) => [d.code, d.line])).toEqual([["PP338", 5], ["PP338", 6]]);
  });

  it("branch numbers in the No column (1-1, 1－2, 2-3-1, 1.1) are refused at each cell as branch numbers (PP305), and a 再掲 naming one (No.1-1の再掲) is not linked to No.1", async () => {
    const plan = await tsvOf([r("1", "甲", ["検討", "", "", "", ""]), r("1-1", "乙", ["検討", "", "", "", ""]), r("1－2", "丙", ["検討", "", "", "", ""]),
      r("2-3-1", "丁", ["検討", "", "", "", ""]), r("1.1", "戊", ["検討", "", "", "", ""]), r("Ａ－１", "己", ["検討", "", "", "", ""]), r("Ⅱ-3", "庚", ["検討", "", "", "", ""]),
      r("2", "乙（No.1-1の再掲）", ["検討", "", "", "", ""])]);
    // (under a group's letter or Roman numeral too, A-1 and Ⅱ-3: they had been said only as no number)
    expect(plan.diagnostics.filter((d) => d.code === "PP305").map((d) => [d.severity, d.line, d.column, d.message])).toEqual(["1-1", "1－2", "2-3-1", "1.1", "Ａ－１", "Ⅱ-3"].map((no, i) =>
      ["error", 5 + i, 1, `No「${no}」は枝番です。No は様式・進捗報告・新旧対照表で事業を指す通し番号のため、枝番の事業は読めません（枝番から番号は作りません）。`]));
    expect([project(plan, 2).relistOf, project(plan, 2).relistMark]).toEqual([null, "（No.1-1の再掲）"]);
    expect(codes(plan.diagnostics)).not.toContain("PP408");
  });

  it("a No after a word (新規1, 追加2: the project's 区分 written into its No) is said as such (PP305), with where to write the word", async () => {
    const plan = await tsvOf([r("1", "甲", ["検討", "", "", "", ""]), r("新規1", "乙", ["検討", "", "", "", ""]), r("追加 2", "丙", ["検討", "", "", "", ""])]);
    expect(plan.diagnostics.filter((d) => d.code === "PP305").map((d) => [d.line, d.message, d.hint])).toEqual(["新規1", "追加 2"].map((no, i) =>
      [5 + i, `No「${no}」は番号の前に言葉（新規・追加などの区分）が付いています。No は事業を指す通し番号のため、言葉を外した番号かどうか決められません。`,
        "No の列には番号だけを書き、新規・追加などの区分は別の列（区分）に書いてください。"]));
  });

  it("※再掲 and 【再掲】 are marks too", async () => {
    const plan = await tsvOf([r("1", "甲", ["検討", "", "", "", ""]), r("2", "※再掲 甲", ["検討", "", "", "", ""]), r("3", "【再掲】甲", ["検討", "", "", "", ""])]);
    expect([project(plan, 2), project(plan, 3)].map((p) => [p.name, p.relistOf, p.relistMark])).toEqual([["甲", 1, "※再掲"], ["甲", 1, "【再掲】"]]);
  });

  it("再掲 with a word of its own in brackets (（一部再掲）, （再掲・拡充）, （再掲/No.1）) or after a space at the end is a mark; 「No.35に再掲」 and 再掲示 are not", async () => {
    const names = ["電子申請の拡充（一部再掲）", "電子申請の拡充（再掲・拡充）", "電子申請の拡充（再掲/No.1）", "電子申請の拡充　再掲"];
    const plan = await tsvOf([r("1", "電子申請の拡充", ["検討", "", "", "", ""]), ...names.map((n, i) => r(String(i + 2), n, ["検討", "", "", "", ""])),
      r("6", "窓口（No.35に再掲）", ["検討", "", "", "", ""])]);
    // each had printed as an original, the mark in its name, counted twice in department files and forms
    expect([2, 3, 4, 5].map((no) => [project(plan, no).name, project(plan, no).relistOf, project(plan, no).relistMark])).toEqual([
      ["電子申請の拡充", 1, "（一部再掲）"], ["電子申請の拡充", 1, "（再掲・拡充）"], ["電子申請の拡充", 1, "（再掲/No.1）"], ["電子申請の拡充", 1, "再掲"]]);
    // an original's note of where it is relisted: no mark of its own, nor part of its name (No.35 not there: PP423)
    expect([project(plan, 6).name, project(plan, 6).relistOf]).toEqual(["窓口", null]);
    expect(plan.diagnostics.filter((d) => d.code === "PP423").map((d) => d.projectNo)).toEqual([6]);
    // 再掲示 is posting again, no 再掲: 「窓口（再掲示の見直し）」 had been a 再掲 named 窓口
    const posting = await tsvOf([r("1", "窓口", ["検討", "", "", "", ""]), r("2", "窓口（再掲示の見直し）", ["検討", "", "", "", ""])]);
    expect([project(posting, 2).name, project(posting, 2).relistOf]).toEqual(["窓口（再掲示の見直し）", null]);
  });

  it("a remark row is never dropped silently: no phase in its year, nothing above it, a lone line elsewhere", async () => {
    const remark = (years: string[], remarks = "") => ["", ...blank(7), ...years, remarks];
    const plan = await tsvOf([
      remark(["", "予算次第", "", "", ""]),
      r("1", "甲", ["検討", "→", "", "", ""]),
      remark(["", "", "", "※延期あり", ""], "要確認"),
      ["", "見出しだけの行", ...blank(12)],
      r("2", "乙", ["検討", "→", "", "", ""]),
    ]);
    const warn = plan.diagnostics.filter((d) => d.code === "PP326").map((d) => [d.line, d.column, d.severity]);
    expect(warn).toEqual([[4, 10, "warning"], [6, 12, "warning"], [6, 14, "warning"]]);
    expect(plan.diagnostics.find((d) => d.code === "PP327")).toMatchObject({ severity: "warning", line: 7, column: 2 });
    expect(spans(plan, 1)).toEqual([["検討", 2026, 2027, null, false]]);
  });
});

describe("a project row cut in two by the export", () => {
  const more = (cells: Partial<{ depts: string; related: string; desc: string }>) =>
    ["", ...blank(4), cells.depts ?? "", cells.related ?? "", cells.desc ?? "", ...blank(6)];

  it("text only in the description and department columns under it continues its cells, said once (PP329)", async () => {
    const plan = await tsvOf([
      r("1", "甲", ["検討", "→", "", "", ""], { desc: "・申請を電子化する", depts: "情報政策課、" }),
      more({ desc: "・添付書類をなくす", depts: "市民課" }),
      more({ desc: "ことで来庁を減らす" }),
      r("2", "乙", ["検討", "→", "", "", ""], { desc: "・窓口を見直す", depts: "市民課" }),
      more({ related: "健康課" }),
    ]);
    expect(project(plan, 1).description).toEqual(["申請を電子化する", "添付書類をなくすことで来庁を減らす"]);
    expect(project(plan, 1).departments).toEqual(["情報政策課", "市民課"]);
    expect(project(plan, 2).departments).toEqual(["市民課", "健康課"]);
    const said = plan.diagnostics.filter((d) => d.code === "PP329");
    expect(said.map((d) => [d.line, d.column, d.severity])).toEqual([[5, 6, "info"]]);
    expect(said[0]!.message).toContain("3 行、最初は No.1 の下");
    expect(codes(plan.diagnostics)).not.toContain("PP327");
    expect(codes(plan.diagnostics)).not.toContain("PP301");
  });

  it("after a sentence's end, the row's text below is an item of its own, also in a ・ list (PP329)", async () => {
    const plan = await tsvOf([
      r("1", "甲", ["検討", "→", "", "", ""], { desc: "・申請を電子化する。" }),
      more({ desc: "目標値（件）" }),
      r("2", "乙", ["検討", "→", "", "", ""], { desc: "・窓口を見直し、" }),
      more({ desc: "待ち時間を減らす。" }),
    ]);
    // (they had been glued: 「申請を電子化する。目標値（件）」)
    expect(project(plan, 1).description).toEqual(["申請を電子化する。", "目標値（件）"]);
    // a sentence cut in two still joins
    expect(project(plan, 2).description).toEqual(["窓口を見直し、待ち時間を減らす。"]);
    expect(plan.diagnostics.filter((d) => d.code === "PP329").map((d) => d.line)).toEqual([5]);
  });

  it("a name with no No, level or year cell under a project is one error saying both readings (PP379), not three cells 「空」", async () => {
    const named = (name: string, cells: Partial<{ depts: string; desc: string }> = {}) => ["", ...blank(3), name, cells.depts ?? "", "", cells.desc ?? "", ...blank(6)];
    const plan = await tsvOf([
      r("1", "窓口のデジタル化", ["検討", "→", "", "", ""], { desc: "・手続を" }),
      named("オンライン申請の推進", { desc: "電子化する。", depts: "市民課" }),
      r("2", "乙", ["検討", "→", "", "", ""]),
    ]);
    const said = plan.diagnostics.filter((d) => d.code === "PP379");
    expect(said.map((d) => [d.severity, d.line, d.column])).toEqual([["error", 5, 5]]);
    expect(said[0]!.message).toBe("No・基本方針・施策も年度の欄もなく、事業名「オンライン申請の推進」だけの行です。上の No.1「窓口のデジタル化」の事業名の続き（1 つのセルが 2 行に分かれて書き出されたもの）か、No の抜けた別の事業か、決められません。");
    expect(codes(plan.diagnostics)).not.toContain("PP301");
    // with a schedule of its own it is a project without its No (PP301 at the No)
    const scheduled = await tsvOf([r("1", "甲", ["検討", "→", "", "", ""]), ["", ...P1, "乙", "市民課", "", "説明。", "検討", "", "", "", "", ""]]);
    expect(codes(scheduled.diagnostics)).not.toContain("PP379");
    expect(codes(scheduled.diagnostics)).toContain("PP301");
  });

  it("a name above that cannot end there (after の, inside a bracket) goes on in the name-only row below: one name (PP392), not PP379", async () => {
    const named = (name: string, cells: Partial<{ depts: string; desc: string }> = {}) => ["", ...blank(3), name, cells.depts ?? "", "", cells.desc ?? "", ...blank(6)];
    const plan = await tsvOf([
      r("1", "窓口のデジタル化の", ["検討", "→", "", "", ""], { desc: "・手続を" }),
      named("推進（オンライン申請）", { desc: "電子化する。", depts: "市民課" }),
      r("2", "Power Automate（業務", ["検討", "→", "", "", ""]),
      named("自動化）の導入"),
    ]);
    expect(plan.projects.map((p) => [p.no, p.name])).toEqual([[1, "窓口のデジタル化の推進（オンライン申請）"], [2, "Power Automate（業務自動化）の導入"]]);
    expect(plan.projects[0]!.description).toEqual(["手続を電子化する。"]);
    expect(plan.projects[0]!.departments).toEqual(["情報政策課", "市民課"]);
    const said = plan.diagnostics.filter((d) => d.code === "PP392");
    expect(said.map((d) => [d.severity, d.line, d.column])).toEqual([["info", 5, 5]]);
    expect(said[0]!.message).toContain("2 行、最初は No.1 の下");
    expect(codes(plan.diagnostics)).not.toContain("PP379");
    // と and も end words as well (まち・ひと・しごと, こども): such a name may end there, PP379 stays
    const word = await tsvOf([r("1", "まち・ひと・しごと", ["検討", "→", "", "", ""]), named("創生の推進"), r("2", "乙", ["検討", "→", "", "", ""])]);
    expect(codes(word.diagnostics)).toContain("PP379");
    expect(word.projects[0]!.name).toBe("まち・ひと・しごと");
  });

  it("a row cut at a page break goes on under the header the export repeats there", async () => {
    const plan = await tsvOf([
      r("1", "甲", ["検討", "→", "", "", ""], { desc: "・申請を電子化する" }),
      [], HEAD,
      more({ desc: "・添付書類をなくす" }),
      r("2", "乙", ["検討", "→", "", "", ""], { desc: "・窓口を見直す" }),
    ]);
    expect(project(plan, 1).description).toEqual(["申請を電子化する", "添付書類をなくす"]);
    expect(project(plan, 2).description).toEqual(["窓口を見直す"]);
    const said = plan.diagnostics.find((d) => d.code === "PP329");
    expect(said?.line).toBe(7);
    expect(said?.message).toContain("最初は No.1 の下");
    expect(codes(plan.diagnostics)).not.toContain("PP327");
  });

  it("a note (※) or text beside a hierarchy cell is no continuation; nor is a row with nothing above it", async () => {
    const plan = await tsvOf([
      more({ desc: "・表の最初の行" }),
      r("1", "甲", ["検討", "→", "", "", ""], { desc: "・申請を電子化する" }),
      more({ desc: "※ 予算により変わります" }),
    ]);
    expect(project(plan, 1).description).toEqual(["申請を電子化する"]);
    expect(plan.diagnostics.filter((d) => d.code === "PP327").map((d) => d.line)).toEqual([4, 6]);
    expect(codes(plan.diagnostics)).not.toContain("PP329");
  });
});

describe("plain bars", () => {
  it("the 工程表 draws a marked phase without its stand-in label", async () => {
    const plan = await tsvOf([r("1", "甲", ["", "●", "●", "", ""]), r("2", "乙", ["調査", "→", "", "", ""])]);
    const { ganttGroups } = await import("../../src/views/workbook.js");
    const { renderGantt } = await import("../../src/render/gantt.js");
    const { makeRenderContext } = await import("../helpers/context.js");
    const { textItems } = await import("../helpers/pdf-positions.js");
    const ctx = makeRenderContext();
    expect(ganttGroups(plan, ctx.config)[0]!.projects[0]!.lanes).toEqual([[{ label: "", category: "operate", from: 2027, to: 2028 }]]);
    const [file] = await renderGantt(plan, ctx);
    const text = (await textItems(file!.data)).map((p) => p.stream).join("");
    expect(text).toContain("調査");
    // 実施 appears only inside the legend's 運用・実施, never on a bar.
    expect(text.split("実施").length - 1).toBe(text.split("運用・実施").length - 1);
  }, 60_000);
});

describe("planpress check says how the cells were read", () => {
  it("in Japanese and with --lang en, each message with its place", async () => {
    const { writeFileSync } = await import("node:fs");
    const path = await import("node:path");
    const { tempFile } = await import("../helpers/plan-fixtures.js");
    const { cli } = await import("../helpers/cli.js");
    const { data } = await encode(MARKED, "csv-bom-crlf");
    const file = tempFile("other-city.csv", data);
    const cfg = path.join(path.dirname(file), "planpress.config.json");
    writeFileSync(cfg, JSON.stringify({ columns: { 関係課: "relatedDepartments", 備考: "remarks" } }));
    const ja = await cli("check", file, "--config", cfg);
    expect(ja.code).toBe(0);
    expect(ja.stderr).toMatch(/other-city\.csv:4:10 +info +PP313 +年度の欄の「→」を、左の工程が続く印として読みました。/);
    expect(ja.stderr).toMatch(/PP315 +年度の欄の「●」を、工程名のない実施年度の印として読みました。工程名は「実施」/);
    expect(ja.stderr).toMatch(/PP321 +担当課の欄の「全庁」を「各課」/);
    expect(ja.stderr).toMatch(/PP325 +No も事業名もない行を、No\.3 の令和9年度の工程「実施」の注記/);
    const en = await cli("check", file, "--config", cfg, "--lang", "en");
    expect(en.code).toBe(0);
    expect(en.stderr).toMatch(/other-city\.csv:4:10 +info +PP313 +Read "→" in a year cell as the phase on its left continuing\./);
    expect(en.stderr).toMatch(/PP316 +This table writes its schedule year by year/);
    expect(en.stderr).toMatch(/PP320 +Removed the lead-department mark "（主）"/);
    expect(en.stderr).toMatch(/PP324 +Read "（No\.2の再掲）" in the remarks column/);
  });
});

describe("a note alone in a year cell (※…)", () => {
  it("is the note of the phase that year, not a phase of its own; with no phase that year it is said (PP358)", async () => {
    const plan = await tsvOf([r("1", "甲", ["調査", "※予算措置を前提とする", "構築", "", ""]), r("2", "乙", ["検討", "", "", "", "※令和13年度以降の本格導入を目指す"]),
      r("3", "丙", ["※国の動向を注視", "検討", "", "実施", ""])]);
    expect(plan.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(spans(plan, 1)).toEqual([["調査", 2026, 2027, "予算措置を前提とする", false], ["構築", 2028, 2030, null, false]]);
    expect(spans(plan, 2)).toEqual([["検討", 2026, 2030, "令和13年度以降の本格導入を目指す", false]]);
    expect(spans(plan, 3)).toEqual([["検討", 2027, 2028, null, false], ["実施", 2029, 2030, null, false]]);
    expect(plan.diagnostics.filter((d) => d.code === "PP358").map((d) => [d.severity, d.line, d.column, d.projectNo])).toEqual([["warning", 6, 9, 3]]);
    expect(codes(plan.diagnostics)).not.toContain("PP307");
  });
});

describe("an end (完了, 廃止) or an event within its year in a table whose labels run to the next", () => {
  it("takes its own year only, said once per row (PP357); a label after it starts where it is written", async () => {
    const plan = await tsvOf([r("1", "電子申請", ["検討", "構築", "完了", "", ""]), r("2", "旧システム", ["運用", "", "旧システム廃止", "", ""]),
      r("3", "RPA", ["", "令和9年度中に導入", "", "運用", ""]), r("4", "AI", ["調査", "", "運用開始", "", ""]), r("5", "窓口", ["", "", "", "", "終了"])]);
    expect(spans(plan, 1).map((s) => s.slice(0, 3))).toEqual([["検討", 2026, 2026], ["構築", 2027, 2027], ["完了", 2028, 2028]]);
    expect(spans(plan, 2).map((s) => s.slice(0, 3))).toEqual([["運用", 2026, 2027], ["旧システム廃止", 2028, 2028]]);
    expect(spans(plan, 3).map((s) => s.slice(0, 3))).toEqual([["導入", 2027, 2027], ["運用", 2029, 2030]]);
    expect(spans(plan, 4).map((s) => s.slice(0, 3))).toEqual([["調査", 2026, 2027], ["運用開始", 2028, 2030]]);
    expect(spans(plan, 5).map((s) => s.slice(0, 3))).toEqual([["終了", 2030, 2030]]);
    expect(plan.diagnostics.filter((d) => d.code === "PP357").map((d) => [d.severity, d.projectNo])).toEqual([["info", 1], ["info", 2]]);
  });
});

describe("継続 alone in a year cell", () => {
  it("continues the phase on its left, in or out of brackets (PP363 once a row, with the phase); in a row's first phase it is a phase of that name", async () => {
    const plan = await tsvOf([r("1", "電子申請", ["検討", "実施", "（継続）", "（継続）", "（継続）"]), r("2", "相談", ["検討", "【継続】", "実施", "", ""]),
      r("3", "窓口", ["継続", "", "", "見直し", ""]), r("4", "研修", ["構築", "継続 ※予算次第", "継続実施", "", ""])]);
    expect(plan.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(spans(plan, 1)).toEqual([["検討", 2026, 2026, null, false], ["実施", 2027, 2030, null, false]]);
    // a 検討 that goes on stays 検討 (継続 as a phase of its own had taken the colour of 運用・実施)
    expect(project(plan, 2).schedule.map((s) => [s.label, s.from, s.to, s.category])).toEqual([["検討", 2026, 2027, "study"], ["実施", 2028, 2030, "operate"]]);
    expect(spans(plan, 3)).toEqual([["継続", 2026, 2028, null, false], ["見直し", 2029, 2030, null, false]]);
    expect(spans(plan, 4)).toEqual([["構築", 2026, 2027, "予算次第", false], ["継続実施", 2028, 2030, null, false]]);
    expect(plan.diagnostics.filter((d) => d.code === "PP363").map((d) => [d.severity, d.line, d.column, d.projectNo, d.message])).toEqual([
      ["info", 4, 11, 1, "年度の欄の「（継続）」を、左の工程「実施」が続くこととして読みました。"],
      ["info", 5, 10, 2, "年度の欄の「【継続】」を、左の工程「検討」が続くこととして読みました。"],
      ["info", 7, 10, 4, "年度の欄の「継続」を、左の工程「構築」が続くこととして読みました。"],
    ]);
    // a table writing each phase once stays so: 継続 is no sign of a year-by-year drawing
    expect(codes(plan.diagnostics)).not.toContain("PP316");
  });
});

describe("a phase's name alone on a row under a project (no No, no name)", () => {
  it("is refused at the cell (PP356): the next phase or a note of the phase above cannot be told; a ※ note or words are notes (PP325)", async () => {
    const under = (years: string[]) => ["", "", "", "", "", "", "", ...years];
    const plan = await tsvOf([r("1", "標準化", ["構築", "", "", "", ""]), under(["", "", "運用", "", ""]),
      r("2", "相談", ["調査", "", "導入", "", ""]), under(["", "※運用開始", "", "", ""]), under(["", "", "", "予算次第で拡大を検討する", ""])]);
    expect(plan.diagnostics.filter((d) => d.code === "PP356").map((d) => [d.severity, d.line, d.column, d.projectNo])).toEqual([["error", 5, 10, 1]]);
    expect(plan.diagnostics.filter((d) => d.code === "PP325").map((d) => d.line)).toEqual([7, 8]);
  });
});

describe("footnote marks at a name's end", () => {
  it("are left out of the name, said once with the count (PP347): the notes they point at are not printed", async () => {
    const plan = await tsvOf([r("1", "電子申請の拡充※1", ["検討", "", "", "", ""]), r("2", "相談（注2）", ["検討", "", "", "", ""]),
      r("3", "電子申請の拡充（再掲）※1", ["検討", "", "", "", ""]), r("4", "工事の発注1", ["検討", "", "", "", ""])]);
    expect(plan.projects.map((p) => [p.name, p.relistOf])).toEqual([["電子申請の拡充", null], ["相談", null], ["電子申請の拡充", 1], ["工事の発注1", null]]);
    expect(plan.diagnostics.filter((d) => d.code === "PP347").map((d) => [d.severity, d.projectNo, d.message])).toEqual([
      ["info", 1, "事業名の末尾の注の印（「電子申請の拡充※1」の「※1」など、3 件）は、資料に載せない注を指すため、名称から外しました。"]]);
  });

  it("after a 基本方針, 施策 or department are left out too, said once (PP283): one 基本方針 and one department, not two of each", async () => {
    const years = ["検討", "", "", "", ""];
    const plan = await tsvOf([["1", "市民サービス※1", "(1)オンライン化", "①手続の拡大", "甲", "人事課※2、総務課", "", "説明。", ...years, ""],
      ["2", "市民サービス", "(1)オンライン化＊", "①手続の拡大", "乙", "人事課", "", "説明。", ...years, ""]]);
    expect(plan.policies.map((p) => [p.name, p.measures.map((m) => m.title)])).toEqual([["市民サービス", ["オンライン化"]]]);
    expect(plan.projects.map((p) => p.departments)).toEqual([["人事課", "総務課"], ["人事課"]]);
    expect(plan.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(plan.diagnostics.filter((d) => d.code === "PP283").map((d) => [d.line, d.column, d.message])).toEqual([
      [4, 2, "基本方針・施策・取組・担当課の末尾の注の印（基本方針「市民サービス※1」の「※1」など、3 か所）は、資料に載せない注を指すため、取り除きました。"]]);
  });

  it("a note after ※ at a 施策's end (オンライン化 ※新規) is no part of its title: left out, a warning once per note (PP286); the title had varied (PP414)", async () => {
    const years = ["検討", "", "", "", ""];
    const plan = await tsvOf([["1", "市民サービス", "(1)オンライン化 ※新規", "①手続の拡大", "甲", "人事課", "", "説明。", ...years, ""],
      ["2", "市民サービス", "(1)オンライン化 ※新規", "①手続の拡大", "乙", "人事課", "", "説明。", ...years, ""],
      ["3", "市民サービス", "(1)オンライン化", "①手続の拡大※再掲", "丙", "人事課", "", "説明。", ...years, ""]]);
    expect(plan.projects.map((p) => [p.measure.title, p.initiative?.title])).toEqual([["オンライン化", "手続の拡大"], ["オンライン化", "手続の拡大"], ["オンライン化", "手続の拡大※再掲"]]);
    expect(plan.diagnostics.filter((d) => d.code === "PP286").map((d) => [d.severity, d.line, d.column, d.message])).toEqual([
      ["warning", 4, 3, "施策「(1)オンライン化」のあとの注記「※新規」は名称の一部ではないため外しました。資料には載せません。"]]);
    expect(codes(plan.diagnostics)).not.toContain("PP414");
  });

  it("a note after ※ at a project name's end (電子申請の拡大※国の補助事業) is no part of the name: left out, said at each name (PP286)", async () => {
    const years = ["検討", "", "", "", ""];
    const plan = await tsvOf([r("1", "電子申請の拡大※国の補助事業", years), r("2", "窓口改善 ※国の補助事業", years), r("3", "相談体制※再掲", years)]);
    expect(plan.projects.map((p) => p.name)).toEqual(["電子申請の拡大", "窓口改善", "相談体制"]);
    expect(plan.diagnostics.filter((d) => d.code === "PP286").map((d) => [d.line, d.column, d.projectNo, d.message])).toEqual([
      [4, 5, 1, "事業「電子申請の拡大」のあとの注記「※国の補助事業」は名称の一部ではないため外しました。資料には載せません。"],
      [5, 5, 2, "事業「窓口改善」のあとの注記「※国の補助事業」は名称の一部ではないため外しました。資料には載せません。"]]);
  });
});

describe("year cells of a text export", () => {
  it("arrows typed in ASCII (-->, ==>, ->) continue the phase on their left, or point on from a name (検討->)", async () => {
    const plan = await tsvOf([r("1", "甲", ["検討", "-->", "実施", "==>", "=>"]), r("2", "乙", ["調査->", "導入", "<--", "運用", "->"])]);
    expect(plan.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(spans(plan, 1)).toEqual([["検討", 2026, 2027, null, false], ["実施", 2028, 2030, null, false]]);
    expect(spans(plan, 2)).toEqual([["調査", 2026, 2026, null, false], ["導入", 2027, 2028, null, false], ["運用", 2029, 2030, null, false]]);
  });

  it("dotted and wavy lines (……, ‥‥, ~~~, 〰) continue the phase on their left (they were refused, PP332)", async () => {
    const plan = await tsvOf([r("1", "甲", ["検討", "……", "実施", "~~~", "〰"]), r("2", "乙", ["調査", "‥‥", "", "", ""])]);
    expect(plan.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(spans(plan, 1)).toEqual([["検討", 2026, 2027, null, false], ["実施", 2028, 2030, null, false]]);
    expect(spans(plan, 2)).toEqual([["調査", 2026, 2027, null, false]]);
  });

  it("HTML residue (<br>, <p>検討</p>) is taken off, each cell told (PP304): a cell of nothing else is empty, no phase named <br>", async () => {
    const plan = await tsvOf([r("1", "甲", ["<p>検討</p>", "実施", "<br>", "", ""])]);
    // (a label runs on to the next in a table without marks: the emptied cell is a blank year)
    expect(spans(plan, 1)).toEqual([["検討", 2026, 2026, null, false], ["実施", 2027, 2030, null, false]]);
    expect(plan.diagnostics.filter((d) => d.code === "PP304").map((d) => [d.severity, d.column])).toEqual([["info", 9], ["info", 11]]);
    expect(plan.diagnostics.map((d) => d.code)).not.toContain("PP307");
  });

  it("in a department cell too (広報課<br>秘書課 had been one department), an inline tag leaves no space (「本人確認を マイナンバーカード で」), &#9312; is ①", async () => {
    const plan = await tsvOf([r("1", "書かない窓口の導入&#9312;", ["検討", "", "", "", ""], { depts: "広報課<br>秘書課", desc: "本人確認を<b>マイナンバーカード</b>で行う。" })]);
    expect(project(plan, 1).departments).toEqual(["広報課", "秘書課"]);
    expect(project(plan, 1).name).toBe("書かない窓口の導入①");
    expect(project(plan, 1).description).toEqual(["本人確認をマイナンバーカードで行う。"]);
  });

  it("FileMaker's line break in a field (VT) and Unicode's line separator are line breaks in the cell (VT had been removed, two departments joined into one)", async () => {
    const { name, data } = await encode([["テスト市計画"], [], HEAD, r("1", "甲", ["検討", "", "", "", ""], { depts: "福祉総務課\u000b障害者福祉課", desc: "・相談を受ける。\u2028・記録する。" })], "tsv");
    const plan = await planOf(name, data, config());
    expect(project(plan, 1).departments).toEqual(["福祉総務課", "障害者福祉課"]);
    expect(project(plan, 1).description).toEqual(["相談を受ける。", "記録する。"]);
    expect(plan.diagnostics.map((d) => d.code)).not.toContain("PP107");
  });
});

describe("half-width katakana", () => {
  it("is written full width in every cell, said once with the count (PP348): ｼｽﾃﾑ課 and システム課 are one department", async () => {
    const plan = await tsvOf([r("1", "ﾃﾞｰﾀ連携基盤の整備", ["ﾃｽﾄ", "", "", "", ""], { depts: "ｼｽﾃﾑ課" }), r("2", "データの活用｢試行｣", ["検討", "", "", "", ""], { depts: "システム課" }),
      r("3", "窓口の改善", ["検討", "", "", "", ""])]);
    expect(plan.projects.map((p) => [p.name, p.departments, p.schedule[0]!.label])).toEqual([
      ["データ連携基盤の整備", ["システム課"], "テスト"], ["データの活用「試行」", ["システム課"], "検討"], ["窓口の改善", ["情報政策課"], "検討"]]);
    expect(plan.departments).toEqual(["システム課", "情報政策課"]);
    expect(plan.diagnostics.filter((d) => d.code === "PP348").map((d) => [d.severity, d.line, d.message])).toEqual([
      ["info", expect.any(Number), "半角カナを全角にしました（「ﾃﾞｰﾀ」を「データ」など、4 か所。ここが最初）。"]]);
  });
});

describe("buildSchedule", () => {
  it("merged ranges, marks and notes: a continuation keeps the span of its merge, different notes keep phases apart", async () => {
    const { buildSchedule, classifyCell } = await import("../../src/normalise/schedule.js");
    const c = config();
    const place = { file: "plan.xlsx", sheet: "計画" };
    const cell = (year: number, text: string, span?: number) => ({ text, place, year, ...(span ? { span } : {}) });
    const period = { start: 2026, end: 2030 };
    const xlsx = buildSchedule([cell(2026, "検討", 2), cell(2028, "→", 2), cell(2030, "運用")], { exactSpans: true, yearByYear: false, fillLabels: {} }, period, c);
    expect(xlsx.phases.map((p) => [p.label, p.from, p.to])).toEqual([["検討", 2026, 2029], ["運用", 2030, 2030]]);
    const notes = buildSchedule([cell(2026, "実施※第1期"), cell(2027, "実施※第2期"), cell(2028, "→※延長あり")], { exactSpans: false, yearByYear: true, fillLabels: {} }, period, c);
    expect(notes.phases.map((p) => [p.label, p.from, p.to, p.note])).toEqual([["実施", 2026, 2026, "第1期"], ["実施", 2027, 2028, "第2期／延長あり"]]);
    expect(classifyCell("同上", c)).toEqual({ kind: "continuation", mark: "同上" });
    expect(classifyCell("●※前倒し", c)).toEqual({ kind: "mark", mark: "●", note: "前倒し" });
    // two marks in one cell are no mark the plan could mean, and no phase's name either (PP332)
    expect(classifyCell("●○", c)).toEqual({ kind: "sign", mark: "●○" });
    expect(classifyCell("検討→実施", c)).toEqual({ kind: "label", label: "検討→実施" });
    // an arrow before or after a name points at the next cell (PP336); ー is a letter: センター keeps it
    expect(classifyCell("検討→", c)).toEqual({ kind: "label", label: "検討", arrow: true });
    expect(classifyCell("→ 実施 ―→", c)).toEqual({ kind: "label", label: "実施", arrow: true });
    expect(classifyCell("データセンター", c)).toEqual({ kind: "label", label: "データセンター" });
    // phases on lines of their own in one cell are a list; a name wrapped over two lines is one word
    expect(classifyCell("検討\n実施", c)).toEqual({ kind: "label", label: "検討・実施" });
    expect(classifyCell("調達\r\n構築\n※業者選定を含む", c)).toEqual({ kind: "label", label: "調達・構築", note: "業者選定を含む" });
    expect(classifyCell("システム\n構築", c)).toEqual({ kind: "label", label: "システム構築" });
    expect(classifyCell("検討・\n実施", c)).toEqual({ kind: "label", label: "検討・実施" });
    // bars drawn with characters: both ends and their pieces are marks, the name between them the phase
    expect(classifyCell("◀━検討━", c)).toEqual({ kind: "label", label: "検討", arrow: true });
    expect(classifyCell("├─調査─", c)).toEqual({ kind: "label", label: "調査", arrow: true });
    expect(classifyCell("─┤", c)).toEqual({ kind: "continuation", mark: "─┤" });
    expect(classifyCell("←", c)).toEqual({ kind: "continuation", mark: "←" });
    expect(classifyCell("◀━導入━▶", c)).toEqual({ kind: "label", label: "導入", arrow: true });
  });
});

it("the four formats of the marked plan give one and the same model (diagnostics aside)", async () => {
  const models = await Promise.all(FORMATS.map(async (f) => {
    const { name, data } = await encode(MARKED, f);
    const { diagnostics: _d, ...model } = await planOf(name, data, config());
    return model;
  }));
  for (const m of models.slice(1)) expect(m).toEqual(models[0]);
});

it("再掲 in the remarks column: a No., a place, or remarks of an original that say where it is relisted", async () => {
  const { parseRemarksRelist } = await import("../../src/normalise/relist.js");
  expect(parseRemarksRelist("再掲（No.１２）", "甲")).toMatchObject({ mark: "【再掲（No.１２）】", no: 12, name: "甲" });
  expect(parseRemarksRelist("市民サービス(2)①の再掲", "甲")).toMatchObject({ ref: { policy: "市民サービス", measure: 2, initiative: 1 } });
  expect(parseRemarksRelist("令和7年度から継続。再掲", "甲")).toMatchObject({ mark: "（再掲）" });
  expect(parseRemarksRelist("No.35に再掲", "甲")).toBeNull();
  expect(parseRemarksRelist("再掲あり", "甲")).toBeNull();
});

it("description items: marks and numbers that open a list split it; the same signs inside prose do not", async () => {
  const { splitDescription } = await import("../../src/normalise/description.js");
  const items = (t: string) => splitDescription(t).items;
  expect(items("◆甲\n◆乙")).toEqual(["甲", "乙"]);
  expect(items("■甲 ■乙")).toEqual(["甲", "乙"]);
  expect(items("－甲 －乙")).toEqual(["甲", "乙"]);
  expect(items("※甲。※乙")).toEqual(["甲。", "乙"]);
  expect(items("1) 甲 2) 乙")).toEqual(["甲", "乙"]);
  expect(items("１．甲\n２．乙")).toEqual(["甲", "乙"]);
  expect(items("(ア)甲 (イ)乙")).toEqual(["甲", "乙"]);
  expect(items("概要。・甲 ・乙")).toEqual(["概要。", "甲", "乙"]);
  expect(items("甲する。乙する。")).toEqual(["甲する。乙する。"]);
  expect(items("段落一\n段落二")).toEqual(["段落一", "段落二"]);
  expect(items("令和8年度 － 令和10年度に実施")).toEqual(["令和8年度 － 令和10年度に実施"]);
  expect(items("1.5倍に増やす。")).toEqual(["1.5倍に増やす。"]);
  expect(items("データ1) 何か")).toEqual(["データ1) 何か"]);
  // a text a numbered mark opens: the next numbers in sequence split it wherever they stand (it had
  // been one item, its first mark gone and the others kept); other numbers and marks stay words
  expect(items("(1)対象手続の拡大(2)利用者への周知")).toEqual(["対象手続の拡大", "利用者への周知"]);
  expect(items("1)相談窓口の設置、2)予約システム導入")).toEqual(["相談窓口の設置", "予約システム導入"]);
  expect(items("（１）窓口（２）周知（２）の再掲")).toEqual(["窓口", "周知（２）の再掲"]);
  expect(items("1)令和8年度(2)の件")).toEqual(["令和8年度(2)の件"]);
  expect(items("・施策(2)と連携する")).toEqual(["施策(2)と連携する"]);
});

describe("a legend of the marks written in the file", () => {
  const marked = (no: string, name: string, years: string[]) => r(no, name, years);

  it.each([
    ["凡例　○：検討・準備　●：実施", "above the table"],
    ["※ ○は検討・準備、●は実施", "under the table"],
    ["凡例：○ 検討・準備　● 実施　→ 継続", "above the table"],
  ])("%s (%s) gives ○ and ● their phases; the row is no title and no stray line", async (legend, where) => {
    const rows = [marked("1", "甲", ["○", "●", "●", "", ""]), marked("2", "乙", ["", "○", "○", "●", ""])];
    const { name, data } = await encode(where === "above the table" ? [["テスト市計画"], [legend], HEAD, ...rows] : [["テスト市計画"], [], HEAD, ...rows, [legend]], "tsv");
    const plan = await planOf(name, data, config());
    expect(plan.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(plan.plan.title).toBe("テスト市計画");
    expect(spans(plan, 1)).toEqual([["検討・準備", 2026, 2026, null, false], ["実施", 2027, 2028, null, false]]);
    expect(spans(plan, 2)).toEqual([["検討・準備", 2027, 2028, null, false], ["実施", 2029, 2029, null, false]]);
    const said = plan.diagnostics.find((d) => d.code === "PP231");
    expect(said?.line).toBe(where === "above the table" ? 2 : 6);
    expect(said?.message).toContain("○ を「検討・準備」、● を「実施」");
    expect(codes(plan.diagnostics)).not.toContain("PP327");
    expect(codes(plan.diagnostics)).not.toContain("PP319");
    expect(codes(plan.diagnostics)).not.toContain("PP372");
  });

  it("a legend in a cell of its own on the title's line (凡例：○検討　●実施, top right of an A3 sheet) is read, and the title kept", async () => {
    const rows = [marked("1", "甲", ["○", "●", "●", "", ""])];
    const { name, data } = await encode([["テスト市計画", "", "", "", "", "", "", "", "", "", "凡例：○検討　●実施"], HEAD, ...rows], "tsv");
    const plan = await planOf(name, data, config());
    // (the title had been the file's name, PP205, and the marks refused, PP319)
    expect(plan.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(plan.plan.title).toBe("テスト市計画");
    expect(spans(plan, 1)).toEqual([["検討", 2026, 2026, null, false], ["実施", 2027, 2028, null, false]]);
    expect(plan.diagnostics.filter((d) => d.code === "PP231").map((d) => [d.line, d.column])).toEqual([[1, 11]]);
  });

  it.each([
    ["凡例 | ○：検討 | ●：実施 on the title's line, ◎：運用 under ○：検討", [["凡例", "○：検討", "●：実施"], ["", "◎：運用", ""]]],
    ["凡例 ending the title's line, its pairs in the cells of the row under it", [["凡例", "", ""], ["○：検討", "●：実施", "◎：運用"]]],
    ["凡例：○検討　●実施 in one cell of the title's line, ◎運用 under it", [["凡例：○検討　●実施", "", ""], ["◎運用", "", ""]]],
  ])("a legend spread over the title's line and the row under it (%s) is read whole, and the line keeps its title", async (_, [top, under]) => {
    // (only one column's pairs had been read, the other marks refused, PP318, and the title lost to the file's name, PP205)
    const rows = [marked("1", "甲", ["○", "●", "●", "", ""]), marked("2", "乙", ["", "○", "◎", "◎", ""])];
    const pad = blank(8);
    const { name, data } = await encode([["テスト市計画", ...pad.slice(1), ...top!], [...pad, ...under!], HEAD, ...rows], "tsv");
    const plan = await planOf(name, data, config());
    expect(plan.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(plan.plan.title).toBe("テスト市計画");
    expect(spans(plan, 1)).toEqual([["検討", 2026, 2026, null, false], ["実施", 2027, 2028, null, false]]);
    expect(spans(plan, 2)).toEqual([["検討", 2027, 2027, null, false], ["運用", 2028, 2029, null, false]]);
    expect(plan.diagnostics.filter((d) => d.code === "PP231").map((d) => [d.line, d.column])).toEqual([[1, 9]]);
  });

  it("a legend of two lines under the table (凡例 | ○：検討 | ●：実施 ⏎ | ◎：運用) is read whole; ◎ had been refused (PP318), its line left as matter after the plan (PP337)", async () => {
    const rows = [marked("1", "甲", ["○", "●", "●", "", ""]), marked("2", "乙", ["", "○", "◎", "◎", ""])];
    const { name, data } = await encode([["テスト市計画"], [], HEAD, ...rows, [], ["凡例", "○：検討", "●：実施"], ["", "◎：運用"]], "tsv");
    const plan = await planOf(name, data, config());
    expect(plan.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(spans(plan, 2)).toEqual([["検討", 2027, 2027, null, false], ["運用", 2028, 2029, null, false]]);
    expect(plan.diagnostics.filter((d) => d.code === "PP231").map((d) => [d.line, d.message])).toEqual([
      [7, "「凡例 ○：検討 ●：実施 ◎：運用」を印の凡例として、年度の欄の ○ を「検討」、● を「実施」、◎ を「運用」の工程として読みました。"]]);
  });

  it.each(FORMATS)("a legend stacked beside the table, right of its 備考 in the header's and projects' rows, is read (%s; 凡例 had been an unknown column, PP209, and the marks refused, PP319)", async (format) => {
    const beside = (row: string[], cell: string) => [...row, "", cell];
    const rows = [beside(marked("1", "甲", ["○", "●", "●", "", ""]), "○：検討"), beside(marked("2", "乙", ["", "○", "●", "", ""]), "●：実施")];
    const { name, data } = await encode([["テスト市計画"], [], beside(HEAD, "凡例"), ...rows], format);
    const plan = await planOf(name, data, config());
    expect(plan.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(spans(plan, 1)).toEqual([["検討", 2026, 2026, null, false], ["実施", 2027, 2028, null, false]]);
    expect(spans(plan, 2)).toEqual([["検討", 2027, 2027, null, false], ["実施", 2028, 2028, null, false]]);
    expect(plan.diagnostics.filter((d) => d.code === "PP231").map((d) => [d.line ?? d.cell, d.column ?? null])).toEqual([format === "xlsx" ? ["P3", null] : [3, 16]]);
    // a 備考 column of a few such words in a table is the table's own: read as remarks
    const remark = await tsvOf([r("1", "甲", ["○", "", "", "", ""], { remarks: "○：検討" }), r("2", "乙", ["●", "", "", "", ""], { remarks: "" })]);
    expect(codes(remark.diagnostics)).not.toContain("PP231");
  });

  it.each(FORMATS)("a legend in brackets after the schedule's group word over the years (スケジュール（○：検討　●：実施）) is read (%s); it had not been, every row refused (PP319)", async (format) => {
    const group = [...HEAD.map(() => "")];
    group[HEAD.indexOf("令和8年度")] = "スケジュール（○：検討　●：実施）";
    const rows = [marked("1", "甲", ["○", "●", "●", "", ""]), marked("2", "乙", ["", "○", "●", "", ""])];
    const { name, data } = await encode([["テスト市計画"], [], group, HEAD, ...rows], format);
    const plan = await planOf(name, data, config());
    expect(plan.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(spans(plan, 1)).toEqual([["検討", 2026, 2026, null, false], ["実施", 2027, 2028, null, false]]);
    expect(spans(plan, 2)).toEqual([["検討", 2027, 2027, null, false], ["実施", 2028, 2028, null, false]]);
    expect(plan.diagnostics.filter((d) => d.code === "PP231")).toHaveLength(1);
  });

  it("a legend stacked under the word 凡例 whose marks touch their phases (○検討, ●実施), as after 凡例 on one line, is read; it had been no legend, the marks refused (PP319)", async () => {
    const beside = (row: string[], cell: string) => [...row, "", cell];
    const rows = [beside(marked("1", "甲", ["○", "●", "●", "", ""]), "○検討"), beside(marked("2", "乙", ["", "○", "●", "", ""]), "●実施")];
    const { name, data } = await encode([["テスト市計画"], [], beside(HEAD, "凡例"), ...rows], "tsv");
    const plan = await planOf(name, data, config());
    expect(plan.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(spans(plan, 1)).toEqual([["検討", 2026, 2026, null, false], ["実施", 2027, 2028, null, false]]);
    expect(plan.diagnostics.filter((d) => d.code === "PP231").map((d) => [d.line, d.column])).toEqual([[3, 16]]);
  });

  it("line styles named in a legend (凡例　┅┅：検討・準備　━━：実施) are those phases, not continuations (the lines had been refused, PP332/PP317)", async () => {
    const rows = [marked("1", "甲", ["┅┅", "┅┅", "━━", "━━", "━━"]), marked("2", "乙", ["", "━━", "━━", "", ""])];
    const { name, data } = await encode([["テスト市計画"], ["凡例　┅┅：検討・準備　━━：実施"], HEAD, ...rows], "tsv");
    const plan = await planOf(name, data, config());
    expect(plan.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(spans(plan, 1)).toEqual([["検討・準備", 2026, 2027, null, false], ["実施", 2028, 2030, null, false]]);
    expect(spans(plan, 2)).toEqual([["実施", 2027, 2028, null, false]]);
    expect(plan.diagnostics.find((d) => d.code === "PP231")?.message).toContain("┅ を「検討・準備」、━ を「実施」");
    // without a legend ━━ still continues the phase on its left
    const { name: n2, data: d2 } = await encode([["テスト市計画"], HEAD, marked("1", "甲", ["検討", "━━", "", "", ""])], "tsv");
    expect(spans(await planOf(n2, d2, config()), 1)).toEqual([["検討", 2026, 2027, null, false]]);
  });

  it("a line headed 凡例 that is no legend planpress reads (実線は実施、点線は検討) is said at the line (PP372), not dropped without a word", async () => {
    const rows = [marked("1", "甲", ["検討", "実施", "", "", ""])];
    const { name, data } = await encode([["テスト市計画"], ["凡例　実線は実施、点線は検討を表します"], HEAD, ...rows], "tsv");
    const plan = await planOf(name, data, config());
    expect(plan.diagnostics.filter((d) => d.code === "PP372").map((d) => [d.severity, d.line, d.column])).toEqual([["warning", 2, 1]]);
    expect(plan.plan.title).toBe("テスト市計画");
  });

  it("the circles an IME gives for まる (〇, ◯) are the legend's ○; a mark the legend does not name beside one it does is refused (PP318)", async () => {
    const rows = [marked("1", "甲", ["〇", "〇", "●", "●", ""]), marked("2", "乙", ["", "◯", "○", "●", ""])];
    const plan = await tsvOf([...rows, ["凡例　○：検討　●：実施"]], config());
    expect(plan.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(spans(plan, 1)).toEqual([["検討", 2026, 2027, null, false], ["実施", 2028, 2029, null, false]]);
    expect(spans(plan, 2)).toEqual([["検討", 2027, 2028, null, false], ["実施", 2029, 2029, null, false]]);
    const mixed = await tsvOf([marked("1", "甲", ["△", "●", "●", "", ""]), ["凡例　○：検討　●：実施"]], config());
    expect(mixed.diagnostics.filter((d) => d.code === "PP318").map((d) => [d.severity, d.message])).toEqual([
      ["error", expect.stringContaining("工程名（実施）と印（△）")]]);
  });

  it("the config's markLabels win; a line with other words, or a mark given two meanings, is no legend", async () => {
    const c = config();
    c.schedule.markLabels = { "●": "運用" };
    const rows = [marked("1", "甲", ["○", "●", "", "", ""])];
    const withConfig = await tsvOf([...rows, ["凡例 ○：検討 ●：実施"]], c);
    expect(spans(withConfig, 1)).toEqual([["検討", 2026, 2026, null, false], ["運用", 2027, 2027, null, false]]);
    for (const line of ["○：検討の予定を示します", "○：検討 ○：実施", "● ● ●"]) {
      const plan = await tsvOf([...rows, [line]]);
      expect(codes(plan.diagnostics)).not.toContain("PP231");
      expect(codes(plan.diagnostics)).toContain("PP319");
    }
  });
});

describe("a column of phases beside ● in the years (取組段階, フェーズ)", () => {
  // No | … | 事業名 | 担当課 | 取組段階 | R8 … R10: each row's phase names its marks
  const head = ["No", ...HEAD.slice(1, 6), "事業内容", "取組段階", "令和8年度", "令和9年度", "令和10年度"];
  const line = (no: string, name: string, phase: string, years: string[]) => [no, ...P1, name, "情報政策課", "説明。", phase, ...years];
  const further = (phase: string, years: string[]) => ["", ...blank(6), phase, ...years];
  const read = async (rows: Table) => { const { name, data } = await encode([["テスト市計画"], ...rows], "tsv"); return planOf(name, data); };

  it.each(["tsv", "xlsx"] as const)("names the marks of its row, a row of its own a further phase of the project above (%s); the column had been unknown (PP209), every bar an unnamed 実施", async (format) => {
    const { name, data } = await encode([["テスト市計画"], [], head,
      line("1", "甲", "検討", ["●", "●", ""]), further("実施", ["", "", "●"]),
      line("2", "乙", "実施", ["", "●", "●"])], format);
    const plan = await planOf(name, data);
    expect(plan.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(spans(plan, 1)).toEqual([["検討", 2026, 2027, null, false], ["実施", 2028, 2028, null, false]]);
    expect(spans(plan, 2)).toEqual([["実施", 2027, 2028, null, false]]);
    const at = (code: string) => plan.diagnostics.filter((d) => d.code === code).map((d) => d.line ?? d.cell);
    expect(at("PP281")).toEqual([format === "xlsx" ? "H3" : 3]);
    expect(at("PP282")).toEqual([format === "xlsx" ? "H5" : 5]);
    expect(codes(plan.diagnostics)).not.toContain("PP209");
    expect(codes(plan.diagnostics)).not.toContain("PP315");
  });

  it("a legend's meaning and a cell's own label win over the column; sentences are no phase column; a further phase's row may repeat the No and name; two marks to one phase are refused", async () => {
    const plan = await read([["凡例　○：調査"], head, line("1", "甲", "検討", ["○", "●", "運用"])]);
    expect(spans(plan, 1)).toEqual([["調査", 2026, 2026, null, false], ["検討", 2027, 2027, null, false], ["運用", 2028, 2028, null, false]]);
    const sentences = await read([head, line("1", "甲", "令和9年度から実施します", ["", "●", "●"])]);
    expect(codes(sentences.diagnostics)).toContain("PP209");
    expect(spans(sentences, 1)).toEqual([["実施", 2027, 2028, null, true]]);
    // two marks beside one phase's name (検討→実施 | ○ | ● | ●): which is which is not guessed
    // the project's No and name written again on its further phase's row (it had been a duplicate No, PP401)
    const again = await read([head, line("1", "甲", "検討", ["●", "●", ""]), line("1", "甲", "実施", ["", "", "●"])]);
    expect(spans(again, 1)).toEqual([["検討", 2026, 2027, null, false], ["実施", 2028, 2028, null, false]]);
    expect(again.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(again.diagnostics.filter((d) => d.code === "PP282").map((d) => d.line)).toEqual([4]);
    const two = await read([head, line("1", "甲", "検討→実施", ["○", "●", "●"])]);
    expect(two.diagnostics.filter((d) => d.severity === "error").map((d) => [d.code, d.line, d.column])).toEqual([["PP319", 3, 10]]);
  });
});

describe("words in cells that say more than their place (session 16's probes)", () => {
  it("a year written in a phase that its cells do not give is refused with the cell (PP353); one that agrees is read", async () => {
    const plan = await tsvOf([
      r("1", "甲", ["令和9年度から実施", "", "", "", ""]),
      r("2", "乙", ["", "令和9年度から実施", "", "", ""]),
      r("3", "丙", ["検討（令和9年度まで）", "", "実施", "", ""]),
      r("4", "丁", ["令和8年度～令和10年度 検討", "", "", "", "運用"]),
      r("5", "戊", ["検討（R10まで）", "", "実施", "", ""]),
      r("6", "己", ["2027年度から運用", "", "", "", ""]),
      r("7", "庚", ["検討", "RPA導入", "", "", ""]),
      r("8", "辛", ["検討※令和7年度の調査を踏まえる", "", "", "", ""]),
    ]);
    const refused = plan.diagnostics.filter((d) => d.code === "PP353");
    expect(refused.map((d) => [d.severity, d.line, d.column, d.projectNo])).toEqual([
      ["error", 4, 9, 1], ["error", 8, 9, 5], ["error", 9, 9, 6]]);
    expect(refused[0]!.message).toBe("工程に書かれた年度「令和9年度」が、欄の位置から読んだ期間（令和8年度～令和12年度）と合いません。どちらが正しいか読み取れません。");
    // the words that agree with the cells' places are no part of the name (PP376)
    expect(spans(plan, 2)).toEqual([["実施", 2027, 2030, null, false]]);
    expect(spans(plan, 3)).toEqual([["検討", 2026, 2027, null, false], ["実施", 2028, 2030, null, false]]);
    expect(spans(plan, 4)).toEqual([["検討", 2026, 2028, null, false], ["運用", 2030, 2030, null, false]]);
    // RPA is no year (R before a digit only)
    expect(spans(plan, 7)).toEqual([["検討", 2026, 2026, null, false], ["RPA導入", 2027, 2030, null, false]]);
    // a note after ※ may tell of other years
    expect(spans(plan, 8)).toEqual([["検討", 2026, 2030, "令和7年度の調査を踏まえる", false]]);
  });

  it("a name stating the years its place gives is read as they say, named without them (PP376), in either way of drawing a table", async () => {
    // drawn year by year (→ on most rows): a blank is a year without a phase, but から runs on
    const plan = await tsvOf([
      r("1", "甲", ["検討", "→", "実施", "→", "→"]),
      r("2", "乙", ["検討", "令和9年度から実施", "", "", ""]),
      r("3", "丙", ["令和9年度までに導入", "", "", "", ""]),
      r("4", "丁", ["", "実施（令和10年度まで）", "", "", ""]),
      r("5", "戊", ["構築", "→", "令和10年度中に稼働", "運用", "→"]),
    ]);
    expect(plan.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(spans(plan, 2)).toEqual([["検討", 2026, 2026, null, false], ["実施", 2027, 2030, null, false]]);
    expect(spans(plan, 3)).toEqual([["導入", 2026, 2027, null, false]]);
    expect(spans(plan, 4)).toEqual([["実施", 2027, 2028, null, false]]);
    expect(spans(plan, 5)).toEqual([["構築", 2026, 2027, null, false], ["稼働", 2028, 2028, null, false], ["運用", 2029, 2030, null, false]]);
    const said = plan.diagnostics.filter((d) => d.code === "PP376");
    expect(said.map((d) => [d.severity, d.line, d.column, d.projectNo])).toEqual([["info", 5, 10, 2], ["info", 6, 9, 3], ["info", 7, 10, 4], ["info", 8, 11, 5]]);
    expect(said[0]!.message).toBe("年度の欄の「令和9年度から実施」を、工程「実施」（令和9年度～令和12年度）として読みました。");
    // (rows stating their years are no sign of how the table is drawn: no PP366 at them)
    expect(codes(plan.diagnostics)).not.toContain("PP366");
    // a period and no name: a phase without a name, drawn as a plain bar (PP377); it had been a phase named 「R9」, one year long
    const unnamed = await tsvOf([r("1", "甲", ["検討", "R9～", "", "", ""]), r("2", "乙", ["", "令和9年度～令和10年度", "", "運用", ""])]);
    expect(spans(unnamed, 1)).toEqual([["検討", 2026, 2026, null, false], ["実施", 2027, 2030, null, true]]);
    expect(spans(unnamed, 2)).toEqual([["実施", 2027, 2028, null, true], ["運用", 2029, 2030, null, false]]);
    expect(unnamed.diagnostics.filter((d) => d.code === "PP377").map((d) => [d.severity, d.line, d.column])).toEqual([["info", 4, 10], ["info", 5, 10]]);
    expect(codes(unnamed.diagnostics)).not.toContain("PP336");
    // a cell stating several phases: each as its words say, the first going on with the same phase on its
    // left; ～令和10年度 is an end (it had been a phase named 「令和10年度」 and refused)
    const several = await tsvOf([
      r("1", "甲", ["検討", "令和9年度から検討、令和10年度から実施", "", "", ""]),
      r("2", "乙", ["", "令和9年度から検討、令和10年度から実施", "", "運用", ""]),
      r("3", "丙", ["", "～令和10年度", "", "", ""]),
      r("4", "丁", ["", "令和9年度から検討、令和11年度まで実施", "", "運用", ""]),
    ]);
    expect(spans(several, 1)).toEqual([["検討", 2026, 2027, null, false], ["実施", 2028, 2030, null, false]]);
    expect(spans(several, 2)).toEqual([["検討", 2027, 2027, null, false], ["実施", 2028, 2028, null, false], ["運用", 2029, 2030, null, false]]);
    expect(spans(several, 3)).toEqual([["実施", 2027, 2028, null, true]]);
    expect(several.diagnostics.find((d) => d.code === "PP376" && d.projectNo === 2)!.message)
      .toBe("年度の欄の「令和9年度から検討、令和10年度から実施」を、工程「検討」（令和9年度）・「実施」（令和10年度）として読みました。");
    // (its end after the next cell's start: which is meant cannot be told)
    expect(several.diagnostics.filter((d) => d.code === "PP353").map((d) => [d.projectNo, d.line, d.column])).toEqual([[4, 7, 10]]);
    // an end the next phase comes before is still refused
    const clash = await tsvOf([r("1", "甲", ["実施（令和10年度まで）", "運用", "", "", ""])]);
    expect(clash.diagnostics.filter((d) => d.code === "PP353").map((d) => [d.line, d.column])).toEqual([[4, 9]]);
  });

  it("yearsMentioned: eras, Western years, calendar months of the fiscal year before, and the words around them", async () => {
    const { yearsMentioned } = await import("../../src/fiscal.js");
    expect(yearsMentioned("令和８年度～令和10年度 検討")).toEqual([{ year: 2026, text: "令和8年度", role: "from" }, { year: 2028, text: "令和10年度", role: "to" }]);
    expect(yearsMentioned("R10以降実施、FY2031まで").map((m) => [m.year, m.role])).toEqual([[2028, "from"], [2031, "to"]]);
    expect(yearsMentioned("令和9年2月稼働").map((m) => m.year)).toEqual([2026]);
    expect(yearsMentioned("2027年4月稼働 平成30年度実績").map((m) => [m.year, m.role])).toEqual([[2027, "in"], [2018, "in"]]);
    expect(yearsMentioned("RPA・SaaS 2027件 H2O")).toEqual([]);
  });

  it("a dash before any phase says no phase (－ | － | 検討): every such dash of the row is read so (PP354), not refused", async () => {
    const plan = await tsvOf([r("1", "甲", ["－", "－", "検討", "実施", "－"]), r("2", "乙", ["検討", "", "実施", "", ""]), r("3", "丙", ["―", "―", "―", "―", "―"])]);
    expect(spans(plan, 1)).toEqual([["検討", 2028, 2028, null, false], ["実施", 2029, 2029, null, false]]);
    expect(spans(plan, 3)).toEqual([]);
    expect(plan.diagnostics.filter((d) => d.code === "PP354").map((d) => [d.severity, d.line, d.column])).toEqual([["warning", 4, 9], ["warning", 6, 9]]);
    expect(codes(plan.diagnostics)).not.toContain("PP317");
    // nor are they a sign of a table drawn year by year (PP316): 乙's labels still run to the next
    expect(codes(plan.diagnostics)).not.toContain("PP316");
    expect(spans(plan, 2)).toEqual([["検討", 2026, 2027, null, false], ["実施", 2028, 2030, null, false]]);
    // a row that opens with a phase keeps － as the continuation mark it is by default
    const after = await tsvOf([r("1", "甲", ["検討", "－", "実施", "－", "－"])]);
    expect(spans(after, 1)).toEqual([["検討", 2026, 2027, null, false], ["実施", 2028, 2030, null, false]]);
    expect(codes(after.diagnostics)).not.toContain("PP354");
  });

  it("the dash as other keyboards and decoders write it (minus U+2212, em, en and figure dashes) is read as － is; it had been refused (PP332)", async () => {
    for (const dash of ["−", "—", "–", "‒"]) {
      const plan = await tsvOf([r("1", "甲", [dash, dash, "検討", "実施", dash]), r("2", "乙", ["検討", dash, "実施", dash, dash])]);
      expect(codes(plan.diagnostics), dash).not.toContain("PP332");
      expect(spans(plan, 1), dash).toEqual([["検討", 2028, 2028, null, false], ["実施", 2029, 2029, null, false]]);
      expect(spans(plan, 2), dash).toEqual([["検討", 2026, 2027, null, false], ["実施", 2028, 2030, null, false]]);
    }
  });

  it("同左 and ～ continue the phase on their left, as 同上 and ← do", async () => {
    const plan = await tsvOf([r("1", "甲", ["検討", "同左", "実施", "～", "～"])]);
    expect(spans(plan, 1)).toEqual([["検討", 2026, 2027, null, false], ["実施", 2028, 2030, null, false]]);
    expect(codes(plan.diagnostics)).not.toContain("PP332");
  });

  /** A project row with 検討 in its first year only. */
  const firstYear = (no: string, name: string) => r(no, name, ["検討", "", "", "", ""]);

  it("再掲 written ＜再掲＞, （再　掲）, （No.２再掲）, ※No.1の再掲 is a 再掲 of its original; a name of only the mark is missing (PP301)", async () => {
    const plan = await tsvOf([
      firstYear("1", "電子申請の拡大"), firstYear("2", "窓口の改善"),
      firstYear("3", "電子申請の拡大＜再掲＞"), firstYear("4", "窓口の改善（再　掲）"),
      firstYear("5", "窓口の改善（No.２再掲）"), firstYear("6", "電子申請の拡大※No.1の再掲"),
      firstYear("7", "窓口の改善〈再掲〉"), firstYear("8", "（再掲）"),
    ]);
    expect(plan.projects.slice(2, 7).map((p) => [p.no, p.name, p.relistOf, p.relistMark])).toEqual([
      [3, "電子申請の拡大", 1, "＜再掲＞"], [4, "窓口の改善", 2, "（再 掲）"], [5, "窓口の改善", 2, "（No.２再掲）"],
      [6, "電子申請の拡大", 1, "※No.1の再掲"], [7, "窓口の改善", 2, "〈再掲〉"]]);
    expect(plan.diagnostics.filter((d) => d.code === "PP301").map((d) => [d.line, d.column])).toEqual([[11, 5]]);
    expect(plan.diagnostics.filter((d) => d.code === "PP406").map((d) => d.line)).toEqual([]);
  });

  it("再掲 written before the name (再掲　名, 再掲：名, 再)名) or with the original's place as numbers ((再掲1-1-①)) is a 再掲; a 重点 mark before the name (★) is said (PP408)", async () => {
    const plan = await tsvOf([
      firstYear("1", "電子申請の拡大"), firstYear("2", "窓口の改善"),
      firstYear("3", "再掲　電子申請の拡大"), firstYear("4", "再掲：窓口の改善"),
      firstYear("5", "再)電子申請の拡大"), firstYear("6", "★窓口の改善(再掲1-1-①)"),
      firstYear("7", "再構築の検討"), firstYear("8", "窓口の改善（1-1-①再掲）"),
    ]);
    expect(plan.projects.slice(2).map((p) => [p.no, p.name, p.relistOf])).toEqual([
      [3, "電子申請の拡大", 1], [4, "窓口の改善", 2], [5, "電子申請の拡大", 1], [6, "★窓口の改善", 2], [7, "再構築の検討", null], [8, "窓口の改善", 2]]);
    expect(plan.diagnostics.filter((d) => d.code === "PP408").map((d) => d.projectNo)).toEqual([6]);
    expect(plan.diagnostics.filter((d) => d.code === "PP406").map((d) => d.line)).toEqual([]);
  });

  it("a 重点 tag in brackets (【重点】, ［重点事業］) before or after a name does not hide its 再掲's original: found, the difference said (PP408)", async () => {
    const plan = await tsvOf([
      firstYear("1", "【重点】電子申請の拡大"), firstYear("2", "窓口の改善［重点事業］"), firstYear("3", "◎書かない窓口"),
      firstYear("4", "電子申請の拡大（再掲）"), firstYear("5", "窓口の改善（再掲）"), firstYear("6", "【重点】書かない窓口（再掲）"),
    ]);
    expect(plan.projects.slice(3).map((p) => [p.no, p.name, p.relistOf])).toEqual([
      [4, "電子申請の拡大", 1], [5, "窓口の改善", 2], [6, "【重点】書かない窓口", 3]]);
    expect(plan.diagnostics.filter((d) => d.code === "PP408").map((d) => d.projectNo)).toEqual([4, 5, 6]);
    expect(plan.diagnostics.filter((d) => d.code === "PP406")).toEqual([]);
  });

  /** A row at a place of its own (基本方針, 施策, 取組), 検討 in its first year. */
  const placed = (no: string, [policy, measure, initiative]: string[], name: string, remarks = "") =>
    [no, policy!, measure!, initiative!, name, "情報政策課", "", "説明。", "検討", "", "", "", "", remarks];

  it("再掲 naming the original's place as numbers (（再掲：1-1-1）, （1-(2)-①の再掲）, （Ⅱ-(2)-①の再掲）, ※1-(1)-②の再掲) finds it there, the 基本方針 by its number; the mark had stayed in the name or PP406 had been said", async () => {
    const [K1, K2, S1, S2, M1] = [["基本方針1 くらし", "(1)オンライン化", "①手続の拡大"], ["基本方針1 くらし", "(1)オンライン化", "②窓口の改善"],
      ["基本方針1 くらし", "(2)相談", "①相談の充実"], ["基本方針2 しごと", "(2)人材", "①研修"], ["基本方針3 まち", "(1)データ", "①公開"]];
    const plan = await tsvOf([
      placed("1", K1!, "電子申請の拡大"), placed("2", K2!, "書かない窓口"), placed("3", S1!, "オンライン相談"), placed("4", S2!, "職員研修の充実"),
      placed("5", M1!, "オープンデータの推進"), placed("6", M1!, "電子申請の拡充（再掲：1-1-1）"), placed("7", M1!, "オンライン相談の拡大（1-(2)-①の再掲）"),
      placed("8", M1!, "職員研修（Ⅱ-(2)-①の再掲）"), placed("9", M1!, "書かない窓口の推進", "※1-(1)-②の再掲"), placed("10", M1!, "職員研修の充実※2-(2)-①の再掲"),
    ]);
    expect(plan.projects.slice(5).map((p) => [p.no, p.name, p.relistOf])).toEqual([
      [6, "電子申請の拡充", 1], [7, "オンライン相談の拡大", 3], [8, "職員研修", 4], [9, "書かない窓口の推進", 2], [10, "職員研修の充実", 4]]);
    expect(codes(plan.diagnostics)).not.toContain("PP406");
    // found by the place, its name unlike: said (PP408)
    expect(plan.diagnostics.filter((d) => d.code === "PP408").map((d) => d.projectNo)).toEqual([6, 7, 8, 9]);
  });

  it("再掲 naming a 施策 in Roman numerals after the 基本方針 (【くらしⅡ①の再掲】, （Ⅰ-Ⅰ-①の再掲）) finds the original there", async () => {
    const plan = await tsvOf([
      placed("1", ["くらし", "Ⅰ オンライン化", "①手続の拡大"], "電子申請の拡大"), placed("2", ["くらし", "Ⅱ 窓口", "①窓口の改善"], "書かない窓口"),
      placed("3", ["しごと", "Ⅰ 働き方", "①ペーパーレス"], "【くらしⅡ①の再掲】書かない窓口の推進"), placed("4", ["しごと", "Ⅰ 働き方", "①ペーパーレス"], "電子申請の拡充（Ⅰ-Ⅰ-①の再掲）"),
    ]);
    expect(plan.projects.slice(2).map((p) => [p.no, p.name, p.relistOf])).toEqual([[3, "書かない窓口の推進", 2], [4, "電子申請の拡充", 1]]);
    expect(codes(plan.diagnostics)).not.toContain("PP406");
  });

  it("an original's note of where it is relisted (※1-(2)-①に再掲 in the name or 備考, （No.8に再掲）) is no part of its name: the one unmarked project of its name there is its 再掲 (PP422), else the note is told (PP423)", async () => {
    const [A, B] = [["基本方針1 くらし", "(1)オンライン化", "①手続の拡大"], ["基本方針1 くらし", "(2)相談", "①相談の充実"]];
    const plan = await tsvOf([
      placed("1", A!, "電子申請の拡大※1-(2)-①に再掲"), placed("2", A!, "書かない窓口", "※1-(2)-①に再掲"), placed("3", A!, "窓口の予約（No.8に再掲）"),
      placed("4", A!, "庁内の研修※1-(2)-①に再掲"),
      placed("5", B!, "オンライン相談"), placed("6", B!, "電子申請の拡大"), placed("7", B!, "書かない窓口"), placed("8", B!, "窓口の予約"),
    ]);
    expect(plan.projects.map((p) => [p.no, p.name, p.relistOf])).toEqual([
      [1, "電子申請の拡大", null], [2, "書かない窓口", null], [3, "窓口の予約", null], [4, "庁内の研修", null],
      [5, "オンライン相談", null], [6, "電子申請の拡大", 1], [7, "書かない窓口", 2], [8, "窓口の予約", 3]]);
    expect(plan.diagnostics.filter((d) => d.code === "PP422").map((d) => [d.projectNo, d.relatedNo, d.line, d.column])).toEqual([[1, 6, 4, 5], [2, 7, 5, 14], [3, 8, 6, 5]]);
    expect(plan.diagnostics.filter((d) => d.code === "PP423").map((d) => [d.projectNo, d.line, d.column])).toEqual([[4, 7, 5]]);
    // read, not an unprinted remark; the relistings are no unmarked twins (PP411)
    expect(codes(plan.diagnostics)).not.toContain("PP339");
    expect(codes(plan.diagnostics)).not.toContain("PP411");
  });

  it("a place's 基本方針 number decides between two originals of one name (（再掲：2-1-①） had been linked to the first, under 基本方針1)", async () => {
    const plan = await tsvOf([
      placed("1", ["基本方針1 くらし", "(1)オンライン化", "①手続の拡大"], "窓口の改善"), placed("2", ["基本方針2 しごと", "(1)働き方", "①ペーパーレス"], "窓口の改善"),
      placed("3", ["基本方針3 まち", "(1)データ", "①公開"], "窓口の改善（再掲：2-1-①）"),
    ]);
    expect(plan.projects.map((p) => p.relistOf)).toEqual([null, null, 2]);
    expect(codes(plan.diagnostics)).not.toContain("PP407");
  });

  it("a place's 基本方針 number where the plan's written numbers differ from its order is either: found there by name only, else PP406 at the name (never guessed)", async () => {
    const plan = await tsvOf([
      placed("1", ["基本方針2 くらし", "(1)オンライン化", "①手続の拡大"], "電子申請の拡大"), placed("2", ["基本方針1 しごと", "(1)働き方", "①ペーパーレス"], "電子決裁の導入"),
      placed("3", ["基本方針3 まち", "(1)データ", "①公開"], "電子決裁の拡大（再掲：1-1-①）"), placed("4", ["基本方針3 まち", "(1)データ", "①公開"], "電子決裁の導入（再掲：2-1-①）"),
    ]);
    expect(plan.projects.slice(2).map((p) => [p.no, p.relistOf])).toEqual([[3, null], [4, 2]]);
    expect(plan.diagnostics.filter((d) => d.code === "PP406").map((d) => [d.projectNo, d.line, d.column])).toEqual([[3, 6, 5]]);
  });

  it("a 再掲 in the remarks column with the original's place as numbers (1-(1)-①の再掲, 再掲（1-(1)-①）) is checked against that place; 1-(1)-① had been a 基本方針 named 「1-」 and the original said to stand elsewhere (PP407)", async () => {
    const plan = await tsvOf([
      firstYear("1", "電子申請の拡大"), firstYear("2", "窓口の改善"),
      r("3", "電子申請の拡大", ["検討", "", "", "", ""], { remarks: "1-(1)-①の再掲" }),
      r("4", "窓口の改善", ["検討", "", "", "", ""], { remarks: "再掲（1-(1)-①）" }),
      r("5", "窓口の改善", ["検討", "", "", "", ""], { remarks: "再掲（1-(2)-①）" })]);
    expect(plan.projects.slice(2).map((p) => [p.no, p.relistOf])).toEqual([[3, 1], [4, 2], [5, 2]]);
    expect(plan.diagnostics.filter((d) => d.code === "PP407").map((d) => d.projectNo)).toEqual([5]);
  });

  it("the original's place right after a 再掲 mark at the name's end (※再掲（1-(1)-①）, 【再掲】1-(1)-①) is part of the mark; it had stayed in the name, no original found (PP406)", async () => {
    const plan = await tsvOf([
      firstYear("1", "電子申請の拡大"), firstYear("2", "窓口の改善"),
      firstYear("3", "電子申請の拡大※再掲（1-(1)-①）"), firstYear("4", "窓口の改善【再掲】1-(1)-①"),
      // unresolved, the place is what the documents print
      firstYear("5", "相談の拡大【再掲】2-(1)-①")]);
    expect(plan.projects.slice(2).map((p) => [p.no, p.name, p.relistOf, p.relistMark])).toEqual([
      [3, "電子申請の拡大", 1, "※再掲（1-(1)-①）"], [4, "窓口の改善", 2, "【再掲】1-(1)-①"], [5, "相談の拡大", null, "【再掲】2-(1)-①"]]);
    expect(plan.diagnostics.filter((d) => d.code === "PP406").map((d) => d.projectNo)).toEqual([5]);
    const { relistRef } = await import("../../src/views/relist.js");
    expect(relistRef(project(plan, 5))).toEqual({ no: null, place: "2-(1)-①" });
  });

  it("再掲 with its original's place numbered as plans number their levels (（再掲：1-(1)-①）, （Ⅰ-1-(1)再掲）) is a 再掲 of the project there; it had stayed in the name, no 再掲 read", async () => {
    const plan = await tsvOf([
      firstYear("1", "電子申請の拡大"), firstYear("2", "窓口の改善"),
      firstYear("3", "電子申請の拡大（再掲：1-(1)-①）"), firstYear("4", "窓口の改善（Ⅰ-1-(1)再掲）"),
      // the place is checked: 1-(2)-① holds no project of that name (PP407)
      firstYear("5", "窓口の改善（再掲 1-(2)-①）"),
    ]);
    expect(plan.projects.slice(2).map((p) => [p.no, p.name, p.relistOf, p.relistMark])).toEqual([
      [3, "電子申請の拡大", 1, "（再掲：1-(1)-①）"], [4, "窓口の改善", 2, "（Ⅰ-1-(1)再掲）"], [5, "窓口の改善", 2, "（再掲 1-(2)-①）"]]);
    expect(plan.diagnostics.filter((d) => d.code === "PP407").map((d) => d.projectNo)).toEqual([5]);
    expect(plan.diagnostics.filter((d) => d.code === "PP406")).toEqual([]);
  });

  it("a 再掲's description that differs near an item's end is quoted on one line, items joined by ／ (PP409)", async () => {
    const plan = await tsvOf([r("1", "甲", ["検討", "", "", "", ""], { desc: "・拡大する。\n・見直す。" }), r("2", "甲（再掲）", ["検討", "", "", "", ""], { desc: "・拡大する。\n・改める。" })]);
    const said = plan.diagnostics.filter((d) => d.code === "PP409");
    expect(said.map((d) => d.message)).toEqual(["No.2 は No.1 の再掲ですが、事業内容が一致しません（No.1「する。／見直す。」/ No.2「する。／改める。」）。"]);
  });

  it("a 再掲 naming its own No., or a No. that is itself a 再掲, says which (PP406)", async () => {
    const plan = await tsvOf([r("1", "甲", ["検討", "", "", "", ""]), r("2", "甲（再掲：No.2）", ["検討", "", "", "", ""]),
      r("3", "甲（再掲：No.1）", ["検討", "", "", "", ""]), r("4", "甲（再掲：No.3）", ["検討", "", "", "", ""]), r("5", "乙（再掲：No.99）", ["検討", "", "", "", ""])]);
    expect(plan.diagnostics.filter((d) => d.code === "PP406").map((d) => d.message)).toEqual([
      "No.2 の再掲の元が見つかりません（No.2 はこの事業自身です）。",
      "No.4 の再掲の元が見つかりません（No.3 もまた再掲です）。",
      "No.5 の再掲の元が見つかりません（No.99 の事業がありません）。"]);
  });

  it("<br> and <p> in a description are line breaks: each line an item; a sub-point on its own line stays in its item after a space", async () => {
    const plan = await tsvOf([
      r("1", "甲", ["検討", "", "", "", ""], { desc: "電子申請を拡大する。<br>窓口を見直す。<br/>研修を行う。" }),
      r("2", "乙", ["検討", "", "", "", ""], { desc: "<p>段落一</p><p>段落二</p>" }),
      r("3", "丙", ["検討", "", "", "", ""], { desc: "・第一の項目\n　○その下の細目\n・第二の項目" }),
      r("4", "丁", ["検討<br>実施", "", "", "", ""]),
      r("5", "事業<br>名", ["検討", "", "", "", ""]),
      r("6", "己", ["検討", "", "", "", ""], { desc: "電子申請を\n拡大する。\nAI-OCRの導入\nRPAの活用" }),
    ]);
    expect(plan.projects.map((p) => p.description)).toEqual([
      ["電子申請を拡大する。", "窓口を見直す。", "研修を行う。"], ["段落一", "段落二"], ["第一の項目 ○その下の細目", "第二の項目"], ["説明。"], ["説明。"],
      // a line ending in a particle was wrapped by hand; lines that end a phrase are items
      ["電子申請を拡大する。", "AI-OCRの導入", "RPAの活用"]]);
    expect(spans(plan, 4)).toEqual([["検討・実施", 2026, 2030, null, false]]);
    expect(project(plan, 5).name).toBe("事業名");
  });

  it("a description numbered ⑴ ⑵ or ⒈ ⒉ (one character each, as an IME offers them) is items; it had been one item, its marks printed", async () => {
    const plan = await tsvOf([
      r("1", "甲", ["検討", "", "", "", ""], { desc: "⑴申請を電子化する ⑵窓口を減らす" }),
      r("2", "乙", ["検討", "", "", "", ""], { desc: "⒈記入を減らす。⒉待ち時間を減らす。" }),
      // one such mark inside a paragraph is no list
      r("3", "丙", ["検討", "", "", "", ""], { desc: "研修を行う（⑴の対象）。" })]);
    expect(plan.projects.map((p) => p.description)).toEqual([["申請を電子化する", "窓口を減らす"], ["記入を減らす。", "待ち時間を減らす。"], ["研修を行う（⑴の対象）。"]]);
  });

  it("departments separated by ；, and kana with a combining (han)dakuten made one character (PP355)", async () => {
    const plan = await tsvOf([r("1", "か\u3099んかく", ["検討", "", "", "", ""], { depts: "情報政策課；市民課;健康課" }), r("2", "ハ\u309aソコン", ["検討", "", "", "", ""])]);
    expect(plan.projects.map((p) => [p.name, p.departments])).toEqual([["がんかく", ["情報政策課", "市民課", "健康課"]], ["パソコン", ["情報政策課"]]]);
    expect(plan.diagnostics.filter((d) => d.code === "PP355").map((d) => [d.severity, d.line, d.message])).toEqual([
      ["info", 4, "濁点・半濁点を別の文字で書いたかなを 1 文字にしました（「が」など、2 か所。ここが最初）。"]]);
  });
});
