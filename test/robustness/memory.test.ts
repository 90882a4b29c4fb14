// Malformed and oversized inputs through whole `planpress check` processes: every one ends with
// exit 1 and a diagnostic, never a stack trace, under 500 MB of peak memory and 30 s. The process
// reports its own peak memory (process.resourceUsage().maxRSS) through measured-entry.ts.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { columnLetters } from "../../src/cell-address.js";
import { HEADER, row, tsv } from "../helpers/plan-fixtures.js";
import { bookOf, bookParts, inlineCells, sheetXml, zeroBomb, zipOf } from "../helpers/xlsx-parts.js";
import { planpress, pool } from "./run.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "planpress-memory-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PLAN = tsv([HEADER, row(1, "電子申請の拡大"), row(2, "窓口の改善")]);
const table = inlineCells(PLAN.replace(/\n$/, "").split("\n").map((l) => l.split("\t")));
const bomb = (mb: number) => zipOf(bookParts({ sheets: [{ name: "計画", xml: "" }] }).map((p) =>
  p.name === "xl/worksheets/sheet1.xml" ? { ...p, deflated: zeroBomb(mb), claimedSize: 4096 } : p));

/** A sheet of 1.1 million number cells: within the unpack budget, over the cell limit (500,000). */
function manyCells(): Uint8Array {
  const rows: string[] = [];
  for (let r = 1; r <= 11_000; r++) {
    let cells = "";
    for (let c = 1; c <= 100; c++) cells += `<c r="${columnLetters(c)}${r}"><v>${r}</v></c>`;
    rows.push(`<row r="${r}">${cells}</row>`);
  }
  return bookOf({ sheets: [{ name: "計画", xml: `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join("")}</sheetData></worksheet>` }] });
}

interface Input { name: string; file: string; code: string }

function inputs(): Input[] {
  const out: Input[] = [];
  const put = (name: string, file: string, data: string | Uint8Array, code: string) => {
    const p = path.join(dir, file);
    writeFileSync(p, data);
    out.push({ name, file: p, code });
  };
  // Only inputs that could cost memory or time in a whole process: their readings (and the
  // damaged or re-encoded files that cost neither) are tested in process, in test/ingest.
  put("zip bomb 4.4 MB (4.5 GB inside), lying headers", "bomb4.xlsx", bomb(4.4), "PP106");
  put("stray cell at XFD1048576", "xfd.xlsx", bookOf({ sheets: [{ name: "計画", xml: sheetXml([...table, { ref: "XFD1048576", t: "inlineStr", is: "x" }]) }] }), "PP116");
  put("1.1 million cells", "cells.xlsx", manyCells(), "PP119");
  put("100,000 projects", "many.tsv", tsv([HEADER, ...Array.from({ length: 100_000 }, (_, i) => row(i + 1, `事業${i + 1}`, { desc: "" }))]), "PP129");
  put("8,000 projects", "more.tsv", tsv([HEADER, ...Array.from({ length: 8_000 }, (_, i) => row(i + 1, `事業${i + 1}`, { desc: "" }))]), "PP115");
  const zero = path.join(dir, "zero.tsv");
  symlinkSync("/dev/zero", zero);
  out.push({ name: "/dev/zero", file: zero, code: "PP114" });
  const fifo = path.join(dir, "fifo.tsv");
  execFileSync("mkfifo", [fifo]);
  out.push({ name: "FIFO", file: fifo, code: "PP114" });
  return out;
}

describe("malformed input: bounded memory and time in a whole process", () => {
  it("every case exits 1 with its diagnostic, under 500 MB peak and 30 s", async () => {
    const cases = inputs();
    const results = await pool(cases.map((c) => async () => ({ c, res: await planpress(["check", c.file], { entry: "test/robustness/measured-entry.ts", timeoutMs: 90_000 }) })), 2);
    const measured = results.map(({ c, res }) => {
      const usage = /PLANPRESS_USAGE (\{.*\})/.exec(res.stderr)?.[1];
      return { c, res, u: usage ? JSON.parse(usage) as { maxRssMb: number; cpuMs: number; ms: number } : null };
    });
    console.log(measured.map(({ c, res, u }) => `${c.name}: exit ${res.code}, ${u ? `${Math.round(u.maxRssMb)} MB, ${Math.round(u.cpuMs)} ms CPU, ${Math.round(u.ms)} ms` : "no usage"}`).join("\n"));
    for (const { c, res, u } of measured) {
      expect(res.timedOut, `${c.name}: hung`).toBe(false);
      // A stray cell is read (exit 0 or 1 by what the table holds); the rest are refused.
      if (c.code === "PP116") expect([0, 1], `${c.name}: ${res.stderr.slice(0, 400)}`).toContain(res.code);
      else expect(res.code, `${c.name}: ${res.stderr.slice(0, 400)}`).toBe(1);
      expect(res.stderr, `${c.name}: stack trace`).not.toMatch(/^ {4}at /m);
      expect(res.stdout + res.stderr, c.name).toContain(c.code);
      expect(u, c.name).not.toBeNull();
      expect(u!.maxRssMb, `${c.name}: peak memory`).toBeLessThan(500);
      // 30 s of the process's own CPU time; its wall time is bounded too, more loosely: the test
      // machine is shared (two cores, load ~20 while eight test suites run: wall ≈ 10 × CPU).
      expect(u!.cpuMs, `${c.name}: CPU time`).toBeLessThan(30_000);
      expect(u!.ms, `${c.name}: time`).toBeLessThan(120_000);
    }
  }, 400_000);
});
