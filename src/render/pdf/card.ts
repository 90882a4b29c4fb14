// The card: a framed block (a project, a report entry) kept on one page when it fits. pdfmake
// silently drops an `unbreakable` block taller than a page, so whether to keep a card together is
// decided from its estimated height, never assumed.
import type { Content } from "pdfmake/interfaces.js";
import type { RenderContext } from "../../context.js";
import type { Phase } from "../../model/schema.js";
import { pageGeometry } from "./page.js";
import { barWidth, laneOf, type Period } from "./schedule.js";

/** Width of text in em: CJK and full-width forms 1 em, the rest (Latin, digits, half-width) 0.6 em. */
export function textEm(text: string): number {
  let em = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    em += c >= 0x2e80 && !(c >= 0xff61 && c <= 0xff9f) ? 1 : 0.6;
  }
  return em;
}

/**
 * Height in pt of text set at `fontSize` in a column `width` pt wide: lines by width (rounded up,
 * plus one for breaks that leave a line short), each `fontSize × lineHeight`. Errs on the high side.
 */
export function textHeight(text: string, fontSize: number, width: number, lineHeight: number): number {
  const perLine = Math.max(1, Math.floor(width / fontSize));
  const lines = text.split("\n").reduce((n, part) => {
    const em = textEm(part);
    return n + Math.max(1, Math.ceil(em / perLine) + (em > perLine ? 1 : 0));
  }, 0);
  return lines * fontSize * lineHeight;
}

/**
 * Lines of a bar's label at `fontSize` in `width` pt: its words (apart by spaces) packed whole, a
 * word wider than the line on lines of its own. Errs high (a label also breaks between phrases).
 */
function labelLines(label: string, fontSize: number, width: number): number {
  const perLine = Math.max(1, Math.floor(width / fontSize));
  let lines = 0;
  let used = Infinity;
  for (const word of label.split(/\s+/u).filter(Boolean)) {
    const em = textEm(word);
    if (em > perLine) { lines += Math.ceil(em / perLine) + 1; used = Infinity; }
    else if (used + 0.5 + em > perLine) { lines++; used = em; }
    else used += 0.5 + em;
  }
  return Math.max(1, lines);
}

/**
 * Height in pt of a schedule strip (scheduleStrip) without its year headings: a lane as tall as
 * its longest label's lines, each ※ note under its bar. (A line per lane had been counted: a bar
 * whose label ran to a page, 144 phases by month in one year, left its project's row taller than
 * estimated, and pdfmake dropped it from the department file without a trace.)
 */
export function stripHeight(schedule: readonly Phase[], period: Period, yearWidth: number, fontSize: number, lineHeight: number): number {
  const lanes = laneOf(schedule, period);
  const laneLines = (lane: readonly Phase[]) => Math.max(1, ...lane.map((p) => (p.unlabelled ? 1 : labelLines(p.label, fontSize, barWidth(p, period, yearWidth)))));
  let height = lanes.reduce((h, lane) => h + laneLines(lane) * fontSize * lineHeight + 4, 0) || fontSize * lineHeight + 4;
  for (const lane of lanes) for (const p of lane) if (p.note) height += textHeight(p.note, fontSize, yearWidth * (p.to - p.from + 1), lineHeight) + 4;
  return height;
}

/**
 * A card: `content` kept together on one page when its estimated height fits the page body
 * (with a safety margin), else left to break like running text.
 */
export function card(content: Content[], estimatedHeight: number, kind: string, ctx: RenderContext, margin: [number, number, number, number] = [0, 0, 0, 10]): Content {
  return { stack: content, unbreakable: fitsPage(estimatedHeight, kind, ctx), margin } as Content;
}

/** Whether a block of this estimated height can be kept on one page (with a safety margin for the estimate). */
export function fitsPage(estimatedHeight: number, kind: string, ctx: RenderContext): boolean {
  return fitsBody(estimatedHeight, pageGeometry(kind, ctx).bodyHeight);
}

/** fitsPage for a page body `bodyHeight` tall. */
export const fitsBody = (estimatedHeight: number, bodyHeight: number): boolean => estimatedHeight <= bodyHeight * 0.92;
