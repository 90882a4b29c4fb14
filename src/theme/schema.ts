// The theme (templates/theme.json): fonts, sizes, colours and margins of every document. Staff
// edit the JSON; this schema checks it and gives the defaults.
import { z } from "zod";
import { nearest } from "../nearest.js";
import { PAPERS, paperSize } from "./paper.js";

/**
 * Colours written by name: CSS's (as an editor's colour list shows them) and the Japanese names
 * of the colour-universal-design set ver.4 the theme's palette follows (赤 is its red, not CSS's).
 */
const NAMED: Record<string, string> = {
  black: "#000000", white: "#FFFFFF", red: "#FF0000", green: "#008000", blue: "#0000FF", yellow: "#FFFF00",
  orange: "#FFA500", purple: "#800080", gray: "#808080", grey: "#808080", navy: "#000080", pink: "#FFC0CB", brown: "#A52A2A",
  黒: "#000000", 白: "#FFFFFF", 赤: "#FF4B00", 黄: "#FFF100", 黄色: "#FFF100", 緑: "#03AF7A", 青: "#005AFF", 空色: "#4DC4FF", 水色: "#4DC4FF",
  ピンク: "#FF8082", オレンジ: "#F6AA00", 紫: "#990099", 茶: "#804000", 茶色: "#804000", 灰色: "#84919E", グレー: "#84919E",
};

/** A colour written as CSS allows but the theme does not (#FFF, rgb(0, 90, 255), red, 赤) in the theme's form, or null. */
function asRrggbb(text: unknown): string | null {
  if (typeof text !== "string") return null;
  const named = NAMED[text.trim().toLowerCase()];
  if (named) return named;
  const short = /^#([0-9A-Fa-f])([0-9A-Fa-f])([0-9A-Fa-f])$/.exec(text.trim());
  if (short) return `#${short.slice(1).map((d) => d + d).join("")}`.toUpperCase();
  const rgb = /^rgb\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*\)$/i.exec(text.trim());
  if (!rgb || rgb.slice(1).some((v) => Number(v) > 255)) return null;
  return `#${rgb.slice(1).map((v) => Number(v).toString(16).padStart(2, "0")).join("")}`.toUpperCase();
}

// (what #FFF or rgb(…) is in this form, said: a colour staff copied from CSS)
const Colour = z.string().regex(/^#[0-9A-Fa-f]{6}$/, { error: (issue) => {
  const same = asRrggbb(issue.input);
  return `色は #RRGGBB の形で書いてください（${same ? `${String(issue.input)} は ${same}` : "例: #005AFF"}）`;
} });
// Margins in mm ("20mm", as Word's page set-up shows them) given in points: said once for the list,
// with the whole list in points (it had been said for each margin, and the message cut). Four
// numbers asked for by name.
const MM = /^\s*(\d+(?:\.\d+)?)\s*(?:mm|ｍｍ|ミリ)\s*$/i;
const Margin = z.number().min(0).max(600);
const Margins = z.preprocess((input, ctx) => {
  if (!Array.isArray(input) || !input.some((m) => typeof m === "string" && MM.test(m))) return input;
  const pt = input.map((m) => {
    const mm = typeof m === "string" ? MM.exec(m) : null;
    return mm ? String(Math.round(Number(mm[1]) * 72 / 25.4)) : JSON.stringify(m);
  });
  ctx.addIssue({ code: "custom", input, message: `余白は数（ポイント、1 mm は約 2.83）で書きます（${JSON.stringify(input).replace(/,/g, ", ")} なら [${pt.join(", ")}]）` });
  return input;
}, z.tuple([Margin, Margin, Margin, Margin], { error: (issue) => (["too_small", "too_big", "invalid_type"].includes(issue.code ?? "")
  ? "余白は [左, 上, 右, 下] の 4 つの数（ポイント）で書きます（例: [56, 62, 56, 56]）" : undefined) }))
  .describe("[left, top, right, bottom] in pt");

/** The least text area a page must keep: margins that leave less are a mistake, not a layout. */
const MIN_BODY_PT = 200;

const PageSetup = z.object({
  size: z.enum(PAPERS).describe("A4, A3, or B4 / B5 (JIS)"),
  orientation: z.enum(["portrait", "landscape"]),
  margins: Margins,
}).refine((p) => {
  const [w, h] = paperSize(p.size, p.orientation);
  const [l, t, r, b] = p.margins;
  return [l, t, r, b].every((m) => m >= 0) && w - l - r >= MIN_BODY_PT && h - t - b >= MIN_BODY_PT;
}, "余白が大きすぎます（本文の幅と高さを 200pt 以上残してください）");

export const FontFace = z.object({
  normal: z.string().describe("a file under fonts/, or npm:<package>/<path>"),
  bold: z.string().optional(),
});

export const CategoryStyle = z.object({
  fill: Colour.describe("bar colour (CUD palette)"),
  text: Colour.default("#000000"),
  pattern: z.enum(["none", "hatch", "backhatch", "dots", "cross", "stripes", "vlines", "grid"]).default("none")
    .describe("second cue that survives grayscale printing"),
  border: z.enum(["solid", "dashed", "dotted"]).default("solid"),
});
export type CategoryStyle = z.infer<typeof CategoryStyle>;

// Strict where staff type keys (a misspelt `colors` or `heading1` had been ignored without a word,
// the change not showing): an unknown key is PP502 with its name.
export const Theme = z.strictObject({
  $comment: z.string().optional(),
  // The two families the documents use: a misspelt one (`defualt`) is PP502 with the nearest name;
  // it had passed check and stopped the build with an internal error (PP901, pdfmake's).
  fonts: z.strictObject({
    default: FontFace.describe("used for all text"),
    fallback: FontFace.optional().describe("prints the characters `default` lacks (PP352)"),
  }).describe("font families: `default` for all text, `fallback` for what it lacks"),
  /** Excel cells name a font installed on the reader's machine, not a file. */
  excelFont: z.string().default("BIZ UDPゴシック"),
  yearStyle: z.enum(["wareki", "western", "short"]).default("wareki")
    .describe("years in documents: 令和8年度 / 2026年度 / R8"),
  digits: z.enum(["ascii", "fullwidth"]).default("ascii"),
  // Bounded: `sizes.body: 2000` laid out 8,317 pages, 1e300 crashed the layout. Text sizes up
  // to what a page of large print holds; headings and the cover a little larger.
  sizes: z.strictObject({
    body: z.number().min(6).max(24).default(10.5),
    table: z.number().min(6).max(24).default(9),
    small: z.number().min(5).max(20).default(8),
    gantt: z.number().min(6).max(20).default(8),
    h1: z.number().min(6).max(48).default(18),
    h2: z.number().min(6).max(40).default(14),
    h3: z.number().min(6).max(32).default(12),
    cover: z.number().min(6).max(72).default(26),
  }).default({ body: 10.5, table: 9, small: 8, gantt: 8, h1: 18, h2: 14, h3: 12, cover: 26 }),
  lineHeight: z.number().min(1).max(3).default(1.35),
  // (a placeholder misspelt, {{pagez}}, had been printed as written at the foot of every page)
  pageNumber: z.string().max(40).refine((s) => s.includes("{{page}}"), "{{page}} を含めてください")
    .superRefine((s, ctx) => {
      for (const [placeholder, name] of s.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)) {
        if (name === "page" || name === "pages") continue;
        const near = nearest(name!, ["page", "pages"]);
        ctx.addIssue({ code: "custom", message: `${placeholder} は使えません（使えるのは {{page}} と {{pages}}${near ? `。{{${near}}} ではありませんか` : ""}）` });
      }
    })
    .default("{{page}} / {{pages}}")
    .describe("every document's page number: {{page}} the page, {{pages}} the document's pages (a department file counts its own)"),
  numberAlign: z.enum(["left", "center", "right"]).default("center")
    .describe("how every table of every document aligns its No column (PDFs and workbooks alike)"),
  colours: z.strictObject({
    text: Colour.default("#000000"),
    muted: Colour.default("#555555"),
    rule: Colour.default("#84919E"),
    headerFill: Colour.default("#C8C8CB"),
    groupFill: Colour.default("#84919E"),
    zebra: Colour.default("#F2F2F2"),
    asOf: Colour.default("#FF8082"),
    link: Colour.default("#005AFF"),
    watermark: Colour.default("#FF4B00"),
    /** Shading of a changed part in the 新旧対照表 (under its 傍線); light enough to read through, dark enough for grayscale. */
    changed: Colour.default("#FFCABF"),
  }).default({ text: "#000000", muted: "#555555", rule: "#84919E", headerFill: "#C8C8CB", groupFill: "#84919E", zebra: "#F2F2F2", asOf: "#FF8082", link: "#005AFF", watermark: "#FF4B00", changed: "#FFCABF" }),
  categories: z.record(z.string(), CategoryStyle)
    .describe("phase category id (config phaseCategories) → bar style; `other` for the rest"),
  statuses: z.record(z.string(), CategoryStyle).default({})
    .describe("progress status (config progressStatuses, and 未報告) → bar style in the progress report's chart"),
  // Every document's page set-up must be there: a missing one is a theme error (PP502), not a crash.
  pages: z.object({ booklet: PageSetup, gantt: PageSetup, department: PageSetup, progress: PageSetup })
    .catchall(PageSetup)
    .describe("page set-up per document: booklet, gantt, department, progress"),
});
export type Theme = z.infer<typeof Theme>;

/** The theme's font families, each with its faces (`fallback` when the theme names one). */
export const fontFamilies = (theme: Theme): [string, z.infer<typeof FontFace>][] =>
  Object.entries(theme.fonts).filter((e): e is [string, z.infer<typeof FontFace>] => e[1] !== undefined);
