// The reading layer against files as other cities, hurried staff and attackers make them:
// encodings, special files, workbooks whose zip lies, sparse sheets, other writers' xlsx.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config/schema.js";
import { DiagnosticBag } from "../../src/diagnostics/bag.js";
import { findTable } from "../../src/ingest/header.js";
import { readXlsxGrids } from "../../src/ingest/read-xlsx.js";
import { loadPlan } from "../../src/pipeline.js";
import { readReturnsDir } from "../../src/progress/read-dir.js";
import { readWorkbookCells } from "../../src/progress/sheet-xml.js";
import { cpuMs } from "../helpers/cpu.js";
import { codes, HEADER, planOf, row, tsv } from "../helpers/plan-fixtures.js";
import { bookOf, bookParts, inlineCells, sheetXml, zeroBomb, zipOf } from "../helpers/xlsx-parts.js";

const PLAN = tsv([HEADER, row(1, "電子申請の拡大"), row(2, "窓口の改善", { years: ["", "試行", "運用"] })]);
const names = (p: { projects: { name: string }[] }) => p.projects.map((x) => x.name);
const grid = (text: string) => text.replace(/\n$/, "").split("\n").map((l) => l.split("\t"));
const withBom = (bom: number[], body: Uint8Array) => new Uint8Array([...bom, ...body]);

describe("encodings", () => {
  it("Excel's 「Unicode テキスト」 (UTF-16LE with BOM, tabs, CRLF) is read, and said (PP110)", async () => {
    const plan = await planOf("plan.txt", withBom([0xff, 0xfe], iconv.encode(PLAN.replace(/\n/g, "\r\n"), "utf16le")));
    expect(names(plan)).toEqual(["電子申請の拡大", "窓口の改善"]);
    expect(plan.projects[1]!.schedule.map((s) => [s.label, s.from, s.to])).toEqual([["試行", 2027, 2027], ["運用", 2028, 2028]]);
    const info = plan.diagnostics.find((d) => d.code === "PP110");
    expect(info?.message).toContain("UTF-16LE");
    expect(codes(plan.diagnostics)).not.toContain("PP103");
    expect(codes(plan.diagnostics)).not.toContain("PP107");
  });

  it("half a character in a UTF-16 file (a lone surrogate: an emoji cut by a broken export) is U+FFFD, said at its line (PP109); it had been replaced unsaid", async () => {
    const units = iconv.encode(PLAN.replace("窓口の改善", "窓口の改善😀"), "utf16le");
    // the emoji's second half (its low surrogate, DE00) cut out
    const at = Buffer.from(units).indexOf(Buffer.from([0x00, 0xde]));
    const plan = await planOf("plan.txt", withBom([0xff, 0xfe], new Uint8Array([...units.subarray(0, at), ...units.subarray(at + 2)])));
    expect(names(plan)).toEqual(["電子申請の拡大", "窓口の改善\uFFFD"]);
    expect(plan.diagnostics.filter((d) => d.code === "PP109").map((d) => [d.severity, d.line])).toEqual([["warning", 5]]);
  });

  it("UTF-16 without a BOM, little- and big-endian, is found by its NUL bytes", async () => {
    for (const e of ["utf16le", "utf16be"] as const) {
      const plan = await planOf("plan.tsv", iconv.encode(PLAN, e));
      expect(names(plan), e).toEqual(["電子申請の拡大", "窓口の改善"]);
      expect(plan.diagnostics.find((d) => d.code === "PP110")?.message, e).toContain(e === "utf16le" ? "UTF-16LE" : "UTF-16BE");
    }
  });

  it("UTF-32, with or without a BOM, either byte order, is read whole, 𠮷 too (it had been read as UTF-16 or UTF-8 with NULs dropped: mojibake)", async () => {
    const text = PLAN.replace("窓口の改善", "𠮷野窓口の改善");
    const utf32 = (bigEndian: boolean, bom: boolean) => {
      const points = [...(bom ? "\uFEFF" : "") + text].map((c) => c.codePointAt(0)!);
      const bytes = Buffer.alloc(points.length * 4);
      points.forEach((cp, i) => (bigEndian ? bytes.writeUInt32BE(cp, i * 4) : bytes.writeUInt32LE(cp, i * 4)));
      return new Uint8Array(bytes);
    };
    for (const [bigEndian, bom] of [[false, true], [true, true], [false, false], [true, false]]) {
      const name = `${bigEndian ? "UTF-32BE" : "UTF-32LE"}${bom ? " BOM" : ""}`;
      const plan = await planOf("plan.txt", utf32(bigEndian!, bom!));
      expect(names(plan), name).toEqual(["電子申請の拡大", "𠮷野窓口の改善"]);
      expect(plan.diagnostics.find((d) => d.code === "PP110")?.message, name).toContain(bigEndian ? "UTF-32BE" : "UTF-32LE");
      expect(codes(plan.diagnostics), name).not.toContain("PP107");
    }
  });

  it("UTF-8 with a BOM and CRLF says so; plain UTF-8 says UTF-8", async () => {
    const bom = await planOf("plan.csv", withBom([0xef, 0xbb, 0xbf], new TextEncoder().encode(PLAN.replace(/\t/g, ",").replace(/\n/g, "\r\n"))));
    expect(names(bom)).toEqual(["電子申請の拡大", "窓口の改善"]);
    expect(bom.diagnostics.find((d) => d.code === "PP110")?.message).toContain("UTF-8 (BOM)");
    const en = await loadPlan((await import("../helpers/plan-fixtures.js")).tempFile("p.tsv", PLAN), { config: defaultConfig(), bag: new DiagnosticBag("en") });
    expect(en.diagnostics.find((d) => d.code === "PP110")?.message).toBe("Read as UTF-8.");
  });

  it("one bad byte in a UTF-8 file names its line; the file is not re-read as Shift_JIS", async () => {
    const bytes = new TextEncoder().encode(PLAN);
    const line4 = new TextEncoder().encode(PLAN.split("\n").slice(0, 4).join("\n")).length + 1; // start of physical line 5
    const damaged = new Uint8Array([...bytes.slice(0, line4 + 2), 0xff, ...bytes.slice(line4 + 2)]);
    const plan = await planOf("plan.tsv", damaged);
    expect(codes(plan.diagnostics)).not.toContain("PP103");
    const bad = plan.diagnostics.filter((d) => d.code === "PP111");
    expect(bad.map((d) => d.line)).toEqual([5]);
    expect(names(plan)).toEqual(["電子申請の拡大", "窓口の改善"]);
  });

  it("a UTF-8 mark before a Shift_JIS or UTF-16 body, a UTF-16 mark before UTF-8, is ignored and said (PP157): it had been read in the mark's encoding, no header (PP201)", async () => {
    const utf8Bom = [0xef, 0xbb, 0xbf];
    for (const e of ["Shift_JIS", "utf16le"] as const) {
      const plan = await planOf("plan.csv", withBom(utf8Bom, iconv.encode(PLAN.replace(/\t/g, ","), e)));
      expect(names(plan), e).toEqual(["電子申請の拡大", "窓口の改善"]);
      expect(plan.plan.title, e).toBe("テスト市DX計画");
      expect(plan.diagnostics.filter((d) => d.code === "PP157").map((d) => [d.severity, d.file]), e).toEqual([["warning", expect.stringContaining("plan.csv")]]);
      expect(codes(plan.diagnostics), e).not.toContain("PP111");
    }
    // a UTF-16 mark before UTF-8 text (it had been read as UTF-16: no header, PP201)
    const utf16Marked = await planOf("plan.txt", withBom([0xff, 0xfe], new TextEncoder().encode(PLAN)));
    expect(names(utf16Marked)).toEqual(["電子申請の拡大", "窓口の改善"]);
    expect(utf16Marked.diagnostics.find((d) => d.code === "PP157")?.message).toContain("先頭に UTF-16LE の印（BOM）がありますが、中身は UTF-8 で");
    // and before Shift_JIS (it had been read as UTF-16: PP109, then no header, PP201)
    for (const bom of [[0xff, 0xfe], [0xfe, 0xff]]) {
      const sjisMarked = await planOf("plan.csv", withBom(bom, iconv.encode(PLAN.replace(/\t/g, ","), "Shift_JIS")));
      expect(names(sjisMarked)).toEqual(["電子申請の拡大", "窓口の改善"]);
      expect(codes(sjisMarked.diagnostics)).not.toContain("PP109");
      expect(sjisMarked.diagnostics.find((d) => d.code === "PP157")?.message).toContain(`先頭に UTF-16${bom[0] === 0xff ? "LE" : "BE"} の印（BOM）がありますが、中身は Shift_JIS で`);
    }
    // a UTF-8 body with a damaged byte keeps its mark: damage, named by line
    const bytes = new TextEncoder().encode(PLAN);
    const damaged = await planOf("plan.tsv", withBom(utf8Bom, new Uint8Array([...bytes.slice(0, 40), 0xff, ...bytes.slice(40)])));
    expect(codes(damaged.diagnostics)).not.toContain("PP157");
    expect(damaged.diagnostics.find((d) => d.code === "PP110")?.message).toContain("UTF-8 (BOM)");
  });

  it("half a surrogate pair in UTF-16 (a text cut by another program) is PP109 at its line with the count, not a � printed unsaid; a whole 𠮷 says nothing", async () => {
    const cut = await planOf("plan.txt", withBom([0xff, 0xfe], iconv.encode(PLAN.replace("窓口の改善", "窓\ud842口の改善"), "utf16le")));
    expect(cut.diagnostics.filter((d) => d.code === "PP109").map((d) => [d.line, d.severity, d.message.includes("1 個")])).toEqual([[5, "warning", true]]);
    const whole = await planOf("plan.txt", withBom([0xff, 0xfe], iconv.encode(PLAN.replace("窓口の改善", "𠮷窓口の改善"), "utf16le")));
    expect(codes(whole.diagnostics)).not.toContain("PP109");
    expect(names(whole)).toEqual(["電子申請の拡大", "𠮷窓口の改善"]);
  });

  it("Shift_JIS is still Shift_JIS (PP103), even with many lines", async () => {
    const plan = await planOf("plan.csv", iconv.encode(PLAN.replace(/\t/g, ","), "Shift_JIS"));
    expect(codes(plan.diagnostics)).toContain("PP103");
    expect(codes(plan.diagnostics)).not.toContain("PP111");
    expect(names(plan)).toEqual(["電子申請の拡大", "窓口の改善"]);
  });

  it("an .xlsx saved under .csv, and an .xls, are named for what they are (PP112, PP113)", async () => {
    const xlsx = bookOf({ sheets: [{ name: "計画", xml: sheetXml(inlineCells(grid(PLAN))) }] });
    const asCsv = await planOf("plan.csv", xlsx);
    expect(codes(asCsv.diagnostics)).toEqual(["PP112"]);
    expect(asCsv.diagnostics[0]!.message).toContain("Excel");
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Uint8Array(600)]);
    expect(codes((await planOf("plan.xlsx", xls)).diagnostics)).toEqual(["PP113"]);
    expect(codes((await planOf("plan.csv", xls)).diagnostics)).toEqual(["PP113"]);
  });

  it("a web page or an XML spreadsheet saved under .csv, .tsv or .xlsx is named for what it is (PP155), in any encoding", async () => {
    const rows = grid(PLAN);
    const html = `<html xmlns:x="urn:schemas-microsoft-com:office:excel">\n<head><meta charset="utf-8"></head><body>\n<table>\n${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join("\t")}</tr>`).join("\n")}\n</table></body></html>\n`;
    const xml = `<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet><Table>\n${rows.map((r) => `<Row>${r.map((c) => `<Cell><Data ss:Type="String">${c}</Data></Cell>`).join("")}</Row>`).join("\n")}\n</Table></Worksheet></Workbook>\n`;
    const cases: [string, string | Uint8Array, string][] = [
      ["plan.csv", html, "Web ページ（HTML）"], ["plan.tsv", html, "Web ページ（HTML）"], ["plan.xlsx", html, "Web ページ（HTML）"],
      ["plan.csv", iconv.encode(html, "Shift_JIS"), "Web ページ（HTML）"], ["plan.tsv", withBom([0xff, 0xfe], iconv.encode(html, "utf16le")), "Web ページ（HTML）"],
      ["plan.csv", xml, "XML スプレッドシート 2003"], ["plan.xlsx", xml, "XML スプレッドシート 2003"],
    ];
    for (const [name, data, kind] of cases) {
      const plan = await planOf(name, data);
      expect(codes(plan.diagnostics), name).toEqual(["PP155"]);
      expect(plan.diagnostics[0]!.message).toContain(kind);
    }
    // a plan whose title opens with a bracket is a plan
    expect(names(await planOf("plan.tsv", `<概要>${PLAN}`))).toEqual(["電子申請の拡大", "窓口の改善"]);
  });

  it("a TSV or CSV saved under .xlsx is named for what it is (PP127), not as a broken zip (PP106)", async () => {
    for (const data of [PLAN, `\ufeff${PLAN.replace(/\t/g, ",")}`, iconv.encode(PLAN, "Shift_JIS"), Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(PLAN, "utf16le")]), iconv.encode(PLAN, "utf16le"), iconv.encode(PLAN, "utf16be")]) {
      const plan = await planOf("plan.xlsx", data);
      expect(codes(plan.diagnostics)).toEqual(["PP127"]);
      expect(plan.diagnostics[0]!.message).toBe("このファイルはテキスト（TSV・CSV）ですが、拡張子が .xlsx です。");
    }
    // bytes that are neither a zip nor text stay a workbook that cannot be read
    expect(codes((await planOf("plan.xlsx", new Uint8Array([1, 2, 0, 3, 4]))).diagnostics)).toEqual(["PP106"]);
  });
});

describe("special files", () => {
  it("a folder, a loop of symbolic links, a missing file and a path through a file are told in words, not as an errno (PP101)", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "planpress-paths-"));
    const at = (name: string) => path.join(dir, name);
    mkdirSync(at("folder.tsv"));
    symlinkSync(at("b.tsv"), at("a.tsv"));
    symlinkSync(at("a.tsv"), at("b.tsv"));
    writeFileSync(at("plan.tsv"), PLAN);
    const cases: [string, string][] = [
      ["folder.tsv", "通常のファイルではありません（フォルダ）"], ["a.tsv", "ショートカット（シンボリックリンク）が循環しています"],
      ["missing.tsv", "ファイルがありません"], ["plan.tsv/plan.tsv", "パスの途中にフォルダでないものがあります"],
    ];
    for (const [name, says] of cases) {
      const plan = await loadPlan(at(name), { config: defaultConfig(), bag: new DiagnosticBag("ja") });
      expect(codes(plan.diagnostics), name).toEqual(["PP101"]);
      expect(plan.diagnostics[0]!.message, name).toContain(`を読み込めません（${says}`);
    }
  });

  it("a FIFO and /dev/zero are refused at once, not read forever (PP114)", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "planpress-special-"));
    const fifo = path.join(dir, "plan.tsv");
    execFileSync("mkfifo", [fifo]);
    const zero = path.join(dir, "zero.tsv");
    symlinkSync("/dev/zero", zero);
    for (const file of [fifo, zero]) {
      // Reading forever would show as CPU time (/dev/zero) or as a test timeout (the FIFO blocks).
      const { value: plan, cpu } = await cpuMs(() => loadPlan(file, { config: defaultConfig(), bag: new DiagnosticBag("ja") }));
      expect(codes(plan.diagnostics), file).toEqual(["PP114"]);
      expect(cpu, file).toBeLessThan(2000);
    }
    // The same among returned forms: the FIFO is named, the folder's other files are still read.
    const returns = mkdtempSync(path.join(os.tmpdir(), "planpress-special-returns-"));
    execFileSync("mkfifo", [path.join(returns, "a.csv")]);
    writeFileSync(path.join(returns, "b.csv"), "No,年度,進捗区分,実績,課題,今後の方向性,担当課\n1,R8,完了,x,,,情報政策課\n");
    const bag = new DiagnosticBag("ja");
    const files = await readReturnsDir(returns, bag);
    expect(bag.items.filter((d) => d.code === "PP601").map((d) => [d.file, d.message.includes("FIFO")])).toEqual([[path.join(returns, "a.csv"), true]]);
    expect(files.map((f) => path.basename(f.file))).toEqual(["b.csv"]);
  }); // a FIFO read that blocks ends in the test timeout, kept at its default for a loaded machine

  it("an empty returned form or CSV (a failed save, a cloud file not downloaded) is PP601 saying it is empty, not a broken zip or a CSV without its No column", async () => {
    const returns = mkdtempSync(path.join(os.tmpdir(), "planpress-empty-returns-"));
    for (const name of ["a.xlsx", "b.csv"]) writeFileSync(path.join(returns, name), "");
    const bag = new DiagnosticBag("ja");
    expect(await readReturnsDir(returns, bag)).toEqual([]);
    expect(bag.items.map((d) => [d.code, path.basename(d.file ?? ""), d.message.includes("ファイルが空です")])).toEqual([["PP601", "a.xlsx", true], ["PP601", "b.csv", true]]);
  });
});

describe("text plans of millions of lines", () => {
  it("a run of blank lines (a sheet exported to its last formatted row) is skipped, not read row by row; lines after it keep their numbers", async () => {
    // 5 million: each had been a row object read by every later step (19 MB ran for minutes, 3.7 GB)
    const text = `${PLAN}${"\t\t\t\r\n".repeat(2_500_000)}${"\n".repeat(2_500_000)}${row(3, "最後の事業", { depts: "" }).join("\t")}\n`;
    const { value: plan, cpu } = await cpuMs(() => planOf("plan.tsv", new TextEncoder().encode(text)));
    expect(names(plan)).toEqual(["電子申請の拡大", "窓口の改善", "最後の事業"]);
    // its missing department is told at its own line
    const lines = PLAN.split("\n").length - 1;
    expect(plan.diagnostics.filter((d) => d.severity !== "info").map((d) => d.line)).toEqual([lines + 5_000_000 + 1]);
    expect(cpu).toBeLessThan(15_000);
  });

  it("rows with text far beyond the project limit stop the reading where they pass it (PP129), in a second, not after the whole file", async () => {
    const junk = "x\tx\n".repeat(2_000_000);
    const { value: plan, cpu } = await cpuMs(() => planOf("plan.tsv", new TextEncoder().encode(PLAN + junk)));
    expect(codes(plan.diagnostics)).toEqual(["PP110", "PP129"]);
    const d = plan.diagnostics.find((x) => x.code === "PP129")!;
    expect(d.message).toContain("51000 行を超えた");
    expect(d.line).toBe(51_002); // the 51,001st line with text (a title, a blank line, then the table)
    expect(cpu).toBeLessThan(5_000);
  });
});

describe("text rows wider than a sheet", () => {
  it("a row of more cells than a sheet's 16,384 columns stops the reading at its line (PP156), in no time: a header of a million cells had taken a minute", async () => {
    const wide = `テスト市DX計画\n${"No\t事業名\t".repeat(100_000)}\n${PLAN}`;
    const { value: plan, cpu } = await cpuMs(() => planOf("plan.tsv", wide));
    expect(plan.diagnostics.filter((d) => d.severity === "error").map((d) => [d.code, d.line])).toEqual([["PP156", 2]]);
    expect(cpu).toBeLessThan(1500);
  });
});

describe("sheet XML that is valid but unusual, and XML cut short", () => {
  const table = () => inlineCells(PLAN.replace(/\n$/, "").split("\n").map((l) => l.split("\t")));
  it("attributes in single quotes or with spaces around = are read (the sheet had been one without a header row, PP201)", async () => {
    const xml = sheetXml(table()).replace(/ (r|t)="([^"]*)"/g, (_, k: string, v: string) => (k === "t" ? ` t = '${v}'` : ` r='${v}'`));
    expect(xml).toContain("r='A3'");
    const plan = await planOf("plan.xlsx", bookOf({ sheets: [{ name: "計画", xml }] }));
    expect(names(plan)).toEqual(["電子申請の拡大", "窓口の改善"]);
  });

  it("text in a CDATA section is read as its text, not with its markers", async () => {
    const xml = sheetXml(table()).replace("<t>窓口の改善</t>", "<t><![CDATA[窓口の&改善]]></t>");
    expect(xml).toContain("CDATA");
    expect(names(await planOf("plan.xlsx", bookOf({ sheets: [{ name: "計画", xml }] })))).toEqual(["電子申請の拡大", "窓口の&改善"]);
    // sections never closed are read once each, not rescanned to the end from each
    const open = sheetXml(table()).replace("<t>窓口の改善</t>", `<t>窓口の改善${"<![CDATA[".repeat(200_000)}</t>`);
    const { cpu } = await cpuMs(() => readXlsxGrids(bookOf({ sheets: [{ name: "計画", xml: open }] }), "plan.xlsx", new DiagnosticBag("ja"), undefined, 1000));
    expect(cpu).toBeLessThan(1000);
  });

  it("control characters in cells (&#0;, _x001B_) are removed and said at the first cell (PP107), as in a text file", async () => {
    const xml = sheetXml(table()).replace("<t>窓口の改善</t>", "<t>窓口&#0;の_x001B_改善&#x7;</t>");
    const plan = await planOf("plan.xlsx", bookOf({ sheets: [{ name: "計画", xml }] }));
    expect(names(plan)).toEqual(["電子申請の拡大", "窓口の改善"]);
    expect(plan.diagnostics.filter((d) => d.code === "PP107").map((d) => [d.sheet, d.cell, d.message])).toEqual([["計画", "E5", expect.stringContaining("3 個")]]);
  });

  it("a part in the encoding its XML declaration names (Shift_JIS) is read in it", async () => {
    const parts = bookParts({ sheets: [{ name: "計画", xml: sheetXml(table()) }] }).map((p) =>
      p.name === "xl/worksheets/sheet1.xml" ? { ...p, data: iconv.encode((p.data as string).replace('encoding="UTF-8"', "encoding='Shift_JIS'"), "Shift_JIS") } : p);
    expect(names(await planOf("plan.xlsx", zipOf(parts)))).toEqual(["電子申請の拡大", "窓口の改善"]);
  });

  it("a part in UTF-16 with its byte order mark is read as such", async () => {
    const parts = bookParts({ sheets: [{ name: "計画", xml: sheetXml(table()) }] }).map((p) =>
      p.name === "xl/worksheets/sheet1.xml" ? { ...p, data: new Uint8Array([0xff, 0xfe, ...iconv.encode(p.data as string, "utf16le")]) } : p);
    expect(names(await planOf("plan.xlsx", zipOf(parts)))).toEqual(["電子申請の拡大", "窓口の改善"]);
  });

  it("a sheet's XML cut short is PP106 saying so, not PP201 (no header row: staff were sent to rename headers that were fine)", async () => {
    const xml = sheetXml(table());
    const plan = await planOf("plan.xlsx", bookOf({ sheets: [{ name: "計画", xml: xml.slice(0, Math.floor(xml.length * 0.6)) }] }));
    expect(codes(plan.diagnostics)).toEqual(["PP106"]);
    expect(plan.diagnostics[0]!.message).toContain("シート「計画」の XML が途中で終わっています");
  });

  it("a workbook without its relationships part, or without sheets, is PP106 saying which (it had been 「xl/workbook.xml がありません」, and PP201)", async () => {
    const parts = bookParts({ sheets: [{ name: "計画", xml: sheetXml(table()) }] });
    const noRels = await planOf("plan.xlsx", zipOf(parts.filter((p) => p.name !== "xl/_rels/workbook.xml.rels")));
    expect(codes(noRels.diagnostics)).toEqual(["PP106"]);
    expect(noRels.diagnostics[0]!.message).toContain("xl/_rels/workbook.xml.rels");
    const empty = await planOf("plan.xlsx", bookOf({ sheets: [] }));
    expect(codes(empty.diagnostics)).toEqual(["PP106"]);
    expect(empty.diagnostics[0]!.message).toContain("ブックにシートがありません");
  });

  it("the shared strings or the styles cut short are PP106 naming the part, as a sheet is: the styles had been dropped without a word (a year heading 8 formatted 令和0年度 read as 8)", async () => {
    const cells = table().map((c) => (c.ref === "H3" ? { ref: "H3", v: 8, s: 1 } : c));
    const parts = bookParts({ sheets: [{ name: "計画", xml: sheetXml(cells) }], numFmts: { 200: '"令和"0"年度"' }, xfs: [0, 200], shared: ["未使用"] });
    expect((await planOf("plan.xlsx", zipOf(parts))).plan.period).toEqual({ start: 2026, end: 2028 });
    // whole parts followed by any amount of white space are whole
    const spaced = parts.map((p) => (typeof p.data === "string" && p.name.startsWith("xl/") ? { ...p, data: `${p.data}${" \r\n".repeat(40)}` } : p));
    expect(codes((await planOf("plan.xlsx", zipOf(spaced))).diagnostics)).not.toContain("PP106");
    for (const part of ["xl/styles.xml", "xl/sharedStrings.xml"]) {
      // (cut after the part's first item: the year heading's style, the second, is lost)
      const cut = parts.map((p) => (p.name === part ? { ...p, data: (p.data as string).replace(/(<xf numFmtId="0"\/>|<\/si>)[\s\S]*$/, "$1") } : p));
      const plan = await planOf("plan.xlsx", zipOf(cut));
      expect(codes(plan.diagnostics), part).toEqual(["PP106"]);
      expect(plan.diagnostics[0]!.message, part).toContain(`${part} の XML が途中で終わっています`);
    }
  });

  it("two sheets of one name (case aside), which Excel refuses, are PP106 naming it, not PP263 (a rival copy of the plan named like the plan)", async () => {
    const xml = sheetXml(table());
    const plan = await planOf("plan.xlsx", bookOf({ sheets: [{ name: "計画", xml }, { name: "Plan", xml }, { name: "PLAN", xml: xml.replace("窓口の改善", "別の事業") }] }));
    expect(codes(plan.diagnostics)).toEqual(["PP106"]);
    expect(plan.diagnostics[0]!.message).toContain("シート名「PLAN」が 2 つあります");
  });

  it("a cell written twice (a row repeated, a cell's address repeated) is PP106 naming it, in the plan and in a return: the later value had been read without a word; rows and cells out of order are read", async () => {
    const xml = sheetXml(table());
    const name = "窓口の改善"; // E5, No.2
    const repeatedRow = xml.replace("</sheetData>", `<row r="5"><c r="E5" t="inlineStr"><is><t>別の事業</t></is></c></row></sheetData>`);
    const repeatedCell = xml.replace(`<c r="E5" t="inlineStr"><is><t>${name}</t></is></c>`, (c) => c + c.replace(name, "別の事業"));
    for (const bad of [repeatedRow, repeatedCell]) {
      const plan = await planOf("plan.xlsx", bookOf({ sheets: [{ name: "計画", xml: bad }] }));
      expect(codes(plan.diagnostics)).toEqual(["PP106"]);
      expect(plan.diagnostics[0]!.message).toContain("シート「計画」のセル E5 が 2 回書かれていて");
    }
    const dir = mkdtempSync(path.join(os.tmpdir(), "planpress-returns-twice-"));
    writeFileSync(path.join(dir, "a.xlsx"), bookOf({ sheets: [{ name: "進捗報告", xml: repeatedCell }] }));
    const bag = new DiagnosticBag("ja");
    expect(await readReturnsDir(dir, bag)).toEqual([]);
    expect(bag.items.map((d) => [d.code, d.message.includes("セル E5 が 2 回")])).toEqual([["PP601", true]]);
    const rows = /<sheetData>([\s\S]*)<\/sheetData>/.exec(xml)![1]!.match(/<row[\s\S]*?<\/row>/g)!;
    const reversed = xml.replace(/<sheetData>[\s\S]*<\/sheetData>/, `<sheetData>${rows.reverse().join("")}</sheetData>`);
    expect(names(await planOf("plan.xlsx", bookOf({ sheets: [{ name: "計画", xml: reversed }] })))).toEqual(["電子申請の拡大", name]);
  });

  it("a cell whose style index the styles table lacks (s=\"999\") is PP106 naming the cell: a year heading 8 formatted 令和0年度 had been read as a bare 8", async () => {
    const cells = (s: number) => table().map((c) => (c.ref === "H3" ? { ref: "H3", v: 8, s } : c));
    const book = (s: number, styled = true) => bookOf({ sheets: [{ name: "計画", xml: sheetXml(cells(s)) }], ...(styled ? { numFmts: { 200: '"令和"0"年度"' }, xfs: [0, 200] } : {}) });
    expect((await planOf("plan.xlsx", book(1))).plan.period).toEqual({ start: 2026, end: 2028 });
    for (const [s, styled] of [[999, true], [2, true], [1, false]] as const) {
      const plan = await planOf("plan.xlsx", book(s, styled));
      expect(codes(plan.diagnostics), `${s}`).toEqual(["PP106"]);
      expect(plan.diagnostics[0]!.message).toContain(`シート「計画」のセル H3 の書式番号 ${s} が書式の一覧`);
    }
  });

  it("a cell whose address is on another row than its <row r> is PP106 naming it (it had been placed at its own address: a puzzling PP379)", async () => {
    const xml = sheetXml(table()).replace('<c r="E5" ', '<c r="E6" ');
    const plan = await planOf("plan.xlsx", bookOf({ sheets: [{ name: "計画", xml }] }));
    expect(codes(plan.diagnostics)).toEqual(["PP106"]);
    expect(plan.diagnostics[0]!.message).toContain("シート「計画」のセル E6 が 5 行目の中に書かれていて");
  });
});

describe("XML with a document type declaration", () => {
  it("a part declaring entities (a file to read, a billion laughs) is refused with the part named (PP106), in the plan and in a return", async () => {
    const grid = PLAN.replace(/\n$/, "").split("\n").map((l) => l.split("\t"));
    grid[1]![5] = "&x;";
    const xml = sheetXml(inlineCells(grid)).replace("&amp;x;", "&x;")
      .replace("<worksheet", '<!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]><worksheet');
    expect(xml).toContain("<!DOCTYPE");
    const plan = await planOf("plan.xlsx", bookOf({ sheets: [{ name: "計画", xml }] }));
    expect(codes(plan.diagnostics)).toEqual(["PP106"]);
    expect(plan.diagnostics[0]!.message).toContain("xl/worksheets/sheet1.xml に文書型宣言（<!DOCTYPE>）があります");
    const dir = mkdtempSync(path.join(os.tmpdir(), "planpress-returns-dtd-"));
    writeFileSync(path.join(dir, "a.xlsx"), bookOf({ sheets: [{ name: "進捗報告", xml }] }));
    const bag = new DiagnosticBag("ja");
    expect(await readReturnsDir(dir, bag)).toEqual([]);
    expect(bag.items.map((d) => [d.code, d.message.includes("<!DOCTYPE>")])).toEqual([["PP601", true]]);
  });

  it("a reference XML does not define (an entity never declared, a bare &, a character past Unicode) is refused with the part and the reference (PP106), in a return too; one in a CDATA section or a comment is text", async () => {
    const grid = PLAN.replace(/\n$/, "").split("\n").map((l) => l.split("\t"));
    const base = sheetXml(inlineCells(grid));
    const name = grid[4]![4]!; // 窓口の改善, No.2
    for (const [bad, told] of [["&ext;", "&ext;"], ["R&D", "&D"], ["&#x110000;", "&#x110000;"]] as const) {
      const plan = await planOf("plan.xlsx", bookOf({ sheets: [{ name: "計画", xml: base.replace(name, `${name}${bad}`) }] }));
      expect(codes(plan.diagnostics)).toEqual(["PP106"]);
      expect(plan.diagnostics[0]!.message).toContain(`xl/worksheets/sheet1.xml に XML で定義されていない参照「${told}」があります`);
    }
    const dir = mkdtempSync(path.join(os.tmpdir(), "planpress-returns-ref-"));
    writeFileSync(path.join(dir, "a.xlsx"), bookOf({ sheets: [{ name: "進捗報告", xml: base.replace(name, `${name}&ext;`) }] }));
    const bag = new DiagnosticBag("ja");
    expect(await readReturnsDir(dir, bag)).toEqual([]);
    expect(bag.items.map((d) => [d.code, d.message.includes("「&ext;」")])).toEqual([["PP601", true]]);
    const fine = base.replace(name, `<![CDATA[${name}R&D]]>`).replace("<sheetData>", "<!-- R&D --><sheetData>");
    const read = await planOf("plan.xlsx", bookOf({ sheets: [{ name: "計画", xml: fine }] }));
    expect(codes(read.diagnostics)).not.toContain("PP106");
    expect(read.projects[1]!.name).toBe(`${name}R&D`);
  });
});

describe("workbooks whose zip lies", () => {
  it("a 1 MB plan whose headers claim a small sheet but inflate to 1 GB is refused in well under a second (PP106)", async () => {
    const parts = bookParts({ sheets: [{ name: "計画", xml: "" }] }).map((p) =>
      p.name === "xl/worksheets/sheet1.xml" ? { ...p, deflated: zeroBomb(1), claimedSize: 4096 } : p);
    const file = (await import("../helpers/plan-fixtures.js")).tempFile("bomb.xlsx", zipOf(parts));
    const { value: plan, cpu, wall } = await cpuMs(() => loadPlan(file, { config: defaultConfig(), bag: new DiagnosticBag("en") }));
    expect(codes(plan.diagnostics)).toEqual(["PP106"]);
    expect(plan.diagnostics[0]!.message).toMatch(/zip bomb/);
    expect(cpu).toBeLessThan(1000);
    // Inflating would be CPU time; the wall bound only catches waiting, loosely (a loaded machine).
    expect(wall).toBeLessThan(30_000);
  });

  it("the same bomb among returned forms is named and the other files are read (PP601)", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "planpress-returns-"));
    const parts = bookParts({ sheets: [{ name: "進捗報告", xml: "" }] }).map((p) =>
      p.name === "xl/worksheets/sheet1.xml" ? { ...p, deflated: zeroBomb(1), claimedSize: 4096 } : p);
    writeFileSync(path.join(dir, "a.xlsx"), zipOf(parts));
    const bag = new DiagnosticBag("ja");
    const { cpu, wall } = await cpuMs(() => readReturnsDir(dir, bag));
    expect(cpu).toBeLessThan(1000);
    // Inflating would be CPU time; the wall bound only catches waiting, loosely (a loaded machine).
    expect(wall).toBeLessThan(30_000);
    expect(bag.items.map((d) => d.code)).toEqual(["PP601"]);
    expect(bag.items[0]!.message).toContain("zip 爆弾");
  });

  it("more than 1,000 sheets (a small file naming one part from each) are refused before any is read (PP106)", async () => {
    const parts = bookParts({ sheets: [{ name: "計画", xml: sheetXml(inlineCells(grid(PLAN))) }] }).map((p) => (p.name === "xl/workbook.xml"
      ? { ...p, data: (p.data as string).replace(/<sheet [^>]*\/>/, Array.from({ length: 1001 }, (_, i) => `<sheet name="S${i}" sheetId="${i + 1}" r:id="rId1"/>`).join("")) } : p));
    const { value: plan, cpu } = await cpuMs(() => planOf("plan.xlsx", zipOf(parts)));
    expect(codes(plan.diagnostics)).toEqual(["PP106"]);
    expect(plan.diagnostics[0]!.message).toContain("シートが 1001 枚あり、上限（1000 枚）を超えています");
    expect(cpu).toBeLessThan(1000);
  });

  it("two parts of one name (Excel might read one plan, this reader another) are refused with the part named (PP106)", async () => {
    const other = sheetXml(inlineCells(grid(PLAN.replace("電子申請の拡大", "別の事業"))));
    const parts = [...bookParts({ sheets: [{ name: "計画", xml: sheetXml(inlineCells(grid(PLAN))) }] }), { name: "xl/worksheets/sheet1.xml", data: other }];
    const plan = await planOf("plan.xlsx", zipOf(parts));
    expect(codes(plan.diagnostics)).toEqual(["PP106"]);
    expect(plan.diagnostics[0]!.message).toContain("同じ名前の部分「xl/worksheets/sheet1.xml」が 2 つあり");
  });

  it("a zip that is no workbook (an .xlsb, an .ods, a Word file, a zip of plan files) is named for what it is (PP106)", async () => {
    const cases: [string, string[], string][] = [
      ["xlsb", ["[Content_Types].xml", "xl/workbook.bin"], "（.xlsb）"],
      ["ods", ["mimetype", "content.xml"], "OpenDocument"],
      ["docx", ["[Content_Types].xml", "word/document.xml"], "Word"],
      ["zip", ["計画/plan.xlsx"], "中に 計画/plan.xlsx"],
    ];
    for (const [what, names, says] of cases) {
      const plan = await planOf("plan.xlsx", zipOf(names.map((name) => ({ name, data: "x" }))));
      expect(codes(plan.diagnostics), what).toEqual(["PP106"]);
      expect(plan.diagnostics[0]!.message, what).toContain(says);
    }
  });

  it("a truncated central directory, and a sheet part that is missing, are PP106 with the reason", async () => {
    const ok = bookOf({ sheets: [{ name: "計画", xml: sheetXml(inlineCells(grid(PLAN))) }] });
    expect(codes((await planOf("cut.xlsx", ok.slice(0, ok.length - 30))).diagnostics)).toEqual(["PP106"]);
    // a damaged central directory, said in Japanese words (「central directory damaged」 had stood inside the message)
    const damaged = ok.slice();
    const at = Buffer.from(damaged).indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    damaged[at + 3] = 0x09;
    const told = await planOf("damaged.xlsx", damaged);
    expect(told.diagnostics.map((d) => [d.code, d.message])).toEqual([["PP106", "Excel ファイルを読み込めません（zip が壊れています（ファイルの目次（中央ディレクトリ）が壊れています））。"]]);
    const missing = await planOf("missing.xlsx", bookOf({ sheets: [{ name: "計画", xml: "" }], omit: ["xl/worksheets/sheet1.xml"] }));
    expect(codes(missing.diagnostics)).toEqual(["PP106"]);
    expect(missing.diagnostics[0]!.message).toContain("計画");
  });
});

describe("sparse and unusual sheets", () => {
  const table = inlineCells(grid(PLAN));

  // A 工程表 whose bars are Excel shapes drawn over the year cells (xl/drawings), not in the cells.
  const drawn = (anchors: string) => bookOf({
    sheets: [{ name: "計画", xml: sheetXml(table).replace("</worksheet>", '<drawing xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rD1"/></worksheet>') }],
    extra: [
      { name: "xl/worksheets/_rels/sheet1.xml.rels", data: '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rD1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing1.xml"/></Relationships>' },
      { name: "xl/drawings/drawing1.xml", data: `<?xml version="1.0"?><xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">${anchors}</xdr:wsDr>` },
    ],
  });
  const anchor = (from: [number, number], to: [number, number], shape: string) =>
    `<xdr:twoCellAnchor><xdr:from><xdr:col>${from[0]}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${from[1]}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>`
    + `<xdr:to><xdr:col>${to[0]}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${to[1]}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>${shape}<xdr:clientData/></xdr:twoCellAnchor>`;
  const arrow = '<xdr:sp macro=""><xdr:nvSpPr><xdr:cNvPr id="2" name="右矢印 1"/><xdr:cNvSpPr/></xdr:nvSpPr><xdr:spPr><a:prstGeom prst="rightArrow"/></xdr:spPr></xdr:sp>';
  const line = '<xdr:cxnSp macro=""><xdr:nvCxnSpPr><xdr:cNvPr id="3" name="直線矢印コネクタ 2"/><xdr:cNvCxnSpPr/></xdr:nvCxnSpPr><xdr:spPr><a:prstGeom prst="straightConnector1"/></xdr:spPr></xdr:cxnSp>';
  const picture = '<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="4" name="図 3"/><xdr:cNvPicPr/></xdr:nvPicPr><xdr:blipFill/><xdr:spPr/></xdr:pic>';

  it("arrows or lines drawn over the year cells of the plan's rows stop the reading, at the first (PP123)", async () => {
    // rows 4 and 5 are the projects, H–J their years (0-based: columns 7–9, rows 3–4)
    const plan = await planOf("drawn.xlsx", drawn(anchor([8, 3], [9, 3], arrow) + anchor([7, 4], [9, 4], line)));
    expect(plan.diagnostics.filter((d) => d.code === "PP123").map((d) => [d.cell, d.severity, d.message])).toEqual([
      ["I4", "error", "年度の欄の上に図形（矢印や線など）が 2 個描かれています（ここが最初）。図形で描かれた工程は読み取れないため、工程表を正しく作れません。"]]);
  });

  it("elements opened and never closed (shared strings, fonts, cell styles, rows, cells, merges, shapes) are read in linear time", async () => {
    const n = 60_000;
    const shared = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${"<si><t>x</t>".repeat(n)}</sst>`;
    const sheet = sheetXml(table).replace("</sheetData>", `${"<row><c><v>1</v>".repeat(n)}</sheetData>${'<mergeCell ref="A1:B1" '.repeat(n)}`);
    const book = bookOf({
      sheets: [{ name: "計画", xml: sheet.replace("</worksheet>", '<drawing xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rD1"/></worksheet>') }],
      omit: ["xl/sharedStrings.xml"],
      extra: [
        { name: "xl/sharedStrings.xml", data: shared },
        { name: "xl/styles.xml", data: `<styleSheet><fonts>${"<font><b/>".repeat(n)}</fonts><cellXfs><xf/>${'<xf numFmtId="0">'.repeat(n)}</cellXfs></styleSheet>` },
        { name: "xl/worksheets/_rels/sheet1.xml.rels", data: '<Relationships><Relationship Id="rD1" Type="x/drawing" Target="../drawings/drawing1.xml"/></Relationships>' },
        { name: "xl/drawings/drawing1.xml", data: `<xdr:wsDr xmlns:xdr="x">${"<xdr:twoCellAnchor><xdr:sp>".repeat(n)}</xdr:wsDr>` },
      ],
    });
    // a lazy regular expression per element took 2–11 s for each of these at this size, 50 s for the merges
    const { value: plan, cpu } = await cpuMs(() => planOf("unclosed.xlsx", book));
    expect(cpu).toBeLessThan(3000);
    expect(names(plan)).toEqual(["電子申請の拡大", "窓口の改善"]);
  });

  it("a picture, or a shape beside the years or below the table, is no schedule: nothing said", async () => {
    const plan = await planOf("drawn.xlsx", drawn(anchor([7, 3], [9, 4], picture) + anchor([4, 3], [5, 3], arrow) + anchor([7, 8], [9, 9], arrow)));
    expect(codes(plan.diagnostics)).not.toContain("PP123");
    expect(plan.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it.each([["XFD1048576"], ["A1048576"]])("one stray cell at %s: the table is read at once and the cell named (PP116)", async (far) => {
    const { value: plan, cpu } = await cpuMs(() => planOf("far.xlsx", bookOf({ sheets: [{ name: "計画", xml: sheetXml([...table, { ref: far, t: "inlineStr", is: "x" }]) }] })));
    expect(cpu).toBeLessThan(2000);
    expect(names(plan)).toEqual(["電子申請の拡大", "窓口の改善"]);
    const d = plan.diagnostics.find((x) => x.code === "PP116");
    expect(d).toMatchObject({ sheet: "計画", cell: far });
    expect(d!.message).toContain(`A1:${far === "A1048576" ? "J1048576" : far}`);
  });

  it("a workbook without sharedStrings (inline strings) is read; a cell pointing into a missing sharedStrings part is named (PP118)", async () => {
    expect(names(await planOf("inline.xlsx", bookOf({ sheets: [{ name: "計画", xml: sheetXml(table) }] })))).toEqual(["電子申請の拡大", "窓口の改善"]);
    const cells = table.map((c) => (c.ref === "E4" ? { ref: "E4", t: "s", v: 0 } : c));
    const plan = await planOf("nosst.xlsx", bookOf({ sheets: [{ name: "計画", xml: sheetXml(cells) }] }));
    expect(plan.diagnostics.find((d) => d.code === "PP118")).toMatchObject({ sheet: "計画", cell: "E4", severity: "error" });
    // an index that is no number is told as written, not as 「NaN 番」
    const odd = await planOf("odd.xlsx", bookOf({ sheets: [{ name: "計画", xml: sheetXml(table.map((c) => (c.ref === "E4" ? { ref: "E4", t: "s", v: "abc" } : c))) }], shared: ["x"] }));
    expect(odd.diagnostics.find((d) => d.code === "PP118")?.message).toContain("の abc 番を参照しています");
  });

  it("a shared-string index that is no whole number (an empty <v>, 1e0) is PP118, not the first string; in a return PP601 naming the cell, not an empty entry", async () => {
    const withIndex = (v: string) => bookOf({ sheets: [{ name: "計画", xml: sheetXml(table.map((c) => (c.ref === "E5" ? { ref: "E5", t: "s", v } : c))) }], shared: ["窓口の改善", "別の事業"] });
    for (const v of ["", "1e0", "0x1"]) {
      const plan = await planOf("plan.xlsx", withIndex(v));
      expect(plan.diagnostics.filter((d) => d.code === "PP118").map((d) => [d.cell, d.severity]), v).toEqual([["E5", "error"]]);
      expect(names(plan), v).not.toContain("窓口の改善");
    }
    expect((await planOf("plan.xlsx", withIndex(""))).diagnostics.find((d) => d.code === "PP118")?.message).toContain("番号が空です");
    expect(names(await planOf("plan.xlsx", withIndex("0")))).toEqual(["電子申請の拡大", "窓口の改善"]);
    const dir = mkdtempSync(path.join(os.tmpdir(), "planpress-returns-sst-"));
    writeFileSync(path.join(dir, "a.xlsx"), bookOf({ sheets: [{ name: "進捗報告", xml: sheetXml(table.map((c) => (c.ref === "E5" ? { ref: "E5", t: "s", v: 7 } : c))) }], shared: ["x"] }));
    const bag = new DiagnosticBag("ja");
    expect(await readReturnsDir(dir, bag)).toEqual([]);
    expect(bag.items.map((d) => [d.code, d.message.includes("セル E5 が参照する共有文字列（7）")])).toEqual([["PP601", true]]);
  });

  it("a formula without a saved value is named with its cell (PP117), a saved value is read", async () => {
    const cells = table.map((c) => (c.ref === "E4" ? { ref: "E4", t: "str", f: "CONCAT(\"電子\",\"申請\")" } : c.ref === "E5" ? { ref: "E5", t: "str", f: "\"窓口\"", v: "窓口の改善" } : c));
    const plan = await planOf("formula.xlsx", bookOf({ sheets: [{ name: "計画", xml: sheetXml(cells) }] }));
    const d = plan.diagnostics.find((x) => x.code === "PP117");
    // a project's name unknown: an error there (the project would be printed without it)
    expect(d).toMatchObject({ sheet: "計画", cell: "E4", severity: "error" });
    expect(d!.hint).toContain("保存");
    expect(plan.projects.find((p) => p.no === 2)?.name).toBe("窓口の改善");
    // a year label computed by a formula with no saved value (=H3+1): the period would lose that year
    const header = table.find((c) => /^[H-Z]3$/.test(c.ref) && /令和9年度/.test(String(c.is ?? "")));
    expect(header).toBeDefined();
    const years = await planOf("years.xlsx", bookOf({ sheets: [{ name: "計画", xml: sheetXml(table.map((c) => (c === header ? { ref: c.ref, f: "H3+1" } : c))) }] }));
    expect(years.diagnostics.filter((x) => x.code === "PP117").map((x) => [x.cell, x.severity])).toEqual([[header!.ref, "error"]]);
    // a number formula whose <v> is empty (openpyxl and other writers that do not calculate): no value
    // either (the No had been said empty, PP301, with no word of the formula); a text formula's empty
    // <v> is its empty result
    const no = table.find((c) => c.ref === "A4")!;
    const emptyV = await planOf("emptyv.xlsx", bookOf({ sheets: [{ name: "計画", xml: sheetXml([...table.map((c) => (c === no ? { ref: "A4", f: "ROW()-3", v: "" } : c)), { ref: "T5", t: "str", f: "\"\"", v: "" }]) }] }));
    expect(emptyV.diagnostics.filter((x) => x.code === "PP117").map((x) => [x.cell, x.severity])).toEqual([["A4", "error"]]);
    // outside the table (a column no header names): a warning, the plan read
    const aside = await planOf("aside.xlsx", bookOf({ sheets: [{ name: "計画", xml: sheetXml([...table, { ref: "T4", t: "str", f: "\"memo\"" }]) }] }));
    expect(aside.diagnostics.filter((x) => x.code === "PP117").map((x) => [x.cell, x.severity])).toEqual([["T4", "warning"]]);
  });

  it("cells showing an Excel error (#REF!, #N/A) read as empty, said once at the first (PP121): an error where the table reads them (a project's 担当課, a year), a warning elsewhere", async () => {
    // (a cell right of the table, T1, comes first on the sheet: the one said is the first the table reads)
    const cells = [{ ref: "T1", t: "e", v: "#DIV/0!" }, ...table.map((c) => (c.ref === "F4" ? { ref: "F4", t: "e", f: "Sheet2!A1", v: "#REF!" } : c.ref === "I5" ? { ref: "I5", t: "e", v: "#N/A" } : c))];
    const plan = await planOf("errors.xlsx", bookOf({ sheets: [{ name: "計画", xml: sheetXml(cells) }] }));
    expect(plan.diagnostics.filter((x) => x.code === "PP121").map((x) => [x.cell, x.severity, x.message]))
      .toEqual([["F4", "error", "Excel のエラー値（「#REF!」など）を表示しているセルが 2 個あります（ここが最初）。値がないものとして、空欄として読みました。"]]);
    expect(JSON.stringify(plan.projects)).not.toContain("#REF!");
    // outside the table (a column no header names): a warning, the plan read
    const aside = await planOf("aside.xlsx", bookOf({ sheets: [{ name: "計画", xml: sheetXml([...table, { ref: "T4", t: "e", v: "#N/A" }]) }] }));
    expect(aside.diagnostics.filter((x) => x.code === "PP121").map((x) => [x.cell, x.severity])).toEqual([["T4", "warning"]]);
  });

  it("year headers that are numbers shown through a number format read as Excel shows them", async () => {
    const serial = (y: number) => (Date.UTC(y, 3, 1) - Date.UTC(1899, 11, 30)) / 86400000;
    const years = [
      { ref: "H3", v: 8, s: 1 }, { ref: "I3", v: serial(2027), s: 2 }, { ref: "J3", v: 2028, s: 3 },
    ];
    const cells = [...table.filter((c) => !/^[HIJ]3$/.test(c.ref)), ...years];
    const plan = await planOf("fmt.xlsx", bookOf({
      sheets: [{ name: "計画", xml: sheetXml(cells) }],
      numFmts: { 176: '"令和"0"年度"', 177: '[$-ja-JP-x-gannen]ggge"年度"', 178: '0"年度"' }, xfs: [0, 176, 177, 178],
    }));
    expect(plan.plan.period).toEqual({ start: 2026, end: 2028 });
    expect(plan.projects[1]!.schedule.map((s) => [s.label, s.from, s.to])).toEqual([["試行", 2027, 2027], ["運用", 2028, 2028]]);
  });

  it("a date outside Excel's calendar (Excel shows #####) and a format of 400 decimals read as the plain number, not as a run stopped (PP901) or NaN", () => {
    const cells = [...table, { ref: "K4", v: "1e20", s: 1 }, { ref: "K5", v: -3, s: 2 }, { ref: "L4", v: 2.5, s: 3 }, { ref: "L5", v: 46174, s: 4 }];
    const bag = new DiagnosticBag("ja");
    const [sheet] = readXlsxGrids(bookOf({
      sheets: [{ name: "計画", xml: sheetXml(cells) }],
      numFmts: { 176: '[$-ja-JP-x-gannen]ggge"年度"', 177: "0." + "0".repeat(400) }, xfs: [0, 14, 176, 177, 176],
    }), "fmt.xlsx", bag, undefined, 1000);
    const at = (line: number, col: number) => sheet!.grid.rows.find((r) => r.line === line)!.cells[col];
    expect([at(4, 10), at(5, 10), at(4, 11)?.slice(0, 6), at(4, 11)?.length, at(5, 11)]).toEqual(["100000000000000000000", "-3", "2.5000", 102, "令和8年度"]);
  });

  it("a fraction format of many digits (?/???????) is read in no time (the nearest fraction, as Excel shows it)", async () => {
    const cells = [...table, ...[1, 2, 3, 4, 5].map((r) => ({ ref: `L${r}`, v: 1.2345678 + r, s: 1 })), { ref: "M1", v: 0.3125, s: 2 }];
    const book = bookOf({ sheets: [{ name: "計画", xml: sheetXml(cells) }], numFmts: { 176: "# ?/???????", 177: "?/??" }, xfs: [0, 176, 177] });
    const { value: [sheet], cpu } = await cpuMs(() => readXlsxGrids(book, "frac.xlsx", new DiagnosticBag("ja"), undefined, 1000));
    expect(cpu).toBeLessThan(500);
    const at = (line: number, col: number) => sheet!.grid.rows.find((r) => r.line === line)!.cells[col];
    expect([at(1, 11), at(1, 12)]).toEqual(["2 1172839/5000000", "5/16"]);
  });

  it("a cell past XFD1048576 (or at row 0) is refused with its address (PP106): a row past 2^53 had run out of memory, row 10^14 had been a project", async () => {
    const cases: [string, string][] = [
      ['<row r="99999999999999"><c r="A99999999999999"><v>3</v></c></row>', "A99999999999999"],
      ['<row r="7"><c r="XFE7"><v>3</v></c></row>', "XFE7"],
      ['<row r="7"><c r="B0"><v>3</v></c></row>', "B0"],
      ['<row r="99999999999999999"><c><v>3</v></c></row>', "A100000000000000000"],
    ];
    for (const [row, ref] of cases) {
      const xml = sheetXml(table).replace("</sheetData>", `${row}</sheetData>`);
      const plan = await planOf("far.xlsx", bookOf({ sheets: [{ name: "計画", xml }] }));
      expect(codes(plan.diagnostics), ref).toEqual(["PP106"]);
      expect(plan.diagnostics[0]!.message).toContain(`シート「計画」のセル番地 ${ref} は Excel のシートの範囲（A1～XFD1048576）の外にあります`);
    }
  });

  it("merged ranges that overlap (copies of one range: 200,000 in 55 KB had taken 135 s and 3 GB) are refused (PP106); ranges that tile the table are read", async () => {
    const copies = sheetXml(table, Array.from({ length: 2000 }, () => "H4:I5"));
    const plan = await planOf("merges.xlsx", bookOf({ sheets: [{ name: "計画", xml: copies }] }));
    expect(codes(plan.diagnostics)).toEqual(["PP106"]);
    expect(plan.diagnostics[0]!.message).toContain("シート「計画」の結合セル（2000 か所）が重なっています");
    const tiled = await planOf("merges.xlsx", bookOf({ sheets: [{ name: "計画", xml: sheetXml(table, ["A1:J2", "I4:J4", "H5:I5"]) }] }));
    expect(codes(tiled.diagnostics)).not.toContain("PP106");
  });

  it("many hidden column ranges are looked up in constant time a cell; values under them are still said (PP120)", async () => {
    const big = inlineCells(grid(tsv([HEADER, ...Array.from({ length: 500 }, (_, i) => row(i + 1, `事業${i + 1}`))])));
    const cols = `<cols>${'<col min="100" max="200" hidden="1"/>'.repeat(100_000)}<col min="5" max="5" hidden="1"/></cols>`;
    const book = bookOf({ sheets: [{ name: "計画", xml: sheetXml(big).replace("<sheetData>", `${cols}<sheetData>`) }] });
    const bag = new DiagnosticBag("ja");
    const { value: [sheet], cpu } = await cpuMs(() => readXlsxGrids(book, "cols.xlsx", bag, undefined, 100_000));
    findTable(sheet!.grid, defaultConfig(), sheet!.read); // (said once the table is found: PP245 may set one aside)
    expect(sheet!.read.items.filter((d) => d.code === "PP120").map((d) => [d.cell, d.message.includes("列（1 列）")])).toEqual([["E3", true]]);
    expect(cpu).toBeLessThan(1200);
  });

  it("hidden sheets are not read; merges are kept on the grid with their cells' rows and columns", () => {
    const bytes = bookOf({ sheets: [
      { name: "隠し", xml: sheetXml(inlineCells(grid(PLAN))), state: "hidden" },
      { name: "計画", xml: sheetXml(table, ["H4:I4", "B4:B5"]) },
    ] });
    const reads = readXlsxGrids(bytes, "m.xlsx", new DiagnosticBag("ja"), undefined, 1000);
    expect(reads.map((r) => r.grid.sheet)).toEqual(["計画"]);
    const g = reads[0]!.grid;
    expect(g.merges).toEqual([{ top: 4, left: 7, bottom: 4, right: 8 }, { top: 4, left: 1, bottom: 5, right: 1 }]);
    const r4 = g.rows.find((r) => r.line === 4)!;
    expect(r4.spans?.get(7)).toBe(2);
    expect([...(r4.covered ?? [])]).toEqual([8]);
    // covered from the left only: a cell under a vertical merge's top keeps its own (its fill is a bar's)
    expect([...(g.rows.find((r) => r.line === 5)!.covered ?? [])]).toEqual([]);
  });
});

describe("limits", () => {
  it("more project rows than limits.maxProjects are refused early (PP115)", async () => {
    const config = defaultConfig();
    config.limits.maxProjects = 3;
    const rows = Array.from({ length: 5 }, (_, i) => row(i + 1, `事業${i + 1}`));
    const plan = await planOf("many.tsv", tsv([HEADER, ...rows]), config);
    expect(codes(plan.diagnostics)).toContain("PP115");
    expect(plan.projects).toEqual([]);
  });

  it("a sheet with more cells than limits.maxCells is refused (PP119)", async () => {
    const config = defaultConfig();
    config.limits.maxCells = 20;
    const plan = await planOf("cells.xlsx", bookOf({ sheets: [{ name: "計画", xml: sheetXml(inlineCells(grid(PLAN))) }] }), config);
    expect(codes(plan.diagnostics)).toEqual(["PP119"]);
  });

  it("the limit counts the cells of all sheets read together: sheets each just under it are refused at the one that passes it (PP119)", async () => {
    const config = defaultConfig();
    const cells = inlineCells(grid(PLAN));
    config.limits.maxCells = cells.length + 5;
    const xml = sheetXml(cells);
    const plan = await planOf("cells.xlsx", bookOf({ sheets: [{ name: "計画1", xml }, { name: "計画2", xml }, { name: "計画3", xml }] }), config);
    expect(plan.diagnostics.map((d) => [d.code, d.sheet])).toEqual([["PP119", "計画2"]]);
  });

  it("a returned workbook's cells are bounded too, all sheets together: past the limit it is refused, not read into memory", () => {
    const xml = sheetXml(inlineCells(grid(PLAN)));
    const book = bookOf({ sheets: [{ name: "進捗報告", xml }, { name: "控え", xml }] });
    const cells = inlineCells(grid(PLAN)).length;
    expect(readWorkbookCells(book, cells * 2).map((s) => s.cells.length)).toEqual([cells, cells]);
    expect(() => readWorkbookCells(book, cells + 1)).toThrow("値のあるセルが多すぎます（シート「控え」までで");
  });

  it("cells kept only for their colour do not count toward limits.maxCells, and are capped apart", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("計画");
    for (const r of [HEADER, row(1, "電子申請の拡大")]) ws.addRow(r);
    // a block of 400 empty yellow cells beside the table (a sheet formatted wide)
    for (let r = 1; r <= 20; r++) for (let c = 15; c <= 34; c++) ws.getCell(r, c).fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } };
    const config = defaultConfig();
    config.limits.maxCells = 30;
    const plan = await planOf("wide.xlsx", new Uint8Array(await wb.xlsx.writeBuffer()), config);
    expect(codes(plan.diagnostics)).not.toContain("PP119");
    expect(plan.projects.map((p) => p.no)).toEqual([1]);
  });
});

describe("special files among the files staff edit", () => {
  // A config, theme, wording file or template naming /dev/zero or a FIFO had been read until memory
  // ran out (6–8 GB, no message): each is refused at once with its file and what it is.
  it("the config, the theme, a wording file, a template and the output folder's own files", async () => {
    const { loadConfig } = await import("../../src/config/load.js");
    const { loadTheme } = await import("../../src/theme/load.js");
    const { loadWording, HouseWording } = await import("../../src/templates/wording.js");
    const { renderTemplate } = await import("../../src/templates/engine.js");
    const { readManifest, recoverOutputs, MANIFEST, LOCK } = await import("../../src/output/write.js");
    const { makeRenderContext } = await import("../helpers/context.js");
    const dir = mkdtempSync(path.join(os.tmpdir(), "planpress-special-edits-"));
    const zero = path.join(dir, "zero.json");
    symlinkSync("/dev/zero", zero);
    const fifo = path.join(dir, "fifo.json");
    execFileSync("mkfifo", [fifo]);
    const refused = async (what: string, run: (bag: DiagnosticBag) => unknown, code: string, word: string) => {
      const bag = new DiagnosticBag("ja");
      const { cpu } = await cpuMs(async () => { try { await run(bag); } catch { /* the diagnostic is what counts */ } });
      expect(bag.items.map((d) => [d.code, d.message.includes(word)]), what).toEqual([[code, true]]);
      expect(cpu, what).toBeLessThan(2000);
    };
    for (const [file, word] of [[zero, "デバイス"], [fifo, "FIFO"], [dir, "フォルダ"]] as const) {
      await refused(`config ${file}`, (bag) => loadConfig(file, bag), "PP501", word);
      await refused(`theme ${file}`, (bag) => loadTheme(file, bag), "PP502", word);
    }
    const templates = path.join(dir, "templates");
    execFileSync("mkdir", ["-p", path.join(templates, "booklet")]);
    symlinkSync("/dev/zero", path.join(templates, "wording.json"));
    execFileSync("mkfifo", [path.join(templates, "booklet", "booklet.hbs")]);
    await refused("wording", (bag) => loadWording(makeRenderContext({ diagnostics: bag, templatesDir: templates }), "", HouseWording), "PP531", "デバイス");
    await refused("template", (bag) => renderTemplate("booklet", "booklet", {}, makeRenderContext({ diagnostics: bag, templatesDir: templates })), "PP503", "FIFO");
    // planpress's own files in an output folder, replaced by a FIFO: read as absent, not waited on
    const out = path.join(dir, "out");
    execFileSync("mkdir", ["-p", out]);
    execFileSync("mkfifo", [path.join(out, MANIFEST)]);
    symlinkSync("/dev/zero", path.join(out, LOCK));
    expect(readManifest(out)).toEqual([]);
    await recoverOutputs(out);
  });

  it("a workbook or other binary file given as the config, the theme or a template is refused as no text, not as quotes and commas missing at line 1", async () => {
    const { loadConfig } = await import("../../src/config/load.js");
    const { loadTheme } = await import("../../src/theme/load.js");
    const { renderTemplate } = await import("../../src/templates/engine.js");
    const { makeRenderContext } = await import("../helpers/context.js");
    const dir = mkdtempSync(path.join(os.tmpdir(), "planpress-binary-edits-"));
    const book = path.join(dir, "plan.xlsx");
    writeFileSync(book, bookOf({ sheets: [{ name: "計画", xml: sheetXml(inlineCells(grid(PLAN))) }] }));
    const said = (run: (bag: DiagnosticBag) => unknown) => { const bag = new DiagnosticBag("ja"); try { run(bag); } catch { /* told */ } return bag; };
    for (const [what, bag, code] of [["config", said((b) => loadConfig(book, b)), "PP501"], ["theme", said((b) => loadTheme(book, b)), "PP502"]] as const) {
      expect(bag.items.map((d) => [d.code, d.message.includes("テキストファイルではありません"), d.message.includes("引用符")]), what).toEqual([[code, true, false]]);
    }
    const templates = path.join(dir, "templates");
    mkdirSync(path.join(templates, "booklet"), { recursive: true });
    writeFileSync(path.join(templates, "booklet", "booklet.hbs"), new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    const bag = new DiagnosticBag("ja");
    try { await renderTemplate("booklet", "booklet", {}, makeRenderContext({ diagnostics: bag, templatesDir: templates })); } catch { /* told */ }
    expect(bag.items.map((d) => [d.code, d.message.includes("テキストファイルではありません")])).toEqual([["PP503", true]]);
    // binary data without a NUL byte (control bytes all through it): it had been handlebars'
    // English parse error; a config so made, a JSON mistake
    const noNul = new Uint8Array(Array.from({ length: 400 }, (_, i) => [0x41, 0x7b, 0x7b, 0x05, 0x1b, 0x41, 0xe3, 0x10][i % 8]!));
    writeFileSync(path.join(templates, "booklet", "booklet.hbs"), noNul);
    const again = new DiagnosticBag("ja");
    try { await renderTemplate("booklet", "booklet", {}, makeRenderContext({ diagnostics: again, templatesDir: templates })); } catch { /* told */ }
    expect(again.items.map((d) => [d.code, d.message.includes("テキストファイルではありません"), /error|詳細/i.test(d.message)])).toEqual([["PP503", true, false]]);
    const config = path.join(dir, "config.json");
    writeFileSync(config, noNul);
    expect(said((b) => loadConfig(config, b)).items.map((d) => [d.code, d.message.includes("テキストファイルではありません")])).toEqual([["PP501", true]]);
  });
});
