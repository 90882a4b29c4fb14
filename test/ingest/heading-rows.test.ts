// Plans that write 基本方針 and 施策 as heading rows above their projects instead of as columns.
import { describe, expect, it } from "vitest";
import { codes, HEADER, planOf, row, tsv } from "../helpers/plan-fixtures.js";

const YEARS = HEADER.slice(7);
const SECTIONED = ["No", "取組", "事業名", "担当課", "事業内容", ...YEARS];
const project = (no: number, name: string, initiative = "①手続の拡大") => [String(no), initiative, name, "情報政策課", `・${name}を進める。`, "検討", "", "運用"];
const errors = (plan: { diagnostics: { severity: string; code: string }[] }) => plan.diagnostics.filter((d) => d.severity === "error").map((d) => d.code);

describe("heading rows inside the table", () => {
  it("give 基本方針 and 施策 to the projects below them, told by their numbering, and say so once", async () => {
    const plan = await planOf("plan.tsv", tsv([
      SECTIONED,
      ["基本方針1 市民サービスの向上", "", "", "", "", "", "", ""],
      ["(1)オンライン手続"],
      project(1, "電子申請の拡大"),
      project(2, "施設予約", "②予約の改善"),
      ["(2)窓口"],
      project(3, "書かない窓口"),
      ["基本方針2　行政運営"],
      ["(1)内部事務"],
      project(4, "電子決裁"),
    ]));
    expect(errors(plan)).toEqual([]);
    expect(plan.policies.map((p) => [p.name, p.measures.map((m) => `${m.number}${m.title}`)])).toEqual([
      ["市民サービスの向上", ["1オンライン手続", "2窓口"]],
      ["行政運営", ["1内部事務"]],
    ]);
    expect(plan.projects.map((p) => `${p.no}:${p.policy}/${p.measure.number}`)).toEqual(["1:市民サービスの向上/1", "2:市民サービスの向上/1", "3:市民サービスの向上/2", "4:行政運営/1"]);
    const said = plan.diagnostics.filter((d) => d.code === "PP224");
    expect(said).toHaveLength(1);
    expect(said[0]!.line).toBe(4); // the first heading row (title, blank line, header above it)
    expect(said[0]!.message).toContain("5 行");
    expect(said[0]!.message).toContain("「基本方針1 市民サービスの向上」を基本方針、「(1)オンライン手続」を施策");
    expect(codes(plan.diagnostics)).not.toContain("PP204");
    expect(codes(plan.diagnostics)).not.toContain("PP305");
  });

  it("an outline number in the No column and the title in the name column is a heading; a plain number is a project's No", async () => {
    const header = ["No", "事業名", "担当課", "事業内容", ...YEARS];
    const p = (no: number, name: string) => [String(no), name, "情報政策課", `・${name}を進める。`, "検討", "", "運用"];
    const plan = await planOf("plan.tsv", tsv([header, ["Ⅰ", "市民サービス"], ["(1)", "オンライン手続"], p(1, "電子申請"), ["Ⅱ", "行政運営"], ["(1)", "内部事務"], p(2, "電子決裁")]));
    expect(errors(plan)).toEqual([]);
    expect(plan.projects.map((x) => `${x.no}:${x.policy}/${x.measure.number}${x.measure.title}`)).toEqual(["1:市民サービス/1オンライン手続", "2:行政運営/1内部事務"]);
    expect(plan.diagnostics.find((d) => d.code === "PP224")?.message).toContain("「Ⅰ 市民サービス」を基本方針、「(1) オンライン手続」を施策");
    // "1 | 市民サービス" may be project No.1 with its cells missing: never taken for a heading
    const plain = await planOf("plan.tsv", tsv([header, ["1", "市民サービス"], ["(1)", "オンライン手続"], p(1, "電子申請")]));
    expect(errors(plain)).toContain("PP401");
  });

  it("give 取組 too when a third numbering form heads it and there is no 取組 column; two forms are a plan of two levels", async () => {
    const header = ["No", "事業名", "担当課", "事業内容", ...YEARS];
    const bare = (no: number, name: string) => [String(no), name, "情報政策課", `・${name}を進める。`, "検討", "", "運用"];
    const three = await planOf("plan.tsv", tsv([
      header, ["基本方針1 市民サービス"], ["(1)オンライン手続"], ["①申請の電子化"], bare(1, "電子申請"), ["②予約"], bare(2, "施設予約"),
      ["(2)窓口"], ["①書かない窓口"], bare(3, "窓口改善"),
    ]));
    expect(errors(three)).toEqual([]);
    expect(three.projects.map((p) => `${p.measure.number}-${p.initiative?.number}${p.initiative?.title}`)).toEqual(["1-1申請の電子化", "1-2予約", "2-1書かない窓口"]);
    expect(codes(three.diagnostics)).not.toContain("PP218");
    const two = await planOf("plan.tsv", tsv([header, ["基本方針1 市民サービス"], ["(1)オンライン手続"], bare(1, "電子申請")]));
    expect(errors(two)).toEqual([]);
    expect(two.projects[0]!.initiative).toBeNull();
    expect(codes(two.diagnostics)).toContain("PP218");
    // over 基本方針 and 施策 columns, a heading is their title, never a 取組
    const titled = await planOf("plan.tsv", tsv([HEADER.filter((h) => h !== "取組"), ["基本方針1 市民サービス"], row(1, "A").filter((_, i) => i !== 3)]));
    expect(errors(titled)).toEqual([]);
    expect(titled.projects[0]!.initiative).toBeNull();
    expect(codes(titled.diagnostics)).toContain("PP327");
  });

  it("read the same model as the plan written with 基本方針 and 施策 columns", async () => {
    const headed = await planOf("plan.tsv", tsv([SECTIONED, ["基本方針1 市民サービス"], ["(1)オンライン化"], project(1, "電子申請"), project(2, "施設予約"), ["基本方針2 行政運営"], ["(1)内部事務"], project(3, "電子決裁")]));
    const columns = await planOf("plan.tsv", tsv([HEADER,
      row(1, "電子申請", { policy: "基本方針1 市民サービス", measure: "(1)オンライン化" }), row(2, "施設予約", { policy: "基本方針1 市民サービス", measure: "(1)オンライン化" }),
      row(3, "電子決裁", { policy: "基本方針2 行政運営", measure: "(1)内部事務" })]));
    expect(headed.projects).toEqual(columns.projects);
    expect(headed.policies).toEqual(columns.policies);
  });

  it("written in the project name's column (No left empty) are headings too", async () => {
    const plan = await planOf("plan.tsv", tsv([SECTIONED, ["", "", "基本方針1 市民サービス"], ["", "", "(1)オンライン"], project(1, "電子申請")]));
    expect(errors(plan)).toEqual([]);
    expect(plan.projects.map((p) => `${p.policy}/${p.measure.title}`)).toEqual(["市民サービス/オンライン"]);
  });

  it("in a column headed 施策・事業名 (the levels' rows indented above their projects in one column) are headings too; the column had been of unknown wording (PP204)", async () => {
    const header = ["No", "施策・事業名", "担当課", "事業内容", ...YEARS];
    const p = (no: number, name: string) => [String(no), `　　　${name}`, "情報政策課", `・${name}を進める。`, "検討", "", "運用"];
    const plan = await planOf("plan.tsv", tsv([header, ["", "基本方針１　市民"], ["", "　(1) オンライン"], ["", "　　① 手続"], p(1, "A"), ["", "　(2) 窓口"], ["", "　　① 書かない窓口"], p(2, "B")]));
    expect(errors(plan)).toEqual([]);
    expect(plan.projects.map((x) => [x.no, x.name, x.policy, x.measure.number, x.measure.title, x.initiative?.title])).toEqual([
      [1, "A", "市民", 1, "オンライン", "手続"], [2, "B", "市民", 2, "窓口", "書かない窓口"]]);
    expect(plan.diagnostics.find((d) => d.code === "PP211")?.message).toBe("見出し「施策・事業名」の列を「事業」の列として読みました。");
  });

  it("read unnumbered 基本方針 headings above numbered 施策 headings", async () => {
    const plan = await planOf("plan.tsv", tsv([
      SECTIONED, ["市民サービスの向上"], ["(1)オンライン手続"], project(1, "電子申請"), ["行政運営"], ["(1)内部事務"], project(2, "電子決裁"),
    ]));
    expect(errors(plan)).toEqual([]);
    expect(plan.policies.map((p) => p.name)).toEqual(["市民サービスの向上", "行政運営"]);
  });

  it("give only the level without a column: 施策 headings under a 基本方針 column", async () => {
    const header = ["No", "基本方針", "取組", "事業名", "担当課", "事業内容", ...YEARS];
    const plan = await planOf("plan.tsv", tsv([
      header, ["(1)オンライン手続"], ["1", "市民サービス", ...project(1, "電子申請").slice(1)], ["(2)窓口"], ["2", "市民サービス", ...project(2, "書かない窓口").slice(1)],
    ]));
    expect(errors(plan)).toEqual([]);
    expect(plan.projects.map((p) => p.measure.title)).toEqual(["オンライン手続", "窓口"]);
  });

  it("stop at a heading numbered unlike both levels, and at a project above every heading", async () => {
    const third = await planOf("plan.tsv", tsv([SECTIONED, ["基本方針1 市民"], ["(1)オンライン"], project(1, "A"), ["第1節 窓口"], project(2, "B")]));
    const d = third.diagnostics.find((x) => x.code === "PP225");
    expect(d?.line).toBe(7);
    expect(d?.message).toContain("「第1節 窓口」");
    const before = await planOf("plan.tsv", tsv([SECTIONED, project(1, "A"), ["基本方針1 市民"], ["(1)オンライン"], project(2, "B")]));
    expect(errors(before)).toEqual(["PP226", "PP226"]); // no 基本方針, no 施策 above No.1
    expect(before.diagnostics.find((x) => x.code === "PP226")?.line).toBe(4);
  });

  it("numbered Ⅰ and Ⅰ-1, Ⅱ-1 (a 総合計画's outline) give 基本方針 and 施策: Ⅱ-1 is the shape of Ⅰ-1, not a third level", async () => {
    const plan = await planOf("plan.tsv", tsv([
      SECTIONED,
      ["Ⅰ　市民サービスの向上"], ["Ⅰ-1　オンライン手続"], project(1, "電子申請の拡大"), ["Ⅰ-2　窓口"], project(2, "書かない窓口"),
      ["Ⅱ　行政運営"], ["Ⅱ-1　内部事務"], project(3, "電子決裁"),
    ]));
    // (PP226 "no heading above" at projects under Ⅱ-1, and the levels mixed up)
    expect(errors(plan)).toEqual([]);
    expect(plan.projects.map((p) => `${p.no}:${p.policy}/${p.measure.number}${p.measure.title}`)).toEqual([
      "1:市民サービスの向上/1オンライン手続", "2:市民サービスの向上/2窓口", "3:行政運営/1内部事務"]);
  });

  it("leave page numbers and notes as stray lines, not headings", async () => {
    const plan = await planOf("plan.tsv", tsv([SECTIONED, ["基本方針1 市民"], ["(1)オンライン"], project(1, "A"), ["- 2 -"], ["※ 予算により変わります"], ["（単位：千円）"], project(2, "B")]));
    expect(errors(plan)).toEqual([]);
    expect(plan.diagnostics.filter((d) => d.code === "PP327").map((d) => d.line)).toEqual([7, 8, 9]);
    expect(plan.projects.map((p) => p.policy)).toEqual(["市民", "市民"]);
    // in a plan with every column too: a note in the No column is not a bad No; under the last
    // project it is a footnote of the table, as after a blank row (PP341, info; was PP327, a warning)
    const noted = await planOf("plan.tsv", tsv([HEADER, row(1, "A"), ["※ 再掲の事業は原本の担当課が取りまとめます"]]));
    expect(errors(noted)).toEqual([]);
    expect(noted.diagnostics.find((d) => d.code === "PP341")?.line).toBe(5);
    expect(codes(noted.diagnostics)).not.toContain("PP327");
  });

  it("leave a totals row under a group (小計　2事業) a totals row (PP362), not a heading; it had been read as the 取組 heading of the rows below, those above it refused (PP226)", async () => {
    const header = ["No", "事業名", "担当課", "事業内容", ...YEARS];
    const p = (no: number, name: string) => [String(no), name, "情報政策課", `・${name}を進める。`, "検討", "", "運用"];
    const plan = await planOf("plan.tsv", tsv([header, ["基本方針1 市民"], ["(1)オンライン"], p(1, "A"), p(2, "B"), ["小計　2事業"], ["(2)窓口"], p(3, "C"), ["合計　3事業"]]));
    expect(errors(plan)).toEqual([]);
    expect(plan.projects.map((x) => [x.no, x.policy, x.measure.number, x.initiative])).toEqual([[1, "市民", 1, null], [2, "市民", 1, null], [3, "市民", 2, null]]);
    expect(plan.diagnostics.filter((d) => d.code === "PP362").map((d) => d.line)).toEqual([8, 11]);
  });

  it("of one form and no level column (【基本方針1】… over its projects, 小計 rows) are the plan's one level (PP284); each project had been refused for want of a 施策 heading (PP226)", async () => {
    const header = ["No", "事業名", "担当課", "事業内容", ...YEARS];
    const p = (no: number, name: string) => [String(no), name, "情報政策課", `・${name}を進める。`, "●", "", "●"];
    const plan = await planOf("plan.tsv", tsv([header, ["【基本方針1】市民サービス"], p(1, "A"), p(2, "B"), ["小計", "", "", "", "2", "0", "2"], ["【基本方針2】行政運営"], p(3, "C")]));
    expect(errors(plan)).toEqual([]);
    expect(plan.projects.map((x) => [x.no, x.policy, x.measure, x.initiative])).toEqual([
      [1, "市民サービス", { number: null, title: "" }, null], [2, "市民サービス", { number: null, title: "" }, null], [3, "行政運営", { number: null, title: "" }, null]]);
    expect(plan.policies.map((x) => [x.name, x.measures.length])).toEqual([["市民サービス", 1], ["行政運営", 1]]);
    expect(plan.diagnostics.filter((d) => d.code === "PP284").map((d) => [d.line, d.column])).toEqual([[4, 1]]);
    expect(codes(plan.diagnostics)).not.toContain("PP218");
  });

  it("over rows numbered by a 取組No column and named by a 取組 column (a 行政改革 plan: 取組No | 取組事項 | 所管課) give the one level; the headings in the number's column had left No and names missing (PP204)", async () => {
    const header = ["取組No", "取組事項", "所管課", "取組内容", ...YEARS];
    const p = (no: number, name: string) => [String(no), name, "総務課", `・${name}を進める。`, "検討", "", "運用"];
    const plan = await planOf("plan.tsv", tsv([header, ["推進項目1　行政サービスの向上"], p(1, "窓口"), p(2, "電子申請"), ["推進項目2　効率的な行政運営"], p(3, "RPA")]));
    expect(errors(plan)).toEqual([]);
    expect(plan.projects.map((x) => [x.no, x.name, x.policy])).toEqual([[1, "窓口", "行政サービスの向上"], [2, "電子申請", "行政サービスの向上"], [3, "RPA", "効率的な行政運営"]]);
    expect(codes(plan.diagnostics)).toEqual(expect.arrayContaining(["PP235", "PP246", "PP284"]));
  });

  it("over columns that hold their level already are stray lines (PP327), in a text file or merged across a workbook's row", async () => {
    const plan = await planOf("plan.tsv", tsv([HEADER, ["基本方針1 市民サービス"], row(1, "A"), ["(2)窓口"], row(2, "B")]));
    expect(errors(plan)).toEqual([]);
    expect(plan.diagnostics.filter((d) => d.code === "PP327").map((d) => d.line)).toEqual([4, 6]);
    expect(plan.projects.map((p) => p.no)).toEqual([1, 2]);
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("計画");
    ws.addRow(["テスト市DX計画"]);
    ws.addRow(HEADER);
    const r = ws.addRow(["基本方針1 市民サービス"]);
    ws.mergeCells(r.number, 1, r.number, HEADER.length);
    ws.addRow(row(1, "A"));
    const book = await planOf("plan.xlsx", new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(errors(book)).toEqual([]);
    expect(book.diagnostics.find((d) => d.code === "PP327")?.cell).toBe("A3");
    // a No that is no number beside other cells is still an error at the cell
    const bad = await planOf("plan.tsv", tsv([HEADER, row("1a", "A")]));
    expect(errors(bad)).toContain("PP305");
  });

  it("are not read while the columns are there: a plan with no 基本方針 column and no heading rows stops (PP204)", async () => {
    const plan = await planOf("plan.tsv", tsv([SECTIONED, project(1, "A")]));
    expect(errors(plan)).toContain("PP204");
  });

  it("read from an xlsx whose heading rows are merged across the sheet, through a header repeated on the next page", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("計画");
    ws.addRow(["テスト市DX計画"]);
    ws.addRow([]);
    const heading = (text: string) => { const r = ws.addRow([text]); ws.mergeCells(r.number, 1, r.number, SECTIONED.length); };
    ws.addRow(SECTIONED);
    heading("基本方針1 市民サービス");
    heading("(1)オンライン手続");
    ws.addRow(project(1, "電子申請"));
    ws.addRow([]);
    ws.addRow(SECTIONED); // the header again, on a new page: the headings above still hold
    ws.addRow(project(2, "施設予約"));
    heading("(2)窓口");
    ws.addRow(project(3, "書かない窓口"));
    const plan = await planOf("plan.xlsx", new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(errors(plan)).toEqual([]);
    expect(plan.projects.map((p) => `${p.policy}/${p.measure.title}`)).toEqual(["市民サービス/オンライン手続", "市民サービス/オンライン手続", "市民サービス/窓口"]);
    expect(plan.diagnostics.find((d) => d.code === "PP224")?.cell).toBe("A4");
  });
});

describe("a 基本方針 written with its number", () => {
  it("keeps the title only (the documents number the policies), and warns when the numbers are out of order", async () => {
    const plan = await planOf("plan.tsv", tsv([HEADER,
      row(1, "A", { policy: "基本方針1 市民サービス" }), row(2, "B", { policy: "1 市民サービス", measure: "(2)窓口" }), row(3, "C", { policy: "基本方針3 行政運営" }),
      row(4, "D", { policy: "Web3 活用" })]));
    expect(plan.policies.map((p) => p.name)).toEqual(["市民サービス", "行政運営", "Web3 活用"]);
    const late = plan.diagnostics.filter((d) => d.code === "PP416");
    expect(late.map((d) => [d.line, d.projectNo])).toEqual([[6, 3]]);
    expect(late[0]!.message).toContain("基本方針2");
  });
});

// A 基本方針 written on the line above the header (each sheet of a workbook titled so, or the first
// of a text export's headings) heads the rows below it; a plan's own title stays its title.
describe("a 基本方針 heading above the header", () => {
  const MEASURED = ["No", "施策", "事業名", "担当課", "事業内容", ...YEARS];
  const at = (no: number, name: string, measure = "(1)窓口") => [String(no), measure, name, "情報政策課", "説明", "検討", "", "運用"];
  const text = (rows: string[][]) => rows.map((r) => r.join("\t")).join("\n") + "\n";

  it("in a workbook of one sheet per 基本方針", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    for (const [sheet, title, rows] of [["基本方針1", "基本方針1　市民サービス", [at(1, "電子申請"), at(2, "相談")]], ["基本方針2", "基本方針2　行政運営", [at(3, "RPA", "(1)業務")]]] as const) {
      const ws = wb.addWorksheet(sheet);
      ws.addRow([title]);
      ws.addRow(MEASURED);
      for (const r of rows) ws.addRow(r.map((c, i) => (i === 0 ? Number(c) : c)));
    }
    const plan = await planOf("sheets.xlsx", new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(errors(plan)).toEqual([]);
    expect(plan.projects.map((p) => [p.no, p.policy])).toEqual([[1, "市民サービス"], [2, "市民サービス"], [3, "行政運営"]]);
    expect(plan.diagnostics.filter((d) => d.code === "PP224").map((d) => d.cell)).toEqual(["A1", "A1"]);
  });

  it("numbered in Roman numerals or in brackets (Ⅰ　…, 【基本目標１】…), a legend or a ※ note between it and the header (the sheet's name had stood in: 「基本目標1」)", async () => {
    const ExcelJS = (await import("exceljs")).default;
    for (const [first, second, between] of [["Ⅰ　市民サービス", "Ⅱ　行政運営", []], ["【基本目標１】市民サービス", "【基本目標２】行政運営", []],
      ["基本目標Ⅰ　市民サービス", "基本目標Ⅱ　行政運営", ["※スケジュールは予定です。"]], ["基本目標1　市民サービス", "基本目標2　行政運営", ["凡例", "○：検討", "●：運用"]]] as const) {
      const wb = new ExcelJS.Workbook();
      for (const [sheet, title, rows] of [["工程表(1)", first, [at(1, "電子申請"), at(2, "相談")]], ["工程表(2)", second, [at(3, "RPA", "(1)業務")]]] as const) {
        const ws = wb.addWorksheet(sheet);
        ws.addRow(["第2次〇〇市情報化計画"]);
        ws.addRow([title]);
        if (between.length) ws.addRow([...between]);
        ws.addRow([]);
        ws.addRow(MEASURED);
        for (const r of rows) ws.addRow(r.map((c, i) => (i === 0 ? Number(c) : c)));
      }
      const plan = await planOf("sheets.xlsx", new Uint8Array(await wb.xlsx.writeBuffer()));
      expect(errors(plan), first).toEqual([]);
      expect(plan.plan.title, first).toBe("第2次〇〇市情報化計画");
      expect(plan.projects.map((p) => [p.no, p.policy]), first).toEqual([[1, "市民サービス"], [2, "市民サービス"], [3, "行政運営"]]);
    }
  });

  it("in a workbook whose sheets are named after their 基本方針, with no line above the header", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    for (const [sheet, rows] of [["基本目標1 市民サービス", [at(1, "電子申請")]], ["基本目標2 行政運営", [at(2, "RPA", "(1)業務")]]] as const) {
      const ws = wb.addWorksheet(sheet);
      ws.addRow(MEASURED);
      for (const r of rows) ws.addRow(r.map((c, i) => (i === 0 ? Number(c) : c)));
    }
    const plan = await planOf("named.xlsx", new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(errors(plan)).toEqual([]);
    expect(plan.projects.map((p) => [p.no, p.policy])).toEqual([[1, "市民サービス"], [2, "行政運営"]]);
    // a sheet named otherwise names no 基本方針: a plan of one level, its 施策 the 基本方針 (PP272; it had been PP204)
    const other = new ExcelJS.Workbook();
    other.addWorksheet("計画").addRows([MEASURED, at(1, "電子申請").map((c, i) => (i === 0 ? 1 : c))]);
    const one = await planOf("other.xlsx", new Uint8Array(await other.xlsx.writeBuffer()));
    expect(errors(one)).toEqual([]);
    expect(one.projects.map((p) => [p.no, p.policy, p.measure])).toEqual([[1, "窓口", { number: null, title: "" }]]);
    expect(codes(one.diagnostics)).toContain("PP272");
  });

  it("in a workbook whose sheets are numbered 1 …, 2 … in order (1 市民サービス, 2．行政運営), each a table of the same columns; sheets of other columns are not", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const book = async (sheets: [string, string[], string[][]][]) => {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet("目次").addRows([["目次"], ["1 市民サービス", 3]]);
      for (const [sheet, head, rows] of sheets) wb.addWorksheet(sheet).addRows([head, ...rows.map((r) => r.map((c, i) => (i === 0 ? Number(c) : c)))]);
      return planOf("numbered.xlsx", new Uint8Array(await wb.xlsx.writeBuffer()));
    };
    const plan = await book([["1 市民サービス", MEASURED, [at(1, "電子申請"), at(2, "相談", "(2)相談")]], ["2．行政運営", MEASURED, [at(3, "RPA", "(1)業務")]]]);
    expect(errors(plan)).toEqual([]);
    expect(plan.projects.map((p) => [p.no, p.policy, p.measure?.title])).toEqual([[1, "市民サービス", "窓口"], [2, "市民サービス", "相談"], [3, "行政運営", "業務"]]);
    expect(plan.diagnostics.filter((d) => d.code === "PP224").map((d) => [d.sheet, d.cell])).toEqual([["1 市民サービス", "A1"], ["2．行政運営", "A1"]]);
    // 1 事業一覧 | 2 工程表, of other columns: their names head nothing (the 施策 read as before)
    const list = await book([["1 事業一覧", MEASURED, [at(1, "電子申請")]], ["2 工程表", ["No", "事業名", ...YEARS], [["1", "電子申請", "検討", "", "運用"]]]]);
    expect(list.projects.map((p) => p.policy)).toEqual(["窓口"]);
  });

  it("in a text export whose further headings are rows of the table; a title numbered otherwise stays the title", async () => {
    const above = await planOf("above.tsv", text([["基本方針1　市民サービス"], MEASURED, at(1, "電子申請"), ["基本方針2　行政運営"], at(2, "RPA", "(1)業務")]));
    expect(errors(above)).toEqual([]);
    expect(above.projects.map((p) => p.policy)).toEqual(["市民サービス", "行政運営"]);
    const titled = await planOf("titled.tsv", text([["第2次〇〇市情報化計画"], MEASURED, ["基本方針1　市民サービス"], at(1, "電子申請")]));
    expect(errors(titled)).toEqual([]);
    expect(titled.plan.title).toBe("第2次〇〇市情報化計画");
    expect(titled.projects.map((p) => p.policy)).toEqual(["市民サービス"]);
  });
});
