// The 新旧対照表 of two plan versions: compare.pdf (A4 landscape: cover, summary, then the table,
// 新 on the left and 旧 on the right) and compare.xlsx (one row per change). Words and order come
// from templates/compare/; this module draws. The change list is made by src/compare/.
import type { ChangeList } from "../compare/schema.js";
import type { DocNode } from "../templates/primitives.js";
import type { CompareView } from "../views/compare.js";
import type { CompareWording } from "./compare-wording.js";
import { compareWorkbook } from "./compare-xlsx.js";
import { documentAuthor, type OutputFile, type RenderContext } from "../context.js";
import { createPdf } from "./pdf/document.js";
import { coverPages, drawDocument } from "./pdf/draw.js";
import { schedulePatterns } from "./pdf/schedule.js";
import { compareNodes, comparePageKind } from "./template-nodes.js";
import type { Wording } from "../templates/wording.js";

const NO_YEAR = -1;


export async function renderCompare(list: ChangeList, given: RenderContext): Promise<OutputFile[]> {
  // No year is highlighted: an as-of tint in the empty years of a bar row would read as a phase.
  const ctx: RenderContext = { ...given, asOf: NO_YEAR };
  const { view, wording, nodes } = compareNodes(list, ctx);
  const pdf = await comparePdf(view, wording, nodes, ctx);
  const xlsx = await compareWorkbook(view, wording, ctx);
  return [{ path: "compare.pdf", data: pdf }, { path: "compare.xlsx", data: xlsx }];
}

async function comparePdf(view: CompareView, wording: Wording<CompareWording>, nodes: DocNode[], ctx: RenderContext): Promise<Uint8Array> {
  const kind = comparePageKind(ctx);
  // One year axis for both versions: the union of their periods.
  const period = { start: Math.min(view.old.period.start, view.new.period.start), end: Math.max(view.old.period.end, view.new.period.end) };
  const content = drawDocument(nodes, { kind, period }, ctx);
  const title = wording.fill(wording.words.title, { plan: view.new.title });
  return createPdf({ kind, content, headerTitle: title, plainPages: coverPages(nodes), patterns: schedulePatterns() },
    { title, author: documentAuthor(ctx.config, view.new.title), lang: "ja" }, ctx);
}
