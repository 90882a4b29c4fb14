// planpress compare from the command line: --json prints the change list and writes nothing,
// OLD and NEW may be a TSV and an xlsx, the mapping comes from --map or the config, mistakes in
// it and in the inputs are diagnostics with exit 1, and the documents are written with -o.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ChangeList } from "../../src/compare/schema.js";
import { Diagnostic } from "../../src/diagnostics/schema.js";
import { cli } from "../helpers/cli.js";
import { COLUMNS, seedRevision } from "../helpers/tsv-revision.js";

const { YEARS } = COLUMNS;

const tmp = () => mkdtempSync(path.join(os.tmpdir(), "planpress-compare-"));
const seedText = readFileSync("data/plan.tsv", "utf8");
const revision = seedRevision(seedText);
const revisedFile = (() => { const f = path.join(tmp(), "revised.tsv"); writeFileSync(f, revision.text); return f; })();
const kinds = (list: ChangeList) => list.changes.map((c) => [c.kind, c.oldNo, c.newNo]);

/**
 * The seed's table written as a workbook by exceljs, as the plan document's own spreadsheet has
 * it: the same cells (numbers where the TSV has digits only), and each phase a merged range over
 * its years (a TSV export loses the merges: there a phase runs until the next one).
 */
async function seedAsXlsx(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("計画");
  const years = [YEARS, YEARS + 4]; // the five fiscal-year columns of every block's data
  for (const line of seedText.replace(/\n$/, "").split("\n")) {
    const cells = line.split("\t");
    const row = ws.addRow(cells.map((v) => (/^\d+$/.test(v) ? Number(v) : v)));
    if (!/^\d+$/.test(cells[0] ?? "") || cells.length <= YEARS) continue;
    for (let i = years[0]!; i <= years[1]!; i++) {
      if (!cells[i]) continue;
      let j = i + 1;
      while (j <= years[1]! && !cells[j]) j++;
      if (j - 1 > i) ws.mergeCells(row.number, i + 1, row.number, j);
    }
  }
  const file = path.join(tmp(), "plan.xlsx");
  await wb.xlsx.writeFile(file);
  return file;
}

describe("planpress compare", () => {
  it("--json prints the change list (the contract's shape) and writes nothing", async () => {
    const out = path.join(tmp(), "out");
    const r = await cli("compare", "data/plan.tsv", revisedFile, "--json", "-o", out);
    expect(r.code).toBe(0);
    const list = ChangeList.parse(JSON.parse(r.stdout));
    // the diagnostics are in the list, sorted as check --json prints them, and not again on
    // stderr as text (they had been printed twice)
    expect(r.stderr).toBe("");
    const checked = z.array(Diagnostic).parse(JSON.parse((await cli("check", "data/plan.tsv", "--json")).stdout));
    expect(list.diagnostics.filter((d) => d.file === "data/plan.tsv")).toEqual(checked);
    expect(kinds(list)).toEqual(revision.expected);
    expect(list.planChanges.map((c) => c.aspect)).toEqual(revision.planAspects);
    expect(list.old.projects).toBe(56);
    expect(list.pairs).toHaveLength(55);
    expect(list.pairs).toContainEqual([11, 10]);
    expect(existsSync(out)).toBe(false);
  });

  it("the same plan as TSV and as xlsx compares as unchanged", async () => {
    const r = await cli("compare", "data/plan.tsv", await seedAsXlsx(), "--json");
    expect(r.code).toBe(0);
    const list = ChangeList.parse(JSON.parse(r.stdout));
    expect(list.changes).toEqual([]);
    expect(list.planChanges).toEqual([]);
    expect(list.pairs).toHaveLength(56);
    // said on the console, and on the 新旧対照表's page (it had been a heading over an empty page)
    expect(list.diagnostics.filter((d) => d.code === "PP709")).toHaveLength(1);
    const out = tmp();
    expect((await cli("compare", "data/plan.tsv", "data/plan.tsv", "-o", out)).code).toBe(0);
    const { readPdf } = await import("../helpers/pdf.js");
    const pages = (await readPdf(new Uint8Array(readFileSync(path.join(out, "compare.pdf"))))).pages;
    expect(pages.at(-1)!.lines.join("")).toContain("改定前と改定後の計画に、変更はありません。");
  });

  it("two versions kept as two sheets of one workbook are named file#sheet (one --sheet had read both from the same sheet: 「0件」)", async () => {
    const wb = new ExcelJS.Workbook();
    const lines = seedText.replace(/\n$/, "").split("\n").map((l) => l.split("\t").map((v) => (/^\d+$/.test(v) ? Number(v) : v)));
    wb.addWorksheet("素案").addRows(lines);
    wb.addWorksheet("案").addRows(lines.map((r) => (r[0] === 4 ? r.map((v, i) => (i === 4 ? "名前を変えた事業" : v)) : r)));
    const book = path.join(tmp(), "計画.xlsx");
    await wb.xlsx.writeFile(book);
    const r = await cli("compare", `${book}#素案`, `${book}#案`, "--json");
    expect(r.code, r.stderr).toBe(0);
    expect(kinds(ChangeList.parse(JSON.parse(r.stdout)))).toEqual([["renamed", 4, 4]]);
  });

  it("a version without a title line takes the other's title, said (PP708): the file's name had been shown as the plan renamed", async () => {
    const untitled = path.join(tmp(), "DX推進計画_改定案.tsv");
    writeFileSync(untitled, seedText.split("\n").slice(4).join("\n"));
    for (const [a, b] of [["data/plan.tsv", untitled], [untitled, "data/plan.tsv"]]) {
      const r = await cli("compare", a!, b!, "--json");
      expect(r.code).toBe(0);
      const list = ChangeList.parse(JSON.parse(r.stdout));
      expect(list.planChanges.filter((c) => c.aspect === "title")).toEqual([]);
      expect([list.old.title, list.new.title]).toEqual(["武蔵野市DX推進計画（第八次総合情報化基本計画）", "武蔵野市DX推進計画（第八次総合情報化基本計画）"]);
      expect(list.diagnostics.filter((d) => d.code === "PP708").map((d) => d.file)).toEqual([untitled]);
    }
  });

  it("the plan and planpress's own plan.xlsx of it compare as unchanged: the ※ notes of its 備考 are read back (PP373)", async () => {
    const out = tmp();
    expect((await cli("workbook", "data/plan.tsv", "-o", out)).code).toBe(0);
    const r = await cli("compare", "data/plan.tsv", path.join(out, "plan.xlsx"), "--json");
    expect(r.code).toBe(0);
    const list = ChangeList.parse(JSON.parse(r.stdout));
    // the notes had been dropped: three 「スケジュールの変更」 nobody made
    expect(list.changes).toEqual([]);
    expect(list.pairs).toHaveLength(56);
    const read = list.diagnostics.filter((d) => d.code === "PP373").map((d) => d.message);
    expect(read).toContain("備考の「適用※検証結果次第」を、No.21 の工程「適用」の注記として読みました。");
  });

  it("writes compare.pdf and compare.xlsx with -o", async () => {
    const out = path.join(tmp(), "out");
    const r = await cli("compare", "data/plan.tsv", revisedFile, "-o", out);
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(out, "compare.pdf")).subarray(0, 5).toString()).toBe("%PDF-");
    expect(existsSync(path.join(out, "compare.xlsx"))).toBe(true);
  });

  it("an output folder that cannot be made (a file where a folder above it would be) is PP910 at that file with exit 3", async () => {
    const blocker = path.join(tmp(), "a-file");
    writeFileSync(blocker, "");
    const r = await cli("compare", "data/plan.tsv", revisedFile, "-o", path.join(blocker, "out"));
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`${blocker}  error  PP910`);
  });

  it("a missing input is PP101 with exit 1; with --json the diagnostics array on stdout, as check --json prints it (stdout had been empty)", async () => {
    const text = await cli("compare", "data/plan.tsv", "/nonexistent/revised.tsv");
    expect(text.code).toBe(1);
    expect(text.stderr).toContain("PP101");
    const r = await cli("compare", "data/plan.tsv", "/nonexistent/revised.tsv", "--json");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    const ds = z.array(Diagnostic).parse(JSON.parse(r.stdout));
    expect(ds.filter((d) => d.severity === "error").map((d) => [d.code, d.file])).toEqual([["PP101", "/nonexistent/revised.tsv"]]);
  });

  it("a version with errors: --json prints every diagnostic of both versions as check --json does, with its place, exit 1", async () => {
    const dir = tmp();
    const bad = path.join(dir, "bad.tsv");
    // two projects numbered 1: an error of the revision (PP401)
    writeFileSync(bad, seedText.replace(/^2\t/m, "1\t"));
    const r = await cli("compare", "data/plan.tsv", bad, "--json");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    const ds = z.array(Diagnostic).parse(JSON.parse(r.stdout));
    const checked = z.array(Diagnostic).parse(JSON.parse((await cli("check", bad, "--json")).stdout));
    expect(ds.filter((d) => d.file === bad)).toEqual(checked);
    expect(ds.filter((d) => d.severity === "error").map((d) => d.code)).toContain("PP401");
    expect(ds.some((d) => d.file === "data/plan.tsv")).toBe(true);
  });

  it("settles a match from --map and from the config, --map winning", async () => {
    // Old No.56 (renamed and rewritten) taken as a removal and an addition instead.
    const byMap = ChangeList.parse(JSON.parse((await cli("compare", "data/plan.tsv", revisedFile, "--json", "--map", "56=new")).stdout));
    expect(kinds(byMap).filter((k) => k[1] === 56 || k[2] === 56)).toEqual([["removed", 56, null], ["added", null, 56]]);
    const config = path.join(tmp(), "planpress.config.json");
    writeFileSync(config, JSON.stringify({ compare: { mapping: { "56": "new" } } }));
    const byConfig = ChangeList.parse(JSON.parse((await cli("compare", "data/plan.tsv", revisedFile, "--json", "--config", config)).stdout));
    expect(kinds(byConfig)).toEqual(kinds(byMap));
    const overridden = ChangeList.parse(JSON.parse((await cli("compare", "data/plan.tsv", revisedFile, "--json", "--config", config, "--map", "56=56")).stdout));
    expect(kinds(overridden)).toEqual(revision.expected);
  });

  it.each([
    ["56-new", "PP704"],
    ["99=1", "PP705"],
    ["1=99", "PP705"],
    ["1=1,2=1", "PP706"],
  ])("a mapping that cannot be used (%s) is %s with exit 1", async (map, code) => {
    const r = await cli("compare", "data/plan.tsv", revisedFile, "--json", "--map", map);
    expect(r.code).toBe(1);
    expect(z.array(Diagnostic).parse(JSON.parse(r.stdout)).filter((d) => d.severity === "error").map((d) => d.code)).toContain(code);
  });
});
