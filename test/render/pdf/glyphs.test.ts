// Characters the font lacks (Hangul, emoji, 𠮷 and other non-BMP kanji) and invisible controls:
// told with their cells before rendering, printed in the theme's fallback face when it has them,
// and never drawn over the text that follows.
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";
import { describe, expect, it } from "vitest";
import { DiagnosticBag } from "../../../src/diagnostics/bag.js";
import { loadPlan } from "../../../src/pipeline.js";
import { renderBooklet } from "../../../src/render/booklet.js";
import { glyphCoverage } from "../../../src/render/pdf/coverage.js";
import { defaultConfig } from "../../../src/config/schema.js";
import type { Theme } from "../../../src/theme/schema.js";
import { makeRenderContext, projectRoot } from "../../helpers/context.js";
import { baseFonts } from "../../helpers/pdf.js";
import { HEADER, row, tempFile, tsv } from "../../helpers/plan-fixtures.js";

const NAME = "あ😀いう𠮷えお";
const DESC = "・한국の事例とự（ベトナム語）を調べる。";
const input = () => tempFile("plan.tsv", tsv([HEADER, row(1, NAME, { desc: DESC }), row(2, "見え\u200bない\u202e文字", { depts: "情報\u200d政策課" })]));

const withFallback = (theme: Theme): Theme =>
  ({ ...theme, fonts: { ...theme.fonts, fallback: { normal: "npm:pdfmake/fonts/Roboto/Roboto-Regular.ttf" } } });

async function load(theme: Theme) {
  const bag = new DiagnosticBag("ja");
  const plan = await loadPlan(input(), { config: defaultConfig(), bag, glyphs: glyphCoverage(theme, projectRoot) });
  return { plan, bag };
}

/** Every text item of a PDF as drawn (not joined), per page, in content order. */
async function drawn(data: Uint8Array): Promise<{ str: string; x: number; y: number; width: number }[][]> {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(data), verbosity: 0 }).promise;
  const pages = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.flatMap((it) => ("str" in it && it.str ? [{ str: it.str, x: it.transform[4] as number, y: it.transform[5] as number, width: it.width }] : [])));
  }
  await doc.destroy();
  return pages;
}

describe("characters the font lacks", () => {
  it("each cell with one is PP351 at the cell, naming the characters and their code points", async () => {
    const { bag } = await load(makeRenderContext().theme);
    const missing = bag.items.filter((d) => d.code === "PP351");
    const name = missing.find((d) => d.column === 5);
    expect(name?.line).toBe(4);
    expect(name?.message).toContain("😀");
    expect(name?.message).toContain("𠮷");
    expect(name?.message).toContain("U+1F600");
    expect(name?.message).toContain("U+20BB7");
    const desc = missing.find((d) => d.column === 7);
    expect(desc?.message).toContain("한");
    expect(desc?.message).toContain("ự");
    expect(desc?.projectNo).toBe(1);
    // the kana and kanji the font has are not named
    expect(name?.message).not.toMatch(/「[^」]*あ/);
  });

  it("a variation selector the font has no variant for (葛󠄀) is PP374: the standard form prints, not a box (PP351 had said a box)", async () => {
    const bag = new DiagnosticBag("ja");
    const file = tempFile("plan.tsv", tsv([HEADER, row(1, "事業", { depts: "葛\u{E0100}飾課" })]));
    await loadPlan(file, { config: defaultConfig(), bag, glyphs: glyphCoverage(makeRenderContext().theme, projectRoot) });
    expect(bag.items.filter((d) => d.code === "PP351")).toEqual([]);
    const told = bag.items.filter((d) => d.code === "PP374");
    expect(told.map((d) => [d.severity, d.line, d.column])).toEqual([["warning", 4, 6]]);
    expect(told[0]!.message).toContain("標準の字形「葛」で印刷します");
  });

  it("one in the plan's title is told at the title's cell (it had named the file alone)", async () => {
    const bag = new DiagnosticBag("ja");
    const file = tempFile("plan.tsv", tsv([HEADER, row(1, "事業")], "テスト市DX計画🎉"));
    await loadPlan(file, { config: defaultConfig(), bag, glyphs: glyphCoverage(makeRenderContext().theme, projectRoot) });
    expect(bag.items.filter((d) => d.code === "PP351").map((d) => [d.line, d.column, d.actual])).toEqual([[1, 1, "🎉"]]);
  });

  it("the config's words printed on covers are checked too, told at the config file", async () => {
    const config = defaultConfig();
    config.document = { meeting: "総務委員会🎉" };
    const bag = new DiagnosticBag("en");
    await loadPlan(input(), { config, bag, glyphs: glyphCoverage(makeRenderContext().theme, projectRoot), configFile: "data/planpress.config.json" });
    expect(bag.items).toContainEqual(expect.objectContaining({ code: "PP351", file: "data/planpress.config.json", actual: "🎉" }));
  });

  it("with fonts.fallback in the theme, what it has is printed in it (PP352), the rest stays PP351", async () => {
    const theme = withFallback(makeRenderContext().theme);
    const { plan, bag } = await load(theme);
    const desc = bag.items.filter((d) => d.line === 4 && d.column === 7);
    expect(desc.find((d) => d.code === "PP352")?.message).toContain("ự");
    expect(desc.find((d) => d.code === "PP351")?.message).toContain("한");
    expect(desc.find((d) => d.code === "PP351")?.message).not.toContain("ự");
    const [file] = await renderBooklet(plan, makeRenderContext({ theme }));
    expect(baseFonts(file!.data).some((f) => /Roboto/.test(f))).toBe(true);
    const text = (await drawn(file!.data)).flat().map((i) => i.str).join("");
    expect(text).toContain("ự");
  }, 60_000);

  it("text after an emoji or 𠮷 is never drawn over: each glyph starts where the one before ends", async () => {
    const { plan } = await load(makeRenderContext().theme);
    const [file] = await renderBooklet(plan, makeRenderContext());
    const pages = await drawn(file!.data);
    // the card's heading: あ □ い う □ え お, one item per run of glyphs
    const line = pages.flat().filter((i) => Math.abs(i.y - (pages.flat().find((j) => j.str.startsWith("あ"))?.y ?? NaN)) < 0.5);
    expect(line.length).toBeGreaterThan(2);
    const sorted = [...line].sort((a, b) => a.x - b.x);
    for (let k = 1; k < sorted.length; k++) {
      const prev = sorted[k - 1]!, cur = sorted[k]!;
      expect(prev.x + prev.width, `${prev.str} runs into ${cur.str}`).toBeLessThanOrEqual(cur.x + 0.01);
    }
  }, 60_000);
});

describe("zero-width and bidi controls", () => {
  it("are removed from the model with PP350 at each cell", async () => {
    const { plan, bag } = await load(makeRenderContext().theme);
    const p2 = plan.projects.find((p) => p.no === 2)!;
    expect(p2.name).toBe("見えない文字");
    expect(p2.departments).toEqual(["情報政策課"]);
    const removed = bag.items.filter((d) => d.code === "PP350");
    expect(removed.map((d) => [d.line, d.column])).toEqual([[5, 5], [5, 6], [5, 7]]);
    expect(removed[0]!.message).toContain("2 個");
    // nothing invisible is left for the font check to report
    expect(bag.items.filter((d) => d.code === "PP351" && d.line === 5)).toEqual([]);
  });
});
