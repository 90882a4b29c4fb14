import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { columnLetters } from "../../src/cell-address.js";
import { unescapeXml } from "../../src/ingest/workbook-xml.js";
import { codes, HEADER, planOf, tsv } from "../helpers/plan-fixtures.js";
import { bookOf, sheetXml } from "../helpers/xlsx-parts.js";

async function workbook(build: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet("表紙"), wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe("xlsx input", () => {
  it("uses merged ranges as exact schedule spans and reports places as file#Sheet!A1", async () => {
    const bytes = await workbook((cover, wb) => {
      cover.getCell("A1").value = "これは表紙です";
      const ws = wb.addWorksheet("計画");
      ws.getCell("A1").value = "サンプル市DX計画";
      ws.addRow([]);
      ws.addRow(HEADER);
      ws.addRow(["1", "市民サービス", "(1)オンライン化", "①手続", "電子申請", "情報政策課、各課", "・説明。", "検討", "", "運用"]);
      ws.mergeCells("H4:I4"); // 検討 covers 令和8–9年度 exactly
      ws.addRow(["2", "市民サービス", "(1)オンライン化", "①手続", "窓口改善", "市民課", "", "試行", "", ""]);
      ws.addRow(["2", "市民サービス", "(1)オンライン化", "①手続", "重複", "市民課", "説明", "", "", ""]);
    });
    const plan = await planOf("plan.xlsx", bytes);
    expect(plan.plan.title).toBe("サンプル市DX計画");
    const [a, b] = plan.projects;
    expect(a!.schedule.map((s) => [s.label, s.from, s.to])).toEqual([["検討", 2026, 2027], ["運用", 2028, 2028]]);
    expect(a!.allDepartments).toBe(true);
    // Not merged: a workbook label covers its own year only; empty cells are years without activity.
    expect(b!.schedule.map((s) => [s.label, s.from, s.to])).toEqual([["試行", 2026, 2026]]);
    const empty = plan.diagnostics.find((d) => d.code === "PP302" && d.projectNo === 2);
    expect(empty).toMatchObject({ file: expect.stringContaining("plan.xlsx"), sheet: "計画", cell: "G5" });
    const dup = plan.diagnostics.find((d) => d.code === "PP401");
    expect(dup).toMatchObject({ sheet: "計画", cell: "A6" });
  });

  it("the plan's name on a 表紙 sheet is its title when no line above the table names it (PP279)", async () => {
    const bytes = await workbook((cover, wb) => {
      cover.addRows([["資料２"], ["サンプル市"], ["サンプル市DX推進計画（令和8年度～令和10年度）"], ["令和8年3月"], ["情報政策課"]]);
      wb.addWorksheet("目次").addRows([["目次"], ["1 市民サービス", 3]]);
      const ws = wb.addWorksheet("計画");
      ws.addRow(HEADER);
      ws.addRow(["1", "市民サービス", "(1)オンライン化", "①手続", "電子申請", "情報政策課", "説明", "検討", "実施", "実施"]);
    });
    const plan = await planOf("plan.xlsx", bytes);
    expect(plan.plan.title).toBe("サンプル市DX推進計画");
    expect(codes(plan.diagnostics)).not.toContain("PP205");
    expect(plan.diagnostics.find((d) => d.code === "PP279")).toMatchObject({ sheet: "表紙", cell: "A3" });
  });

  it("a title above the table naming only the document's kind (実施計画　取組一覧) gives way to the 表紙's 大綱 (PP287)", async () => {
    const bytes = await workbook((cover, wb) => {
      cover.addRows([["サンプル市"], ["第3次サンプル市行政改革大綱"], ["令和8年3月"]]);
      const ws = wb.addWorksheet("実施計画");
      ws.addRow(["実施計画　取組一覧"]);
      ws.addRow(HEADER);
      ws.addRow(["1", "市民サービス", "(1)オンライン化", "①手続", "電子申請", "情報政策課", "説明", "検討", "実施", "実施"]);
    });
    const plan = await planOf("plan.xlsx", bytes);
    expect(plan.plan.title).toBe("第3次サンプル市行政改革大綱");
    expect(plan.diagnostics.find((d) => d.code === "PP287")).toMatchObject({ sheet: "表紙", cell: "A2" });
    expect(codes(plan.diagnostics)).not.toContain("PP279");
  });

  it("a page number merged across the row (2, centred at a printed page's foot) is a stray line (PP327), not a project No.2", async () => {
    const bytes = await workbook((ws) => {
      ws.addRow(HEADER);
      ws.addRow(["1", "市民サービス", "(1)オンライン化", "①手続", "電子申請", "情報政策課", "説明", "検討", "実施", "実施"]);
      ws.addRow(["2", "市民サービス", "(1)オンライン化", "①手続", "窓口改善", "市民課", "説明", "検討", "実施", "実施"]);
      ws.addRow([1]);
      ws.mergeCells("A4:J4");
      ws.addRow(HEADER);
      ws.addRow(["3", "市民サービス", "(1)オンライン化", "①手続", "相談", "市民課", "説明", "検討", "実施", "実施"]);
    });
    const plan = await planOf("plan.xlsx", bytes);
    expect(plan.projects.map((p) => [p.no, p.name])).toEqual([[1, "電子申請"], [2, "窓口改善"], [3, "相談"]]);
    expect(plan.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(plan.diagnostics.find((d) => d.code === "PP327")).toMatchObject({ sheet: "表紙", cell: "A4" });
  });

  it("year labels 8 | 9 | 10 (numbers) under 令和 merged over them are 令和8–10年度 (PP244)", async () => {
    const bytes = await workbook((ws) => {
      ws.addRow([...HEADER.slice(0, 7), "令和", "", ""]);
      ws.addRow([...HEADER.slice(0, 7).map(() => ""), 8, 9, 10]);
      for (const c of ["A", "B", "C", "D", "E", "F", "G"]) ws.mergeCells(`${c}1:${c}2`);
      ws.mergeCells("H1:J1");
      ws.addRow(["1", "市民サービス", "(1)オンライン化", "①手続", "電子申請", "情報政策課", "・説明。", "検討", "実施", "実施"]);
    });
    const plan = await planOf("plan.xlsx", bytes);
    expect(plan.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(plan.plan.period).toEqual({ start: 2026, end: 2028 });
    expect(plan.projects[0]!.schedule.map((s) => [s.label, s.from, s.to])).toEqual([["検討", 2026, 2026], ["実施", 2027, 2028]]);
    expect(plan.diagnostics.find((d) => d.code === "PP244")?.cell).toBe("H1");
  });

  it("text struck through (見え消し), a whole row or a run of a cell, stops the reading at the first such cell (PP122)", async () => {
    const project = (no: number, name: string) => [String(no), "市民サービス", "(1)オンライン化", "①手続", name, "情報政策課", "・説明。", "検討", "実施", ""];
    const book = (strike: (ws: ExcelJS.Worksheet) => void) => workbook((ws) => {
      ws.addRow(HEADER);
      for (const [no, name] of [[1, "電子申請"], [2, "窓口改善"], [3, "広報"]] as const) ws.addRow(project(no, name));
      strike(ws);
    });
    const struck = await planOf("plan.xlsx", await book((ws) => {
      for (let c = 1; c <= 10; c++) ws.getCell(3, c).font = { strike: true }; // No.2 deleted
      ws.getCell("I4").value = { richText: [{ text: "実施", font: { strike: true } }, { text: "運用" }] }; // 実施 → 運用
      ws.getCell("J4").font = { strike: true }; // struck but empty: nothing to say
    }));
    expect(struck.diagnostics.filter((d) => d.code === "PP122").map((d) => [d.cell, d.severity, d.message])).toEqual([
      ["A3", "error", "取り消し線の付いた文字（見え消し）があるセルが 10 個あります（ここが最初:「2」）。取り消した文字を計画に入れるかどうか決められません。"]]);
    // a font without strike, or strike: false, says nothing
    const plain = await planOf("plan.xlsx", await book((ws) => { ws.getCell("E2").font = { strike: false, bold: true }; }));
    expect(codes(plain.diagnostics)).not.toContain("PP122");
    expect(plain.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("text in white on no fill stops the reading at its cell (PP163); raised characters are an error (PP164) unless a footnote's number at a cell's end (PP165)", async () => {
    const project = (no: number, name: string) => [String(no), "市民サービス", "(1)オンライン化", "①手続", name, "情報政策課", "・説明。", "検討", "実施", ""];
    const book = (edit: (ws: ExcelJS.Worksheet) => void) => workbook((ws) => {
      ws.addRow(HEADER);
      for (const [no, name] of [[1, "電子申請"], [2, "窓口改善"], [3, "広報"]] as const) ws.addRow(project(no, name));
      edit(ws);
    });
    const white = { color: { argb: "FFFFFFFF" } };
    const hidden = await planOf("plan.xlsx", await book((ws) => {
      ws.getCell("E3").value = { richText: [{ text: "窓口改善" }, { text: "（廃止予定）", font: white }] };
      ws.getCell("G4").font = white; // a whole cell in white
      ws.getCell("E4").font = white; ws.getCell("E4").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF1F4E79" } }; // white on a dark fill is seen
    }));
    expect(hidden.diagnostics.filter((d) => d.code === "PP163").map((d) => [d.cell, d.severity, d.message])).toEqual([
      ["E3", "error", "白い文字（背景と同じ色で、画面や印刷では見えない文字）があるセルが 2 個あります（ここが最初:「窓口改善（廃止予定）」）。見えない文字を計画に入れるかどうか決められません。"]]);
    const raised = (cells: Record<string, ExcelJS.RichText[]>) => book((ws) => { for (const [at, runs] of Object.entries(cells)) ws.getCell(at).value = { richText: runs }; });
    const sup = { vertAlign: "superscript" } as const;
    const noted = await planOf("plan.xlsx", await raised({ E2: [{ text: "電子申請" }, { text: "1", font: sup }], E4: [{ text: "広報" }, { text: "※2", font: sup }] }));
    expect(noted.projects.map((p) => p.name)).toEqual(["電子申請", "窓口改善", "広報"]);
    expect(noted.diagnostics.filter((d) => d.code === "PP165").map((d) => [d.cell, d.severity])).toEqual([["E2", "warning"]]);
    expect(noted.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    // 10³, m², CO₂ and a raised word in the middle: printed plain they would say something else
    for (const runs of [[{ text: "・延床面積 1,200m" }, { text: "2", font: sup }], [{ text: "・CO" }, { text: "2", font: { vertAlign: "subscript" } }, { text: "を削減" }]] as ExcelJS.RichText[][]) {
      const plain = await planOf("plan.xlsx", await raised({ G3: runs }));
      expect(plain.diagnostics.filter((d) => d.code === "PP164").map((d) => [d.cell, d.severity])).toEqual([["G3", "error"]]);
      expect(codes(plain.diagnostics)).not.toContain("PP165");
    }
  });

  it("takes a title merged across the sheet right above a two-row header as the title, not as a header row", async () => {
    const bytes = await workbook((ws) => {
      ws.getCell("A1").value = "キタ市DX計画";
      ws.mergeCells("A1:I1");
      ws.getRow(2).values = ["No", "基本方針", "施策", "事業名", "担当課", "概要", "スケジュール", "", ""];
      ws.mergeCells("G2:I2");
      for (const c of "ABCDEF") ws.mergeCells(`${c}2:${c}3`);
      ws.getRow(3).values = ["", "", "", "", "", "", 2026, 2027, 2028];
      ws.getRow(4).values = [1, "市民サービス", "(1)窓口", "窓口改善", "市民課", "改善する", "検討", "実施", ""];
    });
    const plan = await planOf("plan.xlsx", bytes);
    expect(plan.plan.title).toBe("キタ市DX計画");
    expect(codes(plan.diagnostics)).not.toContain("PP205");
    expect(plan.plan.period).toEqual({ start: 2026, end: 2028 });
    // no year cell merged anywhere: 実施 runs on to the period's end, as in the same table as TSV (PP261)
    expect(plan.projects[0]!.schedule.map((s) => [s.label, s.from, s.to])).toEqual([["検討", 2026, 2026], ["実施", 2027, 2028]]);
    expect(codes(plan.diagnostics)).toContain("PP261");
  });

  it("reads a workbook that merges no year cell as its text export is read, and one that merges some exactly", async () => {
    const row = (ws: ExcelJS.Worksheet) => {
      ws.getRow(1).values = ["No", "基本方針", "施策", "取組", "事業名", "担当課", "事業内容", "R8", "R9", "R10", "R11"];
      ws.getRow(2).values = [1, "方針", "(1)窓口", "①手続", "甲", "市民課", "内容", "試行", "", "拡大", ""];
      ws.getRow(3).values = [2, "方針", "(1)窓口", "①手続", "乙", "市民課", "内容", "検討", "", "", ""];
    };
    const plain = await planOf("plan.xlsx", await workbook(row));
    const text = await planOf("plan.tsv", tsv([["No", "基本方針", "施策", "取組", "事業名", "担当課", "事業内容", "R8", "R9", "R10", "R11"],
      ["1", "方針", "(1)窓口", "①手続", "甲", "市民課", "内容", "試行", "", "拡大", ""], ["2", "方針", "(1)窓口", "①手続", "乙", "市民課", "内容", "検討", "", "", ""]]));
    const spansOf = (p: typeof plain) => p.projects.map((x) => x.schedule.map((s) => [s.label, s.from, s.to]));
    expect(spansOf(plain)).toEqual([[["試行", 2026, 2027], ["拡大", 2028, 2029]], [["検討", 2026, 2029]]]);
    expect(spansOf(plain)).toEqual(spansOf(text));
    expect(plain.diagnostics.filter((d) => d.code === "PP261").map((d) => [d.severity, d.cell])).toEqual([["info", "H2"]]);
    // one merge anywhere says the sheet draws spans: every label is exactly its cells
    const merged = await planOf("plan.xlsx", await workbook((ws) => { row(ws); ws.mergeCells("J2:K2"); }));
    expect(spansOf(merged)).toEqual([[["試行", 2026, 2026], ["拡大", 2028, 2029]], [["検討", 2026, 2026]]]);
    expect(codes(merged.diagnostics)).not.toContain("PP261");
  });

  it("a workbook named .xlsm (with macros) is read as the same workbook", async () => {
    const bytes = await workbook((ws) => { ws.addRow(["テスト市DX計画"]); ws.addRow(HEADER); ws.addRow(["1", "市民サービス", "(1)オンライン化", "①手続の拡大", "電子申請", "情報政策課", "説明", "検討", "", "運用"]); });
    const xlsx = await planOf("plan.xlsx", bytes);
    const xlsm = await planOf("plan.xlsm", bytes);
    expect(xlsm.projects).toEqual(xlsx.projects);
    expect(xlsm.projects).toHaveLength(1);
    expect(codes(xlsm.diagnostics)).not.toContain("PP105");
  });

  it("an old .xls, an HTML table saved as .xls, an .ods: PP105 says to save it as .xlsx; a .pdf is told the kinds only", async () => {
    for (const name of ["plan.xls", "plan.ods", "plan.XLS"]) {
      const plan = await planOf(name, "<html><body><table><tr><td>No</td></tr></table></body></html>");
      const d = plan.diagnostics.find((x) => x.code === "PP105");
      expect(d?.hint, name).toContain("Excel ブック (*.xlsx)");
    }
    const pdf = await planOf("plan.pdf", "%PDF-1.7");
    expect(pdf.diagnostics.find((x) => x.code === "PP105")?.hint).toBeUndefined();
  });

  it("a named sheet that does not exist, and a file that is not a workbook", async () => {
    const bytes = await workbook((ws) => { ws.addRow(HEADER); });
    const { defaultConfig } = await import("../../src/config/schema.js");
    const config = defaultConfig();
    config.sheet = "ない";
    expect(codes((await planOf("plan.xlsx", bytes, config)).diagnostics)).toContain("PP108");
    expect(codes((await planOf("broken.xlsx", "not a zip")).diagnostics)).toContain("PP106");
  });
});

describe("line breaks other systems write inside a cell", () => {
  it("a line or paragraph separator (U+2028, U+2029, or escaped _x2028_) and Excel's _x000B_ break the line as in a text file (they had been read as spaces: 「電子申請の 拡充」)", async () => {
    const rows = [HEADER, ["1", "市民サービス", "(1)オンライン化", "①手続", "電子申請の\u2028拡充", "情報政策課_x2028_市民課", "・申請を広げる。\u2029・窓口を_x2028_変える。", "検討", "", "運用"],
      ["2", "市民サービス", "(1)オンライン化", "①手続", "AI議事録の_x000B_導入", "総務課", "・議事録を作る。", "調査", "", ""]];
    const shared: string[] = [];
    const cells = [["テスト市DX計画"], ...rows].flatMap((r, i) => r.flatMap((v, c) => (v ? [{ ref: `${columnLetters(c + 1)}${i + 1}`, t: "s", v: shared.push(v) - 1 }] : [])));
    const plan = await planOf("plan.xlsx", bookOf({ sheets: [{ name: "計画", xml: sheetXml(cells) }], shared }));
    const read = plan.projects.map((p) => [p.name, p.departments, p.description]);
    expect(read).toEqual([["電子申請の拡充", ["情報政策課", "市民課"], ["申請を広げる。", "窓口を変える。"]], ["AI議事録の導入", ["総務課"], ["議事録を作る。"]]]);
    // as the same cells in a text file read
    const text = await planOf("plan.tsv", tsv(rows.map((r) => r.map((c) => c.replace(/_x(2028|000B)_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))))));
    expect(text.projects.map((p) => [p.name, p.departments, p.description])).toEqual(read);
  });
});

describe("half a character in a cell", () => {
  it("half a surrogate pair (_xD83D_ alone, an emoji cut by a broken export) is U+FFFD, said at its cell (PP109); a pair written as two escapes stays its character", async () => {
    const rows = [HEADER, ["1", "市民サービス", "(1)オンライン化", "①手続", "電子申請の拡充_xD83D_", "情報政策課", "・申請を_xDE00_広げる。", "検討", "", "運用"],
      ["2", "市民サービス", "(1)オンライン化", "①手続", "AI_xD83D__xDE00_議事録", "総務課", "・議事録を作る。", "調査", "", ""]];
    const shared: string[] = [];
    const cells = [["テスト市DX計画"], ...rows].flatMap((r, i) => r.flatMap((v, c) => (v ? [{ ref: `${columnLetters(c + 1)}${i + 1}`, t: "s", v: shared.push(v) - 1 }] : [])));
    const plan = await planOf("plan.xlsx", bookOf({ sheets: [{ name: "計画", xml: sheetXml(cells) }], shared }));
    expect(plan.projects.map((p) => [p.name, p.description])).toEqual([["電子申請の拡充\uFFFD", ["申請を\uFFFD広げる。"]], ["AI😀議事録", ["議事録を作る。"]]]);
    expect(plan.diagnostics.filter((d) => d.code === "PP109").map((d) => [d.severity, d.cell, d.message])).toEqual([
      ["warning", "E3", "文字の片割れ（絵文字などが途中で切れたもの）が 2 個あり、置き換え文字（�）にしました（最初のものはこのセル）。"]]);
    expect(JSON.stringify(plan.projects)).not.toMatch(/\\ud[89ab]/i);
  });
});

describe("a workbook whose main namespace has a prefix (<x:row>, as the .NET Open XML SDK writes)", () => {
  it("is read as the same workbook without it", async () => {
    const { bookParts, inlineCells, sheetXml, zipOf } = await import("../helpers/xlsx-parts.js");
    const grid = [["テスト市DX計画"], [], HEADER, ["1", "市民サービス", "(1)オンライン化", "①手続の拡大", "電子申請", "情報政策課", "説明", "検討", "", "運用"]];
    const parts = bookParts({ sheets: [{ name: "計画", xml: sheetXml(inlineCells(grid)) }], shared: ["未使用"] });
    const prefixed = parts.map((p) => (typeof p.data === "string" && p.data.includes('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"')
      ? { ...p, data: p.data.replace('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"', 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"')
        .replace(/<(\/?)([A-Za-z]\w*)(?=[\s/>])/g, "<$1x:$2") }
      : p));
    expect(prefixed.find((p) => p.name === "xl/worksheets/sheet1.xml")!.data).toContain("<x:row");
    const plain = await planOf("plain.xlsx", zipOf(parts));
    const read = await planOf("prefixed.xlsx", zipOf(prefixed));
    expect(read.projects).toEqual(plain.projects);
    expect(read.projects.map((p) => [p.name, p.departments])).toEqual([["電子申請", ["情報政策課"]]]);
    expect(read.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
  });
});

describe("rows and columns hidden in Excel", () => {
  it("are read, and said once at the first hidden value, counted (PP120)", async () => {
    const bytes = await workbook((ws) => {
      ws.addRow(["テスト市DX計画"]);
      ws.addRow(HEADER);
      ws.addRow(["1", "市民サービス", "(1)オンライン化", "①手続", "電子申請", "情報政策課", "・説明。", "検討", "", "運用"]);
      ws.addRow(["2", "市民サービス", "(1)オンライン化", "①手続", "窓口改善", "市民課", "・説明。", "試行", "", ""]).hidden = true;
      ws.addRow(["3", "市民サービス", "(1)オンライン化", "①手続", "施設予約", "市民課", "・説明。", "", "実施", ""]).hidden = true;
      ws.getColumn(12).hidden = true;
      ws.getCell("L3").value = "作業用メモ";
    });
    const plan = await planOf("plan.xlsx", bytes);
    expect(plan.projects.map((p) => p.no)).toEqual([1, 2, 3]);
    const said = plan.diagnostics.filter((d) => d.code === "PP120");
    expect(said).toHaveLength(1);
    expect(said[0]!.cell).toBe("L3");
    expect(said[0]!.message).toContain("行（2 行）・列（1 列）");
    // a kind that holds no value is not named (not "行（0 行）")
    const { CATALOG } = await import("../../src/diagnostics/catalog.js");
    expect(CATALOG.PP120.ja({ rows: 0, cols: 2 })).toMatch(/^Excel で非表示の列（2 列）にも値があります。/);
    expect(CATALOG.PP120.en({ rows: 3, cols: 0 })).toMatch(/^Rows \(3\) hidden in Excel/);
  });

  it("say nothing when what is hidden is empty", async () => {
    const bytes = await workbook((ws) => {
      ws.addRow(["テスト市DX計画"]);
      ws.addRow(HEADER);
      ws.addRow(["1", "市民サービス", "(1)オンライン化", "①手続", "電子申請", "情報政策課", "・説明。", "検討", "", "運用"]);
      ws.addRow([]).hidden = true;
      ws.getColumn(14).hidden = true;
    });
    expect(codes((await planOf("plan.xlsx", bytes)).diagnostics)).not.toContain("PP120");
  });

  it("a hidden column of a key shown again in a column of its own (an old 担当課 kept out of sight) is set aside for the shown one (PP245); the hidden one had been read", async () => {
    const bytes = await workbook((ws) => {
      ws.addRow(["テスト市DX計画"]);
      ws.addRow(["No", "担当課", ...HEADER.slice(1)]);
      ws.addRow(["1", "情報推進課", "市民サービス", "(1)オンライン化", "①手続", "電子申請", "DX推進課", "・説明。", "検討", "", "運用"]);
      ws.getColumn(2).hidden = true;
    });
    const plan = await planOf("plan.xlsx", bytes);
    expect(plan.projects.map((p) => p.departments)).toEqual([["DX推進課"]]);
    expect(plan.diagnostics.filter((d) => d.code === "PP245").map((d) => d.cell)).toEqual(["B2"]);
    // the hidden column was not read: PP120 does not say it was
    expect(codes(plan.diagnostics)).not.toContain("PP120");
  });

  it("a hidden column set aside for a shown one is not counted among the hidden values read (PP120 at the first read)", async () => {
    const bytes = await workbook((ws) => {
      ws.addRow(["テスト市DX計画"]);
      ws.addRow(["No", "担当課", ...HEADER.slice(1)]);
      ws.addRow(["1", "情報推進課", "市民サービス", "(1)オンライン化", "①手続", "電子申請", "DX推進課", "・説明。", "検討", "", "運用"]);
      ws.addRow(["2", "情報推進課", "市民サービス", "(1)オンライン化", "①手続", "窓口改善", "市民課", "・説明。", "試行", "", ""]).hidden = true;
      ws.getColumn(2).hidden = true;
    });
    const said = (await planOf("plan.xlsx", bytes)).diagnostics.filter((d) => d.code === "PP120");
    expect(said.map((d) => [d.cell, d.message.includes("行（1 行）にも値があります"), d.message.includes("列")])).toEqual([["A4", true, false]]);
  });
});

describe("bars drawn by filling year cells", () => {
  const solid = (argb: string): ExcelJS.Fill => ({ type: "pattern", pattern: "solid", fgColor: { argb } });
  const BLUE = solid("FF9BC2E6"), GREEN = solid("FFA9D08E"), PINK = solid("FFFCE4D6"), GRAY = solid("FFD9D9D9");
  const HEAD = ["No", "基本方針", "施策", "取組", "事業名", "担当課", "事業内容", "令和8年度", "令和9年度", "令和10年度", "令和11年度"];
  const YEAR = ["H", "I", "J", "K"];
  const project = (no: number, name: string) => [no, "市民サービス", "(1)窓口", "①手続", name, "情報政策課", "説明"];
  /** Rows of projects, each with its year cells: "" nothing, "b"/"g" blue/green, "b:検討" text on blue. */
  async function gantt(rows: string[][], edit?: (ws: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
    return workbook((ws) => {
      ws.addRow(["塗り分けの工程表"]);
      ws.addRow(HEAD);
      rows.forEach((years, i) => {
        const r = ws.addRow(project(i + 1, `事業${i + 1}`)).number;
        years.forEach((y, k) => {
          const [fill, text] = y.split(":");
          const cell = ws.getCell(`${YEAR[k]}${r}`);
          if (fill) cell.fill = fill === "b" ? BLUE : GREEN;
          if (text) cell.value = text;
        });
      });
      edit?.(ws);
    });
  }
  const spans = (plan: Awaited<ReturnType<typeof planOf>>, no: number) => plan.projects.find((p) => p.no === no)!.schedule.map((s) => [s.label, s.from, s.to, s.unlabelled ?? false]);

  it("a name written inside a bar filled in one colour names the whole bar, from its first cell (it had been cut in two, its first part an unnamed 実施)", async () => {
    const plan = await planOf("fills.xlsx", await gantt([["b:検討", "g", "g:実施", "g"], ["g", "g", "g:実施", ""], ["b", "b:検討", "g", "g:運用"]]));
    expect(spans(plan, 1)).toEqual([["検討", 2026, 2026, false], ["実施", 2027, 2029, false]]);
    expect(spans(plan, 2)).toEqual([["実施", 2026, 2028, false]]);
    expect(spans(plan, 3)).toEqual([["検討", 2026, 2027, false], ["運用", 2028, 2029, false]]);
  });

  it("a year cell merged down over two projects' rows in one colour is a bar on both (the lower one's first year had been lost)", async () => {
    const plan = await planOf("fills.xlsx", await gantt([["b", "g", "g", ""], ["b", "g", "", ""]], (ws) => ws.mergeCells("H3:H4")));
    expect(spans(plan, 1)).toEqual([["実施", 2026, 2026, true], ["実施", 2027, 2028, true]]);
    expect(spans(plan, 2)).toEqual([["実施", 2026, 2026, true], ["実施", 2027, 2027, true]]);
  });

  it("a fill goes on with the phase on its left in the same colour; a bar without a word is an unnamed phase (PP334)", async () => {
    const plan = await planOf("fills.xlsx", await gantt([["b:検討", "b", "g:実施", "g"], ["", "g", "g", ""], ["b", "g", "", "b"]]));
    expect(plan.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(spans(plan, 1)).toEqual([["検討", 2026, 2027, false], ["実施", 2028, 2029, false]]);
    expect(spans(plan, 2)).toEqual([["実施", 2027, 2028, true]]);
    // a change of colour is a new phase
    expect(spans(plan, 3)).toEqual([["実施", 2026, 2026, true], ["実施", 2027, 2027, true], ["実施", 2029, 2029, true]]);
    expect(plan.diagnostics.find((d) => d.code === "PP334")?.cell).toBe("I3");
    expect(codes(plan.diagnostics)).not.toContain("PP302");
  });

  /** The gantt of `rows` with a colour legend: its cells ("■b" an empty cell filled blue, "b:検討" a name on blue), above the header or below the table. */
  const legendGantt = (legend: string[], rows: string[][], below = false) => workbook((ws) => {
    const legendRow = () => {
      const r = ws.addRow(legend.map((c) => c.replace(/^■[bg]$/u, "").replace(/^[bg]:/u, ""))).number;
      legend.forEach((c, k) => { const f = /^■?([bg])(:|$)/u.exec(c)?.[1]; if (f) ws.getCell(r, k + 1).fill = f === "b" ? BLUE : GREEN; });
    };
    ws.addRow(["テスト市DX計画"]);
    if (!below) legendRow();
    ws.addRow(HEAD);
    rows.forEach((years, i) => {
      const r = ws.addRow(project(i + 1, `事業${i + 1}`)).number;
      years.forEach((y, k) => { if (y) ws.getCell(`${YEAR[k]}${r}`).fill = y === "b" ? BLUE : y === "g" ? GREEN : PINK; });
    });
    if (below) { ws.addRow([]); legendRow(); }
  });

  it("a colour legend names the bars of its colours (PP364): swatches beside the names, or the names filled; right above the header or below the table", async () => {
    const rows = [["b", "g", "g", "g"], ["", "b", "b", "g"]];
    for (const [legend, below] of [[["凡例", "■b", "検討", "■g", "実施"], false], [["【凡例】", "検討", "■b", "実施", "■g"], false], [["b:検討", "g:実施"], false], [["凡例：", "■b", "検討", "■g", "実施"], true]] as const) {
      const plan = await planOf("legend.xlsx", await legendGantt([...legend], rows, below));
      const why = legend.join(" ");
      expect(plan.diagnostics.filter((d) => d.severity !== "info"), why).toEqual([]);
      expect(spans(plan, 1), why).toEqual([["検討", 2026, 2026, false], ["実施", 2027, 2029, false]]);
      expect(spans(plan, 2), why).toEqual([["検討", 2027, 2028, false], ["実施", 2029, 2029, false]]);
      expect(plan.projects.find((p) => p.no === 1)!.schedule.map((p) => p.category), why).toEqual(["study", "operate"]);
      expect(plan.diagnostics.find((d) => d.code === "PP364"), why).toMatchObject({ severity: "info", cell: below ? "A6" : "A2" });
      // the legend is neither the title, a header row, nor matter after the table
      expect(plan.plan.title, why).toBe("テスト市DX計画");
      expect(codes(plan.diagnostics), why).not.toEqual(expect.arrayContaining(["PP209"]));
      expect(codes(plan.diagnostics), why).not.toContain("PP337");
      expect(codes(plan.diagnostics), why).not.toContain("PP334");
    }
  });

  /** The legend's two phases read from the fills, the title kept, the legend said at `cell`. */
  const legendRead = (plan: Awaited<ReturnType<typeof planOf>>, cell: string) => {
    expect(plan.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(spans(plan, 1)).toEqual([["検討", 2026, 2026, false], ["実施", 2027, 2029, false]]);
    expect(plan.plan.title).toBe("テスト市DX計画");
    expect(plan.diagnostics.find((d) => d.code === "PP364")).toMatchObject({ cell });
  };

  it("a colour legend on the title's line (title | … | 凡例 | ■ | 検討 | ■ | 実施, top right) is read (PP364) and the line keeps its title", async () => {
    const plan = await planOf("legend.xlsx", await workbook((ws) => {
      ws.addRow(["テスト市DX計画", "", "", "", "", "", "", "凡例", "", "検討", "", "実施"]);
      ws.getCell("I1").fill = BLUE;
      ws.getCell("K1").fill = GREEN;
      ws.addRow(HEAD);
      const r = ws.addRow(project(1, "事業1")).number;
      ws.getCell(`H${r}`).fill = BLUE;
      for (const c of ["I", "J", "K"]) ws.getCell(`${c}${r}`).fill = GREEN;
    }));
    legendRead(plan, "H1");
    expect(codes(plan.diagnostics)).not.toContain("PP205");
  });

  it.each([
    ["凡例 ending the title's line over ■ 検討 ■ 実施 ■ 運用", [["凡例"], ["", "", "検討", "", "実施", "", "運用"]], "K2"],
    ["title | 凡例 | ■ 検討 | ■ 実施 over ■ 運用", [["凡例", "", "検討", "", "実施"], ["", "", "運用"]], "I1"],
  ])("a colour legend split over the title's line and the row under it (%s) is read whole (PP364) and the line keeps its title", async (_, [top, under], cell) => {
    // (the title had been lost to the file's name, PP205, or 運用 refused, PP365)
    const PINKISH = solid("FFF4B084");
    const plan = await planOf("legend.xlsx", await workbook((ws) => {
      const pad = ["", "", "", "", "", "", "", ""];
      ws.addRow(["テスト市DX計画", ...pad.slice(1), ...top!]);
      ws.addRow([...pad, ...under!]);
      const [b, g, p] = top!.length > 1 ? ["J1", "L1", "J2"] : ["J2", "L2", "N2"];
      ws.getCell(b).fill = BLUE; ws.getCell(g).fill = GREEN; ws.getCell(p).fill = PINKISH;
      ws.addRow(HEAD);
      const r = ws.addRow(project(1, "事業1")).number;
      ws.getCell(`H${r}`).fill = BLUE;
      for (const c of ["I", "J"]) ws.getCell(`${c}${r}`).fill = GREEN;
      ws.getCell(`K${r}`).fill = PINKISH;
    }));
    expect(plan.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(spans(plan, 1)).toEqual([["検討", 2026, 2026, false], ["実施", 2027, 2028, false], ["運用", 2029, 2029, false]]);
    expect(plan.plan.title).toBe("テスト市DX計画");
    expect(plan.diagnostics.find((d) => d.code === "PP364")).toMatchObject({ cell });
  });

  it("a colour legend stacked under 凡例 at the end of the title's line (title | … | 凡例 ⏎ ■ 検討 ⏎ ■ 実施, top right) is read (PP364) and the line keeps its title", async () => {
    const plan = await planOf("legend.xlsx", await workbook((ws) => {
      ws.addRow(["テスト市DX計画", "", "", "", "", "", "", "", "凡例"]);
      ws.addRow(["", "", "", "", "", "", "", "", "", "検討"]);
      ws.addRow(["", "", "", "", "", "", "", "", "", "実施"]);
      ws.getCell("I2").fill = BLUE;
      ws.getCell("I3").fill = GREEN;
      ws.addRow(HEAD);
      const r = ws.addRow(project(1, "事業1")).number;
      ws.getCell(`H${r}`).fill = BLUE;
      for (const c of ["I", "J", "K"]) ws.getCell(`${c}${r}`).fill = GREEN;
    }));
    legendRead(plan, "I1");
  });

  it("a mark legend stacked a pair a row under a 凡例 that ends the title's line (title | … | 凡例 ⏎ ○：検討 ⏎ ●：実施) is read whole (PP231) and the line keeps its title", async () => {
    const plan = await planOf("legend.xlsx", await workbook((ws) => {
      ws.addRows([["テスト市DX計画", "", "", "", "", "", "", "", "凡例"], ["", "", "", "", "", "", "", "", "○：検討"], ["", "", "", "", "", "", "", "", "●：実施"], HEAD]);
      ws.addRow([...project(1, "事業1"), "○", "●", "●", "●"]);
    }));
    expect(plan.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(plan.projects[0]!.schedule.map((s) => [s.label, s.from, s.to])).toEqual([["検討", 2026, 2026], ["実施", 2027, 2029]]);
    expect(plan.plan.title).toBe("テスト市DX計画");
    expect(plan.diagnostics.find((d) => d.code === "PP231")).toMatchObject({ cell: "I1" });
  });

  it("a colour the legend does not name is refused at its cell (PP365); names filled alike, or not phases' names without 凡例, are no legend", async () => {
    const odd = await planOf("legend.xlsx", await legendGantt(["凡例", "■b", "検討", "■g", "実施"], [["b", "p", "g", ""]]));
    expect(odd.diagnostics.filter((d) => d.severity === "error").map((d) => [d.code, d.cell])).toEqual([["PP365", "I4"]]);
    // header groups in two colours: no legend, the bars unnamed as before
    const groups = await planOf("legend.xlsx", await legendGantt(["b:施策基本情報", "g:施策プランニング"], [["b", "g", "g", ""]]));
    expect(codes(groups.diagnostics)).not.toContain("PP364");
    expect(spans(groups, 1)).toEqual([["実施", 2026, 2026, true], ["実施", 2027, 2028, true]]);
  });

  it("a year highlighted down the table and rows filled up to their name are not bars", async () => {
    const plan = await planOf("fills.xlsx", await gantt([["", "g", "g", ""], ["b", "b", "", ""], ["", "", "g", "g"], ["", "", "", ""]], (ws) => {
      // 令和8年度 highlighted in pink where no bar covers it; the fourth row striped gray across
      for (const r of [3, 5, 6]) ws.getCell(`H${r}`).fill = PINK;
      for (const c of ["A", "E", "H", "I", "J", "K"]) ws.getCell(`${c}6`).fill = GRAY;
    }));
    expect(spans(plan, 1)).toEqual([["実施", 2027, 2028, true]]);
    expect(spans(plan, 2)).toEqual([["実施", 2026, 2027, true]]);
    expect(spans(plan, 3)).toEqual([["実施", 2028, 2029, true]]);
    expect(spans(plan, 4)).toEqual([]);
    expect(plan.diagnostics.filter((d) => d.code === "PP302").map((d) => d.projectNo)).toEqual([4]);
    // said, as a colour set aside (it had been silent)
    expect(plan.diagnostics.filter((d) => d.code === "PP270").map((d) => [d.severity, d.cell, d.message])).toEqual([
      ["info", "H3", "令和8年度の列だけにある塗りつぶしの色（2 行）は、基準年度などの網掛けとして、工程には数えませんでした。"]]);
  });

  it("a colour legend stacked a phase a row under 凡例, below the table, names the bars (its rows had been read as a project's: PP379, PP356)", async () => {
    const plan = await planOf("fills.xlsx", await gantt([["b", "g", "g", ""], ["", "b", "g", "g"]], (ws) => {
      ws.addRow([]);
      ws.addRow(["凡例"]);
      for (const [fill, name] of [[BLUE, "検討"], [GREEN, "実施"]] as const) {
        const r = ws.addRow(["", "", "", "", "", "", "", "", name]).number;
        ws.getCell(`H${r}`).fill = fill;
      }
    }));
    expect(plan.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(spans(plan, 1)).toEqual([["検討", 2026, 2026, false], ["実施", 2027, 2028, false]]);
    expect(spans(plan, 2)).toEqual([["検討", 2027, 2027, false], ["実施", 2028, 2029, false]]);
    expect(codes(plan.diagnostics)).toContain("PP364");
  });

  it("a colour legend stacked beside the table, right of its years, names the bars (its cells had been phases past the period, PP308, and 凡例 an unknown column, PP209)", async () => {
    // 凡例 in the header's row or none; the swatch left or right of each name
    for (const [col, head, swatchRight] of [["M", true, false], ["M", false, false], ["N", true, true]] as const) {
      const why = `${col} ${head} ${swatchRight}`;
      const plan = await planOf("fills.xlsx", await gantt([["b", "g", "g", ""], ["", "b", "g", "g"], ["g", "g", "", ""]], (ws) => {
        const c = ws.getColumn(col).number;
        if (head) ws.getCell(2, c).value = "凡例";
        for (const [k, [fill, name]] of ([[BLUE, "検討"], [GREEN, "実施"]] as const).entries()) {
          ws.getCell(3 + k, swatchRight ? c + 1 : c).fill = fill;
          ws.getCell(3 + k, swatchRight ? c : c + 1).value = name;
        }
      }));
      expect(plan.diagnostics.filter((d) => d.severity !== "info"), why).toEqual([]);
      expect(spans(plan, 1), why).toEqual([["検討", 2026, 2026, false], ["実施", 2027, 2028, false]]);
      expect(spans(plan, 2), why).toEqual([["検討", 2027, 2027, false], ["実施", 2028, 2029, false]]);
      expect(plan.diagnostics.find((d) => d.code === "PP364")?.cell, why).toBe(`${col}${head ? 2 : 3}`);
    }
    // names that are not phases, without 凡例: no legend, the cells said as before
    const notPhases = await planOf("fills.xlsx", await gantt([["b", "g", "g", ""]], (ws) => {
      for (const [k, [fill, name]] of ([[BLUE, "市民課"], [GREEN, "情報課"]] as const).entries()) {
        ws.getCell(3 + k, 13).fill = fill;
        ws.getCell(3 + k, 14).value = name;
      }
    }));
    expect(codes(notPhases.diagnostics)).not.toContain("PP364");
    expect(spans(notPhases, 1)).toEqual([["実施", 2026, 2026, true], ["実施", 2027, 2028, true]]);
  });

  it("a colour the legend names is a phase even when it is in one year's column only, every project busy that year (each first year's 検討 had been taken for the as-of highlight and dropped)", async () => {
    const plan = await planOf("legend.xlsx", await legendGantt(["凡例", "■b", "検討", "■g", "実施"], [["b", "g", "g", "g"], ["g", "g", "g", ""], ["b", "g", "", ""]]));
    expect(spans(plan, 1)).toEqual([["検討", 2026, 2026, false], ["実施", 2027, 2029, false]]);
    expect(spans(plan, 3)).toEqual([["検討", 2026, 2026, false], ["実施", 2027, 2027, false]]);
    expect(codes(plan.diagnostics)).not.toContain("PP270");
  });
});

describe("a name wrapped onto the row below", () => {
  it("under the project's merged No, a name-only row is the rest of its name (PP392), not a project without its No (PP379)", async () => {
    const bytes = await workbook((ws) => {
      ws.addRow(HEADER);
      ws.addRow(["1", "市民サービス", "(1)オンライン化", "①手続", "窓口キャッシュレス", "会計課", "・説明。", "検討", "実施", ""]);
      ws.addRow(["", "", "", "", "決済の導入", "", "", "", "", ""]);
      ws.mergeCells("A2:A3");
      ws.addRow(["2", "市民サービス", "(1)オンライン化", "①手続", "電子申請", "情報政策課", "・説明。", "検討", "", ""]);
    });
    const plan = await planOf("plan.xlsx", bytes);
    expect(plan.projects.map((p) => [p.no, p.name, p.schedule.map((s) => [s.label, s.from, s.to])])).toEqual([
      [1, "窓口キャッシュレス決済の導入", [["検討", 2026, 2026], ["実施", 2027, 2028]]], [2, "電子申請", [["検討", 2026, 2028]]]]);
    expect(plan.diagnostics.find((d) => d.code === "PP392")).toMatchObject({ cell: "E3", severity: "info", projectNo: 1 });
    expect(codes(plan.diagnostics)).not.toContain("PP379");
  });
});

describe("a row per project and year", () => {
  it("No, name and levels merged down over a project's year rows are one project, each row's 取組内容 that year's phase (PP273)", async () => {
    const bytes = await workbook((ws) => {
      ws.addRow(["No", "基本目標", "施策", "事業名", "所管課", "年度", "取組内容"]);
      ws.addRow([1, "1 便利な市役所", "(1)窓口", "電子申請の拡大", "情報政策課", "令和8年度", "検討"]);
      ws.addRow(["", "", "", "", "", "令和9年度", "構築"]);
      ws.addRow(["", "", "", "", "", "令和10年度", "運用"]);
      ws.addRow([2, "1 便利な市役所", "(1)窓口", "オンライン相談", "市民課", "令和9年度", "試行"]);
      ws.addRow(["", "", "", "", "", "令和10年度", "実施"]);
      for (const c of "ABCDE") { ws.mergeCells(`${c}2:${c}4`); ws.mergeCells(`${c}5:${c}6`); }
    });
    const plan = await planOf("plan.xlsx", bytes);
    expect(plan.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(plan.projects.map((p) => [p.no, p.name, p.departments, p.schedule.map((s) => [s.label, s.from, s.to])])).toEqual([
      [1, "電子申請の拡大", ["情報政策課"], [["検討", 2026, 2026], ["構築", 2027, 2027], ["運用", 2028, 2028]]],
      [2, "オンライン相談", ["市民課"], [["試行", 2027, 2027], ["実施", 2028, 2028]]]]);
    expect(plan.diagnostics.find((d) => d.code === "PP273")?.cell).toBe("F1");
  });
});

describe("Excel's booleans in year cells", () => {
  it("TRUE (a check box's linked cell) marks an active year and FALSE a year without a phase: no phase named 「TRUE」 (PP315)", async () => {
    const bytes = await workbook((ws) => {
      ws.addRow(HEADER);
      ws.addRow(["1", "市民サービス", "(1)オンライン化", "①手続", "電子申請", "情報政策課", "・説明。", true, true, false]);
      ws.addRow(["2", "市民サービス", "(1)オンライン化", "①手続", "窓口改善", "市民課", "・説明。", false, true, true]);
    });
    const plan = await planOf("plan.xlsx", bytes);
    const spans = (no: number) => plan.projects.find((p) => p.no === no)!.schedule.map((s) => [s.label, s.from, s.to, s.unlabelled]);
    expect(spans(1)).toEqual([["実施", 2026, 2027, true]]);
    expect(spans(2)).toEqual([["実施", 2027, 2028, true]]);
    expect(plan.diagnostics.find((d) => d.code === "PP315")).toMatchObject({ cell: "H2", message: expect.stringContaining("「TRUE」") });
    expect(codes(plan.diagnostics)).not.toContain("PP307");
  });

  it("a schedule of flags, every year cell 1, 0 or empty, reads 1 as an active year and 0 as none (PP393); one other figure leaves 1 refused (PP332)", async () => {
    const book = (cells: (number | string)[][]) => workbook((ws) => {
      ws.addRow(HEADER);
      cells.forEach((years, i) => ws.addRow([String(i + 1), "市民サービス", "(1)オンライン化", "①手続", `事業${i + 1}`, "情報政策課", "・説明。", ...years]));
    });
    const plan = await planOf("plan.xlsx", await book([[1, 1, 0], [0, 1, 1], ["", 1, ""]]));
    expect(plan.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(plan.projects.map((p) => p.schedule.map((s) => [s.label, s.from, s.to, s.unlabelled]))).toEqual([
      [["実施", 2026, 2027, true]], [["実施", 2027, 2028, true]], [["実施", 2027, 2027, true]]]);
    expect(plan.diagnostics.find((d) => d.code === "PP393")).toMatchObject({ cell: "H2", message: expect.stringContaining("「1」（5 か所、ここが最初）") });
    const counts = await planOf("plan.xlsx", await book([[1, 2, 0]]));
    expect(codes(counts.diagnostics)).toContain("PP332");
    expect(codes(counts.diagnostics)).not.toContain("PP393");
  });
});

describe("a plan over several sheets", () => {
  const head = ["No", "基本方針", "施策", "取組", "事業名", "担当課", "事業内容", "令和8年度", "令和9年度"];
  const project = (no: number, policy: string) => [no, policy, "(1)窓口", "①手続", `事業${no}`, "情報政策課", "説明", "検討", "実施"];
  async function sheets(list: [string, (string | number)[][]][]): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    for (const [name, rows] of list) { const ws = wb.addWorksheet(name); for (const r of rows) ws.addRow(r); }
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  it("sheets of one layout and no No in common are read one after the other (PP233)", async () => {
    const plan = await planOf("split.xlsx", await sheets([["基本方針1", [head, project(1, "くらし"), project(2, "くらし")]], ["基本方針2", [head, project(3, "しごと")]]]));
    expect(plan.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(plan.projects.map((p) => [p.no, p.policy])).toEqual([[1, "くらし"], [2, "くらし"], [3, "しごと"]]);
    expect(plan.diagnostics.find((d) => d.code === "PP233")?.message).toContain("「基本方針1」「基本方針2」");
  });

  it("a sheet with other columns, or Nos already read, is not read; said when it holds projects the plan lacks (PP234)", async () => {
    const other = ["No", "事業名", "担当課", "令和8年度", "令和9年度"];
    const plan = await planOf("copies.xlsx", await sheets([
      ["計画", [head, project(1, "くらし"), project(2, "くらし")]],
      ["旧計画", [head, project(2, "くらし"), project(9, "くらし")]],
      ["工程表", [other, [1, "事業1", "情報政策課", "検討", "実施"]]],
    ]));
    expect(plan.projects.map((p) => p.no)).toEqual([1, 2]);
    expect(plan.diagnostics.filter((d) => d.code === "PP234").map((d) => [d.sheet, d.message])).toEqual([
      ["旧計画", "シート「旧計画」にも計画の表があり、読んだシートにない事業が 1 件（No.9 など）ありますが、読んでいません。"],
    ]);
    expect(codes(plan.diagnostics)).not.toContain("PP233");
  });

  it("a sheet holding the same Nos with other content (an older or a revised copy) stops the reading: which is the plan cannot be told (PP263)", async () => {
    const revised = (no: number) => [no, "くらし", "(1)窓口", "①手続", `事業${no}`, "市民課", "説明", "", "検討"];
    const plan = await planOf("revised.xlsx", await sheets([
      ["R7版", [head, project(1, "くらし"), project(2, "くらし")]],
      ["R8改定", [head, project(1, "くらし"), revised(2)]],
    ]));
    expect(plan.diagnostics.filter((d) => d.code === "PP263").map((d) => [d.severity, d.sheet, d.cell, d.message])).toEqual([
      ["error", "R8改定", "E3", expect.stringContaining("シート「R8改定」にもシート「R7版」と同じ No の事業がありますが、内容が違います（最初は No.2）")]]);
    // a renamed project under other columns too
    const renamed = await planOf("renamed.xlsx", await sheets([
      ["計画", [head, project(1, "くらし"), project(2, "くらし")]],
      ["工程表", [["No", "事業名", "担当課", "令和8年度", "令和9年度"], [1, "事業1（No.3の再掲）", "情報政策課", "検討", "実施"], [2, "オンライン事業2", "情報政策課", "検討", "実施"]]],
    ]));
    expect(renamed.diagnostics.filter((d) => d.code === "PP263").map((d) => [d.sheet, d.cell])).toEqual([["工程表", "B3"]]);
    // a copy with the same content, or a view of the plan with its names (a 再掲 mark added) is no such copy
    const same = await planOf("same.xlsx", await sheets([
      ["計画", [head, project(1, "くらし"), project(2, "くらし")]],
      ["計画 (2)", [head, project(1, "くらし"), project(2, "くらし")]],
      ["工程表", [["No", "事業名", "担当課", "令和8年度", "令和9年度"], [1, "事業1\n（No.3の再掲）", "情報政策課", "検討", "実施"], [2, "事業2", "情報政策課", "検討", "実施"]]],
    ]));
    expect(codes(same.diagnostics)).not.toContain("PP263");
    expect(same.projects.map((p) => p.no)).toEqual([1, 2]);
  });

  it("a sheet with the same columns and Nos but other names throughout (one sheet a 基本目標, Nos from 1 again) is said as such (PP370), not as a rival copy", async () => {
    const other = (no: number) => [no, "くらし", "(1)窓口", "①手続", `別の事業${no}`, "市民課", "説明", "検討", ""];
    const plan = await planOf("parts.xlsx", await sheets([
      ["基本目標1", [head, project(1, "くらし"), project(2, "くらし")]],
      ["基本目標2", [head, other(1), other(2)]],
    ]));
    expect(plan.diagnostics.filter((d) => d.code === "PP370").map((d) => [d.severity, d.sheet, d.cell, d.hint])).toEqual([
      ["error", "基本目標2", "A2", expect.stringContaining("通し番号")]]);
    expect(codes(plan.diagnostics)).not.toContain("PP263");
  });
});

describe("unescapeXml", () => {
  it("returns text without & or _x as it is, and unescapes entities and _xHHHH_ escapes wherever they are", () => {
    for (const plain of ["", "1", "電子申請の拡大", "x_", "_x00", "a_b x"]) expect(unescapeXml(plain)).toBe(plain);
    expect(unescapeXml("A&amp;B &lt;1&gt; &#x5E74;&#24230; &quot;&apos;")).toBe("A&B <1> 年度 \"'");
    expect(unescapeXml("行1_x000D_行2_x0009_")).toBe("行1\r行2\t");
    expect(unescapeXml("_x_x0041_")).toBe("_xA");
    expect(unescapeXml("&#x110000;")).toBe("\uFFFD");
  });
});
