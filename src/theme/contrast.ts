// Whether a theme's fills stay apart on a black-and-white copy (councils photocopy handouts in
// gray). A copy keeps a colour's lightness: two fills are told apart in gray when their CIE L*
// differs by at least MIN_DELTA_L, or when they carry different patterns. Every pair of things a
// roadmap or chart marks (categories, the as-of year, header and group rows; the statuses) must.
import type { Theme } from "./schema.js";

/** The least lightness difference (CIE L*, 0–100) two unpatterned fills keep in gray. */
export const MIN_DELTA_L = 8;

/** Opacity of the as-of year's colour where it tints an empty cell of its column. */
export const AS_OF_TINT = 0.35;

/** CIE L* of an sRGB colour (#RRGGBB): its lightness on a gray copy. */
export function lightness(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return y > 216 / 24389 ? 116 * Math.cbrt(y) - 16 : (24389 / 27) * y;
}

/** A colour laid over white at `opacity` (a tint), as #RRGGBB. */
export function overWhite(hex: string, opacity: number): string {
  return `#${[1, 3, 5].map((i) => Math.round(255 - (255 - parseInt(hex.slice(i, i + 2), 16)) * opacity).toString(16).padStart(2, "0")).join("").toUpperCase()}`;
}

/** A fill a document marks something with: what it is, its colour and its pattern ("none" if plain). */
export interface Swatch { name: string; fill: string; pattern: string }

/** Two swatches a gray copy (or the eye) cannot tell apart. */
export interface Clash { a: string; b: string; deltaL: number; sameColour: boolean }

/** Pairs that share a colour, or a pattern with less than MIN_DELTA_L between their lightness. */
export function clashes(swatches: readonly Swatch[]): Clash[] {
  const out: Clash[] = [];
  swatches.forEach((a, i) => {
    for (const b of swatches.slice(i + 1)) {
      const sameColour = a.fill.toUpperCase() === b.fill.toUpperCase();
      const deltaL = Math.abs(lightness(a.fill) - lightness(b.fill));
      if (sameColour || (a.pattern === b.pattern && deltaL < MIN_DELTA_L)) out.push({ a: a.name, b: b.name, deltaL, sameColour });
    }
  });
  return out;
}

/**
 * What a roadmap marks: each phase category (bar), the as-of year's heading, the header row and
 * the two group rows (基本方針, 施策). The as-of tint of empty cells is checked against white.
 */
export function roadmapSwatches(theme: Theme): Swatch[] {
  return [
    ...Object.entries(theme.categories).map(([id, c]) => ({ name: `categories.${id}`, fill: c.fill, pattern: c.pattern })),
    { name: "colours.asOf", fill: theme.colours.asOf, pattern: "none" },
    { name: "colours.headerFill", fill: theme.colours.headerFill, pattern: "none" },
    { name: "colours.groupFill", fill: theme.colours.groupFill, pattern: "none" },
    { name: "colours.zebra", fill: theme.colours.zebra, pattern: "none" },
  ];
}

/** What the progress chart marks: one swatch per status. */
export function statusSwatches(theme: Theme): Swatch[] {
  return Object.entries(theme.statuses).map(([name, s]) => ({ name: `statuses.${name}`, fill: s.fill, pattern: s.pattern }));
}

/**
 * Every clash of a theme: the roadmap's marks among themselves, the statuses among themselves,
 * and the as-of tint of an empty cell against a white one.
 */
export function themeClashes(theme: Theme): Clash[] {
  const tint = clashes([
    { name: AS_OF_TINT_NAME, fill: overWhite(theme.colours.asOf, AS_OF_TINT), pattern: "none" },
    { name: WHITE_NAME, fill: "#FFFFFF", pattern: "none" },
  ]);
  return [...clashes(roadmapSwatches(theme)), ...clashes(statusSwatches(theme)), ...tint];
}

/** The swatches that are no key of the theme, named in the messages' language (`swatchName`). */
const AS_OF_TINT_NAME = "colours.asOf~tint";
const WHITE_NAME = "white";
export function swatchName(name: string, lang: "ja" | "en"): string {
  if (name === AS_OF_TINT_NAME) return lang === "ja" ? "colours.asOf（空欄の年度に付く薄い色）" : "colours.asOf (tint of an empty cell)";
  if (name === WHITE_NAME) return lang === "ja" ? "白（空欄）" : "white (an empty cell)";
  return name;
}

/** The least contrast (WCAG 2) of a table's small text against the fill behind it. */
export const MIN_TEXT_CONTRAST = 4.5;

/** WCAG 2 contrast ratio of two sRGB colours (1–21). */
export function contrastRatio(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => {
      const v = parseInt(hex.slice(i, i + 2), 16) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [x, y] = [luminance(a), luminance(b)].sort((m, n) => n - m) as [number, number];
  return (x + 0.05) / (y + 0.05);
}

/**
 * Text printed on a fill too close to it to read (a city's navy header under black text): the
 * header, group and zebra rows and the as-of heading under colours.text, each category's and
 * status's text on its fill. Fills were checked against each other only.
 */
export function unreadableText(theme: Theme): { fill: string; text: string; ratio: number }[] {
  const pairs: [string, string, string, string][] = [
    ...(["headerFill", "groupFill", "zebra", "asOf"] as const).map((k): [string, string, string, string] => [`colours.${k}`, theme.colours[k], "colours.text", theme.colours.text]),
    ...Object.entries(theme.categories).map(([id, c]): [string, string, string, string] => [`categories.${id}.fill`, c.fill, `categories.${id}.text`, c.text]),
    ...Object.entries(theme.statuses).map(([id, c]): [string, string, string, string] => [`statuses.${id}.fill`, c.fill, `statuses.${id}.text`, c.text]),
  ];
  return pairs.flatMap(([fill, f, text, t]) => {
    const ratio = contrastRatio(f, t);
    return ratio < MIN_TEXT_CONTRAST ? [{ fill, text, ratio }] : [];
  });
}
