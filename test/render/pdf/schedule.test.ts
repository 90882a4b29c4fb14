import { beforeAll, describe, expect, it } from "vitest";
import type { TableCell } from "pdfmake/interfaces.js";
import type { Phase } from "../../../src/model/schema.js";
import { createPdf } from "../../../src/render/pdf/document.js";
import { fiscalYearLabel } from "../../../src/fiscal.js";
import { categoryStyle, laneOf, legend, schedulePatterns, scheduleStrip } from "../../../src/render/pdf/schedule.js";
import type { Run } from "../../../src/render/pdf/text.js";
import { makeRenderContext } from "../../helpers/context.js";
import { textItems, type Item } from "../../helpers/pdf-positions.js";
import { pageDrawings, type PageDrawing } from "../../helpers/pdf-drawing.js";

const ctx = makeRenderContext();
const period = { start: 2026, end: 2030 };
const phases: Phase[] = [
  { label: "検討", from: 2026, to: 2027, category: "study" },
  { label: "運用", from: 2028, to: 2030, category: "operate", note: "効果を検証しながら" },
  { label: "調査研究", from: 2026, to: 2030, category: "research" },
  { label: "試行", from: 2029, to: 2029, category: "pilot" },
];

describe("laneOf", () => {
  it("packs phases that do not overlap into one lane and clamps to the period", () => {
    const lanes = laneOf([...phases, { label: "前", from: 2020, to: 2024, category: "study" }, { label: "後", from: 2029, to: 2035, category: "build" }], period);
    expect(lanes.map((l) => l.map((p) => p.label))).toEqual([["検討", "運用"], ["調査研究"], ["試行"], ["後"]]);
    expect(lanes[3]![0]).toMatchObject({ from: 2029, to: 2030 });
  });
});

describe("scheduleStrip", () => {
  it("spans each bar over its years, writes the note in a row under its lane, fills from the category", () => {
    const strip = scheduleStrip(phases, period, { yearWidth: 80 }, ctx);
    const body = strip.table.body as (TableCell & Record<string, unknown>)[][];
    // lane 1 (検討|運用), its note row, lane 2 (調査研究), lane 3 (試行)
    expect(body).toHaveLength(4);
    expect(body.every((r) => r.length === 5)).toBe(true);
    expect(body[0]![0]).toMatchObject({ text: "検討", colSpan: 2, fillColor: categoryStyle("study", ctx).fill });
    expect(body[0]![2]).toMatchObject({ text: "運用", colSpan: 3, overlayPattern: ["pp-stripes", "#000000"] });
    expect(body[1]![2]).toMatchObject({ text: "※効果を検証しながら", colSpan: 3 });
    expect(body[3]![3]).toMatchObject({ text: "試行", colSpan: 1 });
    // the as-of year (2026) is tinted where no bar covers it
    expect(body[3]![0]).toMatchObject({ fillColor: ctx.theme.colours.asOf });
    // every pattern a bar names is defined
    const defined = Object.keys(schedulePatterns());
    for (const c of Object.values(ctx.theme.categories)) if (c.pattern !== "none") expect(defined).toContain(`pp-${c.pattern}`);
  });

  it("draws the line where two bars meet in the rule's colour when one is near white (two 複数の段階 bars had read as one); white between others", () => {
    const strip = scheduleStrip([
      { label: "拡大・検討", from: 2026, to: 2027, category: "mixed" }, { label: "調達・運用", from: 2028, to: 2030, category: "mixed" },
      { label: "検討", from: 2026, to: 2027, category: "build" }, { label: "運用", from: 2028, to: 2030, category: "operate" },
    ], period, { yearWidth: 80 }, ctx);
    const colour = (strip.layout as { vLineColor: (i: number, node: unknown, row: number) => string }).vLineColor;
    expect(colour(2, strip, 0)).toBe(ctx.theme.colours.rule);
    expect([1, 3, 4].map((i) => colour(i, strip, 0))).toEqual(["#FFFFFF", "#FFFFFF", "#FFFFFF"]);
    expect(colour(2, strip, 1)).toBe("#FFFFFF");
  });

  it("runs a note too long for its phase's years on under the years after it, up to the next note", () => {
    const note = "国の動向を踏まえ、必要に応じてスケジュールを見直す。なお、令和9年度以降の実施内容は予算の状況により変更となる場合がある。";
    const strip = scheduleStrip([{ label: "研究", from: 2026, to: 2026, category: "research", note }, { label: "検討", from: 2027, to: 2027, category: "study" },
      { label: "運用", from: 2028, to: 2030, category: "operate", note: "効果検証" }], period, { yearWidth: 80 }, ctx);
    const notes = (strip.table.body as (TableCell & Record<string, unknown>)[][])[1]!;
    // (it had wrapped in the one year's column, 1–5 characters a line); broken between phrases
    expect(notes[0]).toMatchObject({ colSpan: 2 });
    expect((notes[0]!.text as Run[]).map((r) => (typeof r === "string" ? r : r.text)).join("")).toBe(`※${note}`);
    expect(notes[2]).toMatchObject({ text: "※効果検証", colSpan: 3 });
    expect(notes).toHaveLength(5);
    // a short note stays under its own phase
    const short = scheduleStrip([{ label: "研究", from: 2026, to: 2026, category: "research", note: "予算次第" }, { label: "検討", from: 2027, to: 2028, category: "study" }], period, { yearWidth: 80 }, ctx);
    expect((short.table.body as (TableCell & Record<string, unknown>)[][])[1]![0]).toMatchObject({ text: "※予算次第", colSpan: 1 });
  });

  it("takes exactly yearWidth per year (widths + padding + rules), so bars line up with a host's columns", () => {
    const strip = scheduleStrip(phases, period, { yearWidth: 80 }, ctx);
    const widths = strip.table.widths as number[];
    const layout = strip.layout as { paddingLeft: () => number; paddingRight: () => number; vLineWidth: (i: number) => number };
    const total = widths.reduce((s, w, i) => s + w + layout.paddingLeft() + layout.paddingRight() + layout.vLineWidth(i), 0) + layout.vLineWidth(widths.length);
    expect(total).toBeCloseTo(5 * 80, 5);
  });

  it("writes years as the theme asks", () => {
    expect(fiscalYearLabel(2026, ctx.theme)).toBe("令和8年度");
    expect(fiscalYearLabel(2026, { ...ctx.theme, yearStyle: "short" })).toBe("R8");
    expect(fiscalYearLabel(2028, { ...ctx.theme, yearStyle: "western", digits: "fullwidth" })).toBe("２０２８年度");
  });
});

describe("a strip drawn in a PDF", () => {
  let items: Item[] = [];
  let drawing: PageDrawing;
  beforeAll(async () => {
    const data = await createPdf({
      kind: "department", patterns: schedulePatterns(), pageNumbers: "none",
      content: [legend(ctx, { asOfLabel: "令和8年度（現在）" }), scheduleStrip(phases, period, { yearWidth: 120, header: true }, ctx)],
    }, { title: "strip", author: "test" }, ctx);
    items = (await textItems(data))[0]!.items;
    drawing = (await pageDrawings(data))[0]!;
  });

  it("ends the bars of the last year where its heading ends (they stuck out half a rule, a tick of their colour under the end above a note)", () => {
    const heading = items.find((i) => i.str === fiscalYearLabel(2030, ctx.theme))!;
    // the heading's fill: the one around its text
    const cell = drawing.fills.find((f) => f.colour === ctx.theme.colours.headerFill && f.x0 <= heading.x && f.x1 >= heading.x + heading.width && f.y0 <= heading.y && f.y1 >= heading.y)!;
    const colours = new Set(phases.map((p) => categoryStyle(p.category, ctx).fill));
    // the bars: category fills and patterns under the headings (the legend's swatches are above)
    const bars = drawing.fills.filter((f) => (f.pattern || colours.has(f.colour ?? "")) && f.y1 <= cell.y0 + 0.01);
    // 運用 and 調査研究 reach the last year; 検討 and 試行 end before it
    expect(bars.filter((f) => f.x1 > cell.x0).length).toBeGreaterThanOrEqual(2);
    for (const f of bars) expect(f.x1).toBeLessThanOrEqual(cell.x1 + 0.01);
  });

  it("sets each label inside the columns of its years", () => {
    const heading = (y: number) => items.find((i) => i.str === fiscalYearLabel(y, ctx.theme))!;
    const centre = (i: Item) => i.x + i.width / 2;
    const left = centre(heading(2026)) - 60;
    for (const p of phases) {
      // below the year headings (the legend above names categories too)
      const label = items.find((i) => i.str === p.label && i.y < heading(2026).y);
      expect(label, p.label).toBeDefined();
      const c = centre(label!);
      expect(c).toBeGreaterThan(left + (p.from - 2026) * 120);
      expect(c).toBeLessThan(left + (p.to - 2026 + 1) * 120);
      // centred on its bar
      expect(Math.abs(c - (left + ((p.from + p.to + 1) / 2 - 2026) * 120))).toBeLessThan(6);
    }
  });

  it("has a legend naming every configured category and the default one", () => {
    const text = items.map((i) => i.str).join("");
    for (const c of ctx.config.phaseCategories) expect(text).toContain(c.label);
    expect(text).toContain(ctx.config.defaultCategory.label);
    expect(text).toContain("令和8年度（現在）");
  });
});

describe("strips with and without years of no phase", () => {
  let drawing: PageDrawing;
  // one strip whose bar covers every year, one with years of no phase (the as-of year's tint among them)
  const full: Phase[] = [{ label: "検討", from: 2026, to: 2030, category: "study" }];
  const late: Phase[] = [{ label: "運用", from: 2029, to: 2030, category: "operate" }];
  beforeAll(async () => {
    const data = await createPdf({
      kind: "department", patterns: schedulePatterns(), pageNumbers: "none",
      content: [
        // a 10-year plan's card: a one-year bar's ※ note of three lines
        scheduleStrip([{ label: "研究", from: 2026, to: 2026, category: "research", note: "国の動向を踏まえ、必要に応じてスケジュールを見直す" },
          { label: "構築", from: 2027, to: 2030, category: "build" }], { start: 2026, end: 2035 }, { yearWidth: 46, fontSize: 9 }, ctx),
        scheduleStrip(full, period, { yearWidth: 80 }, ctx), scheduleStrip(late, period, { yearWidth: 80 }, ctx),
        // a 10-year plan's card: the last year's bar, a label of a Latin name and a particle
        scheduleStrip([{ label: "RPA・AI-OCRの全庁展開", from: 2035, to: 2035, category: "build" }], { start: 2026, end: 2035 }, { yearWidth: 46, fontSize: 9 }, ctx)],
    }, { title: "strips", author: "test" }, ctx);
    drawing = (await pageDrawings(data))[0]!;
  });

  it("draws every bar as tall as the others, its label at the same height on it (an empty year's cell had made its row taller)", () => {
    const bar = (p: Phase) => {
      const label = drawing.items.find((i) => i.str === p.label)!;
      const fill = drawing.fills.find((f) => f.colour === categoryStyle(p.category, ctx).fill && f.x0 <= label.x && f.x1 >= label.x + label.width)!;
      return { height: fill.y1 - fill.y0, labelFromTop: fill.y1 - label.y };
    };
    const [a, b] = [bar(full[0]!), bar(late[0]!)];
    expect(b.height).toBeCloseTo(a.height, 1);
    expect(b.labelFromTop).toBeCloseTo(a.labelFromTop, 1);
  });

  it("breaks a ※ note between phrases (「スケ／ジュール」, 「応じ／て」 had been cut)", () => {
    const lines = drawing.items.map((i) => i.str.trim());
    const note = lines.filter((l) => /国の|踏まえ|必要|応じ|スケ|ジュール|見直す/u.test(l));
    expect(note.join("")).toBe("※国の動向を踏まえ、必要に応じてスケジュールを見直す");
    expect(note.length).toBeGreaterThan(1);
    expect(note.some((l) => l.includes("スケジュール"))).toBe(true);
    expect(note.some((l) => l.includes("応じて"))).toBe(true);
  });

  it("keeps a particle with the Latin name before it on a narrow bar (a line of 「の」 alone: 「RPA・／AI-OCR／の／全庁展開」)", () => {
    const lines = drawing.items.filter((i) => i.y < drawing.items.find((j) => j.str === "運用")!.y).map((i) => i.str.trim());
    expect(lines.join("")).toBe("RPA・AI-OCRの全庁展開");
    expect(lines.some((l) => l.endsWith("OCRの"))).toBe(true);
  });
});
