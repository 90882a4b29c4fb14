import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { codes, HEADER, planOf } from "../helpers/plan-fixtures.js";

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
    expect(plan.projects[0]!.schedule.map((s) => [s.label, s.from, s.to])).toEqual([["検討", 2026, 2026], ["実施", 2027, 2027]]);
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
});
