// A plan of one level (基本目標 › 事業: no 施策, no 取組 column) through the documents: the booklet
// has no 施策 table, heading or path part; the 工程表 no empty 施策 group row; the workbook no 施策
// columns or tree rows, and reads back as the same plan. Read back from the written files.
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { renderBooklet } from "../../src/render/booklet.js";
import { renderGantt } from "../../src/render/gantt.js";
import { renderWorkbook } from "../../src/render/workbook.js";
import { makeRenderContext } from "../helpers/context.js";
import { readPdf } from "../helpers/pdf.js";
import { filledRects } from "../helpers/pdf-fills.js";
import { planOf } from "../helpers/plan-fixtures.js";

const TEXT = ["一層町DX計画", "", ...[
  ["No", "基本目標", "事業名", "担当課", "事業内容", "令和8年度", "令和9年度", "令和10年度"],
  ["1", "1 くらし", "電子申請の拡大", "総務課", "・申請を電子化する。", "検討", "構築", "運用"],
  ["2", "", "キャッシュレス決済", "会計課", "・窓口で使う。", "調査", "導入", ""],
  ["3", "2 行政", "人材育成", "人事課", "・研修する。", "", "試行", "実施"],
].map((r) => r.join("\t"))].join("\n");

describe("a plan of one level", () => {
  it("booklet: the chapter carries the count, no 施策 table, heading or path part", async () => {
    const plan = await planOf("one.tsv", TEXT);
    const [file] = await renderBooklet(plan, makeRenderContext());
    const pdf = await readPdf(file!.data);
    expect(pdf.text).not.toContain("施策");
    const chapter = pdf.pages[2]!.lines;
    expect(chapter).toContain("この基本方針の事業数（計2事業）");
    expect(chapter).toContain("基本方針1"); // the path of No.2 (not first under its heading)
    expect(pdf.outline).toEqual(["基本方針1　くらし", "No.1 電子申請の拡大", "No.2 キャッシュレス決済", "基本方針2　行政", "No.3 人材育成"]);
  }, 60_000);

  it("工程表: each 基本方針's group row is followed by its projects, no empty group row", async () => {
    const plan = await planOf("one.tsv", TEXT);
    const ctx = makeRenderContext();
    const [file] = await renderGantt(plan, ctx);
    const lines = (await readPdf(file!.data)).pages[0]!.lines;
    expect(lines.slice(lines.indexOf("くらし"), lines.indexOf("行政") + 1)).toEqual(["くらし", "1 総務課 ", "電子申請の拡大 ", "検討 構築 運用", "2 会計課 ", "キャッシュレス決済 ", "調査 導入", "行政"]);
    // the two 基本方針 rows, and no 施策 row (filled as zebra): an empty one had stood under each
    expect((await filledRects(file!.data, ctx.theme.colours.groupFill))[0]).toHaveLength(2);
    expect((await filledRects(file!.data, ctx.theme.colours.zebra))[0]).toHaveLength(0);
  }, 60_000);

  it("workbook: no 施策 or 取組 columns in 事業一覧, the 基本方針 rows of 体系 list the projects", async () => {
    const plan = await planOf("one.tsv", TEXT);
    const [file] = await renderWorkbook(plan, makeRenderContext());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file!.data));
    const list = wb.getWorksheet("事業一覧")!;
    expect((list.getRow(1).values as unknown[]).slice(1, 5)).toEqual(["No", "基本方針", "事業名", "担当課"]);
    expect((list.getRow(2).values as unknown[]).slice(1, 4)).toEqual([1, "くらし", "電子申請の拡大"]);
    const tree = wb.getWorksheet("体系")!;
    const rows: unknown[][] = [];
    tree.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows.slice(1).map((r) => [String(r[0]).trim(), r[3], r[4] ?? null])).toEqual([["基本方針", 2, "1, 2"], ["基本方針", 1, "3"]]);
    // read back, the workbook is the same plan
    const again = await planOf("plan.xlsx", new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(again.projects.map((p) => [p.no, p.policy, p.measure, p.initiative])).toEqual(plan.projects.map((p) => [p.no, p.policy, p.measure, p.initiative]));
    expect(again.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  }, 60_000);
});
