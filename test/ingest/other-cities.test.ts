// Plans exported the way other city halls write them: header synonyms, year headers in two forms,
// a column after the period, hierarchy written once per group (text) or merged (xlsx), other
// numbering, and plans of two levels. Each fixture asserts the model, not only "no error".
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config/schema.js";
import { DiagnosticBag } from "../../src/diagnostics/bag.js";
import { matchLabel } from "../../src/ingest/header.js";
import { readPlanTable } from "../../src/ingest/index.js";
import type { Diagnostic } from "../../src/diagnostics/schema.js";
import type { Plan } from "../../src/model/schema.js";
import { numberedLike, parseNumbered } from "../../src/normalise/hierarchy.js";
import { cli } from "../helpers/cli.js";
import { codes, HEADER, planOf, row, tempFile, tsv } from "../helpers/plan-fixtures.js";

const spans = (plan: Plan, no: number) => plan.projects.find((p) => p.no === no)!.schedule.map((s) => [s.label, s.from, s.to]);
const of = (ds: Diagnostic[], code: string) => ds.filter((d) => d.code === code);

// A town's plan: synonyms for every column, 備考 and 関係課, years as 令和7年度（2025年度）, the
// hierarchy written on a group's first row only, measures numbered 1-1 and initiatives ア イ.
const TOWN_HEADER = ["番号", "基本目標", "施策の方向", "具体的な取組", "事業名称", "所管課", "関係課", "事業概要",
  "令和7年度（2025年度）", "令和8年度（2026年度）", "令和9年度（2027年度）", "備考"];
const TOWN_ROWS = [
  ["1", "1 便利な町役場", "1-1 窓口のデジタル化", "ア　手続のオンライン化", "電子申請の拡大", "総務課", "企画課", "・申請を電子化する。", "検討", "構築", "運用", ""],
  ["2", "", "", "", "キャッシュレス決済", "会計課", "", "・窓口で使える。", "", "導入", "", "国の補助金を活用"],
  ["3", "", "", "イ　窓口の改善", "書かない窓口", "市民課", "", "・記入を減らす。", "調査", "", "試行", ""],
  ["4", "", "1-2 情報発信", "ア　発信の強化", "SNS の活用", "広報課", "", "・発信する。", "実施", "", "", ""],
  ["5", "2 育つ職員", "2-1 人材育成", "ア　研修", "DX 研修", "人事課", "", "・研修する。", "", "実施", "", ""],
];

describe("header synonyms, two-form years, fill-down and numbering (TSV)", () => {
  const text = ["○○町DX推進計画", "", ...[TOWN_HEADER, ...TOWN_ROWS].map((r) => r.join("\t"))].join("\n") + "\n";

  it("reads the model: hierarchy carried down, numbers with their parents, phases with spans", async () => {
    const plan = await planOf("town.tsv", text);
    expect(plan.plan.period).toEqual({ start: 2025, end: 2027 });
    expect(plan.projects.map((p) => [p.no, p.policy, p.measure.number, p.measure.title, p.initiative?.number, p.initiative?.title])).toEqual([
      [1, "便利な町役場", 1, "窓口のデジタル化", 1, "手続のオンライン化"],
      [2, "便利な町役場", 1, "窓口のデジタル化", 1, "手続のオンライン化"],
      [3, "便利な町役場", 1, "窓口のデジタル化", 2, "窓口の改善"],
      [4, "便利な町役場", 2, "情報発信", 1, "発信の強化"],
      [5, "育つ職員", 1, "人材育成", 1, "研修"],
    ]);
    expect(plan.policies.map((p) => [p.name, p.measures.map((m) => [m.number, m.initiatives.map((i) => [i.number, i.projects])])])).toEqual([
      ["便利な町役場", [[1, [[1, [1, 2]], [2, [3]]]], [2, [[1, [4]]]]]],
      ["育つ職員", [[1, [[1, [5]]]]]],
    ]);
    expect(spans(plan, 1)).toEqual([["検討", 2025, 2025], ["構築", 2026, 2026], ["運用", 2027, 2027]]);
    expect(spans(plan, 3)).toEqual([["調査", 2025, 2026], ["試行", 2027, 2027]]);
    // The 関係課 column's departments follow the lead department (normalise/departments.ts).
    expect(plan.projects[0]!.departments).toEqual(["総務課", "企画課"]);
    const ds = plan.diagnostics;
    expect(ds.filter((d) => d.severity !== "info")).toEqual([]);
    // Each synonym once, with the column it was read as.
    expect(of(ds, "PP211").map((d) => d.message)).toEqual([
      "見出し「番号」の列を「No」の列として読みました。",
      "見出し「基本目標」の列を「基本方針」の列として読みました。",
      "見出し「施策の方向」の列を「施策」の列として読みました。",
      "見出し「具体的な取組」の列を「取組」の列として読みました。",
      "見出し「事業名称」の列を「事業」の列として読みました。",
      "見出し「所管課」の列を「担当課」の列として読みました。",
      "見出し「事業概要」の列を「事業内容」の列として読みました。",
    ]);
    // One fill-down diagnostic per column, with the count and the first filled cell.
    expect(of(ds, "PP212").map((d) => [d.message, d.line, d.column])).toEqual([
      ["「基本方針」の空欄 3 か所は、グループの最初の行だけに書かれたものとして、上の行の値を引き継ぎました。", 5, 2],
      ["「施策」の空欄 2 か所は、グループの最初の行だけに書かれたものとして、上の行の値を引き継ぎました。", 5, 3],
      ["「取組」の空欄 1 か所は、グループの最初の行だけに書かれたものとして、上の行の値を引き継ぎました。", 5, 4],
    ]);
    expect(of(ds, "PP214")).toHaveLength(1);
    expect(of(ds, "PP415")).toEqual([]);
  });

  it("gives the 備考 and 関係課 columns as raw fields remarks and relatedDepartments", async () => {
    const table = await readPlanTable(tempFile("town.tsv", text), defaultConfig(), new DiagnosticBag("ja"));
    expect(table.rows[0]!.fields.relatedDepartments?.text).toBe("企画課");
    expect(table.rows[1]!.fields.remarks).toMatchObject({ text: "国の補助金を活用", place: { line: 5, column: 12 } });
    // The 備考 column right of the years does not move the schedule.
    expect([...table.blocks[0]!.years.entries()]).toEqual([[8, 2025], [9, 2026], [10, 2027]]);
  });

  it("says, once, that the 備考 text is not printed (PP339); a 備考 that is a 再掲 mark only says nothing of it", async () => {
    const plan = await planOf("town.tsv", text);
    expect(of(plan.diagnostics, "PP339").map((d) => [d.line, d.column, d.severity, d.message])).toEqual([
      [5, 12, "info", "備考の欄の文字（1 行、ここが最初:「国の補助金を活用」）は資料に載せていません。備考は再掲の印だけを読みます。"]]);
    const relistOnly = text.replace("国の補助金を活用", "No.1の再掲");
    expect(codes((await planOf("town.tsv", relistOnly)).diagnostics)).not.toContain("PP339");
  });

  it("reads a 備考 line written as a phase and its note (適用※検証結果次第) as that phase's note (PP373); other lines, and a label two phases share, stay remarks (PP339)", async () => {
    const head = ["No", "基本方針", "施策", "取組", "事業名", "担当課", "事業内容", "R8", "R9", "R10", "備考"];
    const plan = await planOf("notes.tsv", tsv([head,
      ["1", "方針", "(1)窓口", "①手続", "電子申請", "総務課", "内容", "試行", "適用", "適用", "\"適用※検証結果次第\n国の補助金を活用\""],
      ["2", "方針", "(1)窓口", "①手続", "窓口改善", "総務課", "内容", "検討", "実施", "検討", "検討※予算次第"],
      ["3", "方針", "(1)窓口", "①手続", "相談", "総務課", "内容", "検討", "実施", "", "※予算次第"]]));
    expect(plan.projects.map((p) => p.schedule.map((ph) => [ph.label, ph.note ?? null]))).toEqual([
      [["試行", null], ["適用", "検証結果次第"]],
      [["検討", null], ["実施", null], ["検討", null]],
      [["検討", null], ["実施", null]],
    ]);
    expect(of(plan.diagnostics, "PP373").map((d) => [d.line, d.message])).toEqual([[4, "備考の「適用※検証結果次第」を、No.1 の工程「適用」の注記として読みました。"]]);
    // what is left of No.1's 備考, No.2's (検討 twice: which one is not guessed) and No.3's (no phase named)
    expect(of(plan.diagnostics, "PP339").map((d) => d.message)).toEqual(["備考の欄の文字（3 行、ここが最初:「国の補助金を活用」）は資料に載せていません。備考は再掲の印だけを読みます。"]);
  });

  it("reads 章・節・項 as the three levels (PP211): a plan written as its document's chapters had stopped at PP226", async () => {
    const plan = await planOf("c.tsv", tsv([["章", "節", "項", "番号", "事業名", "担当", "内容", "R7", "R8"],
      ["第1章 便利な暮らし", "第1節 手続", "1 オンライン化", "1", "電子申請の拡大", "総務課", "内容", "検討", "実施"],
      ["", "", "", "2", "電子納付の導入", "会計課", "内容", "", "導入"]]));
    expect(codes(plan.diagnostics).filter((c) => c.startsWith("PP2") && c !== "PP211" && c !== "PP220" && c !== "PP212")).toEqual([]);
    expect(plan.projects.map((p) => [p.no, p.policy, p.measure.number, p.measure.title, p.initiative?.title, p.name])).toEqual([
      [1, "便利な暮らし", 1, "手続", "オンライン化", "電子申請の拡大"], [2, "便利な暮らし", 1, "手続", "オンライン化", "電子納付の導入"]]);
    expect(of(plan.diagnostics, "PP211").map((d) => d.message)).toEqual(expect.arrayContaining(["見出し「章」の列を「基本方針」の列として読みました。", "見出し「節」の列を「施策」の列として読みました。", "見出し「項」の列を「取組」の列として読みました。"]));
  });

  it("reads a 行政改革 plan's 改革の柱 and 改革項目 as 基本方針 and 施策 (PP211); they had been of unknown wording (PP209), the plan refused (PP204)", async () => {
    const plan = await planOf("k.tsv", tsv([["番号", "改革の柱", "改革項目", "具体的取組", "担当部局", "取組の概要", "R8", "R9"],
      ["1", "1 行政サービス", "(1) 窓口改革", "書かない窓口", "市民部", "・記入を減らす", "検討", "実施"],
      ["2", "1 行政サービス", "(1) 窓口改革", "オンライン申請", "総務部", "・申請を電子化", "実施", "→"]]));
    expect(plan.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(plan.projects.map((p) => [p.no, p.policy, p.measure.number, p.measure.title, p.name])).toEqual([
      [1, "行政サービス", 1, "窓口改革", "書かない窓口"], [2, "行政サービス", 1, "窓口改革", "オンライン申請"]]);
  });

  it("reads 実施主体 and 部署 as the departments' column (PP211)", async () => {
    for (const wording of ["実施主体", "部署"]) {
      const plan = await planOf("g.tsv", tsv([["No", "基本方針", "施策", "取組", "事業名", wording, "事業内容", "R8", "R9"],
        ["1", "方針", "(1)窓口", "①手続", "電子申請", "総務課", "内容", "検討", "実施"]]));
      expect(plan.projects[0]!.departments).toEqual(["総務課"]);
      expect(of(plan.diagnostics, "PP211").map((d) => d.message)).toContain(`見出し「${wording}」の列を「担当課」の列として読みました。`);
    }
  });

  it("reads the wordings other plans use for each level, the name, the departments and the description (session 16's probes)", async () => {
    const read = async (header: string[]) => planOf("g.tsv", tsv([[...header, "R8", "R9"], ["1", "1 便利な市", "(1)窓口", "①手続", "電子申請", "総務課", "内容。", "検討", "実施"]]));
    const base = ["No", "基本方針", "施策", "取組", "事業名", "担当課", "事業内容"];
    const wordings: [number, string][] = [
      ...["柱", "重点目標", "基本戦略", "戦略", "分野", "政策目標", "基本的方向"].map((w): [number, string] => [1, w]),
      ...["推進方策", "方向性"].map((w): [number, string] => [2, w]),
      ...["実施項目", "重点取組"].map((w): [number, string] => [3, w]),
      ...["主要事業", "取組事業", "実施事業名"].map((w): [number, string] => [4, w]),
      ...["担当課・室", "所管課室", "主担当"].map((w): [number, string] => [5, w]),
      ...["事業概要・目的"].map((w): [number, string] => [6, w]),
    ];
    for (const [at, wording] of wordings) {
      const plan = await read(base.map((h, i) => (i === at ? wording : h)));
      expect(plan.diagnostics.filter((d) => d.severity !== "info").map((d) => d.code), wording).toEqual([]);
      expect(plan.projects.map((p) => [p.policy, p.measure.number, p.initiative?.number, p.name, p.departments, p.description]), wording)
        .toEqual([["便利な市", 1, 1, "電子申請", ["総務課"], ["内容。"]]]);
    }
    // a column of SDGs written in full-width letters is one the documents do not print (PP342, info)
    const sdgs = await read([...base.slice(0, 5), "関連ＳＤＧｓ", ...base.slice(5)].map((h) => h));
    expect(sdgs.diagnostics.find((d) => d.code === "PP342")?.message).toContain("関連SDGs");
  });

  it("a city's config adds its own synonyms", async () => {
    const header = TOWN_HEADER.map((h) => (h === "所管課" ? "担当グループ" : h));
    const data = ["t", "", ...[header, TOWN_ROWS[0]!].map((r) => r.join("\t"))].join("\n");
    expect(codes((await planOf("g.tsv", data)).diagnostics)).toContain("PP209");
    const config = defaultConfig();
    config.headerSynonyms = { departments: ["担当グループ"] };
    const plan = await planOf("g.tsv", data, config);
    expect(plan.projects[0]!.departments).toEqual(["総務課", "企画課"]);
    expect(of(plan.diagnostics, "PP211").map((d) => d.message)).toContain("見出し「担当グループ」の列を「担当課」の列として読みました。");
  });

  it("a new 基本方針 with its 施策 left empty is not given the previous group's 施策", async () => {
    const rows = [TOWN_ROWS[0]!, ["2", "2 別の目標", "", "", "事業B", "総務課", "", "・説明。", "検討", "", "", ""]];
    const plan = await planOf("g.tsv", ["t", "", ...[TOWN_HEADER, ...rows].map((r) => r.join("\t"))].join("\n"));
    expect(of(plan.diagnostics, "PP301").map((d) => [d.line, d.column])).toEqual([[5, 3], [5, 4]]);
    expect(plan.projects[1]!.measure.title).toBe("");
  });

  it("prints how it was read, in Japanese and in English", async () => {
    const file = tempFile("town.tsv", text);
    const ja = await cli("check", file);
    expect(ja.code).toBe(0);
    expect(ja.stderr).toContain("見出し「所管課」の列を「担当課」の列として読みました。");
    expect(ja.stderr).toContain("「施策」の空欄 2 か所は");
    expect(ja.stderr).toContain("計画の表を読みました: 見出し 1 か所、事業の行 5 行、年度の列 令和7年度～令和9年度。");
    const en = await cli("check", file, "--lang", "en");
    expect(en.stderr).toContain(`The column headed "所管課" was read as the "担当課" column.`);
    expect(en.stderr).toContain(`2 empty "施策" cell(s) were read as written once per group`);
    expect(en.stderr).toContain("Year headers written two ways, such as \"令和7年度（2025年度）\", were read as 令和7年度");
  });
});

// A CSV saved by Excel as UTF-8 with BOM and CRLF: years as `R8⏎2026` in quoted cells, a 計画期間
// row over the years, a last column `R11～`, 施策 numbered 第1節, 取組 (ア).
describe("two-row header, years with a line break, a column after the period (CSV, BOM, CRLF)", () => {
  const q = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [
    ["○○市デジタル計画"],
    ["No", "基本方針", "施策", "取組", "事業名", "担当部署", "内容", "計画期間", "", "", ""],
    ["", "", "", "", "", "", "", "R8\r\n2026", "R9\r\n2027", "R10\r\n2028", "R11～"],
    ["1", "便利な市役所", "第1節 窓口", "(ア)手続", "電子申請", "情報政策課", "説明", "検討", "運用", "", "→"],
    ["2", "便利な市役所", "第1節 窓口", "(イ)相談", "オンライン相談", "市民課", "説明", "試行", "", "", "本格実施"],
    ["3", "便利な市役所", "第2節 発信", "(ア)広報", "広報の電子化", "広報課", "説明", "運用", "", "", "運用"],
  ];
  const bytes = "\uFEFF" + lines.map((r) => r.map(q).join(",")).join("\r\n") + "\r\n";

  it("reads the years of the second header row and judges the column after the period per cell", async () => {
    const plan = await planOf("city.csv", bytes);
    expect(plan.plan.period).toEqual({ start: 2026, end: 2028 });
    expect(spans(plan, 1)).toEqual([["検討", 2026, 2026], ["運用", 2027, 2028]]);
    expect(spans(plan, 2)).toEqual([["試行", 2026, 2028]]);
    expect(plan.projects.map((p) => [p.measure.number, p.measure.title, p.initiative?.number, p.initiative?.title])).toEqual([
      [1, "窓口", 1, "手続"], [1, "窓口", 2, "相談"], [2, "発信", 1, "広報"],
    ]);
    const ds = plan.diagnostics;
    expect(of(ds, "PP216").map((d) => [d.line, d.column, d.message])).toEqual([[3, 11, "列「R11～」は計画期間の後（令和11年度以降）の列として読みました。計画期間には含めません。"]]);
    // Physical lines count the line breaks inside the quoted year headers.
    expect(of(ds, "PP217").map((d) => [d.projectNo, d.line, d.column])).toEqual([[1, 7, 11], [3, 9, 11]]);
    expect(of(ds, "PP219").map((d) => [d.projectNo, d.line, d.column, d.message])).toEqual([
      [2, 8, 11, "「R11～」の列の工程「本格実施」は計画期間の外のため、スケジュールに含めませんでした。"],
    ]);
    expect(codes(ds)).not.toContain("PP308");
    expect(codes(ds)).not.toContain("PP209");
    expect(of(ds, "PP214")).toHaveLength(1);
  });

  it("after the period, a cell of the configured continuation marks continues the last phase", async () => {
    // ➡ is one of config schedule.continuationMarks: the same marks as inside the period.
    const marked = bytes.replace(",→\r\n", ",➡\r\n");
    expect(marked).not.toBe(bytes);
    const ds = (await planOf("city.csv", marked)).diagnostics;
    expect(of(ds, "PP217").map((d) => d.projectNo)).toEqual([1, 3]);
  });

  it("check prints the column after the period and its cells, in Japanese and English", async () => {
    const file = tempFile("city.csv", bytes);
    const ja = await cli("check", file);
    expect(ja.code).toBe(0);
    expect(ja.stderr).toContain("city.csv:8:11  warning  PP219  「R11～」の列の工程「本格実施」は計画期間の外のため、スケジュールに含めませんでした。");
    const en = await cli("check", file, "--lang", "en");
    expect(en.stderr).toContain(`city.csv:7:11  info  PP217  "→" in the column "R11～" was read as the last phase continuing after the plan period.`);
  });

  it("a year header whose two forms disagree is a warning at its cell", async () => {
    const bad = bytes.replace("R9\r\n2027", "R9\r\n2028");
    const plan = await planOf("city.csv", bad);
    expect(of(plan.diagnostics, "PP215").map((d) => [d.line, d.column, d.severity])).toEqual([[3, 9, "warning"]]);
    expect(plan.plan.period).toEqual({ start: 2026, end: 2028 });
  });

  it("a line above the table saying something of it (計画期間：…, 作成日：…, （単位：千円）, 最終更新 …, 事業一覧) is no title: the title is the line that names the plan, else the file's name (PP205)", async () => {
    const head = ["No", "基本方針", "施策", "事業名", "担当課", "事業内容", "令和8年度", "令和9年度"];
    const body = ["1", "1 行政", "(1) 改革", "RPAの導入", "情報政策課", "内容", "検討", "実施"];
    for (const line of ["計画期間：令和8年度～令和9年度", "作成日：令和8年3月31日", "（単位：千円）", "最終更新 2026/03/31", "単位：年度", "事業一覧"]) {
      const alone = await planOf("alone.tsv", tsv([head, body], line));
      expect(alone.plan.title, line).toBe("alone");
      expect(codes(alone.diagnostics), line).toContain("PP205");
      const under = await planOf("under.tsv", tsv([["〇〇市DX推進計画"], head, body], line));
      expect(under.plan.title, line).toBe("〇〇市DX推進計画");
    }
  });

  it("years headed newest first (令和12年度 | 令和11年度 | …) are one error saying so (PP206), not one a column out of sequence", async () => {
    const head = ["No", "基本方針", "施策", "事業名", "担当課", "事業内容", "令和10年度", "令和9年度", "令和8年度"];
    const plan = await planOf("desc.tsv", tsv([head, ["1", "1 行政", "(1) 改革", "RPAの導入", "情報政策課", "内容", "実施", "→", "検討"]]));
    expect(of(plan.diagnostics, "PP206").map((d) => [d.severity, d.column, d.message])).toEqual([["error", 7, "年度の見出しが左から新しい順（令和10年度～令和8年度）に並んでいます。左から古い順の表として読めません。"]]);
  });

  it("a year's column added apart from the others (after 備考) is said as apart, naming the columns between (PP206), not 「期待: 令和12年度」", async () => {
    const head = ["No", "基本方針", "施策", "事業名", "担当課", "事業内容", "令和8年度", "令和9年度", "備考", "再掲", "令和10年度"];
    const plan = await planOf("apart.tsv", tsv([head, ["1", "1 行政", "(1) 改革", "RPAの導入", "情報政策課", "内容", "検討", "実施", "", "", "運用"]]));
    expect(of(plan.diagnostics, "PP206").map((d) => [d.severity, d.column, d.message])).toEqual([["error", 11,
      "年度の見出し「令和10年度」の列が、令和9年度の列の隣になく、間に「備考」「再掲」の列があります。どの列がどの年度か決められません。"]]);
  });

  it("two year header rows naming different years in a column are a warning at the lower one's cell; rows that agree are read without a word", async () => {
    const head = (below: string[]) => [["No", "基本方針", "施策", "事業名", "担当課", "事業内容", "令和8年度", "令和9年度", "令和10年度"], ["", "", "", "", "", "", ...below]];
    const body = [["1", "1 行政", "(1) 改革", "RPAの導入", "情報政策課", "内容", "検討", "実施", "→"]];
    const shifted = await planOf("shifted.tsv", tsv([...head(["2027", "2028", "2029"]), ...body]));
    expect(of(shifted.diagnostics, "PP215").map((d) => [d.line, d.column, d.severity, d.message])).toEqual([
      [4, 7, "warning", "年度の見出し「令和8年度 / 2027」の二つの書き方が一致しません（令和8年度 / 令和9年度）。令和8年度 として読みました。"],
      [4, 8, "warning", expect.stringContaining("「令和9年度 / 2028」")],
      [4, 9, "warning", expect.stringContaining("「令和10年度 / 2029」")],
    ]);
    const agreeing = await planOf("agreeing.tsv", tsv([...head(["2026", "2027", "2028"]), ...body]));
    expect(of(agreeing.diagnostics, "PP215")).toEqual([]);
    expect(agreeing.plan.period).toEqual({ start: 2026, end: 2028 });
  });
});

// A workbook with vertical merges (基本方針 and 施策 over their groups, one schedule label over two
// projects' rows and two years), a merged 計画期間 over the year row, and years as 令和8年度⏎(2026).
async function mergedWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("計画");
  ws.addRow(["△△市情報化計画"]);
  ws.addRow(["No", "基本方針", "施策", "取組", "事業名", "担当課", "事業内容", "計画期間", "", ""]);
  ws.addRow(["", "", "", "", "", "", "", "令和8年度\n(2026)", "令和9年度\n(2027)", "令和10年度\n(2028)"]);
  ws.addRow([1, "市民サービス", "(1)窓口", "①手続", "電子申請", "情報政策課", "説明", "検討", "", "運用"]);
  ws.addRow([2, "", "", "②相談", "オンライン相談", "市民課", "説明", "構築", "", ""]);
  ws.addRow([3, "", "(2)発信", "①広報", "広報の電子化", "広報課", "説明", "", "", "実施"]);
  ws.addRow([4, "行政運営", "(1)人材", "①研修", "DX 研修", "人事課", "説明", "実施", "", ""]);
  for (const r of ["A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:E3", "F2:F3", "G2:G3", "H2:J2"]) ws.mergeCells(r);
  ws.mergeCells("B4:B6"); // 基本方針 over three projects
  ws.mergeCells("C4:C5"); // 施策 over two
  ws.mergeCells("H4:I4"); // 検討 over two years
  ws.mergeCells("H5:I6"); // 構築 over two years and two projects
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe("vertical merges (xlsx written with exceljs)", () => {
  it("the top-left value covers the range: hierarchy and schedule, one info per column", async () => {
    const plan = await planOf("merged.xlsx", await mergedWorkbook());
    expect(plan.plan.period).toEqual({ start: 2026, end: 2028 });
    expect(plan.projects.map((p) => [p.no, p.policy, p.measure.number, p.initiative?.number])).toEqual([
      [1, "市民サービス", 1, 1], [2, "市民サービス", 1, 2], [3, "市民サービス", 2, 1], [4, "行政運営", 1, 1],
    ]);
    expect(spans(plan, 1)).toEqual([["検討", 2026, 2027], ["運用", 2028, 2028]]);
    expect(spans(plan, 2)).toEqual([["構築", 2026, 2027]]);
    expect(spans(plan, 3)).toEqual([["構築", 2026, 2027], ["実施", 2028, 2028]]);
    const ds = plan.diagnostics;
    expect(ds.filter((d) => d.severity !== "info")).toEqual([]);
    // at each column's first merge, its top-left cell (diagnostics.md: a place in a merged range)
    expect(of(ds, "PP213").map((d) => [d.message, d.cell])).toEqual([
      ["「基本方針」の結合セルの値を、結合の 2 行目以降の 2 行にも当てはめました。", "B4"],
      ["「施策」の結合セルの値を、結合の 2 行目以降の 1 行にも当てはめました。", "C4"],
      ["「スケジュール」の結合セルの値を、結合の 2 行目以降の 1 行にも当てはめました。", "H5"],
    ]);
    expect(codes(ds)).not.toContain("PP212");
  });

  it("check prints the merges read, in English and Japanese", async () => {
    const file = tempFile("merged.xlsx", await mergedWorkbook());
    const en = await cli("check", file, "--lang", "en");
    expect(en.code).toBe(0);
    expect(en.stderr).toContain(`merged.xlsx#計画!B4  info  PP213  The value of merged "基本方針" cells was applied to the 2 row(s) they cover below their first.`);
    const ja = await cli("check", file);
    expect(ja.stderr).toContain("「スケジュール」の結合セルの値を、結合の 2 行目以降の 1 行にも当てはめました。");
    expect(ja.stderr).toContain("年度の見出し「令和8年度 (2026)」のような二つの書き方の見出しを、令和8年度 のように読みました。");
  });

  it("the reader hands the merges on in the grid's shape", async () => {
    const table = await readPlanTable(tempFile("merged.xlsx", await mergedWorkbook()), defaultConfig(), new DiagnosticBag("ja"));
    expect(table.grid.merges).toContainEqual({ top: 4, left: 1, bottom: 6, right: 1 });
    expect(table.grid.merges).toContainEqual({ top: 5, left: 7, bottom: 6, right: 8 });
  });
});

// A project written over several rows, its No and name merged down over them (Excel).
describe("a project over several rows, its No merged over them (xlsx)", () => {
  async function book(): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("計画");
    ws.addRow(["No", "基本方針", "施策", "事業名", "担当課", "事業内容", "令和8年度", "令和9年度", "令和10年度", "備考"]);
    ws.addRow([1, "市民サービス", "(1)窓口", "電子申請", "情報政策課", "・申請を電子化する", "検討", "", "", ""]);
    ws.addRow(["", "", "", "", "市民課", "・添付書類をなくす", "", "実施", "", ""]);
    ws.addRow(["", "", "", "", "", "", "調査", "", "", ""]);
    ws.addRow([2, "市民サービス", "(1)窓口", "オンライン相談", "市民課", "・相談を受ける", "構築", "運用", "", ""]);
    ws.addRow(["", "", "", "", "", "", "", "", "", "予算次第"]);
    for (const r of ["A2:A4", "B2:B4", "C2:C4", "D2:D4", "A5:A6", "B5:B6", "C5:C6", "D5:D6", "E5:E6"]) ws.mergeCells(r);
    ws.mergeCells("H3:I3"); // 実施: 令和9年度 and 令和10年度
    ws.mergeCells("H5:I6"); // 運用 over both rows of No.2: its phase once
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  it("reads the rows below as the same project: text continues its cells, year cells are more phases", async () => {
    const plan = await planOf("rows.xlsx", await book());
    expect(plan.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(plan.projects.map((p) => p.no)).toEqual([1, 2]);
    const p1 = plan.projects[0]!;
    expect(p1.description).toEqual(["申請を電子化する", "添付書類をなくす"]);
    expect(p1.departments).toEqual(["情報政策課", "市民課"]);
    // 調査 in 令和8年度 beside 検討: two phases of one year
    expect(spans(plan, 1)).toEqual([["検討", 2026, 2026], ["調査", 2026, 2026], ["実施", 2027, 2028]]);
    expect(spans(plan, 2)).toEqual([["構築", 2026, 2026], ["運用", 2027, 2028]]);
    const said = of(plan.diagnostics, "PP330");
    expect(said.map((d) => [d.cell, d.message])).toEqual([["A3", "No のセルが下の行まで結合された事業の、その下の行（3 行、最初は No.1）を、同じ事業の続きの行として読みました。事業内容・担当課は続きの文、年度の欄はその事業の工程です。"]]);
    expect(codes(plan.diagnostics)).not.toContain("PP301");
  });

  it("the same rows in a text export (no merges) are not guessed: the year cells stop the reading", async () => {
    const tsv = ["No\t基本方針\t施策\t事業名\t担当課\t事業内容\t令和8年度\t令和9年度\t令和10年度",
      "1\t市民サービス\t(1)窓口\t電子申請\t情報政策課\t・申請を電子化する\t検討\t\t",
      "\t\t\t\t市民課\t・添付書類をなくす\t\t実施\t"].join("\n");
    const plan = await planOf("rows.tsv", tsv);
    expect(codes(plan.diagnostics.filter((d) => d.severity === "error"))).toContain("PP301");
    expect(codes(plan.diagnostics)).not.toContain("PP330");
  });
});

// A progress table's 計画/実績 row pairs: a 区分 column says which row is the plan.
describe("計画 and 実績 rows (a 区分 column)", () => {
  const HEADER = ["No", "基本方針", "施策", "事業名", "担当課", "区分", "令和8年度", "令和9年度", "令和10年度"];
  const ROWS = [
    ["1", "市民サービス", "(1)窓口", "電子申請", "情報政策課", "計画", "検討", "実施", "→"],
    ["", "", "", "", "", "実績", "検討", "", ""],
    ["2", "市民サービス", "(1)窓口", "オンライン相談", "市民課", "計画", "構築", "運用", "→"],
    ["2", "", "", "オンライン相談", "", "実績", "調査", "", ""],
  ];

  it("reads the 計画 rows as the projects and leaves the 実績 rows out, said once (text export)", async () => {
    const plan = await planOf("pairs.tsv", [HEADER, ...ROWS].map((r) => r.join("\t")).join("\n"));
    expect(plan.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(plan.projects.map((p) => p.no)).toEqual([1, 2]);
    expect(spans(plan, 1)).toEqual([["検討", 2026, 2026], ["実施", 2027, 2028]]);
    expect(spans(plan, 2)).toEqual([["構築", 2026, 2026], ["運用", 2027, 2028]]);
    expect(of(plan.diagnostics, "PP243").map((d) => [d.line, d.column, d.message])).toEqual([
      [1, 6, "「区分」の列が「実績」の 2 行は計画の工程ではないため読まず、工程は「計画」の行から読みました。"]]);
    // the 区分 column is not "a column not read"
    expect(codes(plan.diagnostics)).not.toContain("PP209");
  });

  it("under a No merged over both rows (xlsx) the 実績 row's years are not taken for more phases", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("計画");
    for (const r of [HEADER, ...ROWS]) ws.addRow(r.map((c) => (/^[0-9]+$/.test(c) ? Number(c) : c)));
    for (const r of ["A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:E3", "A4:A5", "B4:B5", "C4:C5", "E4:E5"]) ws.mergeCells(r);
    const plan = await planOf("pairs.xlsx", new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(plan.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(spans(plan, 1)).toEqual([["検討", 2026, 2026], ["実施", 2027, 2028]]);
    expect(spans(plan, 2)).toEqual([["構築", 2026, 2026], ["運用", 2027, 2028]]);
    expect(codes(plan.diagnostics)).toContain("PP243");
    expect(codes(plan.diagnostics)).not.toContain("PP330");
  });

  it("工程 rows with an indicator's rows under them (指標（…） | 30% | 50%) read as the 計画 | 実績 pairs are", async () => {
    const rows = [
      ["1", "市民サービス", "(1)窓口", "電子申請", "情報政策課", "工程", "検討", "実施", "→"],
      ["", "", "", "", "", "指標（オンライン化率）", "30%", "50%", "70%"],
      ["2", "市民サービス", "(1)窓口", "オンライン相談", "市民課", "工程", "構築", "運用", "→"],
      ["", "", "", "", "", "目標値（件数）", "100件", "200件", "300件"],
    ];
    const plan = await planOf("kpi.tsv", [HEADER, ...rows].map((r) => r.join("\t")).join("\n"));
    // each indicator row had been a project with every required cell empty, its figures turning the table year by year
    expect(plan.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(codes(plan.diagnostics)).not.toContain("PP301");
    expect(spans(plan, 1)).toEqual([["検討", 2026, 2026], ["実施", 2027, 2028]]);
    expect(spans(plan, 2)).toEqual([["構築", 2026, 2026], ["運用", 2027, 2028]]);
    expect(of(plan.diagnostics, "PP243").map((d) => d.message)).toEqual([expect.stringContaining("2 行は計画の工程ではない")]);
  });

  it("a numbered row that says 実績 is no such pair: not read as one", async () => {
    const rows = [ROWS[0]!, ["3", "市民サービス", "(1)窓口", "相談", "市民課", "実績", "調査", "", ""]];
    const plan = await planOf("odd.tsv", [HEADER, ...rows].map((r) => r.join("\t")).join("\n"));
    expect(codes(plan.diagnostics)).not.toContain("PP243");
    expect(codes(plan.diagnostics)).toContain("PP209");
    expect(plan.projects.map((p) => p.no)).toEqual([1, 3]);
  });
});

// An indicator's rows under each project with no row-kind column: the word in the name column.
describe("indicator rows under projects (目標値, 【指標】…, 指標：… in the name column)", () => {
  it("are not read, said once (PP288); each had been PP301 four times (目標値 | 100件 | 200件) or PP379 (指標：… alone)", async () => {
    const under = (name: string, years = ["", "", ""]) => ["", "", "", "", name, "", "", ...years];
    const plan = await planOf("kpi.tsv", tsv([HEADER, row(1, "電子申請"), under("目標値", ["100件", "200件", "300件"]), under("【指標】申請件数（件）", ["100", "", "500"]),
      row(2, "窓口"), under("指標：待ち時間 30分→10分"), row(3, "相談")]));
    expect(plan.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(plan.projects.map((p) => [p.no, p.name, p.schedule.length])).toEqual([[1, "電子申請", 2], [2, "窓口", 2], [3, "相談", 2]]);
    expect(of(plan.diagnostics, "PP288").map((d) => [d.line, d.column, d.message])).toEqual([[5, 5,
      "事業の下の指標・目標値の行（「目標値」、No.1 の下など 3 行）は、計画の事業ではないため読みませんでした。指標・目標値は文書に載りません。"]]);
    // a name that only begins with the word (目標値の設定) is still a name without a No (PP379); so is
    // an indicator's word with a department beside it (a project whose No was left out?)
    const named = await planOf("kpi.tsv", tsv([HEADER, row(1, "電子申請"), under("目標値の設定"), row(2, "窓口"), ["", "", "", "", "目標値", "市民課", "", "", "", ""]]));
    expect(codes(named.diagnostics)).not.toContain("PP288");
    expect(codes(named.diagnostics)).toContain("PP379");
    // the word in the 事業内容 column beside figures in the years: the same; alone there, it goes on
    // with the description above (PP329)
    const described = (years: string[]) => ["", "", "", "", "", "", "目標値（件）", ...years];
    const inDescription = await planOf("kpi.tsv", tsv([HEADER, row(1, "電子申請"), described(["100", "200", ""]), row(2, "窓口"), described(["", "", ""])]));
    expect(inDescription.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(of(inDescription.diagnostics, "PP288").map((d) => [d.line, d.column])).toEqual([[5, 7]]);
    // (after the sentence's end, an item of its own: it had been glued, 「窓口を進める。目標値（件）」)
    expect(inDescription.projects.map((p) => p.description)).toEqual([["電子申請を進める。"], ["窓口を進める。", "目標値（件）"]]);
  });
});

// One level: a 基本目標 (or 施策) column and no other level above the projects.
describe("plans of one level", () => {
  it("are read with the level as the 基本方針, each project's 施策 a stand-in and no 取組, said once (PP272; it had been refused, PP204)", async () => {
    for (const [label, header, rows] of [
      ["基本目標", ["No", "基本目標", "事業名", "事業内容", "担当課", "令和8年度", "令和9年度"],
        [["1", "1 くらし", "電子申請", "説明", "総務課", "検討", "運用"], ["2", "", "窓口改善", "説明", "市民課", "実施", ""], ["3", "2 しごと", "研修", "説明", "人事課", "", "実施"]]],
      ["施策", ["施策", "No", "事業名", "所管課", "令和8年度", "令和9年度"],
        [["(1) くらし", "1", "電子申請", "総務課", "検討", "運用"], ["", "2", "窓口改善", "市民課", "実施", ""], ["(2) しごと", "3", "研修", "人事課", "", "実施"]]],
    ] as const) {
      const plan = await planOf("one.tsv", tsv([[...header], ...rows.map((r) => [...r])]));
      const stand = { number: null, title: "" };
      expect(plan.projects.map((p) => [p.no, p.policy, p.measure, p.initiative]), label).toEqual([[1, "くらし", stand, null], [2, "くらし", stand, null], [3, "しごと", stand, null]]);
      expect(plan.policies.map((p) => [p.name, p.measures]), label).toEqual([
        ["くらし", [{ ...stand, initiatives: [{ ...stand, projects: [1, 2] }] }]], ["しごと", [{ ...stand, initiatives: [{ ...stand, projects: [3] }] }]]]);
      expect(plan.diagnostics.filter((d) => d.severity !== "info"), label).toEqual(label === "施策" ? [expect.objectContaining({ code: "PP210" })] : []);
      expect(of(plan.diagnostics, "PP272").map((d) => [d.line, d.column, d.message]), label).toEqual([[3, header.indexOf(label as never) + 1,
        `階層の列が「${label}」の 1 つだけのため、1 階層の計画（${label}・事業）として読みました。資料ではこの列を基本方針として載せ、その下に施策・取組の段は設けません。`]]);
      expect(codes(plan.diagnostics), label).not.toContain("PP218");
    }
  });
});

// Two levels: no 取組 column. Measures numbered with their policy's number; one disagrees.
describe("plans of two levels", () => {
  const header = ["No", "基本方針", "施策", "事業", "担当課", "事業内容", "2026年度", "2027年度"];
  const rows = [
    ["1", "1 くらし", "1-1 手続", "電子申請", "総務課", "説明", "検討", "運用"],
    ["2", "1 くらし", "1-2 窓口", "窓口改善", "市民課", "説明", "実施", ""],
    ["3", "2 しごと", "1-3 研修", "研修", "人事課", "説明", "", "実施"],
  ];
  const text = ["二層の計画", "", ...[header, ...rows].map((r) => r.join("\t"))].join("\n");

  it("are read with initiative null, the tree's measures holding their projects", async () => {
    const plan = await planOf("two.tsv", text);
    expect(plan.projects.map((p) => [p.no, p.measure.number, p.initiative])).toEqual([[1, 1, null], [2, 2, null], [3, 3, null]]);
    expect(plan.policies[0]!.measures.map((m) => m.initiatives)).toEqual([
      [{ number: null, title: "", projects: [1] }], [{ number: null, title: "", projects: [2] }],
    ]);
    const ds = plan.diagnostics;
    expect(of(ds, "PP218")).toHaveLength(1);
    expect(codes(ds)).not.toContain("PP204");
    // 1-3 under the second policy: its parent number disagrees.
    expect(of(ds, "PP415").map((d) => [d.projectNo, d.line, d.column, d.message])).toEqual([
      [3, 6, 3, "施策の番号「1-3」の上位の番号 1 が、基本方針の番号 2 と一致しません。"],
    ]);
    // …and the measure number runs on within that policy, said in the plan's own style.
    expect(of(ds, "PP404").map((d) => [d.projectNo, d.message])).toEqual([[3, "「しごと」の施策番号 3 が順番どおりではありません（期待: 1）。"]]);
  });

  it("a block without 取組 among blocks with it is still a missing column", async () => {
    const three = ["No", "基本方針", "施策", "取組", "事業", "担当課", "事業内容", "2026年度", "2027年度"];
    const data = ["t", "", three.join("\t"), ["1", "方針", "(1)施策", "①取組", "事業", "総務課", "説明", "検討", ""].join("\t"),
      "", header.join("\t"), ["2", "方針", "(1)施策", "事業2", "総務課", "説明", "検討", ""].join("\t")].join("\n");
    const plan = await planOf("mixed.tsv", data);
    expect(of(plan.diagnostics, "PP204").map((d) => d.line)).toEqual([6]);
    expect(codes(plan.diagnostics)).not.toContain("PP218");
  });
});

// A plan whose numbered rows are its 取組: no 事業 column, a 取組名 per row.
describe("a 取組 column that names each numbered row", () => {
  const header = ["No.", "基本方針", "施策", "取組名称", "担当課", "取組内容", "2026", "2027"];
  const rows = [
    ["1", "便利に", "1 オンライン化", "電子申請", "情報政策課", "手続を増やす", "検討", "実施"],
    ["2", "便利に", "1 オンライン化", "書かない窓口", "市民課", "書かずに済む", "調査", "導入"],
    ["3", "働き方", "2 業務改革", "テレワーク", "総務課", "広げる", "拡充", "→"],
  ];
  const table = (body: string[][]) => tsv([header, ...body], "取組の計画");

  it("is read as the projects' names, said at the header (PP235); 取組内容 is the description", async () => {
    const plan = await planOf("initiatives.tsv", table(rows));
    expect(plan.projects.map((p) => [p.no, p.name, p.measure.number, p.measure.title, p.initiative, p.description]))
      .toEqual([
        [1, "電子申請", 1, "オンライン化", null, ["手続を増やす"]],
        [2, "書かない窓口", 1, "オンライン化", null, ["書かずに済む"]],
        [3, "テレワーク", 2, "業務改革", null, ["広げる"]],
      ]);
    expect(of(plan.diagnostics, "PP235").map((d) => [d.line, d.column])).toEqual([[3, 4]]);
    expect(codes(plan.diagnostics)).not.toContain("PP204");
    expect(codes(plan.diagnostics)).not.toContain("PP309");
  });

  it("numbered by a 取組番号 column and no No column: that column is the No (PP246); was PP204 for No and 事業", async () => {
    const numbered = [["取組番号", ...header.slice(1)], ...rows];
    const plan = await planOf("numbered.tsv", tsv(numbered, "取組の計画"));
    expect(plan.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(plan.projects.map((p) => [p.no, p.name])).toEqual([[1, "電子申請"], [2, "書かない窓口"], [3, "テレワーク"]]);
    expect(of(plan.diagnostics, "PP246").map((d) => [d.line, d.column])).toEqual([[3, 1]]);
    // headed 取組No (a wording of 取組番号): said once, as the No (PP246), not also as read as 取組番号 (PP211)
    const synonym = await planOf("synonym.tsv", tsv([["取組No", ...header.slice(1)], ...rows], "取組の計画"));
    expect(synonym.projects.map((p) => p.no)).toEqual([1, 2, 3]);
    expect(synonym.diagnostics.filter((d) => d.column === 1 && (d.code === "PP246" || d.code === "PP211")).map((d) => d.code)).toEqual(["PP246"]);
    // numbers given twice are no serial: No stays missing
    const twice = await planOf("twice.tsv", tsv([numbered[0]!, ...rows.map((r) => ["1", ...r.slice(1)])], "取組の計画"));
    expect(of(twice.diagnostics, "PP204").map((d) => d.message)).toContain("必須の列「No」が見出しにありません。");
    // its hint says how to add the numbers, and that they are never made up from the rows' order
    expect(of(twice.diagnostics, "PP204").find((d) => d.message.includes("「No」"))?.hint).toContain("通し番号");
  });

  it("取組 | 主な取組: the later column, a name a row, names the projects and 取組 stays a level (PP211), whether each 取組 is used once or groups rows", async () => {
    const two = ["No", "基本方針", "施策", "取組", "主な取組", "担当課", "内容", "R8", "R9"];
    const body = [
      ["1", "1 便利に", "(1) オンライン化", "①電子申請の推進", "電子申請の対象拡大", "情報政策課", "増やす", "検討", "実施"],
      ["2", "1 便利に", "(1) オンライン化", "②窓口改革", "書かない窓口", "市民課", "書かずに済む", "調査", "導入"],
      ["3", "1 便利に", "(2) 発信", "①広報の充実", "広報紙のデジタル配信", "広報課", "配信", "実施", "→"],
    ];
    for (const rowsRead of [body, body.map((r, i) => (i === 1 ? r.map((c, j) => (j === 3 ? "①電子申請の推進" : c)) : r))]) {
      const plan = await planOf("two.tsv", tsv([two, ...rowsRead]));
      expect(plan.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
      expect(plan.projects.map((p) => [p.no, p.name, p.initiative?.number, p.initiative?.title])).toEqual([
        [1, "電子申請の対象拡大", 1, "電子申請の推進"],
        [2, "書かない窓口", ...(rowsRead === body ? [2, "窓口改革"] : [1, "電子申請の推進"])],
        [3, "広報紙のデジタル配信", 1, "広報の充実"],
      ]);
      expect(of(plan.diagnostics, "PP211").map((d) => [d.column, d.message])).toContainEqual([5, "見出し「主な取組」の列を「事業」の列として読みました。"]);
    }
  });

  it("基本方針 | 基本方針名, 施策 | 施策名: a column of numbers beside one of names is the level's number (PP211), the other its name (the names had been set aside, the levels printed 「1」)", async () => {
    const head = ["No", "基本方針", "基本方針名", "施策", "施策名", "事業名", "担当課", "事業内容", "R8", "R9"];
    const plan = await planOf("numbers.tsv", tsv([head,
      ["1", "1", "市民サービスの向上", "1", "手続のオンライン化", "電子申請の拡充", "情報政策課", "内容", "検討", "実施"],
      ["2", "1", "市民サービスの向上", "2", "情報発信", "広報のデジタル化", "広報課", "内容", "実施", "→"],
      ["3", "2", "行政運営の効率化", "1", "業務改革", "RPAの導入", "情報政策課", "内容", "調査", "実施"]]));
    expect(plan.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(plan.projects.map((p) => [p.policy, p.measure.number, p.measure.title])).toEqual([
      ["市民サービスの向上", 1, "手続のオンライン化"], ["市民サービスの向上", 2, "情報発信"], ["行政運営の効率化", 1, "業務改革"]]);
    expect(of(plan.diagnostics, "PP211").map((d) => d.message)).toEqual(expect.arrayContaining([
      "見出し「基本方針」の列を「基本方針番号」の列として読みました。", "見出し「施策」の列を「施策番号」の列として読みました。"]));
  });

  it("a 取組 that groups projects (repeated) leaves the projects without names: PP204", async () => {
    const grouped = rows.map((r, i) => (i === 1 ? r.map((c, j) => (j === 3 ? "電子申請" : c)) : r));
    const plan = await planOf("grouped.tsv", table(grouped));
    expect(of(plan.diagnostics, "PP204").map((d) => d.message)).toEqual([expect.stringContaining("事業")]);
    expect(codes(plan.diagnostics)).not.toContain("PP235");
  });
});

// A header of two rows whose upper row names groups (事業 over No | 事業名 | 担当課 | 内容), beside
// columns named in the upper row only (基本方針, 施策).
describe("a group's name over columns with labels of their own", () => {
  const top = ["基本方針", "施策", "事業", "", "", "", "スケジュール", "", ""];
  const under = ["", "", "No", "事業名", "担当課", "内容", "R8", "R9", "R10"];
  const data = [["市民サービス", "(1)窓口", "1", "電子申請", "情報政策課", "電子化する", "検討", "実施", "→"],
    ["", "", "2", "オンライン相談", "市民課", "相談を受ける", "構築", "運用", "→"]];
  const expectModel = (plan: Plan) => {
    expect(plan.projects.map((p) => [p.no, p.name, p.policy, p.measure.title, p.departments, p.description])).toEqual([
      [1, "電子申請", "市民サービス", "窓口", ["情報政策課"], ["電子化する"]],
      [2, "オンライン相談", "市民サービス", "窓口", ["市民課"], ["相談を受ける"]],
    ]);
    expect(plan.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(of(plan.diagnostics, "PP220")[0]!.message).toContain("見出し 1 か所");
  };

  it("in a text export (the group's cells after it empty)", async () => {
    expectModel(await planOf("group.tsv", ["☆☆市計画", ...[top, under, ...data].map((r) => r.join("\t"))].join("\n")));
  });

  it("in a workbook (the group merged over its columns)", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("計画");
    for (const r of [["☆☆市計画"], top, under, ...data]) ws.addRow(r.map((c) => (/^\d+$/.test(c) ? Number(c) : c)));
    for (const r of ["A2:A3", "B2:B3", "C2:F2", "G2:I2", "A4:A5", "B4:B5"]) ws.mergeCells(r);
    expectModel(await planOf("group.xlsx", new Uint8Array(await wb.xlsx.writeBuffer())));
  });
});

// 大項目 merged over 番号 | 名称, 中項目 over 番号 | 名称: each level's number and name.
describe("a level's group over its number and its name", () => {
  const top = ["大項目", "", "中項目", "", "No", "事業名", "担当課", "事業内容", "令和8年度", "令和9年度"];
  const under = ["番号", "名称", "番号", "名称", "", "", "", "", "", ""];
  const data = [["1", "市民サービス", "1", "オンライン化", "1", "電子申請", "情報政策課", "説明", "検討", "実施"],
    ["1", "市民サービス", "2", "窓口", "2", "書かない窓口", "市民課", "説明", "", "導入"],
    ["2", "行政運営", "1", "業務改革", "3", "RPA", "情報政策課", "説明", "調査", ""]];

  it.each(["tsv", "xlsx"])("gives the level's number and name (%s); they had been read as the projects' No and name, the levels missing (PP204)", async (format) => {
    let plan: Plan;
    if (format === "tsv") plan = await planOf("levels.tsv", ["☆☆市計画", ...[top, under, ...data].map((r) => r.join("\t"))].join("\n"));
    else {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet("計画");
      for (const r of [["☆☆市計画"], top, under, ...data]) ws.addRow(r.map((c) => (/^\d+$/.test(c) ? Number(c) : c)));
      for (const r of ["A2:B2", "C2:D2", "E2:E3", "F2:F3", "G2:G3", "H2:H3", "I2:I3", "J2:J3"]) ws.mergeCells(r);
      plan = await planOf("levels.xlsx", new Uint8Array(await wb.xlsx.writeBuffer()));
    }
    expect(plan.projects.map((p) => [p.no, p.name, p.policy, p.measure.number, p.measure.title])).toEqual([
      [1, "電子申請", "市民サービス", 1, "オンライン化"], [2, "書かない窓口", "市民サービス", 2, "窓口"], [3, "RPA", "行政運営", 1, "業務改革"]]);
    expect(plan.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(of(plan.diagnostics, "PP211").map((d) => d.message)).toEqual([
      "見出し「大項目 番号」の列を「基本方針番号」の列として読みました。", "見出し「大項目 名称」の列を「基本方針」の列として読みました。",
      "見出し「中項目 番号」の列を「施策番号」の列として読みました。", "見出し「中項目 名称」の列を「施策」の列として読みました。"]);
  });

  it("大項目 over its own column and the levels under it (大項目 merged over | 中項目 | 小項目, nothing under its first column) names that column; it had been of unknown wording (PP209), the 基本方針 missing (PP204)", async () => {
    const plan = await planOf("levels.tsv", ["☆☆市計画", ...[
      ["No", "大項目", "", "", "事業名", "担当課", "事業内容", "令和8年度"],
      ["", "", "中項目", "小項目", "", "", "", ""],
      ["1", "1 市民サービス", "(1)オンライン化", "①手続", "電子申請", "情報政策課", "説明", "検討"],
      ["2", "1 市民サービス", "(1)オンライン化", "②窓口", "窓口", "市民課", "説明", "導入"]].map((r) => r.join("\t"))].join("\n"));
    expect(plan.projects.map((p) => [p.policy, p.measure.title, p.initiative?.number])).toEqual([["市民サービス", "オンライン化", 1], ["市民サービス", "オンライン化", 2]]);
    expect(plan.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(of(plan.diagnostics, "PP211").map((d) => [d.line, d.column])).toEqual([[2, 2], [3, 3], [3, 4]]);
  });

  it("推進項目 over 番号 | 項目名 (a name of no key's words): the 取組's number and name; the names had been set aside (PP209), the 取組 its number alone (PP345)", async () => {
    const plan = await planOf("levels.tsv", ["☆☆市計画", ...[
      ["基本方針", "施策", "推進項目", "", "No", "事業名", "担当課", "事業内容", "令和8年度"],
      ["", "", "番号", "項目名", "", "", "", "", ""],
      ["市民サービス", "(1)オンライン化", "1", "手続の拡大", "1", "電子申請", "情報政策課", "説明", "検討"],
      ["市民サービス", "(1)オンライン化", "2", "窓口", "2", "RPA", "市民課", "説明", "導入"]].map((r) => r.join("\t"))].join("\n"));
    expect(plan.projects.map((p) => [p.initiative?.number, p.initiative?.title])).toEqual([[1, "手続の拡大"], [2, "窓口"]]);
    expect(plan.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(of(plan.diagnostics, "PP211").map((d) => [d.line, d.column, d.message])).toEqual([
      [3, 3, "見出し「推進項目 番号」の列を「取組番号」の列として読みました。"], [3, 4, "見出し「推進項目 項目名」の列を「取組」の列として読みました。"]]);
  });

  // a 行政改革 plan: 推進項目 over 番号 | 項目名, then its 取組 numbered and named (取組No | 取組事項)
  const reform = [["推進項目", "", "取組No", "取組事項", "所管課", "取組内容", "令和8年度", "令和9年度"],
    ["番号", "項目名", "", "", "", "", "", ""],
    ["1", "行政サービスの向上", "1", "窓口のデジタル化", "市民課", "説明", "検討", "実施"],
    ["", "", "2", "電子申請の拡大", "情報政策課", "説明", "", "構築"],
    ["2", "効率的な行政運営", "3", "RPAの導入", "総務課", "説明", "調査", "導入"]];
  it.each(["tsv", "xlsx"])("推進項目 over 番号 | 項目名 beside 取組No | 取組事項 (%s): the 取組 rows are the projects, 推進項目 the plan's one level (PP272); the plan had been refused (PP204), 取組事項 set aside (PP245)", async (format) => {
    let plan: Plan;
    if (format === "tsv") plan = await planOf("reform.tsv", ["☆☆市行政改革実施計画", ...reform.map((r) => r.join("\t"))].join("\n"));
    else {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet("計画");
      for (const r of [["☆☆市行政改革実施計画"], ...reform]) ws.addRow(r.map((c) => (c === "" ? null : /^\d+$/.test(c) ? Number(c) : c)));
      for (const r of ["A2:B2", "C2:C3", "D2:D3", "E2:E3", "F2:F3", "G2:G3", "H2:H3", "A4:A5", "B4:B5"]) ws.mergeCells(r);
      plan = await planOf("reform.xlsx", new Uint8Array(await wb.xlsx.writeBuffer()));
    }
    expect(plan.projects.map((p) => [p.no, p.name, p.policy, p.measure.number, p.initiative])).toEqual([
      [1, "窓口のデジタル化", "行政サービスの向上", null, null], [2, "電子申請の拡大", "行政サービスの向上", null, null], [3, "RPAの導入", "効率的な行政運営", null, null]]);
    expect(plan.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(of(plan.diagnostics, "PP211").map((d) => d.message)).toEqual(expect.arrayContaining([
      "見出し「取組No」の列を「No」の列として読みました。", "見出し「取組事項」の列を「事業」の列として読みました。"]));
    expect(of(plan.diagnostics, "PP272").map((d) => d.message)[0]).toContain("「推進項目 項目名」の 1 つだけ");
  });
  it("推進項目番号 | 推進項目 | 取組No | 取組事項 on one row, or 推進項目 alone, reads the same; a 取組No with a number twice stays refused (PP204)", async () => {
    const flat = [["推進項目番号", "推進項目", "取組No", "取組事項", "所管課", "令和8年度"],
      ["1", "行政サービスの向上", "1", "窓口", "市民課", "検討"], ["2", "効率的な行政運営", "2", "RPA", "総務課", "調査"]];
    const plan = await planOf("flat.tsv", tsv(flat));
    expect(plan.projects.map((p) => [p.no, p.name, p.policy])).toEqual([[1, "窓口", "行政サービスの向上"], [2, "RPA", "効率的な行政運営"]]);
    expect(codes(plan.diagnostics)).not.toContain("PP204");
    const twice = await planOf("flat.tsv", tsv([flat[0]!, flat[1]!, ["2", "効率的な行政運営", "1", "RPA", "総務課", "調査"]]));
    expect(codes(twice.diagnostics)).toContain("PP204");
    // 推進項目 alone, its number in its name: the 取組No right of it numbers the 取組事項
    const alone = await planOf("alone.tsv", tsv([["推進項目", "取組No", "取組事項", "所管課", "令和8年度"],
      ["1 行政サービスの向上", "1", "窓口", "市民課", "検討"], ["2 効率的な行政運営", "2", "RPA", "総務課", "調査"]]));
    expect(alone.projects.map((p) => [p.no, p.name, p.policy])).toEqual([[1, "窓口", "行政サービスの向上"], [2, "RPA", "効率的な行政運営"]]);
    expect(codes(alone.diagnostics)).not.toContain("PP204");
  });
});

// The 部 beside the 課: a column of its own, or both under one 担当 heading.
describe("names with their departments in brackets (事業名（担当課）, no 担当課 column)", () => {
  it("read the bracket at each name's end as its departments (PP256); （仮称） and （再掲） stay what they are", async () => {
    const plan = await planOf("nd.tsv", tsv([["No", "基本方針", "施策", "取組", "事業名（担当課）", "事業内容", "R8", "R9"],
      ["1", "方針", "(1)窓口", "①手続", "電子申請の拡充（情報政策課）", "内容", "検討", "実施"],
      ["2", "方針", "(1)窓口", "①手続", "\"相談\n（市民課、健康課）\"", "内容", "検討", "実施"],
      ["3", "方針", "(1)窓口", "①手続", "窓口改革（仮称）", "内容", "検討", "実施"],
      ["4", "方針", "(1)窓口", "①手続", "電子申請の拡充（再掲）（情報政策課）", "内容", "検討", "実施"]]));
    expect(plan.projects.map((p) => [p.name, p.departments, p.relistOf])).toEqual([
      ["電子申請の拡充", ["情報政策課"], null], ["相談", ["市民課", "健康課"], null], ["窓口改革（仮称）", [], null], ["電子申請の拡充", ["情報政策課"], 1]]);
    expect(of(plan.diagnostics, "PP256").map((d) => [d.line, d.column])).toEqual([[3, 5]]);
    expect(codes(plan.diagnostics)).not.toContain("PP210");
    expect(of(plan.diagnostics, "PP302").map((d) => d.projectNo)).toEqual([3]);
  });
});

describe("names with their descriptions below them (事業名・内容, no 事業内容 column)", () => {
  it("read the lines before the first point as the name and the rest as the description (PP264); with a 事業内容 column the column is the names", async () => {
    // a project under 方針 › (1)窓口 › `initiative`: its name-and-description cell and its department
    const under = (no: string, initiative: string, cell: string, department: string) => [no, "方針", "(1)窓口", initiative, cell, department, "検討", "実施"];
    const plan = await planOf("nd.tsv", tsv([["No", "基本方針", "施策", "取組", "事業名・内容", "担当課", "R8", "R9"],
      under("1", "①手続", "\"電子申請の拡充\n・オンライン手続を拡大する。\n・添付書類を省略する。\"", "情報政策課"),
      under("2", "①手続", "\"窓口キャッシュレス決済の\n導入\n・市民課窓口に導入する。\"", "会計課"),
      under("3", "②相談", "\"AI議事録の導入\n会議録の作成を効率化する。\"", "総務課"),
      under("4", "②相談", "オンライン相談", "市民課")]));
    expect(plan.projects.map((p) => [p.name, p.description])).toEqual([
      ["電子申請の拡充", ["オンライン手続を拡大する。", "添付書類を省略する。"]],
      ["窓口キャッシュレス決済の導入", ["市民課窓口に導入する。"]],
      ["AI議事録の導入", ["会議録の作成を効率化する。"]],
      ["オンライン相談", []]]);
    expect(of(plan.diagnostics, "PP264").map((d) => [d.severity, d.line, d.column])).toEqual([["info", 3, 5]]);
    expect(codes(plan.diagnostics)).not.toContain("PP210");
    const separate = await planOf("sep.tsv", tsv([["No", "基本方針", "施策", "取組", "事業名及び概要", "担当課", "事業内容", "R8", "R9"],
      ["1", "方針", "(1)窓口", "①手続", "電子申請の拡充", "情報政策課", "・手続を拡大する。", "検討", "実施"]]));
    expect(separate.projects.map((p) => [p.name, p.description])).toEqual([["電子申請の拡充", ["手続を拡大する。"]]]);
    expect(codes(separate.diagnostics)).not.toContain("PP264");
  });
  it("read a row of that column alone under a name as its description, in a text export and under a merged No in a workbook (PP380); with a 事業名 column it stays PP379", async () => {
    const header = ["No", "基本方針", "施策", "取組", "事業名・内容", "担当課", "R8", "R9"];
    const rows = [["1", "方針", "(1)窓口", "①手続", "電子申請の拡充", "情報政策課", "検討", "実施"], ["", "", "", "", "・オンライン手続を拡大する。", "", "", ""],
      ["2", "方針", "(1)窓口", "①手続", "\"窓口キャッシュレス\n・市民課に導入する。\"", "会計課", "", "実施"], ["", "", "", "", "・会計課と調整する。", "", "", ""]];
    const plan = await planOf("below.tsv", tsv([header, ...rows]));
    expect(plan.projects.map((p) => [p.no, p.name, p.description])).toEqual([
      [1, "電子申請の拡充", ["オンライン手続を拡大する。"]], [2, "窓口キャッシュレス", ["市民課に導入する。", "会計課と調整する。"]]]);
    expect(of(plan.diagnostics, "PP380").map((d) => [d.severity, d.line, d.column])).toEqual([["info", 5, 5]]);
    expect(codes(plan.diagnostics)).not.toContain("PP379");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("計画");
    ws.addRow(header);
    ws.addRow([1, "方針", "(1)窓口", "①手続", "電子申請の拡充", "情報政策課", "検討", "実施"]);
    ws.addRow(["", "", "", "", "・オンライン手続を拡大する。", "", "", ""]);
    for (const col of "ABCDFGH") ws.mergeCells(`${col}2:${col}3`);
    const merged = await planOf("below.xlsx", new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(merged.projects.map((p) => [p.name, p.description, p.departments])).toEqual([["電子申請の拡充", ["オンライン手続を拡大する。"], ["情報政策課"]]]);
    expect(of(merged.diagnostics, "PP380").map((d) => d.cell)).toEqual(["E3"]);
    const named = await planOf("named.tsv", tsv([["No", "基本方針", "施策", "取組", "事業名", "担当課", "R8", "R9"], rows[0]!, rows[1]!]));
    expect(codes(named.diagnostics)).toContain("PP379");
  });
  it("a column named 名称 or 主な事業・取組 is the names; one of unknown wording that names projects is not replaced by the 取組 (PP204, no PP235)", async () => {
    const rows = (label: string) => tsv([["No", "基本方針", "施策", "取組", label, "担当課", "事業内容", "R8", "R9"],
      ["1", "方針", "(1)窓口", "①電子申請の拡充", "電子申請", "情報政策課", "内容", "検討", "実施"],
      ["2", "方針", "(1)窓口", "②相談の充実", "オンライン相談", "市民課", "内容", "検討", "実施"]]);
    for (const label of ["名称", "主な事業・取組"]) {
      const plan = await planOf("n.tsv", rows(label));
      expect(plan.projects.map((p) => [p.name, p.initiative?.title]), label).toEqual([["電子申請", "電子申請の拡充"], ["オンライン相談", "相談の充実"]]);
    }
    const unknown = await planOf("u.tsv", rows("対象事業のなまえ"));
    expect(codes(unknown.diagnostics)).toContain("PP204");
    expect(codes(unknown.diagnostics)).not.toContain("PP235");
  });
});

/** A plan of two years (R8, R9) in the model's own columns, and one of its project rows (内容, 検討, 実施). */
const TWO_YEARS = ["No", "基本方針", "施策", "取組", "事業名", "担当課", "事業内容", "R8", "R9"];
const twoYearPlan = (name: string, rows: string[][]) => planOf(name, tsv([TWO_YEARS, ...rows]));
const proj = (no: string, policy: string, measure: string, initiative: string, name: string, departments: string): string[] =>
  [no, policy, measure, initiative, name, departments, "内容", "検討", "実施"];

describe("a level's number on a line of its own above its name (基本方針１⏎市民サービスの向上)", () => {
  it("is the level's number, the next line its name (it had been glued into the name)", async () => {
    const plan = await twoYearPlan("lines.tsv", [
      ["1", "\"基本方針１\n市民サービスの向上\"", "\"施策(1)\n手続のオンライン化\"", "\"①\n電子申請の拡充\"", "電子申請", "情報政策課", "内容", "検討", "実施"],
      ["2", "\"2.\n行政運営の\n効率化\"", "\"(1)\n業務改革\"", "①AIの活用", "AI議事録", "総務課", "内容", "検討", "実施"]]);
    expect(plan.projects.map((p) => [p.policy, p.measure, p.initiative])).toEqual([
      ["市民サービスの向上", { number: 1, title: "手続のオンライン化" }, { number: 1, title: "電子申請の拡充" }],
      ["行政運営の効率化", { number: 1, title: "業務改革" }, { number: 1, title: "AIの活用" }]]);
  });
});

describe("a level marked （続き） on the page the table goes on to", () => {
  it("is the same level, said at the cell (PP359); （仮称） stays", async () => {
    const plan = await twoYearPlan("cont.tsv", [
      proj("1", "1 市民サービスの向上", "(1)手続のオンライン化", "①電子申請", "電子申請", "情報政策課"),
      proj("2", "1 市民サービスの向上（続き）", "(1)手続のオンライン化（つづき）", "②相談", "相談", "市民課"),
      proj("3", "2 行政運営の効率化（仮称）", "(1)業務改革", "①AIの活用", "AI", "総務課")]);
    expect(plan.policies.map((p) => [p.name, p.measures.map((m) => m.initiatives.length)])).toEqual([["市民サービスの向上", [2]], ["行政運営の効率化（仮称）", [1]]]);
    expect(of(plan.diagnostics, "PP359").map((d) => [d.severity, d.line, d.column])).toEqual([["info", 5, 2], ["info", 5, 3]]);
  });
});

describe("a 施策 or 取組 relisted under another 基本方針 ((1)…（再掲）), or a department marked （再掲）", () => {
  it("makes the project a 再掲 found by name (PP360), its level apart from the one of its number there", async () => {
    const plan = await twoYearPlan("rl.tsv", [
      proj("1", "1 市民サービス", "(1)手続のオンライン化", "①電子申請", "電子申請の拡充", "情報政策課"),
      proj("2", "1 市民サービス", "(1)手続のオンライン化", "①電子申請", "窓口キャッシュレス", "会計課"),
      proj("3", "2 行政運営", "(1)手続のオンライン化（再掲）", "①電子申請（再掲）", "電子申請の拡充", "情報政策課"),
      proj("4", "2 行政運営", "(1)業務改革", "①AIの活用", "窓口キャッシュレス", "会計課（再掲）"),
      proj("5", "2 行政運営", "(1)業務改革", "①AIの活用", "AI議事録", "総務課")]);
    expect(plan.projects.map((p) => [p.no, p.departments, p.relistOf])).toEqual([[1, ["情報政策課"], null], [2, ["会計課"], null], [3, ["情報政策課"], 1], [4, ["会計課"], 2], [5, ["総務課"], null]]);
    expect(plan.policies[1]!.measures.map((m) => [m.number, m.title, m.initiatives.flatMap((i) => i.projects)])).toEqual([
      [1, "手続のオンライン化（再掲）", [3]], [1, "業務改革", [4, 5]]]);
    expect(of(plan.diagnostics, "PP360").map((d) => [d.severity, d.line, d.column])).toEqual([["info", 6, 3], ["info", 7, 6]]);
    for (const code of ["PP414", "PP411", "PP322"]) expect(codes(plan.diagnostics)).not.toContain(code);
  });
});

describe("a totals row inside the table (小計 | 2事業)", () => {
  it("is skipped with a warning at its word (PP362), not four required cells empty", async () => {
    const plan = await twoYearPlan("tot.tsv", [
      proj("1", "1 市民サービス", "(1)手続", "①電子申請", "電子申請", "情報政策課"),
      ["", "", "", "", "小計", "1事業", "", "", ""],
      proj("2", "2 行政運営", "(1)業務改革", "①AI", "AI", "総務課"),
      ["", "", "", "", "計（基本方針2）", "1", "", "", ""],
      ["", "", "", "", "小計の考え方", "", "", "", ""],
      // 合計 in the No column (the leftmost): had been PP305 and PP301 errors
      ["合計", "", "", "", "", "2事業", "", "", ""],
      // 集計: the label of an Excel table's totals row in Japanese Excel (had been PP305)
      ["集計", "", "", "", "", "2", "", "", ""]]);
    expect(plan.projects.map((p) => p.no)).toEqual([1, 2]);
    expect(of(plan.diagnostics, "PP362").map((d) => [d.severity, d.line, d.column])).toEqual([["warning", 5, 5], ["warning", 7, 5], ["warning", 9, 1], ["warning", 10, 1]]);
    expect(codes(plan.diagnostics)).not.toContain("PP305");
    // a row whose words only begin with 小計 is no totals row
    expect([...new Set(of(plan.diagnostics, "PP301").map((d) => d.line))]).toEqual([8]);
  });

  it("with its count in the word's own cell (計 3事業, 合計：2事業) is one too; it had been a stray line (PP327) or, in the name column, a name cut from the project above (PP379, error)", async () => {
    const plan = await twoYearPlan("tot1.tsv", [
      proj("1", "1 市民サービス", "(1)手続", "①電子申請", "電子申請", "情報政策課"),
      ["", "", "", "", "合計：1事業", "", "", "", ""],
      proj("2", "2 行政運営", "(1)業務改革", "①AI", "AI", "総務課"),
      ["計 2事業", "", "", "", "", "", "", "", ""]]);
    expect(plan.projects.map((p) => p.no)).toEqual([1, 2]);
    expect(of(plan.diagnostics, "PP362").map((d) => [d.line, d.column, d.message])).toEqual([
      [5, 5, "「合計：1事業」の行は小計・合計の行のため、事業の行として読まずに読み飛ばしました。"], [7, 1, expect.any(String)]]);
    for (const code of ["PP327", "PP379", "PP301"]) expect(codes(plan.diagnostics)).not.toContain(code);
  });

  it("with its word in brackets or after the level it totals (【小計】, ＜合計＞, 施策(1)計) is one too; each had been four required cells empty (PP301)", async () => {
    const plan = await twoYearPlan("tot2.tsv", [
      proj("1", "1 市民サービス", "(1)手続", "①電子申請", "電子申請", "情報政策課"),
      ["", "", "", "", "【小計】", "1", "", "", ""],
      ["", "", "", "", "施策(1)計", "1事業", "", "", ""],
      proj("2", "2 行政運営", "(1)業務改革", "①AI", "AI", "総務課"),
      ["", "", "", "", "＜合計＞", "2", "", "", ""],
      // a name that only holds 計 is no totals row
      ["", "", "", "", "施策計画の見直し", "", "", "", ""]]);
    expect(plan.projects.map((p) => p.no)).toEqual([1, 2]);
    expect(of(plan.diagnostics, "PP362").map((d) => [d.line, d.column])).toEqual([[5, 5], [6, 5], [8, 5]]);
    expect([...new Set(of(plan.diagnostics, "PP301").map((d) => d.line))]).toEqual([9]);
  });
});

describe("a dash or なし in the 取組 column", () => {
  it("puts the project under its 施策 with no 取組 (PP361), not under a 取組 named ―", async () => {
    const plan = await twoYearPlan("ni.tsv", [
      proj("1", "1 市民サービス", "(1)手続", "①電子申請", "電子申請", "情報政策課"),
      proj("2", "1 市民サービス", "(2)情報発信", "―", "SNS", "広報課"),
      proj("3", "2 行政運営", "(1)業務改革", "なし", "AI", "総務課")]);
    expect(plan.projects.map((p) => p.initiative)).toEqual([{ number: 1, title: "電子申請" }, null, null]);
    expect(of(plan.diagnostics, "PP361").map((d) => [d.severity, d.line, d.column])).toEqual([["info", 5, 4], ["info", 6, 4]]);
    expect(codes(plan.diagnostics)).not.toContain("PP309");
  });

  it("a blank 取組 under a new 施策 is an error whose hint says to write ― or なし (it had said only that the cell was empty)", async () => {
    const plan = await twoYearPlan("blank.tsv", [
      proj("1", "1 市民サービス", "(1)手続", "①電子申請", "電子申請", "情報政策課"),
      proj("2", "1 市民サービス", "(2)情報発信", "", "SNS", "広報課")]);
    expect(of(plan.diagnostics, "PP301").map((d) => [d.severity, d.line, d.hint])).toEqual([["error", 5, "取組のない施策の事業であれば、取組の欄に「―」または「なし」と書いてください。"]]);
  });
});

describe("levels written as their numbers alone (1 | 1 | 1: the names kept elsewhere)", () => {
  it("give the 施策 and 取組 their numbers, each such cell said once as a number without a name (PP345)", async () => {
    const plan = await planOf("num.tsv", tsv([["No", "基本方針", "施策", "取組", "事業名", "担当課", "事業内容", "R8", "R9"],
      ["1", "1", "1", "1", "電子申請", "総務課", "内容", "検討", "実施"], ["2", "1", "2", "1", "相談", "市民課", "内容", "検討", "実施"]]));
    expect(plan.projects.map((p) => [p.measure, p.initiative])).toEqual([[{ number: 1, title: "" }, { number: 1, title: "" }], [{ number: 2, title: "" }, { number: 1, title: "" }]]);
    expect(codes(plan.diagnostics)).not.toContain("PP309");
    expect(of(plan.diagnostics, "PP345").map((d) => [d.severity, d.line, d.column])).toEqual([
      ["warning", 4, 2], ["warning", 4, 3], ["warning", 4, 4], ["warning", 5, 2], ["warning", 5, 3], ["warning", 5, 4]]);
  });
});

describe("a column before the period (令和7年度以前, ～R7)", () => {
  it("is not read, said as such (PP255, info), not as of unknown wording", async () => {
    for (const label of ["令和7年度以前", "～R7", "令和7年度（現状）", "R7(基準年度)"]) {
      const plan = await planOf("before.tsv", tsv([["No", "基本方針", "施策", "取組", "事業名", "担当課", "事業内容", label, "R8", "R9"],
        ["1", "方針", "(1)窓口", "①手続", "電子申請", "総務課", "内容", "検討", "実施", "→"]]));
      expect(plan.plan.period).toEqual({ start: 2026, end: 2027 });
      expect(plan.projects[0]!.schedule.map((p) => [p.label, p.from, p.to])).toEqual([["実施", 2026, 2027]]);
      expect(of(plan.diagnostics, "PP255").map((d) => [d.severity, d.line, d.column])).toEqual([["info", 3, 8]]);
      expect(codes(plan.diagnostics)).not.toContain("PP209");
    }
  });
  it("a year's results or their estimate right before the years read (令和7年度（見込）, R7(実績見込)) is such a column (PP255): it had been refused as words planpress cannot tell (PP368); after the years it still is", async () => {
    for (const label of ["令和7年度（見込）", "R7(実績見込)", "令和7年度 実績"]) {
      const plan = await planOf("before.tsv", tsv([["No", "基本方針", "施策", "取組", "事業名", "担当課", "事業内容", label, "R8（計画）", "R9（計画）"],
        ["1", "方針", "(1)窓口", "①手続", "電子申請", "総務課", "内容", "実施中", "検討", "実施"]]));
      expect(plan.plan.period, label).toEqual({ start: 2026, end: 2027 });
      expect(plan.projects[0]!.schedule.map((p) => [p.label, p.from, p.to]), label).toEqual([["検討", 2026, 2026], ["実施", 2027, 2027]]);
      expect(of(plan.diagnostics, "PP255").map((d) => [d.severity, d.line, d.column]), label).toEqual([["info", 3, 8]]);
      expect(plan.diagnostics.filter((d) => d.severity !== "info"), label).toEqual([]);
    }
    const after = await planOf("before.tsv", tsv([["No", "基本方針", "施策", "取組", "事業名", "担当課", "事業内容", "R8", "R9", "R10（見込）"],
      ["1", "方針", "(1)窓口", "①手続", "電子申請", "総務課", "内容", "検討", "実施", "実施"]]));
    expect(codes(after.diagnostics)).toContain("PP368");
  });
});

describe("a year's label with words on its role (令和12年度（目標年度）, 令和8年度（初年度）)", () => {
  const head = (labels: string[]) => ["No", "基本方針", "施策", "取組", "事業名", "担当課", "事業内容", ...labels];
  const rows = [["1", "方針", "(1)窓口", "①手続", "電子申請", "総務課", "内容", "検討", "", "実施", "", "完了"]];
  it("is that year's column: the period keeps it (the last year had been a status column, PP257, and the period a year short)", async () => {
    for (const labels of [["令和8年度（初年度）", "令和9年度", "令和10年度", "令和11年度", "令和12年度（目標年度）"], ["R8", "R9", "R10", "R11", "R12(最終年度)"], ["令和8年度", "令和9年度", "令和10年度（中間年度）", "令和11年度", "令和12年度 計画最終年度"]]) {
      const plan = await planOf("role.tsv", tsv([head(labels), ...rows]));
      expect(plan.plan.period, labels.join()).toEqual({ start: 2026, end: 2030 });
      expect(plan.projects[0]!.schedule.map((p) => [p.label, p.from, p.to]), labels.join()).toEqual([["検討", 2026, 2027], ["実施", 2028, 2029], ["完了", 2030, 2030]]);
      expect(plan.diagnostics.filter((d) => d.severity !== "info"), labels.join()).toEqual([]);
    }
  });
  it("with words planpress cannot tell (令和12年度（目標）) right after the years read, is refused at the header (PP368): the period would end a year short", async () => {
    const plan = await planOf("role.tsv", tsv([head(["令和8年度", "令和9年度", "令和10年度", "令和11年度", "R12（目標）"]), ...rows]));
    expect(of(plan.diagnostics, "PP368").map((d) => [d.severity, d.line, d.column])).toEqual([["error", 3, 12]]);
    expect(codes(plan.diagnostics)).not.toContain("PP257");
  });
  it("every year label with such words (令和8年度（予算）…) is refused at each header (PP276), not as \"no year columns\" (PP208) beside warnings of unknown columns", async () => {
    const plan = await planOf("role.tsv", tsv([head(["令和8年度（予算）", "令和9年度（予算）", "令和10年度（予算）", "令和11年度（予算）", "令和12年度（予算）"]), ...rows]));
    expect(of(plan.diagnostics, "PP276").map((d) => [d.severity, d.line, d.column])).toEqual([8, 9, 10, 11, 12].map((c) => ["error", 3, c]));
    expect(of(plan.diagnostics, "PP276")[0]!.message).toBe("見出し「令和8年度(予算)」は令和8年度の列のようですが、年度のあとの語が何を表すのかわからないため読めません。年度で始まる見出し 5 列がどれもそうで、ほかに年度の列がないため、計画期間がわかりません。");
    for (const code of ["PP208", "PP209"]) expect(codes(plan.diagnostics)).not.toContain(code);
  });
});

describe("two tables side by side on one sheet", () => {
  it("stop at the right one's header (PP277), the left one read alone: the right one's columns and years had been taken for more of the left's (PP245, PP206, PP308)", async () => {
    const head = ["No", "基本方針", "施策", "事業名", "担当課", "令和8年度", "令和9年度"];
    const plan = await planOf("side.tsv", tsv([[...head, "", ...head],
      ["1", "方針A", "(1)窓口", "電子申請", "情報政策課", "検討", "実施", "", "3", "方針B", "(1)人材", "研修", "人事課", "実施", "実施"],
      ["2", "方針A", "(1)窓口", "相談", "市民課", "検討", "実施", "", "4", "方針B", "(1)人材", "採用", "人事課", "検討", "実施"]]));
    expect(plan.diagnostics.filter((d) => d.severity !== "info").map((d) => [d.code, d.line, d.column])).toEqual([["PP277", 3, 9], ["PP210", 3, undefined]]);
    expect(plan.projects.map((p) => [p.no, p.name, p.schedule.map((s) => [s.label, s.from, s.to])])).toEqual([
      [1, "電子申請", [["検討", 2026, 2026], ["実施", 2027, 2027]]], [2, "相談", [["検討", 2026, 2026], ["実施", 2027, 2027]]]]);
  });
});

describe("cells saying \"as above\" (同上, 〃)", () => {
  it("take the value of their column in the project row above, said once per column (PP344)", async () => {
    const plan = await planOf("ditto.tsv", tsv([["No", "基本方針", "施策", "取組", "事業名", "担当課", "事業内容", "R8", "R9"],
      ["1", "便利なまち", "(1)窓口", "①手続", "電子申請", "総務課", "内容", "検討", "実施"],
      ["2", "同上", "同　上", "〃", "相談", "〃", "内容", "検討", "実施"],
      ["3", "〃", "(2)相談", "①電話", "窓口", "上に同じ", "内容", "検討", "実施"]]));
    expect(plan.projects.map((p) => [p.policy, p.measure.title, p.initiative?.title, p.departments])).toEqual([
      ["便利なまち", "窓口", "手続", ["総務課"]], ["便利なまち", "窓口", "手続", ["総務課"]], ["便利なまち", "相談", "電話", ["総務課"]]]);
    expect(of(plan.diagnostics, "PP344").map((d) => [d.line, d.column, d.message])).toEqual([
      [5, 2, "「基本方針」の欄の「同上」「〃」を、上の事業の行と同じ値として読みました（2 か所、ここが最初）。"],
      [5, 3, expect.any(String)], [5, 4, expect.any(String)], [5, 6, expect.stringContaining("2 か所")]]);
    expect(plan.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
  });
});

describe("departments over numbered columns (担当課1 | 担当課2 | 担当課3)", () => {
  it("are one list, the further columns' names after the first's (PP253)", async () => {
    const plan = await planOf("dep.tsv", tsv([["No", "基本方針", "施策", "取組", "事業名", "担当課1", "担当課2", "担当課３", "事業内容", "R8", "R9"],
      ["1", "方針", "(1)窓口", "①手続", "電子申請", "総務課", "市民課", "", "内容", "検討", "実施"],
      ["2", "方針", "(1)窓口", "①手続", "相談", "", "健康課", "総務課", "内容", "検討", "実施"]]));
    expect(plan.projects.map((p) => p.departments)).toEqual([["総務課", "市民課"], ["健康課", "総務課"]]);
    expect(of(plan.diagnostics, "PP253").map((d) => [d.line, d.column, d.message])).toEqual([
      [3, 7, "「担当課2」の列の課を、「担当課1」の列の課のあとに加えました。"], [3, 8, expect.any(String)]]);
    expect(codes(plan.diagnostics)).not.toContain("PP209");
    expect(codes(plan.diagnostics)).not.toContain("PP210");
  });

  it("in a workbook, a further column merged over two projects' rows names its department on both", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("計画");
    ws.addRow(["○○市計画"]);
    ws.addRow(["No", "基本方針", "施策", "事業名", "担当課1", "担当課2", "事業内容", "R8", "R9"]);
    ws.addRow([1, "方針", "(1)窓口", "電子申請", "総務課", "市民課", "内容", "検討", "実施"]);
    ws.addRow([2, "方針", "(1)窓口", "相談", "総務課", "市民課", "内容", "検討", "実施"]);
    ws.addRow([3, "方針", "(1)窓口", "窓口", "健康課", null, "内容", "検討", "実施"]);
    ws.mergeCells("E3:E4");
    ws.mergeCells("F3:F4");
    const plan = await planOf("more.xlsx", new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(plan.projects.map((p) => p.departments)).toEqual([["総務課", "市民課"], ["総務課", "市民課"], ["健康課"]]);
  });
});

describe("the lead and the related departments in one column (担当課・関係課)", () => {
  it("is the departments' column, its lead marked with ◎ first; it had been a column of unknown wording and the plan had no departments", async () => {
    const plan = await planOf("both.tsv", tsv([["No", "基本方針", "施策", "取組", "事業名", "担当課・関係課", "事業内容", "R8", "R9"],
      ["1", "方針", "(1)窓口", "①手続", "電子申請", "◎情報政策課、市民課", "内容", "検討", "実施"],
      ["2", "方針", "(1)窓口", "①手続", "相談", "健康課、◎市民課", "内容", "検討", "実施"],
      ["3", "方針", "(1)窓口", "①手続", "窓口", "市民課", "内容", "検討", "実施"]]));
    expect(plan.projects.map((p) => p.departments)).toEqual([["情報政策課", "市民課"], ["市民課", "健康課"], ["市民課"]]);
    expect(of(plan.diagnostics, "PP211").map((d) => [d.line, d.column, d.message])).toEqual([[3, 6, "見出し「担当課・関係課」の列を「担当課」の列として読みました。"]]);
    for (const code of ["PP209", "PP210", "PP322"]) expect(codes(plan.diagnostics)).not.toContain(code);
  });
});

describe("a 部 column beside the 課", () => {
  const rows = [["1", "方針", "(1)窓口", "①手続", "電子申請", "総務部", "情報政策課", "内容", "検討", "実施"],
    ["2", "方針", "(1)窓口", "①手続", "相談", "市民部", "市民課", "内容", "検討", "実施"]];
  const table = (...header: string[][]) => ["計画", ...[...header, ...rows].map((r) => r.join("\t"))].join("\n");

  it("担当部 | 担当課: the departments are the 課, the 部 column said and not read (PP239)", async () => {
    const plan = await planOf("division.tsv", table(["No", "基本方針", "施策", "取組", "事業名", "担当部", "担当課", "事業内容", "R8", "R9"]));
    expect(plan.projects.map((p) => p.departments)).toEqual([["情報政策課"], ["市民課"]]);
    expect(of(plan.diagnostics, "PP239").map((d) => [d.line, d.column])).toEqual([[2, 6]]);
    expect(codes(plan.diagnostics)).not.toContain("PP209");
  });

  it("a row whose 課 is empty takes its 部 (a project of the whole 部, or 全部局 for every department), said once (PP271): it had had no department", async () => {
    const header = ["No", "基本方針", "施策", "取組", "事業名", "所管部", "担当課", "事業内容", "R8", "R9"];
    const plan = await planOf("division.tsv", ["計画", ...[header, ...rows, ["3", "方針", "(1)窓口", "①手続", "文書", "総務部", "", "内容", "検討", "実施"],
      ["4", "方針", "(1)窓口", "①手続", "研修", "全部局", "", "内容", "検討", "実施"]].map((r) => r.join("\t"))].join("\n"));
    expect(plan.projects.map((p) => [p.departments, p.allDepartments])).toEqual([[["情報政策課"], false], [["市民課"], false], [["総務部"], false], [[], true]]);
    expect(of(plan.diagnostics, "PP271").map((d) => [d.line, d.column, d.message])).toEqual([[5, 6, "担当課が空欄の行（2 行）は、「所管部」の列に書かれた部を担当として読みました。"]]);
    expect(codes(plan.diagnostics)).not.toContain("PP302");
  });

  it("部 | 課 under one 担当 heading: a header of two rows", async () => {
    const plan = await planOf("division.tsv", table(["No", "基本方針", "施策", "取組", "事業名", "担当", "", "事業内容", "R8", "R9"],
      ["", "", "", "", "", "部", "課", "", "", ""]));
    expect(plan.projects.map((p) => p.departments)).toEqual([["情報政策課"], ["市民課"]]);
    expect(plan.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
  });

  it("a 部 column alone is the departments' column", async () => {
    const plan = await planOf("division.tsv", ["計画", ["No", "基本方針", "施策", "取組", "事業名", "担当部", "事業内容", "R8", "R9"].join("\t"),
      ...rows.map((r) => r.filter((_, i) => i !== 6).join("\t"))].join("\n"));
    expect(plan.projects.map((p) => p.departments)).toEqual([["総務部"], ["市民部"]]);
    expect(of(plan.diagnostics, "PP211").map((d) => d.message)).toContain("見出し「担当部」の列を「担当課」の列として読みました。");
  });
});

describe("one department written two ways", () => {
  const header = ["No", "基本方針", "施策", "取組", "事業名", "担当課", "事業内容", "R8", "R9"];

  it("is read as two departments, said at the first row of the longer form with both Nos (PP417)", async () => {
    const plan = await planOf("dept.tsv", tsv([header,
      ["1", "方針", "(1)窓口", "①手続", "電子申請", "総務課", "内容", "検討", "実施"],
      ["2", "方針", "(1)窓口", "①手続", "相談", "市民課", "内容", "検討", "実施"],
      ["3", "方針", "(1)窓口", "①手続", "窓口", "情報政策課、総務部　総務課", "内容", "検討", "実施"]]));
    expect(plan.departments).toEqual(expect.arrayContaining(["総務課", "総務部総務課"]));
    expect(of(plan.diagnostics, "PP417").map((d) => [d.severity, d.line, d.column, d.projectNo, d.relatedNo, d.message])).toEqual([
      ["warning", 6, 6, 3, 1, "担当課「総務部総務課」（No.3）と「総務課」（No.1）は、同じ課を部の有無で書き分けたものかもしれません。別の課として読み、担当課別の工程表も別々に作りました。"]]);
    // 市民課 inside 情報政策課 or 市民部 as a department of its own: no such pair
    const apart = await planOf("dept.tsv", tsv([header,
      ["1", "方針", "(1)窓口", "①手続", "電子申請", "政策課", "内容", "検討", "実施"],
      ["2", "方針", "(1)窓口", "①手続", "相談", "情報政策課、市民部", "内容", "検討", "実施"]]));
    expect(codes(apart.diagnostics)).not.toContain("PP417");
  });

  it("with a unit of it after it (情報政策課DX推進係) and without: two departments, said at the first row of the longer form (PP420)", async () => {
    const plan = await planOf("dept.tsv", tsv([header,
      ["1", "方針", "(1)窓口", "①手続", "電子申請", "情報政策課", "内容", "検討", "実施"],
      ["2", "方針", "(1)窓口", "①手続", "相談", "情報政策課 DX推進係", "内容", "検討", "実施"],
      ["3", "方針", "(1)窓口", "①手続", "窓口", "市民課窓口係", "内容", "検討", "実施"],
      ["4", "方針", "(1)窓口", "①手続", "会議", "情報政策課（DX推進担当）", "内容", "検討", "実施"]]));
    expect(plan.departments).toEqual(expect.arrayContaining(["情報政策課", "情報政策課DX推進係", "市民課窓口係", "情報政策課（DX推進担当）"]));
    // the unit in brackets is a department's name as written, no stray bracket (PP322)
    expect(of(plan.diagnostics, "PP420").map((d) => [d.severity, d.line, d.column, d.projectNo, d.relatedNo])).toEqual([["warning", 5, 6, 2, 1], ["warning", 7, 6, 4, 1]]);
    expect(codes(plan.diagnostics)).not.toContain("PP322");
    expect(codes(plan.diagnostics)).not.toContain("PP417");
  });

  it("written in two widths (ＤＸ推進室 / DX推進室) is one department, named as first written (PP340); half-width kana is widened first (PP348)", async () => {
    const plan = await planOf("dept.tsv", tsv([header,
      ["1", "方針", "(1)窓口", "①手続", "電子申請", "ＤＸ推進室", "内容", "検討", "実施"],
      ["2", "方針", "(1)窓口", "①手続", "相談", "ｼｽﾃﾑ課、DX推進室", "内容", "検討", "実施"],
      ["3", "方針", "(1)窓口", "①手続", "窓口", "システム課、DX推進室、ＤＸ推進室", "内容", "検討", "実施"]]));
    expect(plan.departments).toEqual(["ＤＸ推進室", "システム課"]);
    expect(plan.projects.map((p) => p.departments)).toEqual([["ＤＸ推進室"], ["システム課", "ＤＸ推進室"], ["システム課", "ＤＸ推進室"]]);
    expect(of(plan.diagnostics, "PP340").map((d) => [d.line, d.column, d.projectNo, d.relatedNo, d.message])).toEqual([
      [5, 6, 2, 1, "担当課「DX推進室」を、No.1 の「ＤＸ推進室」と同じ課として読みました（全角・半角や空白の違い）。資料には「ＤＸ推進室」と印刷します。"]]);
    expect(of(plan.diagnostics, "PP348").map((d) => [d.line, d.column])).toEqual([[5, 6]]);
  });

  it("written with the CP932 and the Unicode look-alikes (～/〜, －/−) is one department, one 基本方針 (one had become two chapters, two files, no word)", async () => {
    const plan = await planOf("dept.tsv", tsv([header,
      ["1", "方針～誰一人取り残さない～", "(1)窓口", "①手続", "電子申請", "DX－推進室", "内容", "検討", "実施"],
      ["2", "方針〜誰一人取り残さない〜", "(1)窓口", "①手続", "相談", "DX−推進室", "内容", "検討", "実施"]]));
    expect(plan.departments).toEqual(["DX－推進室"]);
    expect(plan.policies.map((p) => p.name)).toEqual(["方針～誰一人取り残さない～"]);
    expect(of(plan.diagnostics, "PP340").map((d) => d.projectNo)).toEqual([2]);
  });
});

describe("columns the documents do not print (KPI, 目標値, 事業費)", () => {
  it("are not read, each said as such (PP342, info), not as of unknown wording (PP209)", async () => {
    const plan = await planOf("kpi.tsv", tsv([["No", "基本方針", "施策", "取組", "事業名", "担当課", "事業内容", "R8", "R9", "KPI", "目標値（R12）", "事業費（千円）", "連絡先", "現状と課題", "期待される効果"],
      ["1", "方針", "(1)窓口", "①手続", "電子申請", "総務課", "内容", "検討", "実施", "手続数", "100", "1,200", "内線123", "紙の申請が多い", "来庁が減る"]]));
    expect(plan.projects[0]!.schedule.map((p) => p.label)).toEqual(["検討", "実施"]);
    expect(plan.projects[0]!.description).toEqual(["内容"]);
    expect(plan.diagnostics.filter((d) => d.code === "PP342" || d.code === "PP209").map((d) => [d.code, d.severity, d.column])).toEqual([
      ["PP342", "info", 10], ["PP342", "info", 11], ["PP342", "info", 12], ["PP209", "warning", 13], ["PP342", "info", 14], ["PP342", "info", 15]]);
  });

  it("a 行政改革 plan's 効果額（千円）, 財政効果額, 削減額 are such columns too (PP342); they had been of unknown wording (PP209)", async () => {
    const plan = await planOf("effect.tsv", tsv([["No", "基本方針", "施策", "取組", "事業名", "担当課", "事業内容", "R8", "R9", "効果額（千円）", "財政効果額", "削減額"],
      ["1", "方針", "(1)窓口", "①手続", "電子申請", "総務課", "内容", "検討", "実施", "1,000", "500", "-"]]));
    expect(plan.diagnostics.filter((d) => d.code === "PP342" || d.code === "PP209").map((d) => [d.code, d.column])).toEqual([["PP342", 10], ["PP342", 11], ["PP342", 12]]);
  });

  it("a column of each project's status (区分: 新規, 継続, 拡充) is not read, said as such (PP257); one with other words stays unknown (PP209)", async () => {
    const header = ["No", "区分", "基本方針", "施策", "取組", "事業名", "担当課", "事業内容", "R8", "R9", "種別"];
    const plan = await planOf("status.tsv", tsv([header,
      ["1", "新規", "方針", "(1)窓口", "①手続", "電子申請", "総務課", "内容", "検討", "実施", "新規"],
      ["2", "", "方針", "(1)窓口", "①手続", "相談", "市民課", "内容", "検討", "実施", "ソフト"],
      ["3", "継続事業", "方針", "(1)窓口", "①手続", "窓口", "市民課", "内容", "検討", "実施", "継続"]]));
    expect(plan.projects.map((p) => p.name)).toEqual(["電子申請", "相談", "窓口"]);
    expect(plan.diagnostics.filter((d) => d.code === "PP257" || d.code === "PP209").map((d) => [d.code, d.severity, d.column])).toEqual([
      ["PP257", "info", 2], ["PP209", "warning", 11]]);
  });

  it("a status column written in brackets (【新規】, ［拡充］, 継続, ― for none) under 区分 or 新規・継続 is that column too (PP257; it had been unknown, PP209)", async () => {
    for (const label of ["区分", "新規・継続"]) {
      const plan = await planOf("status.tsv", tsv([["No", label, "基本方針", "施策", "取組", "事業名", "担当課", "事業内容", "R8", "R9"],
        ["1", "【新規】", "方針", "(1)窓口", "①手続", "電子申請", "総務課", "内容", "検討", "実施"],
        ["2", "［拡充］", "方針", "(1)窓口", "①手続", "相談", "市民課", "内容", "検討", "実施"],
        ["3", "継続", "方針", "(1)窓口", "①手続", "窓口", "市民課", "内容", "検討", "実施"],
        ["4", "―", "方針", "(1)窓口", "①手続", "広報", "市民課", "内容", "検討", "実施"]]));
      expect(plan.projects.map((p) => p.name), label).toEqual(["電子申請", "相談", "窓口", "広報"]);
      expect(plan.diagnostics.filter((d) => d.code === "PP257" || d.code === "PP209").map((d) => [d.code, d.line, d.column]), label).toEqual([["PP257", 3, 2]]);
    }
  });

  it("a status tag in brackets at a name's start or end (【新規】電子申請, 窓口（拡充）) is left out of the name, said once (PP384); a name beginning with 新規 keeps it", async () => {
    const plan = await planOf("tags.tsv", tsv([["No", "基本方針", "施策", "取組", "事業名", "担当課", "事業内容", "R8", "R9"],
      ["1", "方針", "(1)窓口", "①手続", "【新規】マイナンバーカードの活用", "総務課", "内容", "検討", "実施"],
      ["2", "方針", "(1)窓口", "①手続", "窓口の改善（拡充）", "市民課", "内容", "検討", "実施"],
      ["3", "方針", "(1)窓口", "①手続", "新規事業者の支援", "市民課", "内容", "検討", "実施"],
      ["4", "方針", "(1)窓口", "①手続", "【新規】マイナンバーカードの活用（再掲）", "総務課", "内容", "検討", "実施"]]));
    expect(plan.projects.map((p) => [p.name, p.relistOf])).toEqual([["マイナンバーカードの活用", null], ["窓口の改善", null], ["新規事業者の支援", null], ["マイナンバーカードの活用", 1]]);
    expect(of(plan.diagnostics, "PP384").map((d) => [d.severity, d.line, d.column, d.projectNo, d.message])).toEqual([
      ["info", 4, 5, 1, "事業名の「【新規】」（「【新規】マイナンバーカードの活用」など、3 件）は事業の区分（新規・継続の別）として、名称から外しました。区分は資料に載せません。"]]);
  });

  it("a name numbered with its own No (1．電子申請 in No.1's row, （2）…, No.3 …) is left out of the name, said once (PP280); another number, 4.5倍 or 5つ stays", async () => {
    const plan = await planOf("numbered.tsv", tsv([["No", "基本方針", "施策", "取組", "事業名", "担当課", "事業内容", "R8", "R9"],
      ["1", "方針", "(1)窓口", "①手続", "1．電子申請の拡大", "総務課", "内容", "検討", "実施"],
      ["2", "方針", "(1)窓口", "①手続", "（２）窓口の改善", "市民課", "内容", "検討", "実施"],
      ["3", "方針", "(1)窓口", "①手続", "No.3 相談の拡大", "市民課", "内容", "検討", "実施"],
      ["4", "方針", "(1)窓口", "①手続", "1．広報の充実", "市民課", "内容", "検討", "実施"],
      ["5", "方針", "(1)窓口", "①手続", "5.5倍速の処理", "市民課", "内容", "検討", "実施"],
      ["6", "方針", "(1)窓口", "①手続", "6つの窓口", "市民課", "内容", "検討", "実施"],
      // a 再掲 numbered with its original's No still finds it
      ["7", "方針", "(1)窓口", "①手続", "1．電子申請の拡大（再掲）", "総務課", "内容", "検討", "実施"]]));
    expect(plan.projects.map((p) => p.name)).toEqual(["電子申請の拡大", "窓口の改善", "相談の拡大", "1．広報の充実", "5.5倍速の処理", "6つの窓口", "電子申請の拡大"]);
    expect(plan.projects.find((p) => p.no === 7)!.relistOf).toBe(1);
    expect(of(plan.diagnostics, "PP280").map((d) => [d.severity, d.line, d.column, d.projectNo, d.message])).toEqual([
      ["info", 4, 5, 1, "事業名の先頭の「1．」（「1．電子申請の拡大」など、4 件）はその事業（再掲ではその元）の No と同じ番号のため、名称から外しました。No は資料に別に載せます。"]]);
  });

  it("two statuses joined in one tag (【新規・拡充】), or a tag in 《》 or 〈〉, are a status tag too (PP384); each had stayed in the name", async () => {
    const plan = await planOf("tags.tsv", tsv([["No", "基本方針", "施策", "取組", "事業名", "担当課", "事業内容", "R8", "R9"],
      ["1", "方針", "(1)窓口", "①手続", "【新規・拡充】相談の拡大", "総務課", "内容", "検討", "実施"],
      ["2", "方針", "(1)窓口", "①手続", "《新規》AIの活用", "市民課", "内容", "検討", "実施"],
      ["3", "方針", "(1)窓口", "①手続", "窓口の改善〈継続／見直し〉", "市民課", "内容", "検討", "実施"]]));
    expect(plan.projects.map((p) => p.name)).toEqual(["相談の拡大", "AIの活用", "窓口の改善"]);
    expect(of(plan.diagnostics, "PP384").map((d) => [d.line, d.message])).toEqual([
      [4, "事業名の「【新規・拡充】」（「【新規・拡充】相談の拡大」など、3 件）は事業の区分（新規・継続の別）として、名称から外しました。区分は資料に載せません。"]]);
  });
  it("a status tag beside a 重点 tag or mark at a name's start or end (【重点】【新規】, ★【新規】, 【新規】【重点】) is left out too (PP384): 【新規】 had been printed; the 重点 mark stays", async () => {
    const plan = await planOf("tags.tsv", tsv([["No", "基本方針", "施策", "取組", "事業名", "担当課", "事業内容", "R8", "R9"],
      ["1", "方針", "(1)窓口", "①手続", "【重点】【新規】電子申請", "総務課", "内容", "検討", "実施"],
      ["2", "方針", "(1)窓口", "①手続", "★【拡充】相談", "市民課", "内容", "検討", "実施"],
      ["3", "方針", "(1)窓口", "①手続", "AI議事録【新規】【重点】", "市民課", "内容", "検討", "実施"],
      ["4", "方針", "(1)窓口", "①手続", "窓口【新規】の改善", "市民課", "内容", "検討", "実施"]]));
    expect(plan.projects.map((p) => p.name)).toEqual(["【重点】電子申請", "★相談", "AI議事録【重点】", "窓口【新規】の改善"]);
    expect(of(plan.diagnostics, "PP384").map((d) => [d.line, d.column, d.message])).toEqual([[4, 5,
      "事業名の「【新規】」（「【重点】【新規】電子申請」など、3 件）は事業の区分（新規・継続の別）として、名称から外しました。区分は資料に載せません。"]]);
  });
});

describe("invisible controls in a header cell (a ZWSP pasted from a web page)", () => {
  it("are no part of its wording: the column is read, the cell said (PP350)", async () => {
    const plan = await planOf("zw.tsv", tsv([["No", "基本方針", "施策", "取組", "事業名", "担当\u200b課", "事業内容", "\u200bR8", "R9"],
      ["1", "方針", "(1)窓口", "①手続", "電子申請", "総務課", "内容", "検討", "実施"]]));
    expect(plan.departments).toEqual(["総務課"]);
    expect(plan.plan.period).toEqual({ start: 2026, end: 2027 });
    expect(of(plan.diagnostics, "PP350").map((d) => [d.line, d.column, d.message])).toEqual([
      [3, 6, "見えない制御文字（ゼロ幅スペース・文字の向きの指定など）1 個を取り除きました（担当課）。"], [3, 8, expect.any(String)]]);
    expect(codes(plan.diagnostics)).not.toContain("PP209");
  });
});

describe("a 基本方針, 施策 or 取組 written two ways", () => {
  const header = ["No", "基本方針", "施策", "取組", "事業名", "担当課", "事業内容", "R8", "R9"];
  it("in two widths or with spaces: one, named as first written (PP418); numbered 施策 are told apart by number (PP414)", async () => {
    const plan = await planOf("levels.tsv", tsv([header,
      ["1", "１ ＤＸの推進", "窓口のＩＣＴ化", "手続", "電子申請", "総務課", "内容", "検討", "実施"],
      ["2", "1 DXの推進", "窓口の ICT化", "手 続", "相談", "総務課", "内容", "検討", "実施"],
      ["3", "2 人材", "育成", "研修", "研修", "総務課", "内容", "検討", "実施"]]));
    expect(plan.policies.map((p) => [p.name, p.measures.map((m) => [m.title, m.initiatives.map((i) => [i.title, i.projects])])])).toEqual([
      ["ＤＸの推進", [["窓口のＩＣＴ化", [["手続", [1, 2]]]]]], ["人材", [["育成", [["研修", [3]]]]]]]);
    expect(of(plan.diagnostics, "PP418").map((d) => [d.line, d.column, d.projectNo, d.relatedNo, d.message])).toEqual([
      [5, 2, 2, 1, "基本方針「DXの推進」を、No.1 の「ＤＸの推進」と同じ基本方針として読みました（全角・半角や空白の違い）。資料には「ＤＸの推進」と印刷します。"],
      [5, 3, 2, 1, "施策「窓口の ICT化」を、No.1 の「窓口のＩＣＴ化」と同じ施策として読みました（全角・半角や空白の違い）。資料には「窓口のＩＣＴ化」と印刷します。"],
      [5, 4, 2, 1, "取組「手 続」を、No.1 の「手続」と同じ取組として読みました（全角・半角や空白の違い）。資料には「手続」と印刷します。"]]);
    expect(codes(plan.diagnostics)).not.toContain("PP419");
  });

  it("one 基本方針 number written with two names: two 基本方針, said (PP419)", async () => {
    const plan = await planOf("levels.tsv", tsv([header,
      ["1", "1 DXの推進", "(1)窓口", "①手続", "電子申請", "総務課", "内容", "検討", "実施"],
      ["2", "1 デジタル化の推進", "(1)窓口", "①手続", "相談", "総務課", "内容", "検討", "実施"],
      ["3", "1 デジタル化の推進", "(1)窓口", "①手続", "相談2", "総務課", "内容", "検討", "実施"]]));
    expect(plan.policies.map((p) => p.name)).toEqual(["DXの推進", "デジタル化の推進"]);
    expect(of(plan.diagnostics, "PP419").map((d) => [d.severity, d.line, d.column, d.projectNo, d.relatedNo])).toEqual([["warning", 5, 2, 2, 1]]);
  });

  it("one 基本方針 name written with two numbers: one 基本方針, said once per number (PP421)", async () => {
    const plan = await planOf("levels.tsv", tsv([header,
      ["1", "1 DXの推進", "(1)窓口", "①手続", "電子申請", "総務課", "内容", "検討", "実施"],
      ["2", "2 DXの推進", "(1)窓口", "①手続", "相談", "総務課", "内容", "検討", "実施"],
      ["3", "2 DXの推進", "(1)窓口", "①手続", "相談2", "総務課", "内容", "検討", "実施"]]));
    expect(plan.policies.map((p) => p.name)).toEqual(["DXの推進"]);
    expect(of(plan.diagnostics, "PP421").map((d) => [d.severity, d.line, d.column, d.projectNo, d.relatedNo])).toEqual([["warning", 5, 2, 2, 1]]);
    expect(codes(plan.diagnostics)).not.toContain("PP419");
  });
});

// 施策 numbered in one run over the whole plan (施策1, 施策2 under 基本方針1, 施策3 under 基本方針2).
describe("measures numbered across the plan", () => {
  const header = ["No", "基本方針", "施策", "取組", "事業名", "担当課", "事業内容", "R8"];
  const at = (no: number, policy: string, measure: string, initiative = "①取組") => [String(no), policy, measure, initiative, `事業${no}`, "総務課", "説明", "検討"];

  it("are in order: no PP404", async () => {
    const plan = await planOf("run.tsv", tsv([header, at(1, "くらし", "施策1 窓口"), at(2, "くらし", "施策2 発信"), at(3, "しごと", "施策3 研修")]));
    expect(plan.projects.map((p) => p.measure.number)).toEqual([1, 2, 3]);
    expect(codes(plan.diagnostics)).not.toContain("PP404");
  });

  it("a number given again under another 基本方針, or a gap, is still out of order", async () => {
    const again = await planOf("run.tsv", tsv([header, at(1, "くらし", "施策1 窓口"), at(2, "くらし", "施策2 発信"), at(3, "しごと", "施策2 研修"), at(4, "しごと", "施策3 人材")]));
    expect(of(again.diagnostics, "PP404").map((d) => d.projectNo)).toEqual([3]);
    const gap = await planOf("run.tsv", tsv([header, at(1, "くらし", "施策1 窓口"), at(2, "しごと", "施策3 研修")]));
    expect(of(gap.diagnostics, "PP404").map((d) => d.projectNo)).toEqual([2]);
  });
});

// A plan's table sorted in Excel by another column (担当課) before it was saved: each 基本方針,
// 施策 and 取組 split into runs of rows apart. They had been gathered in the order of the first
// row after the sort, exit 0: the booklet's 基本方針1 was another 基本方針 than the plan's.
describe("a table sorted by another column (担当課)", () => {
  const header = ["No", "基本方針", "施策", "取組", "事業名", "担当課", "事業内容", "R8"];
  const at = (no: number, policy: string, measure: string, initiative: string, dept: string) => [String(no), policy, measure, initiative, `事業${no}`, dept, "説明", "検討"];
  const PLAN = [
    at(1, "くらし", "(1)窓口", "①手続", "市民課"), at(2, "くらし", "(1)窓口", "①手続", "総務課"), at(3, "くらし", "(1)窓口", "②予約", "市民課"),
    at(4, "くらし", "(2)発信", "①広報", "広報課"), at(5, "しごと", "(1)人材", "①研修", "人事課"), at(6, "しごと", "(1)人材", "①研修", "市民課"),
  ];
  const byDepartment = [...PLAN].sort((a, b) => a[5]!.localeCompare(b[5]!, "ja") || Number(a[0]) - Number(b[0]));

  it("is read in the order of its Nos, said once at the first row that rejoins its level (PP424)", async () => {
    const plain = await planOf("plan.tsv", tsv([header, ...PLAN]));
    const sorted = await planOf("plan.tsv", tsv([header, ...byDepartment]));
    expect(sorted.projects.map((p) => p.no)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(sorted.policies).toEqual(plain.policies);
    expect(sorted.projects).toEqual(plain.projects);
    const said = of(sorted.diagnostics, "PP424");
    // (sorted: 4 1 3 6 5 2 — No.2 rejoins No.1's 取組 on the last line)
    expect(said.map((d) => [d.severity, d.projectNo, d.line])).toEqual([["warning", 2, 9]]);
    expect(said[0]!.message).toContain("取組「手続」の行が、No.1 の行までと、離れたこの行に分かれています");
    // its rows said once, not a PP402 a row out of No order
    expect(codes(sorted.diagnostics)).not.toContain("PP402");
    expect(codes(plain.diagnostics)).not.toContain("PP424");
  });

  it("sorted by No from the largest, is read from its end (PP426): its last 基本方針 had been 基本方針1", async () => {
    const plain = await planOf("plan.tsv", tsv([header, ...PLAN]));
    const backwards = await planOf("plan.tsv", tsv([header, ...[...PLAN].reverse()]));
    expect(backwards.projects).toEqual(plain.projects);
    expect(backwards.policies.map((p) => p.name)).toEqual(["くらし", "しごと"]);
    expect(of(backwards.diagnostics, "PP426").map((d) => [d.severity, d.projectNo, d.line, d.message])).toEqual([
      ["warning", 6, 4, "表の行が No の大きい順（No.6 から No.1 へ）に並んでいます。並べ替えた表とみなし、No の小さい順に読みました。"],
    ]);
    expect(codes(backwards.diagnostics)).not.toContain("PP402");
  });

  it("a No given twice names the other row's line, or in a workbook its cell (PP401)", async () => {
    const text = await planOf("plan.tsv", tsv([header, at(1, "くらし", "(1)窓口", "①手続", "市民課"), at(1, "くらし", "(1)窓口", "①手続", "総務課")]));
    expect(of(text.diagnostics, "PP401").map((d) => d.message)).toEqual(["No.1 が重複しています（4 行目にもあります）。"]);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("計画");
    for (const r of [["テスト市DX計画"], header, at(1, "くらし", "(1)窓口", "①手続", "市民課"), at(1, "くらし", "(1)窓口", "①手続", "総務課")]) ws.addRow(r);
    const book = await planOf("plan.xlsx", new Uint8Array(await wb.xlsx.writeBuffer()));
    // 「A3 行目」 had read as a line number
    expect(of(book.diagnostics, "PP401").map((d) => d.message)).toEqual(["No.1 が重複しています（セル A3 にもあります）。"]);
    // and so had PP395's, a 再掲 row carrying its original's No
    const relisting = new ExcelJS.Workbook();
    const rs = relisting.addWorksheet("計画");
    for (const r of [["テスト市DX計画"], header, at(1, "くらし", "(1)窓口", "①手続", "市民課"), [...at(1, "くらし", "(2)発信", "①広報", "市民課").slice(0, 4), "事業1（再掲）", ...at(1, "", "", "", "市民課").slice(5)]]) rs.addRow(r);
    const relisted = await planOf("plan.xlsx", new Uint8Array(await relisting.xlsx.writeBuffer()));
    expect(of(relisted.diagnostics, "PP395").map((d) => d.message)).toEqual(["再掲の行（「事業1（再掲）」）の No.1 は、セル A3 の元の事業の No と同じです。"]);
  });

  it("a level split even in No order stops at its row (PP425): the plan's order cannot be told", async () => {
    const split = await planOf("plan.tsv", tsv([header, at(1, "くらし", "(1)窓口", "①手続", "市民課"), at(2, "くらし", "(2)発信", "①広報", "広報課"), at(3, "くらし", "(1)窓口", "①手続", "総務課")]));
    expect(of(split.diagnostics, "PP425").map((d) => [d.severity, d.projectNo, d.line, d.column, d.message])).toEqual([
      ["error", 3, 6, 3, "施策「窓口」の行が離れた 2 か所（No.1 の行までと、この No.3 の行）にあります。No の順にしてもまとまらないため、計画の順を決められません。"],
    ]);
  });
});

// A reference table or notes under the plan, after a blank row.
describe("what follows the plan after a blank row", () => {
  const header = ["No", "基本方針", "施策", "取組", "事業名", "担当課", "事業内容", "R8", "R9"];
  const project = (no: string, name: string) => [no, "方針", "(1)施策", "①取組", name, "総務課", "説明", "検討", "実施"];
  const text = (...rows: string[][]) => ["計画", ...[header, ...rows].map((r) => r.join("\t"))].join("\n");

  it("with no No and no name in it, is outside the plan: one warning (PP337), no errors", async () => {
    const plan = await planOf("ref.tsv", text(project("1", "A"), project("2", "B"), [], [], ["参考：用語の説明"], ["用語", "説明"], ["DX", "デジタル変革"]));
    expect(plan.projects.map((p) => p.no)).toEqual([1, 2]);
    expect(plan.diagnostics.filter((d) => d.severity !== "info").map((d) => [d.code, d.line, d.message]))
      .toEqual([["PP337", 7, expect.stringContaining("3 行（「参考：用語の説明」から）")]]);
  });

  it("of note lines only (※…, （注）…), is said as notes not printed (PP341, info), not as a warning", async () => {
    const plan = await planOf("ref.tsv", text(project("1", "A"), [], ["※スケジュールは予定です。"], ["（注）KPIは令和12年度の値です。"]));
    expect(plan.projects.map((p) => p.no)).toEqual([1]);
    expect(plan.diagnostics.filter((d) => d.code === "PP341" || d.code === "PP337").map((d) => [d.code, d.severity, d.line]))
      .toEqual([["PP341", "info", 5]]);
    // a note line among other rows: the whole is matter of another kind (PP337)
    const mixed = await planOf("ref.tsv", text(project("1", "A"), [], ["※用語"], ["DX", "デジタル変革"]));
    expect(codes(mixed.diagnostics)).toContain("PP337");
    expect(codes(mixed.diagnostics)).not.toContain("PP341");
  });

  it("notes and a source line under the table's totals row (no blank row between) are notes too (PP341), the totals row said as such (PP362): each had been a warning (PP327)", async () => {
    const plan = await planOf("ref.tsv", text(project("1", "A"), project("2", "B"), ["", "計", "", "", "", "", "2事業"], ["※1 スケジュールは予算により変わります。"], ["", "出典：企画課"]));
    expect(plan.projects.map((p) => p.no)).toEqual([1, 2]);
    expect(plan.diagnostics.filter((d) => ["PP327", "PP337", "PP341", "PP362"].includes(d.code)).map((d) => [d.code, d.severity, d.line]).sort())
      .toEqual([["PP341", "info", 6], ["PP362", "warning", 5]]);
  });

  it("with a project after the blank row, is the plan", async () => {
    const plan = await planOf("ref.tsv", text(project("1", "A"), [], project("2", "B")));
    expect(plan.projects.map((p) => p.no)).toEqual([1, 2]);
    expect(codes(plan.diagnostics)).not.toContain("PP337");
  });
});

// A plan numbered 1-1-1 beside a serial column.
describe("two No columns", () => {
  const header = ["番号", "通し番号", "基本方針", "施策", "取組", "事業名", "担当課", "事業内容", "R8"];
  const at = (code: string, no: string, name: string) => [code, no, "方針", "(1)施策", "①取組", name, "総務課", "説明", "検討"];

  it("the one whose values are all numbers is the No (PP240), the other not read", async () => {
    const plan = await planOf("two-no.tsv", tsv([header, at("1-1-1", "1", "A"), at("1-1-2", "2", "B")]));
    expect(plan.projects.map((p) => [p.no, p.name])).toEqual([[1, "A"], [2, "B"]]);
    expect(of(plan.diagnostics, "PP240").map((d) => [d.line, d.column])).toEqual([[3, 1]]);
    expect(plan.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
  });

  it("a 番号 that starts again in each 基本方針 beside a 通し番号: the 通し番号 is the No (was PP401 at each repeat)", async () => {
    const rows = [at("1", "1", "A"), at("2", "2", "B"), [...at("1", "3", "C").slice(0, 2), "方針2", ...at("", "", "C").slice(3)], [...at("2", "4", "D").slice(0, 2), "方針2", ...at("", "", "D").slice(3)]];
    const plan = await planOf("restart.tsv", tsv([header, ...rows]));
    expect(plan.projects.map((p) => [p.no, p.name, p.policy])).toEqual([[1, "A", "方針"], [2, "B", "方針"], [3, "C", "方針2"], [4, "D", "方針2"]]);
    expect(of(plan.diagnostics, "PP240").map((d) => [d.column, d.message])).toEqual([[1, "No の列が二つあるため、値がすべて数で重複もない「通し番号」の列を No とし、「番号」の列は読みませんでした。"]]);
    expect(plan.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("a No that starts again in each 基本方針, with no serial column: PP401, whose hint says to add one", async () => {
    const rows = [at("", "1", "A"), at("", "2", "B"), [...at("", "1", "C").slice(0, 2), "方針2", ...at("", "", "C").slice(3)]].map((r) => r.slice(1));
    const plan = await planOf("restart.tsv", tsv([header.slice(1), ...rows]));
    expect(of(plan.diagnostics, "PP401").map((d) => [d.line, d.hint])).toEqual([[6, expect.stringContaining("通し番号の列")]]);
  });

  it("both numbers: the first, the second said", async () => {
    const plan = await planOf("two-no.tsv", tsv([header, at("11", "1", "A"), at("12", "2", "B")]));
    expect(plan.projects.map((p) => p.no)).toEqual([11, 12]);
    expect(of(plan.diagnostics, "PP240").map((d) => d.column)).toEqual([2]);
  });
});

// Excel tables often leave the No column's header blank.
describe("a No column without a header", () => {
  const header = ["", "基本方針", "施策", "取組", "事業名", "担当課", "事業内容", "R8", "R9"];
  const body = (nos: string[]) => ["計画", "", header.join("\t"), ...nos.map((no, i) =>
    [no, "方針", "(1)施策", "①取組", `事業${i + 1}`, "総務課", "説明", "検討", "実施"].join("\t"))].join("\n");

  it("holding a rising number on every project row is the No column (PP236)", async () => {
    const plan = await planOf("blank-no.tsv", body(["1", "2", "５"]));
    expect(plan.projects.map((p) => p.no)).toEqual([1, 2, 5]);
    expect(of(plan.diagnostics, "PP236").map((d) => [d.line, d.column])).toEqual([[3, 1]]);
    expect(codes(plan.diagnostics)).not.toContain("PP204");
  });

  it("headed by the name Excel gives a table's column without a header (列1, Column1) is such a column (PP259)", async () => {
    for (const name of ["列1", "Column1", "列１"]) {
      const plan = await planOf("table.tsv", body(["1", "2", "3"]).replace(/^\t基本方針/mu, `${name}\t基本方針`));
      expect(plan.projects.map((p) => p.no)).toEqual([1, 2, 3]);
      expect(of(plan.diagnostics, "PP259").map((d) => [d.severity, d.line, d.column])).toEqual([["info", 3, 1]]);
      expect(codes(plan.diagnostics)).not.toEqual(expect.arrayContaining(["PP204", "PP209"]));
    }
    // a header that only starts so is a header of its own
    const other = await planOf("table.tsv", body(["1", "2", "3"]).replace(/^\t基本方針/mu, "列番号\t基本方針"));
    expect(codes(other.diagnostics)).not.toContain("PP259");
  });

  it("is found with a note line under the table (※…), which names no project", async () => {
    const plan = await planOf("blank-no.tsv", `${body(["1", "2", "3"])}\n\n※スケジュールは予定です`);
    expect(plan.projects.map((p) => p.no)).toEqual([1, 2, 3]);
    expect(codes(plan.diagnostics)).toEqual(expect.arrayContaining(["PP236", "PP341"]));
    expect(codes(plan.diagnostics)).not.toContain("PP204");
  });

  it("numbers that fall back, or a project row without one, leave No missing (PP204)", async () => {
    for (const nos of [["1", "3", "2"], ["1", "", "3"], ["1", "a", "3"]]) {
      const plan = await planOf("blank-no.tsv", body(nos));
      expect(codes(plan.diagnostics), nos.join()).toContain("PP204");
      expect(codes(plan.diagnostics)).not.toContain("PP236");
    }
  });
});

// A column of marks left without a header (★ or 重点 beside the No): said, not dropped unsaid.
describe("a column of other text without a header", () => {
  it("is not read and is said once at its first cell with the count (PP289); it had been dropped without a word", async () => {
    const body = [["", ...HEADER], ["★", ...row(1, "電子申請")], ["", ...row(2, "窓口")], ["重点", ...row(3, "RPA")]];
    const plan = await planOf("marks.tsv", tsv(body));
    expect(plan.projects.map((p) => [p.no, p.name])).toEqual([[1, "電子申請"], [2, "窓口"], [3, "RPA"]]);
    expect(of(plan.diagnostics, "PP289").map((d) => [d.severity, d.line, d.column, d.message])).toEqual([["warning", 4, 1,
      "見出しのない列に文字があります（「★」など 2 か所、ここが最初）。何の列かわからないため、読みませんでした。"]]);
  });
});

describe("header cells", () => {
  const config = defaultConfig();
  it.each([
    ["No.", { kind: "key", key: "no", synonym: false }], ["Ｎｏ", { kind: "key", key: "no", synonym: false }],
    // an abbreviation's dot after a synonym (was of unknown wording, and No missing)
    ["事業No.", { kind: "key", key: "no", synonym: true }], ["事業Ｎｏ．", { kind: "key", key: "no", synonym: true }],
    ["担当課（室）", { kind: "key", key: "departments", synonym: true }], ["事業\n名称", { kind: "key", key: "name", synonym: true }],
    ["担当課等", { kind: "key", key: "departments", synonym: true }], ["担当部課", { kind: "key", key: "departments", synonym: true }],
    ["関係課等", { kind: "key", key: "relatedDepartments", synonym: true }],
    // a departments wording said of the project or 取組 (事業担当課 had been an unknown column, every project without departments)
    ["事業担当課", { kind: "key", key: "departments", synonym: true }], ["取組の所管課", { kind: "key", key: "departments", synonym: true }],
    ["事業関係課", { kind: "key", key: "relatedDepartments", synonym: true }], ["事業区分", null],
    // more wordings of other cities' tables (each had been an unknown column)
    ["実施計画事業名", { kind: "key", key: "name", synonym: true }], ["事業・取組の名称", { kind: "key", key: "name", synonym: true }],
    ["事業の目的・概要", { kind: "key", key: "description", synonym: true }], ["取組の説明", { kind: "key", key: "description", synonym: true }],
    ["管理番号", { kind: "key", key: "no", synonym: true }], ["主管部課", { kind: "key", key: "departments", synonym: true }],
    ["旧事業名", null], ["再掲元事業名", null],
    ["重点施策", { kind: "key", key: "measure", synonym: true }], ["具体的事業", { kind: "key", key: "name", synonym: true }],
    ["プロジェクト名", { kind: "key", key: "name", synonym: true }], ["主な取組内容", { kind: "key", key: "description", synonym: true }],
    ["関係所属", { kind: "key", key: "relatedDepartments", synonym: true }],
    // 大項目 › 中項目 › 小項目, and a 行政評価 system's 所属名
    ["大項目", { kind: "key", key: "policy", synonym: true }], ["中項目", { kind: "key", key: "measure", synonym: true }],
    ["小項目", { kind: "key", key: "initiative", synonym: true }], ["所属名", { kind: "key", key: "departments", synonym: true }],
    ["担当部", { kind: "division" }], ["取組内容", { kind: "key", key: "description", synonym: true }],
    // a year's plan column: 令和8年度（予定）; not its results
    ["令和8年度（予定）", { kind: "year", year: 2026, beyond: false, composite: false }],
    // the year's place in the plan beside the year (was a column of unknown wording, the period lost)
    ["初年度（R8）", { kind: "year", year: 2026, beyond: false, composite: false }], ["2年目（R9）", { kind: "year", year: 2027, beyond: false, composite: false }],
    ["最終年度（令和10年度）", { kind: "year", year: 2028, beyond: false, composite: false }], ["R8年度計画", { kind: "year", year: 2026, beyond: false, composite: false }],
    ["令和8年度（実績）", null],
    // a year without its era beside the Western year it is (令和8 = 2026); one that is not, unread
    ["8年度（2026年度）", { kind: "year", year: 2026, beyond: false, composite: true }], ["9年度(2026)", null],
    ["平成30年度", { kind: "year", year: 2018, beyond: false, composite: false }],
    ["平成31年度／令和元年度", { kind: "year", year: 2019, beyond: false, composite: true }],
    ["備考", { kind: "key", key: "remarks", synonym: false }], ["関係課", { kind: "key", key: "relatedDepartments", synonym: false }],
    ["令和7年度（2025年度）", { kind: "year", year: 2025, beyond: false, composite: true }],
    ["R7\r\n2025", { kind: "year", year: 2025, beyond: false, composite: true }],
    ["２０２５年度\n(令和７年度)", { kind: "year", year: 2025, beyond: false, composite: true }],
    ["令和7年度（2026年度）", { kind: "year", year: 2025, beyond: false, composite: true, conflict: 2026 }],
    ["令和12年度以降", { kind: "year", year: 2030, beyond: true, composite: false }],
    ["R12～", { kind: "year", year: 2030, beyond: true, composite: false }],
    ["2030年度〜", { kind: "year", year: 2030, beyond: true, composite: false }],
    // a calendar year's 年 instead of 年度: read as the fiscal year, marked to be said (PP258); not beside 年度
    ["令和8年", { kind: "year", year: 2026, beyond: false, composite: false, calendar: true }],
    ["2026年", { kind: "year", year: 2026, beyond: false, composite: false, calendar: true }],
    ["令和元年", { kind: "year", year: 2019, beyond: false, composite: false, calendar: true }],
    ["令和8年度（2026年）", { kind: "year", year: 2026, beyond: false, composite: true }],
  ])("%s", (text, label) => {
    expect(matchLabel(text, config)).toEqual(label);
  });

  it.each(["計画期間（令和8～12年度）", "令和8～12年度", "連絡先", "等", "実施等", "R7 2025 2026 2027", "あ".repeat(70)])("%s names no column", (text) => {
    expect(matchLabel(text, config)).toBeNull();
  });
});

describe("numbering forms", () => {
  it.each([
    ["1-1 窓口", 1, [1], "窓口"], ["1-(2)窓口", 2, [1], "窓口"], ["1－2-3　取組", 3, [1, 2], "取組"], ["（１）窓口", 1, [], "窓口"],
    ["第1節 市民", 1, [], "市民"], ["第一章 総論", 1, [], "総論"], ["第十二章 x", 12, [], "x"], ["ア　手続", 1, [], "手続"],
    ["(ウ)手続", 3, [], "手続"], ["イ.取組", 2, [], "取組"], ["a) 手続", 1, [], "手続"], ["（ｂ）手続", 2, [], "手続"], ["㋑手続", 2, [], "手続"],
    ["①手続", 1, [], "手続"],
  ])("%s → %i", (text, number, parents, title) => {
    expect(parseNumbered(text)).toMatchObject({ number, parents, title });
  });

  it("a 基本方針 numbered in Roman numerals as plans write them (Ⅰ．, Ⅰ、, Ⅰ市民, 【Ⅰ】, I 市民, II. , Ｉ　, 基本目標I), not a counter (Ⅲ期) nor a word (IT推進); the numeral had stayed in the name", async () => {
    const { parsePolicy } = await import("../../src/normalise/hierarchy.js");
    for (const [text, number, title] of [["Ⅰ．市民サービス", 1, "市民サービス"], ["Ⅱ、行政運営", 2, "行政運営"], ["Ⅰ市民サービス", 1, "市民サービス"], ["【Ⅳ】健康", 4, "健康"],
      ["I 市民サービス", 1, "市民サービス"], ["II. 行政運営", 2, "行政運営"], ["Ｉ　市民サービス", 1, "市民サービス"], ["基本目標IV　健康", 4, "健康"],
      ["Ⅲ期計画の推進", null, "Ⅲ期計画の推進"], ["IT推進の方針", null, "IT推進の方針"]] as const) {
      expect(parsePolicy(text), text).toMatchObject({ number, title });
    }
  });

  it("施策 and 取組 numbered in Roman numerals in every cell (Ⅰ 手続, Ⅱ．窓口, (ⅰ), i), （II）) are those numbers, said once per level (PP385); they had been unnumbered (PP309)", async () => {
    const plan = await planOf("roman.tsv", tsv([["No", "基本方針", "施策", "取組", "事業名", "担当課", "事業内容", "R8", "R9"],
      ["1", "方針", "Ⅰ 手続のオンライン化", "(ⅰ)電子申請", "電子申請", "総務課", "内容", "検討", "実施"],
      ["2", "方針", "Ⅰ 手続のオンライン化", "(ⅱ) 相談", "相談", "市民課", "内容", "検討", "実施"],
      ["3", "方針", "Ⅱ．窓口", "i) 書かない窓口", "窓口", "市民課", "内容", "検討", "実施"],
      ["4", "方針", "（III）IT推進", "i) IT研修", "研修", "人事課", "内容", "検討", "実施"]]));
    expect(plan.projects.map((p) => [p.measure.number, p.measure.title, p.initiative?.number, p.initiative?.title])).toEqual([
      [1, "手続のオンライン化", 1, "電子申請"], [1, "手続のオンライン化", 2, "相談"], [2, "窓口", 1, "書かない窓口"], [3, "IT推進", 1, "IT研修"]]);
    expect(codes(plan.diagnostics)).not.toContain("PP309");
    expect(of(plan.diagnostics, "PP385").map((d) => [d.severity, d.line, d.column, d.message])).toEqual([
      ["info", 4, 3, "施策の番号はどの行もローマ数字のため、ローマ数字の番号として読みました（「Ⅰ 手続のオンライン化」は施策1）。"],
      ["info", 4, 4, "取組の番号はどの行もローマ数字のため、ローマ数字の番号として読みました（「(ⅰ)電子申請」は取組1）。"]]);
  });

  it("a level not numbered in Roman numerals in every cell is not read so: i) among a) b) is the letter, IT推進 a word (PP309)", async () => {
    const plan = await planOf("roman.tsv", tsv([["No", "基本方針", "施策", "取組", "事業名", "担当課", "事業内容", "R8", "R9"],
      ["1", "方針", "Ⅰ 手続", "a) 電子申請", "電子申請", "総務課", "内容", "検討", "実施"],
      ["2", "方針", "IT推進", "i) 相談", "相談", "市民課", "内容", "検討", "実施"]]));
    expect(plan.projects.map((p) => [p.measure.number, p.measure.title, p.initiative?.number])).toEqual([[null, "Ⅰ 手続", 1], [null, "IT推進", 9]]);
    expect(of(plan.diagnostics, "PP309").map((d) => d.line)).toEqual([4, 5]);
    expect(codes(plan.diagnostics)).not.toContain("PP385");
  });

  it.each([["Ⅱ．", 3, "Ⅲ．"], ["(ⅱ)", 1, "(ⅰ)"], ["ii)", 4, "iv)"], ["III", 2, "II"]])("a Roman number in the style of %s", (mark, n, written) => {
    expect(numberedLike(mark, n)).toBe(written);
  });

  it.each([["ア", 3, "ウ"], ["(イ)", 1, "(ア)"], ["第1節", 3, "第3節"], ["1-(2)", 4, "(4)"], ["1-2", 3, "3"], ["b)", 3, "c)"], ["①", 2, "②"], ["", 2, "②"], ["第一章", 2, "(2)"]])(
    "a number in the style of %s", (mark, n, written) => {
      expect(numberedLike(mark, n)).toBe(written);
    });

  it.each(["アクセシビリティの向上", "2026-2030年度の計画", "DX の推進", "A.I.の活用", "エコ活動"])("%s has no number", (text) => {
    expect(parseNumbered(text)).toMatchObject({ number: null, title: text });
  });
});

// Columns of numbers, a 各課 column and a 再掲 column: how planpress's own workbook (事業一覧) and
// some cities' sheets write what others write inside the cells.
describe("number, 各課 and 再掲 columns", () => {
  it("a level's number in a column of its own, 各課 as ○, 再掲 as the original's No", async () => {
    const plan = await planOf("cols.tsv", [
      ["No", "基本方針", "施策番号", "施策", "取組番号", "取組", "事業名", "担当課", "各課", "令和8年度", "令和9年度", "再掲"],
      ["1", "市民サービス", "1", "窓口", "1", "手続", "電子申請", "情報政策課", "○", "検討", "実施", ""],
      ["2", "", "", "", "2", "相談", "オンライン相談", "市民課", "", "構築", "運用", ""],
      ["3", "", "2", "発信", "1-1", "広報", "電子申請", "情報政策課", "○", "検討", "実施", "1"],
      ["4", "", "", "", "", "", "SNS", "広報課", "一部", "実施", "実施", "―"],

    ].map((r) => r.join("\t")).join("\n"));
    expect(plan.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(plan.projects.map((p) => [p.no, p.measure.number, p.measure.title, p.initiative?.number, p.initiative?.title, p.allDepartments, p.relistOf])).toEqual([
      [1, 1, "窓口", 1, "手続", true, null],
      [2, 1, "窓口", 2, "相談", false, null],
      [3, 2, "発信", 1, "広報", true, 1],
      [4, 2, "発信", 1, "広報", false, null],
    ]);
    // the number written once per group is carried down with its title
    expect(of(plan.diagnostics, "PP212").map((d) => d.message)).toContain("「施策番号」の空欄 2 か所は、グループの最初の行だけに書かれたものとして、上の行の値を引き継ぎました。");
    expect(of(plan.diagnostics, "PP335").map((d) => [d.column, d.actual])).toEqual([[9, "一部"]]);
    expect(codes(plan.diagnostics)).not.toContain("PP209");
    expect(codes(plan.diagnostics)).not.toContain("PP309");
  });

  it("a 基本方針's number in a column of its own (方針No) numbers the policy and is checked against its place", async () => {
    const plan = await planOf("polno.tsv", [
      ["No", "方針No", "基本方針", "施策No", "施策", "事業名", "担当課", "R8", "R9"],
      ["1", "1", "くらし", "1", "窓口", "電子申請", "情報政策課", "検討", "実施"],
      ["2", "", "くらし", "", "窓口", "相談", "市民課", "検討", "実施"],
      ["3", "3", "しごと", "1", "業務", "RPA", "行政経営課", "検討", "実施"],
    ].map((r) => r.join("\t")).join("\n"));
    expect(plan.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    // was PP209 (a column not read)
    expect(codes(plan.diagnostics)).not.toContain("PP209");
    expect(plan.projects.map((p) => [p.no, p.policy, p.measure.number, p.measure.title])).toEqual([[1, "くらし", 1, "窓口"], [2, "くらし", 1, "窓口"], [3, "しごと", 1, "業務"]]);
    // the second policy is numbered 3: the documents number it 2, and say so
    expect(of(plan.diagnostics, "PP416").map((d) => d.line)).toEqual([4]);
    // numbered 2, 1, 3: the first two are told with their places (1, 2); the third, in its place, is not
    // (the second had been told 「期待: 3」 and the third warned)
    const swapped = await planOf("swapped.tsv", [
      ["No", "方針No", "基本方針", "施策No", "施策", "事業名", "担当課", "R8", "R9"],
      ["1", "2", "くらし", "1", "窓口", "電子申請", "情報政策課", "検討", "実施"],
      ["2", "1", "しごと", "1", "業務", "RPA", "行政経営課", "検討", "実施"],
      ["3", "3", "まち", "1", "地域", "オープンデータ", "情報政策課", "検討", "実施"],
    ].map((r) => r.join("\t")).join("\n"));
    expect(of(swapped.diagnostics, "PP416").map((d) => [d.line, d.actual, d.expected])).toEqual([[2, "2", "1"], [3, "1", "2"]]);
  });

  it("a level's column too many (基本目標 | 基本施策 | 施策の方向 | 主な取組: four levels) is said for what it is (PP245); the first three are the levels", async () => {
    const plan = await planOf("levels.tsv", [
      ["No", "基本目標", "基本施策", "施策の方向", "主な取組", "事業名", "担当課", "R8", "R9"],
      ["1", "1 くらし", "(1)窓口", "①手続", "ア 申請", "電子申請", "情報政策課", "検討", "実施"],
      ["2", "1 くらし", "(1)窓口", "②届出", "ア 申請", "電子届出", "情報政策課", "検討", "実施"],
    ].map((r) => r.join("\t")).join("\n"));
    // (施策の方向, a middle level, had been left out: the 取組 ア of two 施策の方向 then one 取組)
    expect(plan.projects.map((p) => [p.policy, p.measure.title, p.initiative?.title])).toEqual([["くらし", "窓口", "手続"], ["くらし", "窓口", "届出"]]);
    // was PP209: "a header planpress does not know"
    expect(codes(plan.diagnostics)).not.toContain("PP209");
    expect(of(plan.diagnostics, "PP269").map((d) => [d.column, d.message])).toEqual([
      [2, "見出し「基本目標」「基本施策」「施策の方向」の列を、左から基本方針・施策・取組の段として読みました（同じ段を指す見出しが 2 つあったため、並び順で決めました）。"]]);
    expect(of(plan.diagnostics, "PP245").map((d) => [d.column, d.severity, d.message])).toEqual([
      [5, "warning", "見出し「主な取組」も取組の列の言い回しですが、取組の列は「施策の方向」の列として読んだため、この列は読みませんでした。"]]);
  });

  it("具体的な施策 (a 総合戦略's level) and 基本事業 (行政評価's 政策 | 施策 | 基本事業 | 事務事業) are levels (each had been a column of unknown wording, then PP204)", async () => {
    for (const [levels, measure, initiative] of [[["基本目標", "具体的な施策"], "地域", undefined], [["政策", "施策", "基本事業"], "地域", "交流"]] as const) {
      const plan = await planOf("levels.tsv", [
        ["No", ...levels, "事務事業名", "担当課", "R8", "R9"],
        ["1", "1 まちづくり", "(1)地域", ...(levels.length === 3 ? ["①交流"] : []), "交流会", "企画課", "検討", "実施"],
      ].map((r) => r.join("\t")).join("\n"));
      expect(plan.diagnostics.filter((d) => d.severity === "error"), levels.join()).toEqual([]);
      expect(plan.projects.map((p) => [p.policy, p.measure.title, p.initiative?.title]), levels.join()).toEqual([["まちづくり", measure, initiative]]);
    }
  });

  it("three level columns whose headers name one level twice (基本目標 | 基本施策 | 施策, 分野 | 基本目標 | 施策) are read left to right as 基本方針・施策・取組 (PP269): a column had been set aside and two 施策 merged", async () => {
    for (const levels of [["基本目標", "基本施策", "施策"], ["分野", "基本目標", "施策"], ["基本目標", "施策", "施策の方向"]]) {
      const plan = await planOf("levels.tsv", [
        ["No", ...levels, "事業名", "担当課", "R8", "R9"],
        ["1", "1 まちづくり", "(1)地域", "①交流", "交流会", "企画課", "検討", "実施"],
        ["2", "1 まちづくり", "(2)防災", "①訓練", "防災訓練", "防災課", "検討", "実施"],
      ].map((r) => r.join("\t")).join("\n"));
      expect(plan.projects.map((p) => [p.policy, p.measure.number, p.measure.title, p.initiative?.title]), levels.join()).toEqual([["まちづくり", 1, "地域", "交流"], ["まちづくり", 2, "防災", "訓練"]]);
      expect(codes(plan.diagnostics), levels.join()).not.toContain("PP245");
      expect(of(plan.diagnostics, "PP269").map((d) => d.column), levels.join()).toEqual([2]);
    }
  });

  it("of two columns of one key told apart by a note (担当課（旧）| 担当課（新）, by year), the current one is read, the other said (PP245)", async () => {
    for (const [was, now] of [["担当課（旧）", "担当課（新）"], ["担当課（令和7年度）", "担当課（令和8年度～）"], ["担当課", "担当課（新組織）"]]) {
      const plan = await planOf("reorg.tsv", [
        ["No", "基本方針", "施策", "取組", "事業名", was, now, "R8", "R9"],
        ["1", "1 くらし", "(1)窓口", "①手続", "電子申請", "情報政策課", "DX推進課", "検討", "実施"],
      ].map((r) => r.join("\t")).join("\n"));
      // (the first had been read whatever it said: forms to a department that no longer exists)
      expect(plan.projects.map((p) => p.departments), was).toEqual([["DX推進課"]]);
      expect(of(plan.diagnostics, "PP245").map((d) => [d.column, d.severity]), was).toEqual([[6, "warning"]]);
    }
  });

  it("a 再掲 column saying no (なし, 0, ―) marks no 再掲", async () => {
    const plan = await planOf("no.tsv", [
      ["No", "基本方針", "施策", "取組", "事業名", "担当課", "令和8年度", "再掲"],
      ["1", "市民サービス", "(1)窓口", "①手続", "電子申請", "情報政策課", "検討", "なし"],
      ["2", "市民サービス", "(1)窓口", "①手続", "相談", "市民課", "検討", "0"],
      ["3", "市民サービス", "(1)窓口", "①手続", "広報", "広報課", "検討", "―"],
    ].map((r) => r.join("\t")).join("\n"));
    // they were read as 「なしの再掲」 and 「No.0の再掲」
    expect(plan.projects.map((p) => [p.no, p.relistMark])).toEqual([[1, null], [2, null], [3, null]]);
  });

  it("planpress's own workbook reads back as the plan it was made from (its 事業一覧 sheet)", async () => {
    const { renderWorkbook } = await import("../../src/render/workbook.js");
    const { makeRenderContext, seedPlan } = await import("../helpers/context.js");
    const seed = seedPlan();
    const [book] = (await renderWorkbook(seed, makeRenderContext())).filter((f) => f.path === "plan.xlsx");
    const back = await planOf("plan.xlsx", book!.data);
    expect(back.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(back.diagnostics.find((d) => d.code === "PP220")?.sheet).toBe("事業一覧");
    // the same projects; a 再掲 is marked by its column (（No.12の再掲）) and a phase's ※ note goes to 備考
    const same = (p: Plan["projects"][number]) => ({ ...p, relistMark: null, schedule: p.schedule.map(({ note: _note, ...ph }) => ph) });
    expect(back.projects.map(same)).toEqual(seed.projects.map(same));
    expect(back.policies).toEqual(seed.policies);
    expect(back.departments).toEqual(seed.departments);
  });
});

// A template's 取組 column the plan leaves empty on every row.
describe("a 取組 column with nothing in it", () => {
  const header = ["No", "基本方針", "施策", "取組", "事業名", "担当課", "R8", "R9"];
  const rows = [["1", "市民サービス", "(1)窓口", "", "電子申請", "総務課", "検討", "実施"], ["2", "行政運営", "(1)業務", "", "RPA", "行政経営課", "検討", "実施"]];

  it("is a plan without a 取組 level, said at the header (PP248); was PP301 on every row", async () => {
    const plan = await planOf("empty.tsv", tsv([header, ...rows]));
    expect(plan.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(plan.projects.map((p) => [p.no, p.measure.title, p.initiative])).toEqual([[1, "窓口", null], [2, "業務", null]]);
    expect(of(plan.diagnostics, "PP248").map((d) => [d.line, d.column, d.severity])).toEqual([[3, 4, "warning"]]);
    expect(codes(plan.diagnostics)).not.toContain("PP209");
  });

  it("one 取組 written, the others empty: the empty ones are still PP301", async () => {
    const plan = await planOf("some.tsv", tsv([header, rows[0]!.map((c, i) => (i === 3 ? "①手続" : c)), rows[1]!]));
    expect(codes(plan.diagnostics)).toContain("PP301");
    expect(codes(plan.diagnostics)).not.toContain("PP248");
  });
});

describe("a handout's title line, and numbers joined by dots (session 16's probes)", () => {
  const HEAD = ["No", "基本方針", "施策", "取組", "事業名", "担当課", "事業内容", "令和8年度", "令和9年度", "令和10年度", "令和11年度", "令和12年度"];
  const ROW = ["1", "1 市民サービス", "(1)手続", "①申請", "電子申請の拡大", "情報政策課", "拡大する。", "拡大", "→", "→", "→", "→"];
  const lines = (...rows: string[][]) => rows.map((r) => r.join(",")).join("\n") + "\n";

  it("a date or a handout's number beside a centred title is neither the title nor a year over the schedule (PP260)", async () => {
    const title = ["", "", "", "", "北野市DX推進計画　工程表", "", "", "", "", "", "", "令和8年3月"];
    const plan = await planOf("plan.csv", lines(title, HEAD, ROW));
    expect(plan.plan.title).toBe("北野市DX推進計画");
    expect(plan.plan.period).toEqual({ start: 2026, end: 2030 });
    expect(spans(plan, 1)).toEqual([["拡大", 2026, 2030]]);
    expect(codes(plan.diagnostics)).not.toContain("PP258");
    expect(codes(plan.diagnostics)).not.toContain("PP241");
    expect(of(plan.diagnostics, "PP260").map((d) => [d.severity, d.line, d.column, d.message])).toEqual([
      ["info", 1, 12, "表の上の「令和8年3月」は資料の番号・日付・担当課として読み、計画名に含めませんでした。"]]);
    // a line of its own with the handout's number, above the title line
    for (const label of ["資料２", "【資料３】", "別紙1", "参考資料", "（令和８年４月）", "別表", "別表第１", "附表2"]) {
      const labelled = await planOf("plan.csv", lines([label], ["第２次西原市情報化推進計画"], HEAD, ROW));
      expect(labelled.plan.title, label).toBe("第２次西原市情報化推進計画");
      expect(of(labelled.diagnostics, "PP260").map((d) => d.line), label).toEqual([1]);
    }
    // the issuing section or an as-of note far right of the title (the title had been the file's name)
    for (const aside of ["情報政策課", "※R8.4.1現在", "担当：情報政策課"]) {
      const far = await planOf("plan.csv", lines(["西原市情報化推進計画", "", "", "", "", "", "", "", "", "", aside], HEAD, ROW));
      expect(far.plan.title, aside).toBe("西原市情報化推進計画");
      expect(of(far.diagnostics, "PP260").map((d) => [d.line, d.column]), aside).toEqual([[1, 11]]);
    }
    // the number at the start of the title's own cell (it had stayed in the title, 別表 alone had been the title)
    const inCell = await planOf("plan.csv", lines(["【別紙】西原市情報化推進計画　事業工程表"], HEAD, ROW));
    expect(inCell.plan.title).toBe("西原市情報化推進計画");
    expect(of(inCell.diagnostics, "PP260").map((d) => [d.line, d.message])).toEqual([[1, "表の上の「【別紙】」は資料の番号・日付・担当課として読み、計画名に含めませんでした。"]]);
    // without brackets before a space, and a table's name of more than one word after the plan's
    // (it had been 「別紙2　西原市情報化推進計画 実施」: 別紙2 kept, 実施 cut off 実施事業一覧表)
    const bare = await planOf("plan.csv", lines(["別紙2　西原市情報化推進計画 実施事業一覧表"], HEAD, ROW));
    expect(bare.plan.title).toBe("西原市情報化推進計画");
    expect(of(bare.diagnostics, "PP260").map((d) => d.message)).toEqual(["表の上の「別紙2」は資料の番号・日付・担当課として読み、計画名に含めませんでした。"]);
    expect(of(bare.diagnostics, "PP232")[0]!.message).toContain("（「実施事業一覧表」は表の名前として、計画名に含めません）");
    // a table's name before the period in brackets (it had stayed: 「西原市情報化推進計画 工程表」, the
    // 工程表's title then saying 工程表 twice); an edition in brackets after it stays with the name
    const dated = await planOf("plan.csv", lines(["西原市情報化推進計画 工程表（令和8年度～令和12年度）"], HEAD, ROW));
    expect(dated.plan.title).toBe("西原市情報化推進計画");
    expect(of(dated.diagnostics, "PP232")).toHaveLength(1);
    expect(codes(dated.diagnostics)).toContain("PP254");
    expect((await planOf("plan.csv", lines(["西原市情報化推進計画 工程表（令和8年度版）"], HEAD, ROW))).plan.title).toBe("西原市情報化推進計画（令和8年度版）");
    // a plan whose name starts with such a word and no space is left as it is
    expect((await planOf("plan.csv", lines(["別表の見直し計画"], HEAD, ROW))).plan.title).toBe("別表の見直し計画");
    // a table's word is cut after a space, in brackets or after the plan's own word, never inside a
    // phrase (「…計画に基づく実施事業一覧」 had become 「…計画に基づく実施」 on every cover and head)
    for (const [line, title] of [["西原市情報化計画に基づく実施事業一覧", "西原市情報化計画に基づく実施事業一覧"],
      ["西原市情報化計画の推進事業一覧", "西原市情報化計画の推進事業一覧"], ["西原市情報化計画実施事業一覧", "西原市情報化計画"],
      ["西原市情報化計画事業一覧", "西原市情報化計画"], ["西原市DX推進計画工程表", "西原市DX推進計画"]]) {
      expect((await planOf("plan.csv", lines([line!], HEAD, ROW))).plan.title, line).toBe(title);
    }
    // a schedule's or roadmap's word is the table's too (「… 事業スケジュール 工程表」 had been printed)
    for (const line of ["西原市情報化計画 事業スケジュール", "西原市情報化計画　取組スケジュール", "西原市情報化計画 ロードマップ", "西原市情報化計画（ロードマップ）"]) {
      expect((await planOf("plan.csv", lines([line], HEAD, ROW))).plan.title, line).toBe("西原市情報化計画");
    }
    // a note above the table is no title (※…, （注）…: it had been printed on the cover and every running head)
    for (const note of ["※スケジュールは予定です。", "（注）スケジュールは予定であり、変更する場合があります。"]) {
      const noted = await planOf("西原市計画.csv", lines([note], HEAD, ROW));
      expect(noted.plan.title, note).toBe("西原市計画");
      expect(codes(noted.diagnostics), note).toContain("PP205");
    }
    // a title wrapped in its cell (Alt+Enter) is one line: the break had stood in every running head,
    // and the table's word after it had stayed (「…計画⏎実施計画（事業工程表）」, the 工程表 then said twice)
    const wrapped = await planOf("plan.csv", lines(['"第３期西原市情報化計画\n実施計画（事業工程表）"'], HEAD, ROW));
    expect(wrapped.plan.title).toBe("第３期西原市情報化計画　実施計画");
  });

  it("a period in Western years with FY in the title's bracket is printed on its own, not in the name (PP254)", async () => {
    const plan = await planOf("plan.csv", lines(["北浜市 情報化推進計画（FY2026-FY2030）"], HEAD, ROW));
    expect(plan.plan.title).toBe("北浜市 情報化推進計画");
    expect(codes(plan.diagnostics)).toContain("PP254");
    // an era year with its Western year in brackets (令和8年度(2026年度)～…): the same (it had stayed in the name)
    for (const title of ["北浜市防災計画（令和8年度(2026年度)～令和12年度(2030年度)）", "北浜市防災計画（令和8(2026)年度～令和12(2030)年度）"]) {
      const dual = await planOf("plan.csv", lines([title], HEAD, ROW));
      expect(dual.plan.title, title).toBe("北浜市防災計画");
      expect(codes(dual.diagnostics), title).toContain("PP254");
    }
  });

  it("a period stated above the table with its Western years in brackets gives eraless labels their era (PP247; it had been PP222 at every label)", async () => {
    const eraless = ["No", "基本方針", "施策", "取組", "事業名", "担当課", "事業内容", "8年度", "9年度", "10年度", "11年度", "12年度"];
    const plan = await planOf("plan.csv", lines(["北浜市防災計画"], ["計画期間：令和8年度(2026年度)～令和12年度(2030年度)"], eraless, ROW));
    expect(plan.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(plan.plan.period).toEqual({ start: 2026, end: 2030 });
    expect(codes(plan.diagnostics)).toContain("PP247");
    // a Western year that is not the era year's is not taken for it
    const wrong = await planOf("plan.csv", lines(["北浜市防災計画"], ["計画期間：令和8年度(2027年度)～令和12年度(2030年度)"], eraless, ROW));
    expect(codes(wrong.diagnostics)).toContain("PP222");
  });

  it("施策 and 取組 numbered with dots (1.(2), 1.(1).②) are their own numbers under their parents'", async () => {
    const row = (no: number, m: string, i: string) => [String(no), "1.市民サービス", m, i, `事業${no}`, "情報政策課", "内容。", "検討", "", "", "", ""];
    const plan = await planOf("plan.csv", lines(["白浜町DX推進計画"], HEAD,
      row(1, "1.(1)手続のオンライン化", "1.(1).①電子申請"), row(2, "1.(1)手続のオンライン化", "1.(1).②電子納付"), row(3, "1.(2)窓口", "1.(2).①予約")));
    expect(plan.policies[0]!.measures.map((m) => [m.number, m.title, m.initiatives.map((i) => [i.number, i.title, i.projects])])).toEqual([
      [1, "手続のオンライン化", [[1, "電子申請", [1]], [2, "電子納付", [2]]]], [2, "窓口", [[1, "予約", [3]]]]]);
    expect(plan.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
  });

  it("施策 and 取組 numbered with dashes and their parents' numbers (1-(1)-①, Ⅰ-1-(2)) are their own numbers, each 取組 kept", async () => {
    // 1-(1)-② had been 取組 1 titled 「-② 窓口」, merged with 1-(1)-①, its name gone from the tree
    for (const [policy, m1, i1, i2, m2, i3] of [["1 市民サービス", "1-(1) 手続", "1-(1)-① 電子申請", "1-(1)-② 窓口", "1-(2) 発信", "1-(2)-① SNS"],
      ["Ⅰ 市民サービス", "Ⅰ-1 手続", "Ⅰ-1-(1) 電子申請", "Ⅰ-1-(2) 窓口", "Ⅰ-2 発信", "Ⅰ-2-(1) SNS"]]) {
      const row = (no: number, m: string, i: string) => [String(no), policy!, m, i, `事業${no}`, "情報政策課", "内容。", "検討", "", "", "", ""];
      const plan = await planOf("plan.csv", lines(["白浜町DX推進計画"], HEAD, row(1, m1!, i1!), row(2, m1!, i2!), row(3, m2!, i3!)));
      expect(plan.policies[0]!.measures.map((m) => [m.number, m.title, m.initiatives.map((i) => [i.number, i.title, i.projects])]), policy).toEqual([
        [1, "手続", [[1, "電子申請", [1]], [2, "窓口", [2]]]], [2, "発信", [[1, "SNS", [3]]]]]);
      expect(plan.diagnostics.filter((d) => d.severity !== "info"), policy).toEqual([]);
    }
  });
});

describe("the plan period stated above the table (session 16's probes)", () => {
  const HEAD = ["No", "基本方針", "施策", "取組", "事業名", "担当課", "事業内容"];
  const row = (...rest: string[]) => ["1", "1 市民サービス", "(1)手続", "①申請", "電子申請の拡大", "情報政策課", "拡大する。", ...rest];
  const lines = (...rows: string[][]) => rows.map((r) => r.join("\t")).join("\n") + "\n";

  it("a column of periods whose years lie within the stated period gives the stated period (PP227 says so)", async () => {
    const plan = await planOf("p.tsv", lines(["北市計画"], ["計画期間：令和７年度～令和１１年度"], [...HEAD, "期間"], row("令和8年度～令和10年度"), row("令和9年度から").map((c, i) => (i === 0 ? "2" : c))));
    expect(plan.plan.period).toEqual({ start: 2025, end: 2029 });
    // a period without its end runs to the stated period's end
    expect(spans(plan, 2)).toEqual([["実施", 2027, 2029]]);
    expect(of(plan.diagnostics, "PP227")[0]!.message).toContain("計画期間は表の上の「計画期間：令和７年度～令和１１年度」（令和7年度～令和11年度）");
    expect(codes(plan.diagnostics)).not.toContain("PP262");
  });

  it("year columns other than the stated period: the table's years, and the difference said where the period is stated (PP262)", async () => {
    const plan = await planOf("p.tsv", lines(["緑町DX推進計画（令和8年度～令和12年度）"], [...HEAD, "R7", "R8", "R9", "R10", "R11"], row("検討", "", "実施", "", "")));
    expect(plan.plan.period).toEqual({ start: 2025, end: 2029 });
    expect(of(plan.diagnostics, "PP262").map((d) => [d.severity, d.line, d.column, d.message])).toEqual([["warning", 1, 1,
      "表の上の「緑町DX推進計画（令和8年度～令和12年度）」（令和8年度～令和12年度）と、表の年度（令和7年度～令和11年度）が一致しません。資料には表の年度を計画期間として印刷します。"]]);
  });
});

describe("year headers typed as dates", () => {
  it("the fiscal year's first day (2026/4/1) is that fiscal year (PP267, info); another day is no year header (which year would 2026/6/1 head?)", async () => {
    const head = (years: string[]) => ["No", "基本方針", "施策", "事業名", "担当課", "事業内容", ...years];
    const body = ["1", "1 便利に", "(1) 手続", "電子申請", "情報政策課", "内容", "検討", "実施", "→"];
    const plan = await planOf("dates.tsv", tsv([head(["2026/4/1", "2027/4/1", "2028/4/1"]), body]));
    expect(plan.plan.period).toEqual({ start: 2026, end: 2028 });
    expect(of(plan.diagnostics, "PP267").map((d) => d.message)).toEqual(["年度の見出し「2026/4/1」（など）は日付ですが、年度の初日として令和8年度と読みました。"]);
    const other = await planOf("dates.tsv", tsv([head(["2026/6/1", "2027/6/1", "2028/6/1"]), body]));
    expect(codes(other.diagnostics)).toContain("PP208");
  });
});

describe("a year label mistyped beside the year columns (令和1O年度, a letter O for a zero)", () => {
  it("stops the reading at its header (PP396): it had been of unknown wording (PP209), the period a year short and its phases dropped", async () => {
    const plan = await planOf("typo.tsv", tsv([[...HEADER.slice(0, 7), "令和8年度", "令和9年度", "令和1O年度", "備考"],
      ["1", "1 便利に", "(1) 手続", "①申請", "電子申請", "情報政策課", "内容", "検討", "", "実施", "国補助"]]));
    expect(plan.diagnostics.filter((d) => d.severity === "error").map((d) => [d.code, d.line, d.column])).toEqual([["PP396", 3, 10]]);
    expect(codes(plan.diagnostics)).not.toContain("PP209");
    // a column of other words there is still only of unknown wording
    const other = await planOf("other.tsv", tsv([[...HEADER.slice(0, 7), "令和8年度", "令和9年度", "連絡先"],
      ["1", "1 便利に", "(1) 手続", "①申請", "電子申請", "情報政策課", "内容", "検討", "", "内線1"]]));
    expect(codes(other.diagnostics)).toContain("PP209");
    expect(codes(other.diagnostics)).not.toContain("PP396");
  });
});

describe("a template's example row (記入例)", () => {
  it("is skipped and said (PP383), in the No column or another; it had been refused (PP305 with a hint about 枝番, or PP301)", async () => {
    const head = ["No", "基本方針", "施策", "事業名", "担当課", "事業内容", "R8", "R9"];
    const project = ["1", "1 便利に", "(1) 手続", "電子申請", "情報政策課", "内容", "検討", "実施"];
    for (const example of [["記入例", "1 例", "(1) 例", "〇〇の推進", "〇〇課", "内容", "検討", "実施"], ["", "（記入例）", "(1) 例", "〇〇の推進", "〇〇課", "内容", "検討", "実施"]]) {
      const plan = await planOf("example.tsv", tsv([head, example, project]));
      expect(plan.projects.map((p) => p.name)).toEqual(["電子申請"]);
      expect(plan.diagnostics.filter((d) => d.severity !== "info").map((d) => [d.code, d.line])).toEqual([["PP383", 4]]);
    }
  });
});

// 選択範囲内で中央 (centerContinuous): a label centred across the empty year cells right of it.
describe("a schedule label centred across years (選択範囲内で中央)", () => {
  it("spans the years it is centred across, as a merged range does (it had been its first year alone, or run to the next label)", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("工程表");
    ws.addRow(["テスト市DX計画"]);
    ws.addRow(["No", "基本方針", "施策", "事業名", "担当課", "事業内容", "令和8年度", "令和9年度", "令和10年度", "令和11年度", "令和12年度"]);
    ws.addRow(["1", "1 便利に", "(1) 手続", "電子申請", "情報政策課", "内容", "", "検討", "", "導入", ""]);
    ws.addRow(["2", "1 便利に", "(1) 手続", "相談", "市民課", "内容", "実施", "", "", "", ""]);
    ws.addRow(["3", "1 便利に", "(1) 手続", "窓口", "市民課", "内容", "調査", "", "", "", ""]);
    const across = (ref: string) => { ws.getCell(ref).alignment = { horizontal: "centerContinuous" }; };
    ["H3", "I3", "G4", "H4", "I4", "J4", "K4"].forEach(across);
    const plan = await planOf("center.xlsx", new Uint8Array(await wb.xlsx.writeBuffer() as ArrayBuffer));
    expect(plan.projects.map((p) => p.schedule.map((s) => [s.label, s.from, s.to]))).toEqual([
      [["検討", 2027, 2028], ["導入", 2029, 2029]],
      [["実施", 2026, 2030]],
      [["調査", 2026, 2026]],
    ]);
    expect(plan.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
  });
});

describe("a plan split over sheets, one with a column more", () => {
  it("is read whole (PP233): a 備考 column on one sheet had left the others out (PP234), half the plan printed", async () => {
    const wb = new ExcelJS.Workbook();
    const head = ["No", "基本方針", "施策", "事業名", "担当課", "事業内容", "令和8年度", "令和9年度"];
    const one = wb.addWorksheet("基本方針1");
    one.addRow(["テスト市DX計画"]); one.addRow(head);
    one.addRow(["1", "1 便利に", "(1) 手続", "電子申請", "情報政策課", "内容", "検討", "実施"]);
    one.addRow(["2", "1 便利に", "(1) 手続", "相談", "市民課", "内容", "検討", "実施"]);
    const two = wb.addWorksheet("基本方針2");
    two.addRow(["テスト市DX計画"]); two.addRow([...head, "備考"]);
    two.addRow(["3", "2 効率よく", "(1) 改革", "RPA", "情報政策課", "内容", "調査", "実施", "国補助あり"]);
    const plan = await planOf("sheets.xlsx", new Uint8Array(await wb.xlsx.writeBuffer() as ArrayBuffer));
    expect(plan.projects.map((p) => p.no)).toEqual([1, 2, 3]);
    expect(codes(plan.diagnostics)).toContain("PP233");
    expect(codes(plan.diagnostics)).not.toContain("PP234");
  });
});

describe("one project name under two 施策, no 再掲 mark", () => {
  it("is two projects and a warning at the later name naming both (PP394; PP411 when the descriptions match too); nothing had been said", async () => {
    const plan = await planOf("twice.tsv", tsv([HEADER,
      ["1", "1 便利に", "(1)手続", "①申請", "キャッシュレス決済", "会計課", "・窓口で使える。", "検討", "実施", ""],
      ["2", "1 便利に", "(2)窓口", "①受付", "キャッシュレス決済", "会計課", "・納付にも広げる。", "", "検討", "実施"],
      ["3", "1 便利に", "(2)窓口", "①受付", "窓口の予約", "市民課", "・予約する。", "検討", "", ""]]));
    expect(plan.projects.map((p) => [p.no, p.name, p.measure.number, p.relistOf])).toEqual([
      [1, "キャッシュレス決済", 1, null], [2, "キャッシュレス決済", 2, null], [3, "窓口の予約", 2, null]]);
    expect(of(plan.diagnostics, "PP394").map((d) => [d.severity, d.line, d.column, d.projectNo, d.relatedNo])).toEqual([["warning", 5, 5, 2, 1]]);
    expect(codes(plan.diagnostics)).not.toContain("PP411");
  });

  it("a 再掲 written with its original's No is said as such (PP395), not as a No restarting per 基本方針 (PP401) whose original is not found (PP406); a No twice with one name is PP401 alone", async () => {
    const plan = await planOf("again.tsv", tsv([HEADER,
      ["1", "1 便利に", "(1)手続", "①申請", "電子申請", "情報政策課", "・進める。", "検討", "", ""],
      ["2", "1 便利に", "(2)窓口", "①受付", "窓口", "市民課", "・進める。", "検討", "", ""],
      ["1", "1 便利に", "(2)窓口", "①受付", "電子申請（再掲）", "情報政策課", "・進める。", "検討", "", ""],
      ["2", "1 便利に", "(1)手続", "①申請", "窓口", "市民課", "・進める。", "検討", "", ""]]));
    expect(plan.diagnostics.filter((d) => d.severity !== "info").map((d) => [d.code, d.line, d.column])).toEqual([["PP395", 6, 1], ["PP401", 7, 1]]);
    expect(of(plan.diagnostics, "PP395")[0]!.message).toBe("再掲の行（「電子申請（再掲）」）の No.1 は、4 行目の元の事業の No と同じです。");
  });
});
