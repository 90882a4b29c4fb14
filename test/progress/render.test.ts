// The progress report read back: forms → filled in code → loadReturns → renderProgress → every 実績 in the PDF
// (pdfjs-dist), the xlsx table (exceljs), the 見本 mark on every page of a report from sample
// returns, and nothing produced when a return has an error.
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { columnsWidthPt, rowHeightPt, textWidthEm, wrappedLines } from "../../src/render/xlsx/metrics.js";
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";
import { beforeAll, describe, expect, it } from "vitest";
import type { RenderContext } from "../../src/context.js";
import { hasErrors } from "../../src/diagnostics/bag.js";
import { loadReturns } from "../../src/pipeline.js";
import { renderProgress } from "../../src/render/progress.js";
import { progressWorkbook } from "../../src/render/progress-xlsx.js";
import { progressNodes } from "../../src/render/template-nodes.js";
import type { OutputFile } from "../../src/context.js";
import { cli } from "../helpers/cli.js";
import { makeRenderContext, seedPlan, templatesWith } from "../helpers/context.js";
import { fillForm, makeSampleReturns } from "../helpers/progress-returns.js";
import { seedDocuments } from "../helpers/seed-documents.js";
import { cutWords, textItems } from "../helpers/pdf-positions.js";

async function pageTexts(data: Uint8Array): Promise<string[]> {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(data), useSystemFonts: false }).promise;
  const out: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const tc = await page.getTextContent();
    out.push(tc.items.map((t) => ("str" in t ? t.str : "")).join(""));
  }
  return out;
}

const plan = seedPlan();
const dir = (files: OutputFile[]) => {
  const d = mkdtempSync(path.join(tmpdir(), "pp-progress-"));
  for (const f of files) writeFileSync(path.join(d, f.path), f.data);
  return d;
};
/** What `planpress progress` does after the plan: load the returns, and draw only when they are clean. */
async function progressReport(ctx: RenderContext, inputDir: string): Promise<OutputFile[] | null> {
  const returns = await loadReturns(plan, { year: 2026, inputDir, config: ctx.config, bag: ctx.diagnostics });
  return hasErrors(ctx.diagnostics.items) ? null : renderProgress(plan, returns, 2026, ctx);
}
let report: OutputFile[];
let expected: string[];
let sampleReport: OutputFile[];

beforeAll(async () => {
  const ctx = makeRenderContext();
  const forms = await seedDocuments("forms-2026");
  expected = [];
  const filled: OutputFile[] = [];
  for (const f of forms) {
    const department = f.path.replace(/\.xlsx$/, "");
    filled.push({ path: f.path, data: await fillForm(f.data, (no) => {
      const p = plan.projects.find((x) => x.no === no);
      if (!p?.departments.includes(department)) return null;
      const result = `${department}実績${no}号`;
      expected.push(result);
      // (No.2: a 今後の方向性 written as a list)
      return { status: "予定どおり", result, issues: no === 2 ? "課題あり" : "", ...(no === 2 ? { direction: "・周知を続ける\n・対象を広げる" } : {}) };
    }) });
  }
  report = (await progressReport(ctx, dir(filled)))!;
  sampleReport = (await progressReport(makeRenderContext(), dir(await makeSampleReturns(plan, ctx, 2026))))!;
});

describe("renderProgress", () => {
  it("writes progress-2026.pdf and .xlsx", () => {
    expect(report.map((f) => f.path)).toEqual(["progress-2026.pdf", "progress-2026.xlsx"]);
  });
  it("the PDF holds every reported 実績 and no 見本 mark", async () => {
    const text = (await pageTexts(report[0]!.data)).join("\n");
    expect(expected.length).toBeGreaterThan(50);
    for (const r of expected) expect(text).toContain(r);
    expect(text).toContain("進捗状況の概要");
    expect(text).not.toContain("見本");
  });
  it("the xlsx has one row per report, filterable, with formula status rules", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report[1]!.data as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const results = new Set<string>();
    ws.eachRow((row, n) => { if (n > 2) results.add(String(row.getCell(7).value ?? "")); });
    for (const r of expected) expect(results.has(r)).toBe(true);
    expect(ws.autoFilter).toBeTruthy();
    // the 担当課 column holds every department's name whole on a line (a list breaks between names)
    const perLine = columnsWidthPt([ws.getColumn(5).width!]) / ws.getCell(3, 5).font.size!;
    for (const d of plan.departments) expect(textWidthEm(`${d}、`), d).toBeLessThanOrEqual(perLine * 0.97);
    const { unzipSync, strFromU8 } = await import("fflate");
    const sheet = strFromU8(unzipSync(report[1]!.data)["xl/worksheets/sheet1.xml"]!).replace(/&quot;/g, '"');
    expect(sheet).toMatch(/<conditionalFormatting sqref="F3:F\d+"><cfRule type="expression"/);
    expect(sheet).toMatch(/<cfRule type="expression"[^>]*><formula>\$F3="遅れ"<\/formula>/);
    expect(sheet).not.toMatch(/containsText/);
    const styles = strFromU8(unzipSync(report[1]!.data)["xl/styles.xml"]!);
    expect(styles).toMatch(/<dxfs count="[1-9]\d*"><dxf><fill><patternFill patternType="solid">/);
  });
  it("an entry that is a list starts on the line under its label (its first item had been printed beside 「今後の方向性：」)", async () => {
    const items = (await textItems(report[0]!.data)).flatMap((p) => p.items);
    const labels = items.filter((t) => t.str.startsWith("今後の方向性："));
    expect(labels.length).toBeGreaterThan(0);
    for (const label of labels) {
      expect(label.str).toBe("今後の方向性：");
      const first = items.find((t) => t.str === "・周知を続ける" && Math.abs(t.x - label.x) < 0.5 && t.y < label.y && label.y - t.y < label.size * 2);
      expect(first, "the list's first item on the next line, at the label's left").toBeTruthy();
    }
  });
  it("groups the reports by project: No, name and plan once, one line per department in the plan's order of the project's departments", async () => {
    const stream = (await textItems(report[0]!.data)).map((p) => p.stream).join("");
    const names = plan.projects.map((p) => p.name.replace(/\s+/g, ""));
    // (a 再掲 shares its original's name: those are left out of the count)
    const reported = plan.projects.filter((p) => p.departments.length > 1 && names.filter((n) => n.includes(p.name.replace(/\s+/g, ""))).length === 1);
    expect(reported.length).toBeGreaterThan(3);
    for (const p of reported) {
      const name = p.name.replace(/\s+/g, "");
      expect(stream.split(`${p.no}${name}`).length - 1, `No.${p.no} printed once`).toBe(1);
      const at = p.departments.map((d) => stream.indexOf(`${d}実績${p.no}号`));
      expect(at.every((x) => x >= 0), `No.${p.no}`).toBe(true);
      expect(at, `No.${p.no} in the order ${p.departments.join("、")}`).toEqual([...at].sort((a, b) => a - b));
    }
  });
  it("never cuts a department name across lines, and no policy page holds only a few rows", async () => {
    const pages = await textItems(sampleReport[0]!.data);
    expect(cutWords(pages, [...plan.departments, "各課"])).toEqual([]);
    // policies follow each other: pages but the last are more than half full (their lowest text)
    const body = pages.slice(2, -1).map((p) => Math.min(...p.items.filter((i) => i.y > 60).map((i) => i.y)));
    for (const [k, lowest] of body.entries()) expect(lowest, `page ${k + 3}`).toBeLessThan(pages[0]!.height / 2);
  });
  it("keeps a project's reports in one row where the page holds them: its No once on a page", async () => {
    const left = makeRenderContext().theme.pages.progress.margins[0];
    for (const [i, page] of (await textItems(sampleReport[0]!.data)).entries()) {
      // the No column (22 pt): a No repeated there is a project cut into rows on one page
      const nos = page.items.filter((t) => /^\d+$/.test(t.str) && t.x < left + 22).map((t) => t.str);
      expect(nos.filter((n, k) => nos.indexOf(n) !== k), `page ${i + 1}`).toEqual([]);
    }
  });

  it("every department reporting every 各課 project: a project's lines continued on the same page are one row (its No and name once a page, grey at the top of the next), and the pages are filled (parts of 0.7 page had left a third of most pages blank)", async () => {
    const forms = await seedDocuments("forms-2026");
    const filled: OutputFile[] = [];
    for (const f of forms) filled.push({ path: f.path, data: await fillForm(f.data, (no) => ({ status: "予定どおり", result: `${f.path.replace(/\.xlsx$/, "")}の実績${no}号` })) });
    const files = (await progressReport(makeRenderContext(), dir(filled)))!;
    const pages = await textItems(files[0]!.data);
    const left = makeRenderContext().theme.pages.progress.margins[0];
    const shared = plan.projects.filter((p) => p.allDepartments);
    for (const [i, page] of pages.entries()) {
      const nos = page.items.filter((t) => /^\d+$/.test(t.str) && t.x < left + 22).map((t) => t.str);
      expect(nos.filter((n, k) => nos.indexOf(n) !== k), `page ${i + 1}`).toEqual([]);
    }
    // the lines of a project continued on a page: its No and name there, at the top
    const first = shared[0]!;
    const holding = pages.filter((p) => p.stream.includes(`の実績${first.no}号`));
    expect(holding.length).toBeGreaterThan(1);
    for (const p of holding) expect(p.stream).toContain(`${first.no}${first.name.replace(/\s+/g, "")}`);
    // how far down each page's text reaches: the pages of projects (all but the summary's two and
    // the last) filled to 0.8 of the page on the mean (0.66 with parts of 0.7 page)
    const reach = pages.slice(2, -1).map((p) => (p.height - Math.min(...p.items.filter((t) => t.y > 60).map((t) => t.y))) / p.height);
    expect(reach.reduce((a, b) => a + b, 0) / reach.length).toBeGreaterThan(0.76);
  }, 120_000);
  it("the summary counts each policy's projects in its label, and its table stays inside the text area", async () => {
    // departments of one project reporting different statuses: the project is in each bar
    const ctx = makeRenderContext();
    const filled: OutputFile[] = [];
    for (const [i, f] of (await seedDocuments("forms-2026")).entries()) {
      filled.push({ path: f.path, data: await fillForm(f.data, () => ({ status: i % 2 ? "完了" : "遅れ", result: "x", issues: "" })) });
    }
    const files = (await progressReport(ctx, dir(filled)))!;
    const [summary] = (await textItems(files[0]!.data)).filter((p) => p.stream.includes("進捗状況の概要"));
    const first = plan.projects.filter((p) => p.policy === plan.projects[0]!.policy).length;
    // it had said the sum of the bars (「24事業」 of 16)
    expect(summary!.stream).toContain(`${plan.projects[0]!.policy}（${first}事業）`);
    const right = summary!.width - ctx.theme.pages.progress!.margins[2];
    const heads = summary!.items.filter((t) => t.str === "未報告");
    expect(heads.length).toBeGreaterThan(0);
    // the 未報告 column of the count table had run 14 mm into the right margin
    for (const h of heads) expect(h.x + h.width).toBeLessThan(right);
  });

  it("a table whose widths add up to more than the page is a warning at its template line (PP534), the report still written", async () => {
    const ctx = makeRenderContext({ templatesDir: templatesWith("progress/summary.hbs", (t) => t.replace("{{#each statuses}}40, {{/each}} 40]", "{{#each statuses}}64, {{/each}} 64]")) });
    const files = await renderProgress(plan, await loadReturns(plan, { year: 2026, inputDir: dir(await makeSampleReturns(plan, ctx, 2026)), config: ctx.config, bag: ctx.diagnostics }), 2026, ctx);
    expect(files.map((f) => f.path)).toEqual(["progress-2026.pdf", "progress-2026.xlsx"]);
    const d = ctx.diagnostics.items.filter((x) => x.code === "PP534");
    expect(d.map((x) => [x.severity, x.file.endsWith("summary.hbs"), x.line])).toEqual([["warning", true, 20]]);
    expect(d[0]!.message).toContain("本文の幅 483 pt を超えています");
    // widths that leave a "*" column narrow: its phrases kept no wider than it, so the table fits
    // (pdfmake had widened the column to its widest phrase, and the table ran into the margin)
    const narrow = makeRenderContext({ templatesDir: templatesWith("progress/summary.hbs", (t) => t.replace("{{#each statuses}}40, {{/each}} 40]", "{{#each statuses}}54, {{/each}} 54]")) });
    const report = await renderProgress(plan, await loadReturns(plan, { year: 2026, inputDir: dir(await makeSampleReturns(plan, narrow, 2026)), config: narrow.config, bag: narrow.diagnostics }), 2026, narrow);
    expect(narrow.diagnostics.items.map((x) => x.code)).not.toContain("PP534");
    const [summary] = (await textItems(report[0]!.data)).filter((p) => p.stream.includes("進捗状況の概要"));
    const right = summary!.width - narrow.theme.pages.progress!.margins[2];
    for (const h of summary!.items.filter((t) => t.str === "未報告")) expect(h.x + h.width).toBeLessThan(right);
  });

  it("a co-department whose form never came back is PP625 with its Nos, and printed 未報告 under each of its projects", async () => {
    const ctx = makeRenderContext();
    // the department of a shared project with the fewest projects
    const count = (d: string) => plan.projects.filter((p) => p.departments.includes(d)).length;
    const shared = plan.projects.find((p) => p.departments.length > 1 && !p.allDepartments && p.departments.some((d) => count(d) <= 8))!;
    const absent = shared.departments.find((d) => count(d) <= 8)!;
    const filled: OutputFile[] = [];
    for (const f of await seedDocuments("forms-2026")) {
      const department = f.path.replace(/\.xlsx$/, "");
      if (department === absent) continue;
      filled.push({ path: f.path, data: await fillForm(f.data, (no) => (plan.projects.find((x) => x.no === no)?.departments.includes(department) ? { status: "予定どおり", result: "済" } : null)) });
    }
    const files = (await progressReport(ctx, dir(filled)))!;
    const told = ctx.diagnostics.items.filter((d) => d.code === "PP625");
    const own = plan.projects.filter((p) => p.departments.includes(absent)).map((p) => `No.${p.no}`).join("、");
    expect(told.map((d) => [d.severity, d.message])).toEqual([["warning", `${absent} から令和8年度の報告が返っていません（担当事業 ${own}）。報告書では、この課の欄は「未報告」です。`]]);
    // it had vanished from the printed report: now a line of its own under the shared project
    const pages = await textItems(files[0]!.data);
    const page = pages.find((p) => p.stream.includes(`${shared.no}${shared.name.replace(/\s/g, "")}`))!;
    expect(page.stream).toContain(`${absent}未報告`);
    // and in the xlsx, a row of its own (there it had vanished still: a filter on 未報告 missed it)
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(files[1]!.data as unknown as ArrayBuffer);
    const rows: string[][] = [];
    wb.worksheets[0]!.eachRow((row, n) => { if (n > 2 && row.getCell(1).value === shared.no) rows.push([String(row.getCell(5).value), String(row.getCell(6).value)]); });
    expect(rows).toContainEqual([absent, "未報告"]);
    expect(rows.filter((r) => r[1] !== "未報告").map((r) => r[0])).toEqual(shared.departments.filter((d) => d !== absent));
  });

  it("the running head names the 基本方針 at the top of each page, then those starting on it (not only one starting halfway down)", async () => {
    const policies = [...new Set(plan.projects.map((p) => p.policy))];
    const pages = await textItems(report[0]!.data);
    let last = "";
    let both = 0;
    pages.forEach((page, k) => {
      const byY = [...page.items].sort((a, b) => b.y - a.y || a.x - b.x);
      const headY = byY[0]!.y;
      const head = byY.filter((i) => Math.abs(i.y - headY) < 2 && i.x > page.width / 2).map((i) => i.str).join("");
      const headings = byY.filter((i) => i.size >= 16 && policies.includes(i.str)).map((i) => i.str);
      const body = byY.filter((i) => i.y < headY - 10 && i.y > 60);
      const startsWithHeading = headings.length > 0 && body[0]?.str === headings[0];
      const expected = [...(last && !startsWithHeading ? [last] : []), ...headings];
      if (headings.length) last = headings.at(-1)!;
      if (!head || !expected.length || !policies.includes(expected[0]!)) return; // the cover and the summary
      const want = expected.length <= 2 ? expected.join("／") : `${expected[0]}～${expected.at(-1)}`;
      // (a head too long for its place ends in …)
      expect(want.startsWith(head.replace(/…$/, "")), `page ${k + 1}: ${head} / ${want}`).toBe(true);
      if (expected.length > 1) both++;
    });
    // the seed's report starts a 基本方針 halfway down a page at least once
    expect(both).toBeGreaterThan(0);
  });

  it("a report from sample returns carries 見本 on every page", async () => {
    const pages = await pageTexts(sampleReport[0]!.data);
    expect(pages.length).toBeGreaterThan(3);
    pages.forEach((t, i) => expect(t, `page ${i + 1}`).toContain("見本"));
    pages.forEach((t, i) => expect(t, `page ${i + 1}`).toContain("架空のデータによる見本です"));
  });
  it("an invalid return: every problem reported, the row left out, nothing drawn", async () => {
    const ctx = makeRenderContext();
    const d = dir([{ path: "bad.csv", data: new TextEncoder().encode("No,年度,進捗区分,実績,課題,今後の方向性,担当課\n10,R8,でたらめ,x,,,財政課\n99,R8,完了,y,,,財政課\n11,R8,完了,研修😀,,,財政課\n") }]);
    const returns = await loadReturns(plan, { year: 2026, inputDir: d, config: ctx.config, bag: ctx.diagnostics });
    // PP110: how the CSV was decoded (UTF-8), then its two problems.
    // (and PP625 for each department of the plan with no return: none came back here)
    expect(ctx.diagnostics.items.map((x) => x.code).filter((c) => c !== "PP625")).toEqual(["PP110", "PP606", "PP603"]);
    expect(returns.current.map((x) => x.no)).toEqual([11]);
    // the command: exit 1, nothing drawn or written
    const out = path.join(d, "out");
    const r = await cli("progress", "--year", "R8", "--input", d, "data/plan.tsv", "-o", out);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/PP606[\s\S]*PP603|PP603[\s\S]*PP606/);
    // the entries checked against the report's font as the plan is (an emoji had printed as a box unsaid)
    expect(r.stderr).toMatch(/bad\.csv:4:4 +warning +PP351 +フォント .* にない文字「😀」/);
    expect(existsSync(out)).toBe(false);
  });
  it("progress xlsx: a 1,500-character 実績 widens its column so the row stays within Excel's 409 pt (taller, Excel had cut it)", async () => {
    const long = `${"市民の利便性を高めるため、手続を順に見直しました。".repeat(60)}記述の終わり`;
    const d = dir([{ path: "long.csv", data: new TextEncoder().encode(`No,年度,進捗区分,実績,課題,今後の方向性,担当課\n10,R8,予定どおり,"${long}",,,財政課\n`) }]);
    const files = await progressReport(makeRenderContext(), d);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(files![1]!.data as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    let row = 3;
    while (ws.getCell(row, 7).text !== long) row++;
    const size = ws.getCell(row, 7).font.size!;
    expect(ws.getRow(row).height).toBeLessThanOrEqual(409);
    expect(ws.getRow(row).height).toBeGreaterThanOrEqual(rowHeightPt(wrappedLines(long, columnsWidthPt([ws.getColumn(7).width!]), size), size));
    expect(ws.getColumn(7).width).toBeGreaterThan(44);
    expect(ws.getColumn(8).width).toBe(30);
  });

  it("progress xlsx: an entry of more lines of its own than Excel's tallest row holds is PP537 at its cell (Excel had cut it unsaid)", async () => {
    const ctx = makeRenderContext();
    const lines = Array.from({ length: 60 }, (_, i) => `${i + 1}. 説明会を開催した`).join("\n");
    const d = dir([{ path: "tall.csv", data: new TextEncoder().encode(`No,年度,進捗区分,実績,課題,今後の方向性,担当課\n10,R8,予定どおり,短い実績,"${lines}",,財政課\n`) }]);
    const returns = await loadReturns(plan, { year: 2026, inputDir: d, config: ctx.config, bag: ctx.diagnostics });
    const { view, wording } = progressNodes(plan, returns, 2026, ctx);
    const xlsx = await progressWorkbook(view, wording, ctx);
    const told = ctx.diagnostics.items.filter((x) => x.code === "PP537");
    expect(told.map((x) => [x.severity, path.basename(x.file), x.line, x.column])).toEqual([["warning", "tall.csv", 2, 5]]);
    expect(told[0]!.message).toBe("No.10 の課題は progress-2026.xlsx のセルで 60 行になり、Excel の行の高さの上限（409 pt、42 行）を超えます。Excel では 42 行目までしか表示・印刷されません（PDF には全文を載せます）。");
    // the cell holds the text whole
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    const texts: string[] = [];
    wb.worksheets[0]!.eachRow((r) => { texts.push(r.getCell(8).text); });
    expect(texts).toContain(lines);
  });
  it("prints a 実績 taller than a page whole, across pages (pdfmake drops a row kept whole that does not fit)", async () => {
    const ctx = makeRenderContext();
    // (a line break after each sentence, as a department writes one a line)
    const long = `${"年度の取組を詳しく記述しました。\n".repeat(100)}記述の終わり`;
    const d = dir([{ path: "long.csv", data: new TextEncoder().encode(`No,年度,進捗区分,実績,課題,今後の方向性,担当課\n10,R8,予定どおり,"${long}",,,財政課\n11,R8,予定どおり,短い実績,,,財政課\n`) }]);
    const files = await progressReport(ctx, d);
    const pages = await pageTexts(files![0]!.data);
    const text = pages.join("");
    expect(text).toContain("記述の終わり");
    expect(text).toContain("短い実績");
    // every sentence but those a page break cuts (the running head comes between their halves)
    const spread = pages.filter((p) => p.includes("年度の取組を詳しく")).length;
    expect(spread).toBeGreaterThan(1);
    // cut after its sentences into rows of their own: none is broken, and each page says whose text it
    // is — the project's No and name (grey) and 財政課（続き） (they had been blank after the first page)
    expect(text.split("年度の取組を詳しく記述しました。").length - 1).toBe(100);
    const name = plan.projects.find((p) => p.no === 10)!.name.replace(/\s/g, "");
    const holding = pages.filter((p) => p.includes("年度の取組を詳しく"));
    holding.forEach((p, i) => {
      expect(p.replace(/\s/g, ""), `page ${i + 1} of the report`).toContain(name);
      if (i > 0) expect(p, `page ${i + 1} of the report`).toContain("財政課（続き）");
    });
    // each piece starts on its first line, level with 財政課（続き） (the line break after the sentence
    // it was cut after had opened it with a blank line)
    const continued = (await textItems(files![0]!.data)).filter((p) => p.items.some((i) => i.str.includes("財政課（続き）")));
    expect(continued.length).toBeGreaterThan(0);
    for (const p of continued) {
      const label = p.items.find((i) => i.str.includes("財政課（続き）"))!;
      const top = Math.max(...p.items.filter((i) => i.str.includes("年度の取組")).map((i) => i.y));
      expect(Math.abs(top - label.y)).toBeLessThan(3);
    }
  });
  it("a report of 3,000-character entries in wrapped paragraphs fills its pages, every paragraph printed in order (a line had been counted for every wrapped paragraph: a third of most pages blank)", async () => {
    const sentence = "市民の利便性を高めるため、窓口手続の電子化と業務の見直しを順に進めました。";
    const entry = (no: number) => Array.from({ length: 34 }, (_, k) => `${k + 1}. ${sentence.repeat(2)}（No.${no} 段落${k + 1}）`).join("\n");
    expect(entry(1).length).toBeGreaterThan(3000);
    const nos = [1, 2];
    const csv = ["No,年度,進捗区分,実績,課題,今後の方向性,担当課", ...nos.map((no) => `${no},R8,予定どおり,"${entry(no)}",,,情報政策課`)].join("\n");
    const files = await progressReport(makeRenderContext(), dir([{ path: "long.csv", data: new TextEncoder().encode(`${csv}\n`) }]));
    const pages = await textItems(files![0]!.data);
    // every paragraph, in order, none dropped
    const stream = pages.map((p) => p.stream).join("");
    let at = 0;
    for (const no of nos) {
      for (let k = 1; k <= 34; k++) {
        const next = stream.indexOf(`（No.${no}段落${k}）`, at);
        expect(next, `No.${no} 段落${k}`).toBeGreaterThan(at);
        at = next;
      }
    }
    // a page holding a piece of an entry with more of it on the next page is filled: its text reaches
    // past 0.8 of the page (0.68 had been most pages' reach)
    const reach = (p: (typeof pages)[number]) => (p.height - Math.min(...p.items.filter((t) => t.y > 60).map((t) => t.y))) / p.height;
    for (const no of nos) {
      const holding = pages.filter((p) => p.stream.includes(`（No.${no}段落`));
      expect(holding.length).toBeGreaterThan(1);
      for (const p of holding.slice(0, -1)) expect(reach(p), `No.${no}`).toBeGreaterThan(0.8);
    }
  });
  it("PP613 a folder without returns", async () => {
    const ctx = makeRenderContext();
    expect(await progressReport(ctx, dir([]))).toBeNull();
    expect(ctx.diagnostics.items.map((x) => x.code)).toEqual(["PP613"]);
  });
});
