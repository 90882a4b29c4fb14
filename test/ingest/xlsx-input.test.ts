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

  it("a named sheet that does not exist, and a file that is not a workbook", async () => {
    const bytes = await workbook((ws) => { ws.addRow(HEADER); });
    const { defaultConfig } = await import("../../src/config/schema.js");
    const config = defaultConfig();
    config.sheet = "ない";
    expect(codes((await planOf("plan.xlsx", bytes, config)).diagnostics)).toContain("PP108");
    expect(codes((await planOf("broken.xlsx", "not a zip")).diagnostics)).toContain("PP106");
  });
});
