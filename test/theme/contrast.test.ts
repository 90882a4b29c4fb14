// Colours that stay apart: every mark of a roadmap (categories, as-of year, header and group
// rows) and every progress status is a colour of its own, and two marks with the same pattern (or
// none) differ by at least ΔL* 8 (CIE lightness, what a gray copy keeps). A theme that breaks
// this is reported (PP550/PP551), not silently printed.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DiagnosticBag } from "../../src/diagnostics/bag.js";
import { AS_OF_TINT, clashes, lightness, MIN_DELTA_L, overWhite, roadmapSwatches, statusSwatches, themeClashes } from "../../src/theme/contrast.js";
import { loadTheme } from "../../src/theme/load.js";
import { tempFile } from "../helpers/plan-fixtures.js";

const shipped = (): Record<string, any> => JSON.parse(readFileSync("templates/theme.json", "utf8"));

describe("lightness", () => {
  it("is CIE L*: white 100, black 0, mid grey #777777 about 50", () => {
    expect(lightness("#FFFFFF")).toBeCloseTo(100, 1);
    expect(lightness("#000000")).toBeCloseTo(0, 1);
    expect(lightness("#777777")).toBeCloseTo(50, 0);
    expect(overWhite("#000000", 0.5)).toBe("#808080");
  });
});

describe("the shipped theme in gray", () => {
  const theme = loadTheme("templates/theme.json", new DiagnosticBag("ja"));

  it("gives every roadmap mark and every status a colour of its own", () => {
    for (const set of [roadmapSwatches(theme), statusSwatches(theme)]) {
      const fills = set.map((s) => s.fill.toUpperCase());
      expect(new Set(fills).size, JSON.stringify(set)).toBe(fills.length);
    }
  });

  it("gives every category and every status but one a pattern of its own", () => {
    const patterns = Object.values(theme.categories).map((c) => c.pattern);
    expect(patterns).not.toContain("none");
    expect(new Set(patterns).size).toBe(patterns.length);
    const statuses = Object.values(theme.statuses).map((c) => c.pattern).filter((p) => p !== "none");
    expect(new Set(statuses).size).toBe(statuses.length);
    // 完了 and 中止・休止 no longer differ only in tone
    expect(theme.statuses["中止・休止"]!.pattern).not.toBe(theme.statuses["完了"]!.pattern);
  });

  it(`keeps unpatterned marks at least ΔL* ${MIN_DELTA_L} apart (as-of year, header, group rows; the as-of tint from white)`, () => {
    const plain = roadmapSwatches(theme).filter((s) => s.pattern === "none");
    expect(plain.map((s) => s.name)).toEqual(expect.arrayContaining(["colours.asOf", "colours.headerFill", "colours.groupFill", "colours.zebra"]));
    for (const a of plain) for (const b of plain) if (a !== b) expect(Math.abs(lightness(a.fill) - lightness(b.fill)), `${a.name} / ${b.name}`).toBeGreaterThanOrEqual(MIN_DELTA_L);
    expect(100 - lightness(overWhite(theme.colours.asOf, AS_OF_TINT))).toBeGreaterThanOrEqual(MIN_DELTA_L);
    expect(themeClashes(theme)).toEqual([]);
  });

  it("keeps the as-of year out of the 検討 family and headers off the categories' fills", () => {
    const hue = (hex: string): number => {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number];
      const max = Math.max(r, g, b), min = Math.min(r, g, b), d = max - min;
      if (d === 0) return -1;
      const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
      return (h * 60 + 360) % 360;
    };
    const apart = Math.abs(hue(theme.colours.asOf) - hue(theme.categories.study!.fill));
    expect(Math.min(apart, 360 - apart)).toBeGreaterThan(30);
    const fills = Object.values(theme.categories).map((c) => c.fill);
    expect(fills).not.toContain(theme.colours.headerFill);
    expect(fills).not.toContain(theme.colours.groupFill);
  });
});

describe("a theme whose colours merge", () => {
  it("the colours of main before issue 13 clash: research = header, 検討 ≈ as-of yellow in gray", () => {
    const t = shipped();
    Object.assign(t.colours, { headerFill: "#BFE4FF", groupFill: "#C8C8CB", asOf: "#FFF100" });
    t.categories.study.pattern = "none";
    t.categories.other = { fill: "#C8C8CB", pattern: "none" };
    const bag = new DiagnosticBag("ja");
    loadTheme(tempFile("theme.json", JSON.stringify(t)), bag);
    const found = bag.items.map((d) => `${d.code} ${d.message}`);
    expect(found).toEqual(expect.arrayContaining([
      expect.stringMatching(/^PP551 .*categories\.research.*colours\.headerFill/),
      expect.stringMatching(/^PP551 .*categories\.other.*colours\.groupFill/),
      expect.stringMatching(/^PP550 .*categories\.study.*colours\.asOf/),
    ]));
    expect(bag.items.every((d) => d.severity === "warning" && d.file.endsWith("theme.json"))).toBe(true);
  });

  it("text on a fill too dark for it is PP555 (a city's navy header under black text had printed unreadable, without a word); the shipped theme's text all reads", () => {
    const ok = new DiagnosticBag("ja");
    loadTheme(tempFile("theme.json", JSON.stringify(shipped())), ok);
    expect(ok.items.filter((d) => d.code === "PP555")).toEqual([]);
    const t = shipped();
    t.colours.headerFill = "#1F3A5F";
    t.statuses["完了"]!.text = "#000000";
    const bag = new DiagnosticBag("ja");
    loadTheme(tempFile("theme.json", JSON.stringify(t)), bag);
    expect(bag.items.filter((d) => d.code === "PP555").map((d) => [d.severity, d.message])).toEqual([
      ["warning", expect.stringMatching(/^テーマの colours\.text の文字は colours\.headerFill の地の上で読みにくくなります（コントラスト比 [0-9.]+:1/)],
      ["warning", expect.stringMatching(/^テーマの statuses\.完了\.text の文字は statuses\.完了\.fill の地の上/)]]);
  });

  it("each is told at the line of the colour to change: the second named, else the first (they had named the theme alone)", () => {
    const text = readFileSync("templates/theme.json", "utf8")
      .replace('"headerFill": "#C8C8CB"', '"headerFill": "#1F2A44"')
      .replace('"build":    { "fill": "#FFCA80"', '"build":    { "fill": "#FFFF80"')
      .replace('"asOf": "#FF8082"', '"asOf": "#F4F4F4"');
    const lineOf = (part: string) => text.slice(0, text.indexOf(part)).split("\n").length;
    const bag = new DiagnosticBag("ja");
    loadTheme(tempFile("theme.json", text), bag);
    const at = (code: string, words: RegExp) => bag.items.filter((d) => d.code === code && words.test(d.message)).map((d) => d.line);
    expect(at("PP555", /colours\.headerFill/)).toEqual([lineOf('"headerFill"')]);
    expect(at("PP551", /categories\.study と categories\.build/)).toEqual([lineOf('"build":')]);
    expect(at("PP550", /colours\.asOf と colours\.zebra/)).toEqual([lineOf('"zebra"')]);
    // the as-of tint against white (no key): at colours.asOf
    expect(at("PP550", /白（空欄）/)).toEqual([lineOf('"asOf"')]);
  });

  it("the as-of tint against white is named in the message's language (English words had stood in the Japanese)", () => {
    const t = shipped();
    t.colours.asOf = "#FFE0E0";
    const ja = new DiagnosticBag("ja");
    loadTheme(tempFile("theme.json", JSON.stringify(t)), ja);
    expect(ja.items.find((d) => d.code === "PP550" && d.message.includes("白（空欄）"))?.message).toContain("colours.asOf（空欄の年度に付く薄い色）");
    expect(ja.items.map((d) => d.message).join("")).not.toMatch(/empty cell|white/);
    const en = new DiagnosticBag("en");
    loadTheme(tempFile("theme.json", JSON.stringify(t)), en);
    expect(en.items.find((d) => d.code === "PP550" && d.message.includes("white (an empty cell)"))).toBeDefined();
  });

  it("different patterns keep two equally light fills apart; the same pattern does not", () => {
    expect(clashes([{ name: "a", fill: "#BFE4FF", pattern: "dots" }, { name: "b", fill: "#C0E4FF", pattern: "hatch" }])).toEqual([]);
    expect(clashes([{ name: "a", fill: "#BFE4FF", pattern: "dots" }, { name: "b", fill: "#C0E4FF", pattern: "dots" }])).toHaveLength(1);
  });
});
