// Several years: earlier returns (--history, or in the same folder) give each project a trend.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
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
    expect(text).toMatch(/令和8年度予定どおり→令和9年度遅れ/);
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
