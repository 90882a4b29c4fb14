// The workbook's words come from templates/workbook/wording.json: staff can rename sheets and
// headers and reorder sheets; a broken wording file is a diagnostic with its place, never a crash.
import { readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { renderWorkbook } from "../../src/render/workbook.js";
import { workbookWording } from "../../src/render/workbook-wording.js";
import { compareWording } from "../../src/render/compare-wording.js";
import { houseStyle } from "../../src/templates/wording.js";
import { ReportedError } from "../../src/errors.js";
import { attempt, makeRenderContext, projectRoot, seedPlan, templatesWith } from "../helpers/context.js";

/** A copy of templates/ whose workbook wording is edited by `edit` (on the JSON text). */
const wordingWith = (edit: (text: string) => string): string => templatesWith("workbook/wording.json", edit);

const workbookWith = (templatesDir: string) => attempt(makeRenderContext({ templatesDir }), (ctx) => renderWorkbook(seedPlan(), ctx));

describe("workbook wording", () => {
  it("renames sheets and headers and follows the listed order", async () => {
    const dir = wordingWith((t) => {
      const w = JSON.parse(t);
      w.sheets.reverse();
      w.sheets.find((s: { kind: string }) => s.kind === "list").name = "全事業";
      w.sheets.find((s: { kind: string }) => s.kind === "list").columns.name = "事業の名称";
      w.sheets.find((s: { kind: string }) => s.kind === "gantt").columns.year = "{{year}}（計画）";
      return JSON.stringify(w);
    });
    const { files } = await workbookWith(dir);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(files![0]!.data));
    expect(wb.worksheets.map((w) => w.name)).toEqual(["体系", "担当課別", "工程表", "全事業"]);
    expect(wb.getWorksheet("全事業")!.getCell(1, 7).value).toBe("事業の名称");
    const gantt = wb.getWorksheet("工程表")!;
    const header = gantt.getRows(1, gantt.rowCount)!.find((r) => r.getCell(2).value === "事業名")!; // below the legend
    expect(header.getCell(5).value).toBe("令和9年度（計画）");
  });

  it("reports a misspelt placeholder with its file, line and key", async () => {
    const { files, diagnostics } = await workbookWith(wordingWith((t) => t.replace('"title": "{{plan}}　工程表"', '"title": "{{plann}}　工程表"')));
    expect(files).toBeNull();
    const d = diagnostics.find((x) => x.code === "PP533")!;
    expect(d.file.endsWith(path.join("workbook", "wording.json"))).toBe(true);
    const lines = readFileSync(path.join(projectRoot, "templates/workbook/wording.json"), "utf8").split("\n");
    expect(d.line).toBe(lines.findIndex((l) => l.includes('"title": "{{plan}}　工程表"')) + 1);
    expect(d.message).toContain("sheets[1].title");
    expect(d.message).toContain("「plann」という値はありません");
  });

  it("reports a house-style helper given the wrong kind of value in the staff's words, at its line (it had been handlebars' English, or NaN in the sheet)", async () => {
    const { files, diagnostics } = await workbookWith(wordingWith((t) => t.replace('"title": "{{plan}}　工程表"', '"title": "{{tally plan \\"事業\\"}}　工程表"')));
    expect(files).toBeNull();
    const d = diagnostics.find((x) => x.code === "PP533")!;
    const lines = readFileSync(path.join(projectRoot, "templates/workbook/wording.json"), "utf8").split("\n");
    expect(d.line).toBe(lines.findIndex((l) => l.includes('"title": "{{plan}}　工程表"')) + 1);
    expect(d.message).toContain('{{tally plan "事業"}} に渡した値');
    expect(d.message).toContain("は数ではありません");
  });

  it("reports unreadable JSON (PP531) and a bad sheet name or missing key (PP532)", async () => {
    expect((await workbookWith(wordingWith((t) => t.replace('"subject"', "subject")))).diagnostics.map((d) => d.code)).toEqual(["PP531"]);
    const badName = await workbookWith(wordingWith((t) => t.replace('"name": "体系"', '"name": "体系[1]"')));
    expect(badName.diagnostics.map((d) => d.code)).toEqual(["PP532"]);
    expect(badName.diagnostics[0]!.message).toContain("体系[1]");
    // History is Excel's own (exceljs had stopped with an internal error, PP901)
    const history = await workbookWith(wordingWith((t) => t.replace('"name": "体系"', '"name": "History"')));
    expect(history.diagnostics.map((d) => d.code)).toEqual(["PP532"]);
    const missing = await workbookWith(wordingWith((t) => t.replace('"legendOther": "上記以外",', "")));
    expect(missing.diagnostics[0]!.message).toContain("legendOther");
    // the diagnostics file's sheet name is checked as the workbook's are
    const badDiagnostics = await workbookWith(wordingWith((t) => t.replace('"name": "診断"', '"name": "診断/警告"')));
    expect(badDiagnostics.diagnostics.map((d) => d.code)).toEqual(["PP532"]);
    expect(badDiagnostics.diagnostics[0]!.message).toContain("diagnostics.name");
  });

  it("checks every text when the file is read, as check reads it: a misspelt value, in {{#if}} too, a helper that is not there, a placeholder of one brace or full-width braces, a broken {{ }} in Japanese (check had passed them; {plan}} and ｛｛plan｝｝ were printed as written)", () => {
    const lines = readFileSync(path.join(projectRoot, "templates/workbook/wording.json"), "utf8").split("\n");
    const line = lines.findIndex((l) => l.includes('"title": "{{plan}}　工程表"')) + 1;
    const read = (title: string) => {
      const ctx = makeRenderContext({ templatesDir: wordingWith((t) => t.replace('"title": "{{plan}}　工程表"', `"title": ${JSON.stringify(title)}`)) });
      expect(() => workbookWording(ctx)).toThrow(ReportedError);
      return ctx.diagnostics.items.map((d) => [d.code, d.line, d.message]);
    };
    const cases: [string, string][] = [
      ["{{plna}}　工程表", "「plna」という値はありません（「plan」ではありませんか）。綴りを確認してください（使える値: {{plan}} {{year}}"],
      ["{{plan}}{{#if smaple}}（見本）{{/if}}", "「smaple」という値はありません"],
      ['{{plan}}　{{tallly 3 "事業"}}', "「tallly」という関数（ヘルパー）はありません（「tally」ではありませんか）"],
      ["{plan}}　工程表", "「{plan}}」は差し込みになりません（そのまま印刷されます）。半角の {{plan}} と書いてください"],
      ["｛｛plan｝｝　工程表", "「｛｛plan｝｝」は差し込みになりません"],
      ["{{plan}　工程表", "{{ }} の書き方に誤りがあります"],
      ["{{#if plan}}{{plan}}　工程表", "{{#if plan}} が閉じられていません（{{/if}} を書いてください）"],
      ["{{> title}}", "部品テンプレート（{{> …}}）は使えません"],
      ["{{＃if plan}}{{plan}}{{/if}}", "「{{＃」の「＃」が全角です。半角の # で「{{#」と書いてください"],
    ];
    for (const [title, said] of cases) expect([title, read(title)]).toEqual([title, [["PP533", line, expect.stringContaining(said)]]]);
    // the package's wording, and braces that name no value ({注}), read clean
    const ctx = makeRenderContext({ templatesDir: wordingWith((t) => t.replace('"title": "{{plan}}　工程表"', '"title": "{{plan}}　工程表{注}"')) });
    expect(workbookWording(ctx).words.sheets[1]).toMatchObject({ title: "{{plan}}　工程表{注}" });
    expect(ctx.diagnostics.items).toEqual([]);
    // the house style (templates/wording.json) is checked with its own values
    const house = makeRenderContext({ templatesDir: templatesWith("wording.json", (t) => t.replace('"{{year}}時点"', '"{{yaer}}時点"')) });
    expect(() => houseStyle(house)).toThrow(ReportedError);
    // told once, however many documents ask for it (check's had told it once a document)
    expect(() => houseStyle(house)).toThrow(ReportedError);
    expect(house.diagnostics.items.map((d) => [d.code, d.line, d.message])).toEqual([["PP533", 3, expect.stringContaining("「yaer」という値はありません（「year」ではありませんか）")]]);
  });

  it("tells a {{…}} in a text printed as written (a column header, a sheet name, legendOther, a kind's name) at its line: these take no values (it had been printed raw)", () => {
    const told = (rel: string, from: string, to: string, read: (ctx: ReturnType<typeof makeRenderContext>) => unknown) => {
      const text = readFileSync(path.join(projectRoot, "templates", rel), "utf8");
      expect(text).toContain(from);
      const ctx = makeRenderContext({ templatesDir: templatesWith(rel, (t) => t.replace(from, to)) });
      expect(() => read(ctx)).toThrow(ReportedError);
      return { line: text.slice(0, text.indexOf(from)).split("\n").length, ds: ctx.diagnostics.items.map((d) => [d.code, d.line, d.message]) };
    };
    const said = "この文言は値を受け取りません（{{…}} は差し込みにならず、書いたとおりに印刷されます）";
    for (const [from, to, key] of [['"legendOther": "上記以外"', '"legendOther": "{{terms}}以外"', "sheets.1.legendOther"],
      ['"name": "事業名", "departments": "担当課",\n        "allDepartments"', '"name": "{{plan}}の事業", "departments": "担当課",\n        "allDepartments"', "sheets.0.columns.name"],
      ['"name": "体系"', '"name": "{{plan}}"', "sheets.3.name"]]) {
      const { line, ds } = told("workbook/wording.json", from!, to!, workbookWording);
      expect([to, ds]).toEqual([to, [["PP532", line, expect.stringContaining(`${key}: ${said}`)]]]);
    }
    const kind = told("compare/wording.json", '"added": "追加"', '"added": "{{new}}を追加"', compareWording);
    expect(kind.ds).toEqual([["PP532", kind.line, expect.stringContaining(`kinds.added: ${said}`)]]);
  });
});
