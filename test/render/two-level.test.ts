// A plan of two levels (no 取組 column) through every document: the booklet leaves the 取組 level
// out of its tables, headings and paths; the workbook drops its 取組 columns and tree rows; the
// gantt and department sheets list every project. Read back from the written files.
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { renderBooklet } from "../../src/render/booklet.js";
import { renderWorkbook } from "../../src/render/workbook.js";
import { makeRenderContext } from "../helpers/context.js";
import { readPdf } from "../helpers/pdf.js";
import { planOf } from "../helpers/plan-fixtures.js";

const TEXT = ["二層町DX計画", "", ...[
  ["No", "基本方針", "施策", "事業名", "担当課", "事業内容", "令和8年度", "令和9年度", "令和10年度"],
  ["1", "くらし", "1-1 オンライン手続", "電子申請の拡大", "総務課", "・申請を電子化する。", "検討", "構築", "運用"],
  ["2", "", "", "キャッシュレス決済", "会計課", "・窓口で使う。", "調査", "導入", ""],
  ["3", "", "1-2 窓口", "書かない窓口", "市民課", "・記入を減らす。", "", "試行", "実施"],
].map((r) => r.join("\t"))].join("\n");

describe("a plan of two levels", () => {
  it("booklet: 施策 rows carry the counts, no 取組 heading or path part", async () => {
    const plan = await planOf("two.tsv", TEXT);
    const [file] = await renderBooklet(plan, makeRenderContext());
    const pdf = await readPdf(file!.data);
    expect(pdf.text).not.toContain("取組");
    const chapter = pdf.pages[2]!.lines;
    expect(chapter).toContain("この基本方針の施策と事業数（計3事業）");
    expect(chapter).toContain("施策(1) オンライン手続 2");
    expect(chapter).toContain("施策(2) 窓口 1");
    expect(chapter).toContain("基本方針1 › 施策(1)"); // the path of No.2 (not first under its heading)
    expect(pdf.outline).toEqual(["基本方針1　くらし", "施策(1) オンライン手続", "No.1 電子申請の拡大", "No.2 キャッシュレス決済", "施策(2) 窓口", "No.3 書かない窓口"]);
  });

  it("workbook: no 取組 columns in 事業一覧, no 取組 rows in 体系", async () => {
    const plan = await planOf("two.tsv", TEXT);
    const [file] = await renderWorkbook(plan, makeRenderContext());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file!.data));
    const list = wb.getWorksheet("事業一覧")!;
    expect((list.getRow(1).values as unknown[]).slice(1, 6)).toEqual(["No", "基本方針", "施策番号", "施策", "事業名"]);
    expect((list.getRow(2).values as unknown[]).slice(1, 6)).toEqual([1, "くらし", 1, "オンライン手続", "電子申請の拡大"]);
    const tree = wb.getWorksheet("体系")!;
    const rows: unknown[][] = [];
    tree.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows.slice(1).map((r) => [String(r[0]).trim(), r[3], r[4] ?? null])).toEqual([
      ["基本方針", 3, null], ["施策", 2, "1, 2"], ["施策", 1, "3"],
    ]);
  });
});
