// compare.pdf and compare.xlsx read back, for the seed against a revision with a dozen changes
// made by editing the TSV: the marked parts are exactly where the texts differ, 新 is left of 旧,
// only the embedded BIZ UDPGothic, no 禁則 break, the workbook's rows, filter, panes and print set-up.
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { comparePlans } from "../../src/compare/index.js";
import type { ChangeList } from "../../src/compare/schema.js";
import { DiagnosticBag } from "../../src/diagnostics/bag.js";
import { renderCompare } from "../../src/render/compare.js";
import { fiscalYearLabel } from "../../src/fiscal.js";
import { compareWording } from "../../src/render/compare-wording.js";
import { compareTexts } from "../../src/render/template-nodes.js";
import { compareView, type CompareView } from "../../src/views/compare.js";
import { columnsWidthPt, rowHeightPt, wrappedLines } from "../../src/render/xlsx/metrics.js";
import { attempt, makeRenderContext, seedPlan, templatesWith } from "../helpers/context.js";
import { editDescription, setSchedule } from "../helpers/revisions.js";
import { baseFonts, readPdf, type PdfReadBack } from "../helpers/pdf.js";
import { filledRects, glyphsOnFills, type Glyph } from "../helpers/pdf-fills.js";
import { type PageItems, textItems } from "../helpers/pdf-positions.js";
import { planOf } from "../helpers/plan-fixtures.js";
import { seedRevision } from "../helpers/tsv-revision.js";
import { checkPdf } from "../../scripts/a11y/checks.js";
import { textsOf } from "../../scripts/a11y/read.js";

const seedText = readFileSync("data/plan.tsv", "utf8");
const revision = seedRevision(seedText);
let list: ChangeList;
let view: CompareView;
let pdfData: Uint8Array;
let xlsxData: Uint8Array;
let pdf: PdfReadBack;
let glyphs: Glyph[][];
const squash = (s: string) => s.replace(/\s+/g, "");

beforeAll(async () => {
  const oldPlan = await planOf("plan.tsv", seedText);
  const newPlan = await planOf("revised.tsv", revision.text);
  const bag = new DiagnosticBag("ja");
  list = { ...comparePlans({ plan: oldPlan, file: "plan.tsv" }, { plan: newPlan, file: "revised.tsv" }, new Map(), bag), diagnostics: [] };
  const ctx = makeRenderContext();
  const files = await renderCompare(list, ctx);
  expect(files.map((f) => f.path)).toEqual(["compare.pdf", "compare.xlsx"]);
  [pdfData, xlsxData] = files.map((f) => f.data) as [Uint8Array, Uint8Array];
  view = compareView(list, compareTexts(compareWording(ctx), ctx));
  pdf = await readPdf(pdfData);
  glyphs = await glyphsOnFills(pdfData, ctx.theme.colours.changed);
});

describe("the change list of the dozen-change revision", () => {
  it("has exactly the changes made, and the plan-level ones", () => {
    expect(list.changes.map((c) => [c.kind, c.oldNo, c.newNo])).toEqual(revision.expected);
    expect(list.planChanges.map((c) => c.aspect)).toEqual(revision.planAspects);
  });
});

describe("compare.pdf", () => {
  const table = 9; // theme.sizes.table: the size of the table's text

  /** Where the 新 column ends and the 旧 column starts: halfway between the centres of their headings. */
  function boundary(page: Glyph[]): number | null {
    const neu = page.find((g) => g.ch === "新" && g.size === table);
    const old = page.find((g) => g.ch === "旧" && g.size === table && g.x > (neu?.x ?? Infinity));
    return neu && old ? (neu.x + old.x) / 2 : null;
  }

  it("is A4 landscape, cover first, then the summary and the table", () => {
    for (const p of pdf.pages) {
      expect(p.width).toBeCloseTo(841.89, 0);
      expect(p.height).toBeCloseTo(595.28, 0);
    }
    expect(squash(pdf.pages[0]!.lines.join(""))).toContain("新旧対照表");
    expect(pdf.outline.slice(0, 2)).toEqual(["変更の概要", "追加された事業"]);
    expect(pdf.outline).toContain("新旧対照表");
  });

  it("puts 新 (after) left of 旧 (before) in every block", () => {
    let blocks = 0;
    for (const page of glyphs.slice(2)) {
      const heads = page.filter((g) => g.size === table && (g.ch === "新" || g.ch === "旧"));
      for (const [i, g] of heads.entries()) {
        if (g.ch !== "新" || heads[i + 1]?.ch !== "旧" || Math.abs(heads[i + 1]!.y - g.y) > 0.5) continue;
        expect(g.x).toBeLessThan(heads[i + 1]!.x);
        blocks++;
      }
    }
    expect(blocks).toBe(view.projects.length + 1); // every changed project and the plan-level block
    // ... and at the same places in every block: the added and the removed project's had been
    // wider than the page's text area, their columns split off-centre (pdfmake's star columns)
    const xs = (ch: string) => new Set(glyphs.slice(2).flatMap((page) => page.filter((g) => g.size === table && g.ch === ch && page.some((o) => o.ch === (ch === "新" ? "旧" : "新") && Math.abs(o.y - g.y) < 0.5)).map((g) => g.x.toFixed(0))));
    expect([...xs("新")]).toHaveLength(1);
    expect([...xs("旧")]).toHaveLength(1);
    // The renamed project's new name stands left of the boundary, its old name right of it.
    const renamed = list.changes.find((c) => c.kind === "renamed")!;
    const page = glyphs.find((gs) => squash(gs.map((g) => g.ch).join("")).includes(squash(renamed.old as string)))!;
    const mid = boundary(page)!;
    const text = (side: (g: Glyph) => boolean) => page.filter((g) => g.size === table && side(g)).map((g) => g.ch).join("");
    expect(text((g) => g.x < mid)).toContain(renamed.new as string);
    expect(text((g) => g.x > mid)).toContain(renamed.old as string);
  });

  it("marks exactly the changed characters: new ones on the left, old ones on the right", () => {
    const marked = { left: "", right: "" };
    for (const page of glyphs) {
      const mid = boundary(page);
      if (mid === null) continue;
      for (const g of page) if (g.filled && g.size === table) marked[g.x < mid ? "left" : "right"] += g.ch;
    }
    const rows = [...view.planRows, ...view.projects.flatMap((p) => p.rows)];
    const changed = (side: "new" | "old") => rows.flatMap((r) => ("schedule" in r ? [] : r[side].filter((s) => s.changed).map((s) => s.text))).join("");
    expect(squash(marked.left)).toBe(squash(changed("new")));
    expect(squash(marked.right)).toBe(squash(changed("old")));
    // A changed word, not the whole sentence: the rename of No.4 marks 場の and 知識習得機会（ … ）.
    expect(marked.left).toContain("場の");
    expect(marked.right).toContain("知識習得機会（");
    expect(marked.left).not.toContain("UI/UXに関する");
  });

  it("leaves unchanged projects out", () => {
    const text = squash(pdf.pages.slice(2).map((p) => p.lines.join("")).join(""));
    const changedNames = new Set(list.changes.map((c) => c.name));
    const unchanged = list.pairs.map(([, n]) => n).filter((n) => !list.changes.some((c) => c.newNo === n));
    expect(unchanged.length).toBeGreaterThan(40);
    const newPlanNames = new Map(revision.text.split("\n").map((l) => l.split("\t")).filter((r) => /^\d+$/.test(r[0] ?? "")).map((r) => [Number(r[0]), r[4]!]));
    for (const n of unchanged) {
      const name = newPlanNames.get(n)!;
      if (!changedNames.has(name)) expect(text).not.toContain(squash(name));
    }
  });

  it("embeds only subset BIZ UDPGothic faces", () => {
    const fonts = baseFonts(pdfData);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(f).toMatch(/^[A-Z]{6}\+BIZUDPGothic-(Regular|Bold)$/);
  });

  it("breaks no line against 禁則 (line starts and ends)", () => {
    const start = /^[）〕］｝〉》」』】、。，．・：；？！ーぁぃぅぇぉっゃゅょァィゥェォッャュョ々]/;
    const end = /[（〔［｛〈《「『【]$/;
    // Lines as pdfjs rebuilds them join the two columns; the glyphs of one cell's line are split
    // at the column boundary, and a bullet item's ・ is its marker.
    const lines: string[] = [];
    for (const page of glyphs) {
      const mid = boundary(page) ?? Infinity;
      const rows = new Map<string, string>();
      for (const g of page) {
        const key = `${Math.round(g.y)}|${g.x < mid ? "L" : "R"}`;
        rows.set(key, (rows.get(key) ?? "") + g.ch);
      }
      for (const l of rows.values()) lines.push(l.trim().replace(/^・/, ""));
    }
    expect(lines.length).toBeGreaterThan(100);
    expect(lines.filter((l) => start.test(l) || end.test(l))).toEqual([]);
  });

  it("is byte-identical when rendered again", async () => {
    const again = await renderCompare(list, makeRenderContext());
    expect(Buffer.compare(Buffer.from(again[0]!.data), Buffer.from(pdfData))).toBe(0);
    expect(Buffer.compare(Buffer.from(again[1]!.data), Buffer.from(xlsxData))).toBe(0);
  });
});

describe("compare.pdf with a phase renamed over the same years", () => {
  it("marks the phase's new and old names in a 工程 row (the bars alone had carried no mark: a gray copy showed no change)", async () => {
    const seed = seedPlan();
    const p = seed.projects.find((x) => x.relistOf === null && x.relistMark === null && x.schedule.length > 1 && x.schedule[0]!.label === "検討")!;
    const revised = setSchedule(seed, p.no, (phases) => phases.map((ph, i) => (i === 0 ? { ...ph, label: "調査" } : ph)));
    const changes = { ...comparePlans({ plan: seed, file: "a.tsv" }, { plan: revised, file: "b.tsv" }, new Map(), new DiagnosticBag()), diagnostics: [] };
    expect(changes.changes.map((c) => [c.kind, c.newNo])).toEqual([["schedule", p.no]]);
    const ctx = makeRenderContext();
    const [file] = await renderCompare(changes, ctx);
    const pages = await glyphsOnFills(file!.data, ctx.theme.colours.changed);
    const page = pages.find((gs) => gs.some((g) => g.filled))!;
    const neu = page.find((g) => g.ch === "新" && g.size === 9)!;
    const old = page.find((g) => g.ch === "旧" && g.size === 9 && g.x > neu.x)!;
    const mid = (neu.x + old.x) / 2;
    const marked = (side: (g: Glyph) => boolean) => page.filter((g) => g.filled && g.size === 9 && side(g)).map((g) => g.ch).join("");
    expect(marked((g) => g.x < mid)).toBe("調査");
    expect(marked((g) => g.x > mid)).toBe("検討");
    expect(squash(page.map((g) => g.ch).join(""))).toContain("工程");
  });
});

describe("compare.pdf and compare.xlsx with a description longer than a page", () => {
  const sentence = "市民の利便性を高めるため、各課の手続を順に見直し、オンラインで完結できる範囲を広げる。";
  let files: { data: Uint8Array }[];
  beforeAll(async () => {
    const seed = seedPlan();
    const revised = editDescription(seed, seed.projects[4]!.no, (items) => [...items, sentence.repeat(60)]);
    const changes = { ...comparePlans({ plan: seed, file: "a.tsv" }, { plan: revised, file: "b.tsv" }, new Map(), new DiagnosticBag()), diagnostics: [] };
    files = await renderCompare(changes, makeRenderContext());
  });

  it("breaks the row across pages instead of dropping it (pdfmake drops an unbreakable row taller than a page)", async () => {
    const back = await readPdf(files[0]!.data);
    expect(back.pages.length).toBeGreaterThan(3);
    expect(squash(back.text).split("オンラインで完結").length - 1).toBe(60);
  });

  it("compare.xlsx: widens 変更前 and 変更後 alike so the row stays within Excel's 409 pt (taller, Excel had cut the text at 409.5 pt)", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(files[1]!.data) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    let row = 3;
    while (!ws.getCell(row, 7).text.includes(sentence)) row++;
    const cell = ws.getCell(row, 7);
    expect(ws.getRow(row).height).toBeLessThanOrEqual(409);
    expect(ws.getRow(row).height).toBeGreaterThanOrEqual(rowHeightPt(wrappedLines(cell.text, columnsWidthPt([ws.getColumn(7).width!]), cell.font.size!), cell.font.size!));
    expect(ws.getColumn(6).width).toBe(ws.getColumn(7).width);
    expect(ws.getColumn(7).width).toBeGreaterThan(50);
  });
});

describe("compare.pdf with a bar whose label is taller than a page", () => {
  it("breaks the schedule row and its strip across pages, every phase of the label there (the row had been dropped without a trace), the year headings over each page's part of the bar", async () => {
    const seed = seedPlan();
    const months = [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3];
    const label = Array.from({ length: 144 }, (_, i) => `${months[i % 12]}月：工程${i + 1}`).join(" ");
    const year = seed.plan.period.start;
    const revised = setSchedule(seed, seed.projects[4]!.no, (phases) => [{ label, from: year, to: year, category: "mixed" }, ...phases.filter((p) => p.from > year)]);
    const changes = { ...comparePlans({ plan: seed, file: "a.tsv" }, { plan: revised, file: "b.tsv" }, new Map(), new DiagnosticBag()), diagnostics: [] };
    expect(changes.changes.map((c) => c.kind)).toContain("schedule");
    const [file] = await renderCompare(changes, makeRenderContext());
    const text = (await readPdf(file!.data)).pages.map((pg) => pg.lines.join("")).join("").replace(/\s+/g, "");
    // on the new bar and in the 工程 row naming the phases (both had been dropped with the block)
    expect(text.split("月：工程").length - 1).toBe(288);
    expect(text).toContain(squash(seed.projects[4]!.name));
    // Every page the bar runs on to has the year headings above its part of the bar (they had
    // stood on the first page alone, the bar's next pages under no year).
    const first = fiscalYearLabel(year, makeRenderContext().theme);
    // (the bar's items: above the 工程 row, which names the phases again)
    const barItems = (pg: PageItems) => {
      const phasesRow = Math.max(-Infinity, ...pg.items.filter((i) => i.str.trim() === "工程").map((i) => i.y + 1));
      return pg.items.filter((i) => /^\d+月：工程\d+/.test(i.str) && i.y > phasesRow);
    };
    const barPages = (await textItems(file!.data)).filter((pg) => barItems(pg).length);
    expect(barPages.length).toBeGreaterThan(1);
    for (const pg of barPages) {
      const top = Math.max(...barItems(pg).map((i) => i.y));
      expect(pg.items.some((i) => i.str.trim() === first && i.y > top)).toBe(true);
    }
    // ... a repeat is drawing only (a header row tagged again on each page is a finding)
    expect((await checkPdf(file!.data)).findings).toEqual([]);
  });
});

describe("compare.pdf of versions of different periods (令和8–12 → 令和8–15)", () => {
  let file: Uint8Array;
  let theme: ReturnType<typeof makeRenderContext>["theme"];
  beforeAll(async () => {
    const seed = seedPlan();
    const end = seed.plan.period.end;
    // (its last phase ends a year before the new period does: a phase only stretched to the new
    // end is said by the period's row alone, and has no block)
    const longer = setSchedule(seed, seed.projects[0]!.no, (phases) => phases.map((p) => (p.to === end ? { ...p, to: end + 2 } : p)));
    longer.plan.period = { ...seed.plan.period, end: end + 3 };
    const changes = { ...comparePlans({ plan: seed, file: "a.tsv" }, { plan: longer, file: "b.tsv" }, new Map(), new DiagnosticBag()), diagnostics: [] };
    expect(changes.changes.map((c) => [c.kind, c.newNo])).toEqual([["schedule", seed.projects[0]!.no]]);
    const ctx = makeRenderContext();
    theme = ctx.theme;
    [{ data: file }] = (await renderCompare(changes, ctx)) as [{ data: Uint8Array }];
  });

  it("says 期間外 in each year outside the old plan's period, shaded, on the old bar's line (blank, they had read as years of no phase)", async () => {
    const seed = seedPlan();
    const pages = await textItems(file);
    const at = pages.findIndex((pg) => pg.items.some((i) => i.str.trim() === "期間外"));
    expect(at).toBeGreaterThanOrEqual(0);
    const page = pages[at];
    const outside = page!.items.filter((i) => i.str.trim() === "期間外");
    const heading = (y: number) => page!.items.find((i) => i.str.trim() === fiscalYearLabel(y, theme))!;
    // one under each of the three added years, none under the years both plans cover
    const end = seed.plan.period.end;
    const centre = (i: { x: number; width: number }) => i.x + i.width / 2;
    expect(outside).toHaveLength(3);
    outside.forEach((i, k) => expect(Math.abs(centre(i) - centre(heading(end + k + 1)))).toBeLessThan(2));
    // on the 旧 line, not the 新 one
    const tag = (t: string) => page!.items.find((i) => i.str.trim() === t && i.size === theme.sizes.table && i.x < outside[0]!.x && i.y < heading(end).y)!;
    for (const i of outside) expect(Math.abs(i.y - tag("旧").y)).toBeLessThan(3);
    // shaded (a gray copy shows it as well as the words)
    const shades = (await filledRects(file, theme.colours.zebra))[at]!;
    for (const i of outside) expect(shades.some((r) => r.x <= centre(i) && centre(i) <= r.x + r.width && r.y <= i.y + 2 && i.y + 2 <= r.y + r.height)).toBe(true);
  });

  it("reads 期間外 as text of the table (tagged), with no finding", async () => {
    const { pdf: tagged, findings } = await checkPdf(file);
    expect(findings).toEqual([]);
    expect(textsOf(tagged, "TD").filter((t) => t.includes("期間外"))).not.toEqual([]);
  });
});

describe("compare.pdf's summary", () => {
  it("says how many unchanged projects it leaves out only when there are some (「変更のない0事業は…載せていません」 had been printed)", async () => {
    const seed = seedPlan();
    const every = { ...seed, projects: seed.projects.map((p) => ({ ...p, description: [...p.description, "見直した。"] })) };
    const all = { ...comparePlans({ plan: seed, file: "a.tsv" }, { plan: every, file: "b.tsv" }, new Map(), new DiagnosticBag()), diagnostics: [] };
    const text = squash((await readPdf((await renderCompare(all, makeRenderContext()))[0]!.data)).text);
    expect(text).toContain(`変更のあった事業は${seed.projects.length}件です。`);
    expect(text).not.toContain("変更のない");
    expect(squash(pdf.text)).toMatch(/変更のない\d+事業は/);
  });
});

describe("compare templates", () => {
  it("take a renamed kind of change from wording.json into the PDF and the workbook", async () => {
    const dir = templatesWith("compare/wording.json", (t) => t.replace('"renamed": "名称の変更"', '"renamed": "事業名の変更"'));
    const [pdfFile, xlsxFile] = await renderCompare(list, makeRenderContext({ templatesDir: dir }));
    expect(squash((await readPdf(pdfFile!.data)).text)).toContain("事業名の変更");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsxFile!.data) as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getColumn(1).values).toContain("事業名の変更");
  });

  it("report a misspelt field as PP503 with the template's file and line, and a broken wording file as PP532", async () => {
    const table = await attempt(makeRenderContext({ templatesDir: templatesWith("compare/table.hbs", (t) => t.replace("{{json heading}}, \"bold\"", "{{json headng}}, \"bold\"")) }), (ctx) => renderCompare(list, ctx));
    expect(table.files).toBeNull();
    expect(table.diagnostics.map((d) => d.code)).toEqual(["PP503"]);
    expect(table.diagnostics[0]!.file).toMatch(/compare\/table\.hbs$/);
    expect(table.diagnostics[0]!.line).toBeGreaterThan(1);
    const wording = await attempt(makeRenderContext({ templatesDir: templatesWith("compare/wording.json", (t) => t.replace('"removed": "削除",', "")) }), (ctx) => renderCompare(list, ctx));
    expect(wording.files).toBeNull();
    expect(wording.diagnostics.map((d) => d.code)).toEqual(["PP532"]);
  });
});

describe("compare.xlsx", () => {
  let ws: ExcelJS.Worksheet;
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsxData) as unknown as ArrayBuffer);
    ws = wb.worksheets[0]!;
  });

  it("has one row per change (an added or removed project one per aspect), plan-level first, with kind, Nos, name, aspect, before and after", () => {
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual(["種類", "旧No", "新No", "事業名", "項目", "変更前（旧）", "変更後（新）"]);
    const rowsOf = (c: ChangeList["changes"][number]) => (c.kind === "added" || c.kind === "removed" ? 5 : 1);
    expect(ws.rowCount).toBe(2 + list.planChanges.length + list.changes.reduce((n, c) => n + rowsOf(c), 0));
    expect(ws.getCell("A3").value).toBe("計画全体");
    expect(ws.getCell("E3").value).toBe("計画名");
    const rowAt = (kind: string) => {
      const i = list.changes.findIndex((c) => c.kind === kind);
      return 3 + list.planChanges.length + list.changes.slice(0, i).reduce((n, c) => n + rowsOf(c), 0);
    };
    const row = (ws.getRow(rowAt("renamed")).values as unknown[]).slice(1);
    expect(row.slice(0, 5)).toEqual(["名称の変更", 4, 4, "UI/UXに関する研修・事例共有の場の提供", "事業名"]);
    expect(ws.getRow(rowAt("renamed")).getCell(6).text).toBe("UI/UXに関する知識習得機会（研修・事例共有）の提供");
    const moved = (ws.getRow(rowAt("moved")).values as unknown[]).slice(1);
    expect(moved.slice(0, 3)).toEqual(["体系上の位置の変更", 20, 40]);
    // a removed project: its name, place, departments, description and schedule each a row (they had
    // been one cell under 事業名), the new side empty
    const removed = [0, 1, 2, 3, 4].map((k) => (ws.getRow(rowAt("removed") + k).values as unknown[]).slice(1));
    expect(removed.map((r) => [r[0], r[4]])).toEqual([["削除", "事業名"], ["削除", "体系上の位置"], ["削除", "担当課"], ["削除", "事業内容"], ["削除", "スケジュール"]]);
    expect(removed.every((r) => r[6] === undefined || r[6] === "" || r[6] === null)).toBe(true);
  });

  it("marks the changed words as the PDF does, underlined and bold (the cells had shown both versions with no sign of what changed)", () => {
    type Run = { text: string; font?: { underline?: unknown; bold?: boolean; name?: string } };
    const runsOf = (c: ExcelJS.Cell): Run[] => (c.value && typeof c.value === "object" && "richText" in c.value ? c.value.richText as Run[] : [{ text: c.text }]);
    const marked = { before: "", after: "" };
    for (let r = 3; r <= ws.rowCount; r++) {
      if (ws.getCell(r, 5).text === "スケジュール") continue;
      for (const [col, side] of [[6, "before"], [7, "after"]] as const) {
        for (const run of runsOf(ws.getCell(r, col))) {
          expect(run.font?.bold ?? false).toBe(Boolean(run.font?.underline));
          if (run.font) expect(run.font.name).toBe("BIZ UDPゴシック");
          if (run.font?.underline) marked[side] += run.text;
        }
      }
    }
    // the PDF's marks, its bars (and the 工程 and 注記 rows under them) aside
    const rows = [...view.planRows, ...view.projects.flatMap((p) => p.rows)].filter((r) => !("schedule" in r) && r.aspect !== "phases" && r.aspect !== "notes");
    const changed = (side: "new" | "old") => rows.flatMap((r) => ("schedule" in r ? [] : r[side].filter((x) => x.changed).map((x) => x.text))).join("");
    expect(marked.before).toBe(changed("old"));
    expect(marked.after).toBe(changed("new"));
    expect(marked.before).toContain("知識習得機会（");
    expect(marked.after).toContain("場の");
    expect(marked.after).not.toContain("UI/UXに関する");
  });

  it("is filterable, with its header frozen and printed A4 landscape with the header repeated", () => {
    expect(ws.autoFilter).toBeTruthy();
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
    expect(ws.pageSetup.orientation).toBe("landscape");
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.printTitlesRow).toBe("2:2");
    expect(ws.getCell("A2").font?.name).toBe("BIZ UDPゴシック");
  });
});
