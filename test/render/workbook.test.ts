// plan.xlsx read back with exceljs: sheets, freeze, filter, print set-up, fonts, Gantt fills,
// formula-looking input kept as text, and a byte-identical rebuild.
import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import type { Plan } from "../../src/model/schema.js";
import { renderWorkbook } from "../../src/render/workbook.js";
import { phrases } from "../../src/render/phrases.js";
import { columnsWidthPt, rowHeightPt, textWidthEm } from "../../src/render/xlsx/metrics.js";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import * as fontkit from "fontkit";

const require = createRequire(import.meta.url);
import { makeRenderContext, seedPlan } from "../helpers/context.js";

let plan: Plan;
let data: Uint8Array;
let wb: ExcelJS.Workbook;
let files: { path: string; data: Uint8Array }[];

beforeAll(async () => {
  plan = seedPlan();
  // Input text that looks like a formula must stay text.
  plan.projects[0]!.name = "=1+1 を含む事業名";
  plan.projects[1]!.description = ["-マイナスで始まる説明", "@mention"];
  files = await renderWorkbook(plan, makeRenderContext());
  data = files.find((f) => f.path === "plan.xlsx")!.data;
  wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(data));
});

/** Lines a text takes in a column `widthPt` wide, from the font's own advance widths (fontkit). */
const font = fontkit.openSync(require.resolve("@expo-google-fonts/biz-udpgothic/400Regular/BIZUDPGothic_400Regular.ttf")) as unknown as
  { layout(s: string): { glyphs: { advanceWidth: number }[] }; unitsPerEm: number; ascent: number; descent: number };
function fontLines(text: string, widthPt: number, sizePt: number): number {
  let lines = 0;
  for (const para of text.split("\n")) {
    let line = 0;
    let n = 1;
    for (const ch of para) {
      const w = (font.layout(ch).glyphs[0]?.advanceWidth ?? font.unitsPerEm) / font.unitsPerEm * sizePt;
      if (line + w > widthPt) { n++; line = 0; }
      line += w;
    }
    lines += n;
  }
  return lines;
}

describe("plan.xlsx", () => {
  it("事業一覧: rows as tall as their tallest cell needs, not about twice; the text prints at 7.5 pt or more on A3", () => {
    const ws = wb.getWorksheet("事業一覧")!;
    // the face's own line: ascent + descent (1.0 em for BIZ UDPゴシック, as Excel and LibreOffice set it), and 4 pt of margins
    const line = (font.ascent - font.descent) / font.unitsPerEm;
    const ratios: number[] = [];
    for (let r = 2; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      let lines = 0;
      let size = 0;
      row.eachCell((c, col) => {
        if (typeof c.value !== "string" || c.isMerged) return;
        size = Math.max(size, c.font.size!);
        lines = Math.max(lines, fontLines(c.value, columnsWidthPt([ws.getColumn(col).width ?? 8]), c.font.size!));
      });
      const need = lines * size * line + 4;
      ratios.push(row.height / need);
      // every line visible, and at most one line more than the face needs (an estimate at the edge of a line errs high)
      expect(row.height, `row ${r}`).toBeGreaterThanOrEqual(need);
      expect(row.height, `row ${r}`).toBeLessThanOrEqual(rowHeightPt(lines + 1, size));
    }
    // (before: 1.3–1.5 em lines; 1.6–2× the text's height as LibreOffice printed them)
    expect(ratios.reduce((a, b) => a + b) / ratios.length).toBeLessThan(1.15);
    // Fitted to A3's width: the sheet's columns at LibreOffice's unit (Carlito's digit, 7.44 px,
    // wider than Excel's 7 px) scaled into the page between the margins.
    const pagePt = 1190.55 - (ws.pageSetup.margins!.left + ws.pageSetup.margins!.right) * 72;
    const sheetPt = ws.columns.reduce((sum, c) => sum + (c.width ?? 8) * 7.44 * 0.75, 0);
    expect(ws.getCell("J2").font.size! * Math.min(1, pagePt / sheetPt)).toBeGreaterThanOrEqual(7.5);
  });

  it("hands out four sheets; the diagnostics go to diagnostics.xlsx", async () => {
    expect(files.map((f) => f.path)).toEqual(["plan.xlsx", "diagnostics.xlsx"]);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["事業一覧", "工程表", "担当課別", "体系"]);
    const texts = wb.worksheets.flatMap((ws) => ws.getSheetValues().flat().map(String));
    for (const d of plan.diagnostics) expect(texts, d.code).not.toContain(d.code);
    const diag = new ExcelJS.Workbook();
    await diag.xlsx.load(Buffer.from(files[1]!.data));
    expect(diag.worksheets.map((w) => w.name)).toEqual(["診断"]);
    const ws = diag.getWorksheet("診断")!;
    expect(ws.getRow(1).values).toEqual([undefined, "重要度", "コード", "場所", "No", "内容", "対処"]);
    // one row per diagnostic of the plan, in the plan's order, filterable
    expect(plan.diagnostics.length).toBeGreaterThan(0);
    expect(ws.getColumn(2).values.slice(2)).toEqual(plan.diagnostics.map((d) => d.code));
    expect(ws.autoFilter).toBeTruthy();
    expect(diag.title).toBe(plan.plan.title);
  });

  it("lists every project with its header frozen and filtered", () => {
    const ws = wb.getWorksheet("事業一覧")!;
    expect(ws.rowCount).toBe(plan.projects.length + 1);
    expect(ws.getCell("A1").value).toBe("No");
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    // the list is data: each name exactly as the plan has it
    const names = new Set<unknown>();
    ws.getColumn(7).eachCell((c) => names.add(c.value));
    for (const p of plan.projects) expect(names.has(p.name)).toBe(true);
  });

  it("breaks the names of the printed 工程表 and 担当課別 between phrases: each line fits its column, no line of one character", () => {
    const ctx = makeRenderContext();
    const size = ctx.theme.sizes.table;
    // a line's width in the font itself (its advance widths), not the estimate the workbook uses
    const fontWidth = (text: string, sizePt: number) => font.layout(text).glyphs.reduce((w, g) => w + g.advanceWidth, 0) / font.unitsPerEm * sizePt;
    let broken = 0;
    const check = (sheet: string, column: number, first: number, size: number) => {
      const ws = wb.getWorksheet(sheet)!;
      const width = columnsWidthPt([ws.getColumn(column).width!]);
      ws.getColumn(column).eachCell((c, row) => {
        if (row < first || typeof c.value !== "string" || !c.value.includes("\n")) return;
        broken++;
        const lines = c.value.split("\n");
        const text = lines.join("");
        // every break is at a phrase boundary, or inside a phrase (nearly) as wide as the column or wider
        const bounds = new Set<number>();
        let at = 0;
        for (const ph of phrases(text)) { at += ph.length; if (fontWidth(ph, size) <= width * 0.95) bounds.add(at); else for (let i = at - ph.length + 1; i <= at; i++) bounds.add(i); }
        let pos = 0;
        for (const l of lines.slice(0, -1)) { pos += l.length; expect(bounds.has(pos), `${sheet} ${c.address} 「${l}|${text.slice(pos)}」`).toBe(true); }
        for (const l of lines) expect(fontWidth(l, size), `${sheet} ${c.address} 「${l}」`).toBeLessThanOrEqual(width);
        expect(lines.at(-1)!.length, `${sheet} ${c.address}`).toBeGreaterThan(1);
      });
    };
    check("工程表", 2, 1, Math.max(ctx.theme.sizes.gantt, 9));
    check("担当課別", 2, 1, size);
    // the seed's names are long for their columns: many are broken
    expect(broken).toBeGreaterThan(20);
  });

  it("sizes wrapped rows from the text (not exceljs's 15 pt)", () => {
    const ws = wb.getWorksheet("事業一覧")!;
    // No.1 has three long description items: several lines.
    expect(ws.getRow(2).height).toBeGreaterThan(40);
    // The header (at most two lines) is far shorter than a project row.
    expect(ws.getRow(1).height).toBeLessThan(ws.getRow(2).height / 2);
  });

  it("prints landscape, one page wide, with print titles and a header/footer", () => {
    for (const ws of wb.worksheets) {
      expect(ws.pageSetup.orientation).toBe("landscape");
      expect([8, 9]).toContain(ws.pageSetup.paperSize);
      expect(ws.pageSetup.fitToPage).toBe(true);
      expect(ws.pageSetup.fitToWidth).toBe(1);
      expect(ws.headerFooter.oddHeader).toContain("&A");
      expect(ws.headerFooter.oddFooter).toContain("&P");
    }
    expect(wb.getWorksheet("事業一覧")!.pageSetup.printTitlesRow).toBe("1:1");
    expect(wb.getWorksheet("工程表")!.pageSetup.paperSize).toBe(8);
  });

  it("diagnostics.xlsx: messages and hints broken between phrases, each line within its column and none starting with 。、 or a closing bracket (LibreOffice had put a hint's 「。」 alone on a line)", async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(files.find((f) => f.path === "diagnostics.xlsx")!.data));
    const ws = book.worksheets[0]!;
    const size = makeRenderContext().theme.sizes.table;
    let broken = 0;
    for (const col of [5, 6]) {
      const width = columnsWidthPt([ws.getColumn(col).width!]);
      ws.getColumn(col).eachCell((cell, r) => {
        if (r === 1 || typeof cell.value !== "string") return;
        const lines = cell.value.split("\n");
        if (lines.length > 1) broken++;
        for (const line of lines) {
          expect(textWidthEm(line) * size, `${cell.address} 「${line}」`).toBeLessThanOrEqual(width);
          expect(line, cell.address).not.toMatch(/^[。、，．）」』]/u);
        }
      });
    }
    expect(broken).toBeGreaterThan(3);
  });

  it("事業一覧: a 1,500-character 事業内容 widens its column so its row stays within Excel's 409 pt, every line of it shown", async () => {
    // (in 30 em it needed a 486 pt row: Excel shows and prints 409.5 pt, the rest cut)
    const long = "市民サービスの向上のためにデジタル技術を活用し、手続きを簡素化します。".repeat(43).slice(0, 1500);
    const few: Plan = { ...plan, projects: plan.projects.slice(0, 3).map((p, i) => (i === 1 ? { ...p, description: [long] } : p)) };
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(Buffer.from((await renderWorkbook(few, makeRenderContext())).find((f) => f.path === "plan.xlsx")!.data));
    const ws = back.getWorksheet("事業一覧")!;
    const col = ws.getRow(1).values as unknown[];
    const at = col.indexOf("事業内容");
    const cell = ws.getRow(3).getCell(at);
    expect(String(cell.value)).toContain(long);
    const widthPt = columnsWidthPt([ws.getColumn(at).width!]);
    expect(ws.getRow(3).height).toBeLessThanOrEqual(409);
    expect(ws.getRow(3).height).toBeGreaterThanOrEqual(fontLines(String(cell.value), widthPt, cell.font.size!) * cell.font.size! + 4);
    // the seed's short descriptions keep their 30 em column
    expect(wb.getWorksheet("事業一覧")!.getColumn(at).width).toBeLessThan(ws.getColumn(at).width!);
  });

  it("工程表: a project of two lanes has rows tall enough together for its merged name and 担当課 (two rows of one line had cut them)", async () => {
    const two: Plan = structuredClone({ ...plan, projects: plan.projects.slice(0, 4) });
    const p = two.projects[2]!;
    p.schedule = [{ label: "調査", from: 2026, to: 2027, category: "study" }, { label: "構築", from: 2027, to: 2028, category: "build" }] as Plan["projects"][number]["schedule"];
    p.departments = ["情報政策課", "市民課", "市政センター", "市民税課", "資産税課", "保険年金課", "高齢者支援課", "障害者福祉課"];
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(Buffer.from((await renderWorkbook(two, makeRenderContext())).find((f) => f.path === "plan.xlsx")!.data));
    const ws = back.getWorksheet("工程表")!;
    let r = 1;
    while (ws.getCell(r, 1).value !== p.no) r++;
    expect(ws.getCell(r + 1, 3).isMerged).toBe(true);
    const line = (font.ascent - font.descent) / font.unitsPerEm;
    for (const col of [2, 3]) {
      const c = ws.getCell(r, col);
      const need = fontLines(String(c.value), columnsWidthPt([ws.getColumn(col).width!]), c.font.size!) * c.font.size! * line + 4;
      expect(ws.getRow(r).height + ws.getRow(r + 1).height, `column ${col}`).toBeGreaterThanOrEqual(need);
    }
  });

  it("the page header: the plan's title left, the sheet's name right; a title longer than the page holds beside it is cut with 「…」 (centred, a long title had printed over the name)", async () => {
    for (const ws of wb.worksheets.filter((w) => w.state === "visible")) {
      expect(ws.headerFooter.oddHeader).toBe(`&L${plan.plan.title}&R&A`);
    }
    const long = { ...plan, plan: { ...plan.plan, title: `${"とても長い計画の名前".repeat(9)}の終わり` } };
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from((await renderWorkbook(long, makeRenderContext())).find((f) => f.path === "plan.xlsx")!.data));
    const header = book.getWorksheet("体系")!.headerFooter.oddHeader!;
    const left = /^&L(.*)&R&A$/.exec(header)?.[1] ?? "";
    expect(left.endsWith("…")).toBe(true);
    expect(left.startsWith("とても長い計画の名前")).toBe(true);
    // what an A4 landscape page's header holds at 11 pt beside the sheet's name
    expect(textWidthEm(left) * 11).toBeLessThan(842 - 72 - 11 * textWidthEm("体系"));
  });

  it("prints a 担当課別 sheet that fits the department files' A4 at full size on A4, not on a fifth of an A3 sheet", async () => {
    const few: Plan = { ...plan, departments: plan.departments.slice(0, 4),
      projects: plan.projects.map((p) => ({ ...p, departments: p.departments.filter((d) => plan.departments.slice(0, 4).includes(d)) })) };
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(Buffer.from((await renderWorkbook(few, makeRenderContext())).find((f) => f.path === "plan.xlsx")!.data));
    const ws = back.getWorksheet("担当課別")!;
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.fitToWidth).toBe(1);
    // at full size: its columns within A4 landscape's width between the margins
    const page = 841.89 - (ws.pageSetup.margins!.left + ws.pageSetup.margins!.right) * 72;
    expect(columnsWidthPt(ws.columns.map((c) => c.width ?? 8.43))).toBeLessThanOrEqual(page);
    // the wide sheets stay on A3, and so does the seed's 担当課別
    expect(back.getWorksheet("事業一覧")!.pageSetup.paperSize).toBe(8);
    expect(wb.getWorksheet("担当課別")!.pageSetup.paperSize).toBe(8);
  });

  it("gives the 担当課別 heading row the height of its longest stacked heading, 全庁共通（各課） included", async () => {
    const short: Plan = { ...plan, departments: ["総務課"], projects: plan.projects.map((p) => ({ ...p, departments: ["総務課"] })) };
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(Buffer.from((await renderWorkbook(short, makeRenderContext())).find((f) => f.path === "plan.xlsx")!.data));
    const ws = back.getWorksheet("担当課別")!;
    const head = (ws.getRow(3).values as unknown[]).findIndex((v) => typeof v === "string" && v.startsWith("全庁共通"));
    const cell = ws.getRow(3).getCell(head);
    expect(cell.alignment.textRotation).toBe("vertical");
    // stacked in one column, a line per character (a bracket too), as LibreOffice prints it
    expect(ws.getRow(3).height).toBeGreaterThanOrEqual(rowHeightPt([...String(cell.value)].length, cell.font.size!));
  });

  it("prints a 担当課別 sheet too wide to be legible one page wide across pages, No, name and 全庁共通 on each", async () => {
    // 150 departments fitted one A3 page wide had printed at ~35 % (9 pt marks at 3 pt)
    const many = Array.from({ length: 150 }, (_, i) => `第${i + 1}地区まちづくり推進課`);
    const wide: Plan = { ...plan, departments: [...plan.departments, ...many],
      projects: plan.projects.map((p, i) => (i === 0 ? { ...p, departments: [...p.departments, ...many] } : p)) };
    const [file] = await renderWorkbook(wide, makeRenderContext());
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(Buffer.from(file!.data));
    const ws = back.getWorksheet("担当課別")!;
    expect(ws.pageSetup.fitToWidth).toBeGreaterThan(1);
    expect(ws.pageSetup.printTitlesColumn).toBe("A:C");
    expect(ws.pageSetup.printTitlesRow).toBe("2:3");
    // its width over the pages it prints on: at least 60 % of full size
    const widths = ws.columns.map((c) => c.width ?? 8.43);
    const page = 1190.55 - (ws.pageSetup.margins!.left + ws.pageSetup.margins!.right) * 72;
    const titles = columnsWidthPt(widths.slice(0, 3));
    expect(page * ws.pageSetup.fitToWidth! / (columnsWidthPt(widths) + titles * (ws.pageSetup.fitToWidth! - 1))).toBeGreaterThanOrEqual(0.6);
    expect(wb.getWorksheet("担当課別")!.pageSetup.printTitlesColumn).toBeUndefined();
  });

  it("writes cells in BIZ UDPゴシック", () => {
    const ws = wb.getWorksheet("工程表")!;
    expect(ws.getCell("B2").font.name).toBe("BIZ UDPゴシック");
    expect(wb.getWorksheet("事業一覧")!.getCell("G2").font.name).toBe("BIZ UDPゴシック");
  });

  it("fills one cell per phase-year of the Gantt in the category colour, label merged", () => {
    const ws = wb.getWorksheet("工程表")!;
    const theme = makeRenderContext().theme;
    const fillsByNo = new Map<number, string[]>();
    ws.eachRow((row) => {
      const no = row.getCell(1).value;
      if (typeof no !== "number") return;
      for (let c = 4; c <= 8; c++) {
        const f = row.getCell(c).fill;
        if (f?.type === "pattern" && f.fgColor?.argb) (fillsByNo.get(no) ?? fillsByNo.set(no, []).get(no)!).push(f.fgColor.argb);
      }
    });
    for (const p of plan.projects) {
      const years = p.schedule.reduce((s, ph) => s + Math.min(ph.to, 2030) - Math.max(ph.from, 2026) + 1, 0);
      expect(fillsByNo.get(p.no)?.length ?? 0, `No.${p.no}`).toBeGreaterThanOrEqual(years);
    }
    // No.1: 推進 2026–2030, category operate: one merged bar across the five years.
    const r = [...Array(ws.rowCount).keys()].map((i) => ws.getRow(i + 1)).find((row) => row.getCell(1).value === 1)!;
    expect(r.getCell(4).value).toBe("推進");
    // the category's colour under its pattern (a second cue on a gray print)
    expect(r.getCell(4).fill).toMatchObject({ pattern: "lightHorizontal", bgColor: { argb: `FF${theme.categories.operate!.fill.slice(1)}` } });
    expect(r.getCell(8).isMerged).toBe(true);
    expect(r.getCell(8).master.address).toBe(r.getCell(4).address);
  });

  /** 1-based number of the first row whose cells include `value`. */
  const rowWith = (ws: ExcelJS.Worksheet, value: unknown): number => {
    for (let r = 1; r <= ws.rowCount; r++) if ((ws.getRow(r).values as unknown[]).includes(value)) return r;
    return -1;
  };

  it("highlights the as-of year and has a legend", () => {
    const ws = wb.getWorksheet("工程表")!;
    const head = ws.getRow(rowWith(ws, "事業名"));
    // headed as the other years (「令和8年度時点」 had made one column of the year row no year: a
    // filter or sort by the heads met it); the fill and the legend say which year is the as-of one
    expect(String(head.getCell(4).value)).toBe("令和8年度");
    expect(head.getCell(4).fill).toMatchObject({ fgColor: { argb: `FF${makeRenderContext().theme.colours.asOf.slice(1)}` } });
    const texts: unknown[] = [];
    ws.eachRow((row) => row.eachCell((c) => texts.push(c.value)));
    expect(texts).toContain("凡例");
    expect(texts).toContain("調達・構築");
  });

  it("prints the 工程表's legend and header at the top of every page (print titles), the title once", () => {
    const ws = wb.getWorksheet("工程表")!;
    const [from, to] = ws.pageSetup.printTitlesRow!.split(":").map(Number) as [number, number];
    const header = rowWith(ws, "事業名");
    expect([from, to]).toEqual([2, header]);
    const inTitles = (value: unknown) => { const r = rowWith(ws, value); return r >= from && r <= to; };
    const ctx = makeRenderContext();
    const drawn = new Set(plan.projects.flatMap((p) => p.schedule.map((s) => s.category)));
    const labels = [...ctx.config.phaseCategories, ctx.config.compoundCategory, ctx.config.defaultCategory].filter((c) => drawn.has(c.id)).map((c) => c.label);
    expect(labels.length).toBeGreaterThan(3);
    const words = JSON.parse(readFileSync("templates/workbook/wording.json", "utf8")).sheets.find((x: { kind: string }) => x.kind === "gantt");
    for (const v of [words.legend, ...labels, "令和8年度"]) expect(inTitles(v), v).toBe(true);
    // the as-of swatch (a cell in the as-of colour above the header) and its explanation beside it
    const asOf = `FF${ctx.theme.colours.asOf.slice(1)}`;
    const swatch = ws.getRows(from, header - from)!.flatMap((r) => r.model.cells!.map((m) => ws.getCell(m.address)))
      .find((c) => (c.fill as { fgColor?: { argb?: string } } | undefined)?.fgColor?.argb === asOf);
    expect(swatch?.value).toBe("令和8年度");
    expect(String(ws.getCell(Number(swatch!.row), Number(swatch!.col) + 1).value ?? "")).not.toBe("");
    // no bar above the header: the first project row comes after the print titles
    expect(rowWith(ws, 1)).toBeGreaterThan(to);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: header, xSplit: 2 });
    // 担当課別: its legend line repeats with its header too
    const matrix = wb.getWorksheet("担当課別")!;
    expect(matrix.pageSetup.printTitlesRow).toBe(`${rowWith(matrix, matrix.getCell("A2").value)}:3`);
    expect(String(matrix.getCell("A2").value)).toContain("●");
  });

  it("gives every bar and legend swatch of the 工程表 its category's pattern, and lists only the categories drawn", () => {
    const ws = wb.getWorksheet("工程表")!;
    const ctx = makeRenderContext();
    const byFill = new Map(Object.entries(ctx.theme.categories).map(([id, c]) => [`FF${c.fill.slice(1)}`, id]));
    const patterns = new Map<string, Set<string>>();
    const labels: unknown[] = [];
    ws.eachRow((row) => row.eachCell((c) => {
      const f = c.fill;
      if (f?.type !== "pattern" || !f.bgColor?.argb || !byFill.has(f.bgColor.argb)) return;
      const id = byFill.get(f.bgColor.argb)!;
      (patterns.get(id) ?? patterns.set(id, new Set()).get(id)!).add(f.pattern);
      if (typeof row.getCell(1).value !== "number") labels.push(c.value);
    }));
    for (const [id, seen] of patterns) expect([...seen], id).toEqual([expect.not.stringMatching(/^(solid|none)$/)]);
    const drawn = new Set(plan.projects.flatMap((p) => p.schedule.map((s) => s.category)));
    expect(new Set(patterns.keys())).toEqual(drawn);
    expect(labels.sort()).toEqual(ctx.config.phaseCategories.map((c) => c.label).concat(ctx.config.compoundCategory.label, ctx.config.defaultCategory.label)
      .filter((l, i) => drawn.has([...ctx.config.phaseCategories.map((c) => c.id), ctx.config.compoundCategory.id, ctx.config.defaultCategory.id][i]!)).sort());
  });

  it("writes year labels as the theme does, like the PDFs (western, full-width digits)", async () => {
    const base = makeRenderContext();
    const ctx = makeRenderContext({ theme: { ...base.theme, yearStyle: "western", digits: "fullwidth" } });
    const other = new ExcelJS.Workbook();
    await other.xlsx.load(Buffer.from((await renderWorkbook(plan, ctx))[0]!.data));
    // the header row of each sheet with year columns (the row naming 事業名)
    const header = (name: string) => {
      let out: string[] = [];
      other.getWorksheet(name)!.eachRow((row) => {
        const cells: string[] = [];
        row.eachCell((c) => cells.push(String(c.value)));
        if (!out.length && cells.includes("事業名")) out = cells;
      });
      return out.join("|");
    };
    for (const sheet of ["事業一覧", "工程表"]) {
      expect(header(sheet)).toContain("２０２６年度");
      expect(header(sheet)).toContain("２０３０年度");
      expect(header(sheet)).not.toMatch(/令和|[0-9]年度/);
    }
    const gantt = other.getWorksheet("工程表")!;
    expect(String(gantt.getRow(rowWith(gantt, "事業名")).getCell(4).value)).toContain("２０２６年度");
  });

  it("keeps formula-looking input text as text", () => {
    const ws = wb.getWorksheet("事業一覧")!;
    expect(ws.getCell("G2").value).toBe("=1+1 を含む事業名");
    expect(ws.getCell("G2").type).toBe(ExcelJS.ValueType.String);
    let formulas = 0;
    for (const w of wb.worksheets) w.eachRow((row) => row.eachCell((c) => { if (c.type === ExcelJS.ValueType.Formula) formulas++; }));
    expect(formulas).toBe(0);
  });

  it("adds _xlnm._FilterDatabase for every filtered sheet and dates from the document date", () => {
    const entries = unzipSync(data);
    const book = strFromU8(entries["xl/workbook.xml"]!);
    expect(book).toContain(`<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'事業一覧'!$A$1:$Q$57</definedName>`);
    // One name per filtered sheet (事業一覧); the 担当課別 matrix has none.
    const filtered = wb.worksheets.filter((w) => w.autoFilter).map((w) => w.name);
    expect(book.match(/_xlnm._FilterDatabase/g)?.length).toBe(filtered.length);
    expect(filtered).not.toContain("担当課別");
    expect(wb.created.toISOString()).toBe("2026-11-24T00:00:00.000Z");
    expect(wb.title).toBe(plan.plan.title);
  });

  it("draws 担当課別 as a department × project matrix that prints one A3 page wide", () => {
    const ws = wb.getWorksheet("担当課別")!;
    const head = ws.getRow(3);
    const deptCol = new Map<string, number>();
    head.eachCell((c, col) => { if (col > 3) deptCol.set(String(c.value), col); });
    expect([...deptCol.keys()]).toEqual(plan.departments);
    expect(head.getCell(4).alignment.textRotation).toBe("vertical");
    const rowOf = new Map<number, number>();
    ws.eachRow((row, r) => { const v = row.getCell(1).value; if (r > 3 && typeof v === "number") rowOf.set(v, r); });
    expect(rowOf.size).toBe(plan.projects.length);
    for (const p of plan.projects) {
      for (const [d, col] of deptCol) {
        const v = ws.getCell(rowOf.get(p.no)!, col).value;
        expect(v, `No.${p.no} ${d}`).toBe(p.departments.includes(d) ? "●" : p.allDepartments ? "各" : null);
      }
      expect(ws.getCell(rowOf.get(p.no)!, 3).value).toBe(p.allDepartments ? "各" : null);
    }
    const last = ws.getRow(ws.rowCount);
    expect(last.getCell(1).value).toBe("担当事業数");
    const first = plan.departments[0]!;
    expect(last.getCell(deptCol.get(first)!).value).toBe(plan.projects.filter((p) => p.departments.includes(first)).length);
    expect(ws.pageSetup.paperSize).toBe(8);
    expect(ws.pageSetup.fitToWidth).toBe(1);
    expect(ws.pageSetup.printTitlesRow).toBe("2:3");
    expect(ws.views[0]).toMatchObject({ state: "frozen", xSplit: 2, ySplit: 3 });
  });

  it("breaks department lists between names only, each line as wide as its column holds (事業一覧, 工程表)", () => {
    const marker = makeRenderContext().config.allDepartmentsMarker;
    const known = new Set([...plan.departments, marker]);
    for (const [sheet, column] of [["事業一覧", 8], ["工程表", 3]] as const) {
      const ws = wb.getWorksheet(sheet)!;
      const widthPt = columnsWidthPt([ws.getColumn(column).width!]);
      let lists = 0;
      ws.eachRow((row) => {
        const c = row.getCell(column);
        if (typeof row.getCell(1).value !== "number" || c.isMerged && c.master !== c || typeof c.value !== "string") return;
        const lines = c.value.split("\n");
        for (const l of lines) {
          // whole names (the separator ends a line, never splits a name) …
          for (const name of l.split("、").filter(Boolean)) expect(known.has(name), `${sheet} No.${row.getCell(1).value}: 「${name}」`).toBe(true);
          // … and the line fits the column as the face draws it: the application breaks it nowhere
          expect(fontLines(l, widthPt, c.font.size!), `${sheet} No.${row.getCell(1).value}: 「${l}」`).toBe(1);
        }
        if (lines.length > 1) lists++;
        // no line could take the next one's first name (with the estimate's 3 % margin)
        lines.slice(1).forEach((l, i) => expect(fontLines(`${lines[i]}${l.split("、")[0]}、`, widthPt * 0.97, c.font.size!)).toBeGreaterThan(1));
      });
      expect(lists, sheet).toBeGreaterThan(3);
    }
  });

  it("体系: a count and the list of Nos beside it never touch (「3|1, 2, 3」 read 「31, 2, 3」)", () => {
    const ws = wb.getWorksheet("体系")!;
    const head = ws.getRow(1).values as unknown[];
    const count = head.indexOf("事業数");
    const list = head.indexOf("事業No");
    expect(list).toBe(count + 1);
    const widthPt = columnsWidthPt([ws.getColumn(count).width!]);
    let rows = 0;
    ws.eachRow((row, r) => {
      if (r === 1) return;
      const n = row.getCell(count);
      expect(typeof n.value, `row ${r}`).toBe("number");
      expect(n.alignment.horizontal, `row ${r}`).toBe("center");
      const size = n.font.size!;
      // the blank right of a centred count: at least half an em, and the list starts indented
      expect((widthPt - textWidthEm(String(n.value)) * size) / 2, `row ${r}`).toBeGreaterThanOrEqual(size / 2);
      expect(row.getCell(list).alignment.horizontal ?? "left").toBe("left");
      expect(row.getCell(list).alignment.indent ?? 0, `row ${r}`).toBeGreaterThanOrEqual(1);
      rows++;
    });
    expect(rows).toBeGreaterThan(10);
  });

  it("rebuilds byte for byte", async () => {
    const again = await renderWorkbook(plan, makeRenderContext());
    again.forEach((f, i) => expect(Buffer.from(f.data).equals(Buffer.from(files[i]!.data)), f.path).toBe(true));
  });
});
