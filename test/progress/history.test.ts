// Several years: earlier returns (--history, or in the same folder) give each project a trend.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../helpers/cli.js";
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";

const HEADER = "No,年度,進捗区分,実績,課題,今後の方向性,担当課";

describe("progress over several years", () => {
  it("shows 令和8年度 予定どおり → 令和9年度 遅れ for a project reported in both years", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "planpress-history-"));
    const [now, before, out] = ["2027", "2026", "out"].map((d) => path.join(dir, d));
    mkdirSync(now!); mkdirSync(before!);
    writeFileSync(path.join(before!, "会計課.csv"), `${HEADER}\n25,2026,予定どおり,仕様を検討した,,,会計課\n`);
    writeFileSync(path.join(now!, "会計課.csv"), `${HEADER}\n25,令和9年度,遅れ,調達が遅れた,人手不足,次年度に調達,会計課\n`);
    const r = await cli("progress", "--year", "2027", "--input", now!, "--history", before!, "data/plan.tsv", "-o", out!);
    expect(r.code, r.stderr).toBe(0);
    // Text in content-stream order: a table cell's wrapped lines stay together.
    const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(path.join(out!, "progress-2027.pdf"))), verbosity: 0 }).promise;
    let text = "";
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent();
      text += content.items.map((it) => ("str" in it ? it.str : "")).join("");
    }
    text = text.replace(/\s+/g, "");
    expect(text).toContain("調達が遅れた");
    // under the department, its own statuses a line a year (the project's had mixed every department's)
    expect(text).toMatch(/会計課遅れ推移：令和8年度予定どおり令和9年度遅れ/);
  });
});

describe("each department's own 推移", () => {
  it("a row shows its department's statuses over the years, not every department's (市民活動推進課 had shown 予定どおり・未着手・中止・休止)", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const dir = mkdtempSync(path.join(os.tmpdir(), "planpress-history-"));
    const [now, before, out] = ["2027", "2026", "out"].map((d) => path.join(dir, d));
    mkdirSync(now!); mkdirSync(before!);
    writeFileSync(path.join(before!, "r.csv"), `${HEADER}\n25,2026,中止・休止,止めた,,,会計課\n25,2026,未着手,まだ,,,総務課\n`);
    writeFileSync(path.join(now!, "r.csv"), `${HEADER}\n25,2027,予定どおり,再開した,,,会計課\n25,2027,予定どおり,始めた,,,総務課\n`);
    const r = await cli("progress", "--year", "2027", "--input", now!, "--history", before!, "data/plan.tsv", "-o", out!);
    expect(r.code, r.stderr).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out!, "progress-2027.xlsx"));
    const rows: string[][] = [];
    wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ""))));
    const head = rows[1]!;
    const [dept, trend] = [head.indexOf("担当課"), head.findIndex((h) => h.includes("推移"))];
    const of = (d: string) => rows.find((row) => row[0] === "25" && row[dept] === d)![trend];
    expect(of("会計課")).toBe("令和8年度 中止・休止 → 令和9年度 予定どおり");
    expect(of("総務課")).toBe("令和8年度 未着手 → 令和9年度 予定どおり");
  });
});

describe("the folder of returns", () => {
  it("that does not exist is PP618 naming it, exit 1, nothing written", async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), "planpress-noreturns-"));
    const r = await cli("progress", "--year", "R8", "--input", "/nonexistent/返送", "data/plan.tsv", "-o", out);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("PP618");
    expect(r.stderr).toContain("/nonexistent/返送");
  });
});

describe("returns of another year in the folder of this year's returns", () => {
  it("last year's forms given for 令和9年度 are PP605 naming each form, exit 1, no report (not silent history)", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "planpress-lastyear-"));
    const out = path.join(dir, "out");
    const r = await cli("progress", "--year", "R9", "--input", "data/progress", "data/plan.tsv", "-o", out);
    expect(r.code, r.stderr).toBe(1);
    const wrong = r.stderr.split("\n").filter((l) => l.includes("PP605"));
    // one message per form (its year is one cell of its metadata), naming the form
    expect(wrong.length).toBeGreaterThan(20);
    expect(wrong.every((l) => /data\/progress\/.+\.xlsx/.test(l))).toBe(true);
    // at the form's title, which shows the year (the metadata sheet had been named: hidden from staff)
    expect(wrong.every((l) => /\.xlsx#進捗報告!A1\s/.test(l)), wrong[0]).toBe(true);
    expect(new Set(wrong.map((l) => l.split(/\s/)[0])).size).toBe(wrong.length);
    expect(r.stderr).toContain("令和8年度");
    expect(existsSync(path.join(out, "progress-2027.pdf"))).toBe(false);
  }, 120_000);

  it("the same year's row in a CSV of the folder is read; an earlier year's row there is PP605 at its cell", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "planpress-mixed-"));
    const now = path.join(dir, "now");
    mkdirSync(now);
    writeFileSync(path.join(now, "会計課.csv"), `${HEADER}\n25,2026,予定どおり,仕様を検討した,,,会計課\n25,2027,遅れ,調達が遅れた,,,会計課\n`);
    const r = await cli("progress", "--year", "2027", "--input", now, "data/plan.tsv", "-o", path.join(dir, "out"));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/会計課\.csv:2:\d+\s+error\s+PP605/);
    expect(r.stderr).not.toMatch(/会計課\.csv:3:\d+\s+error\s+PP605/);
  }, 60_000);
});

describe("a 進捗区分 the config adds", () => {
  it("without a style in the theme is told once (PP553), the report still written", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "planpress-status-"));
    const now = path.join(dir, "now");
    mkdirSync(now);
    writeFileSync(path.join(now, "会計課.csv"), `${HEADER}\n25,2026,一部完了,仕様を検討した,,,会計課\n`);
    const config = path.join(dir, "c.json");
    writeFileSync(config, JSON.stringify({ progressStatuses: ["完了", "一部完了", "予定どおり", "前倒し", "遅れ", "未着手", "中止・休止"] }));
    const r = await cli("progress", "--year", "2026", "--input", now, "data/plan.tsv", "-o", path.join(dir, "out"), "--config", config);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.match(/PP553/g)).toHaveLength(1);
    expect(r.stderr).toContain("進捗区分「一部完了」の色と模様がテーマの statuses にないため");
    expect(existsSync(path.join(dir, "out", "progress-2026.pdf"))).toBe(true);
  }, 60_000);
});
