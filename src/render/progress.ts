// The annual progress report: progress-<Y>.pdf (cover, summary with a bar chart of status counts
// by policy, then per policy each project) and progress-<Y>.xlsx (the same table, filterable,
// statuses conditionally formatted). Words and order come from templates/progress/; this module
// draws. The returns are read and checked before (loadReturns in src/pipeline.ts).
import { fiscalYearLabel } from "../fiscal.js";
import type { Plan } from "../model/schema.js";
import type { ValidatedReturns } from "../progress/schema.js";
import type { DocNode } from "../templates/primitives.js";
import type { ProgressView } from "../views/progress.js";
import { documentAuthor, type OutputFile, type RenderContext } from "../context.js";
import { createPdf } from "./pdf/document.js";
import type { Content } from "pdfmake/interfaces.js";
import { breakBefore, continuationsOnTheirPage, coverPages, drawDocument, headingsLeftAlone } from "./pdf/draw.js";
import { type Breaks, type Laid, layoutKeepingHeadings } from "./schedule-table.js";
import { schedulePatterns } from "./pdf/schedule.js";
import type { ProgressWording } from "./progress-wording.js";
import { progressWorkbook } from "./progress-xlsx.js";
import type { Wording } from "../templates/wording.js";
import { progressNodes } from "./template-nodes.js";

/** The report of `year` from returns already read and checked (loadReturns). */
export async function renderProgress(plan: Plan, returns: ValidatedReturns, year: number, ctx: RenderContext): Promise<OutputFile[]> {
  // the words read and checked once: the PDF and the xlsx share them
  const { view, wording, nodes } = progressNodes(plan, returns, year, ctx);
  const pdf = await progressPdf(view, wording, nodes, ctx);
  const xlsx = await progressWorkbook(view, wording, ctx);
  return [
    { path: `progress-${year}.pdf`, data: pdf },
    { path: `progress-${year}.xlsx`, data: xlsx },
  ];
}

export async function progressPdf(view: ProgressView, { words, fill }: Wording<ProgressWording>, nodes: DocNode[], ctx: RenderContext): Promise<Uint8Array> {
  const title = fill(words.title, { plan: view.title, year: fiscalYearLabel(view.year, ctx.theme) });
  // Policies follow each other on a page; a policy's heading never ends one. Once laid out, a
  // project's lines continued on the same page are drawn as one row with the part above them
  // (continuationsOnTheirPage: the same layout, their first cells blank).
  let sameRow = new Set<string>();
  let last: { content: Content[]; breaks: Breaks } | null = null;
  const build = (breaks: Breaks): Laid => {
    const content = breakBefore(drawDocument(nodes, { kind: "progress", sameRow }, ctx), breaks);
    last = { content, breaks: new Set(breaks) };
    return { content, reserved: false, orphans: () => headingsLeftAlone(content), pageStarts: () => new Set<string>() };
  };
  return createPdf({
    kind: "progress",
    content: (l) => {
      layoutKeepingHeadings(build, (content) => l.layout(content));
      const laid = last!;
      sameRow = continuationsOnTheirPage(laid.content);
      if (sameRow.size) {
        l.layout(build(laid.breaks).content);
        // The same layout, as a joined part is taller than its blank first cells; were it not,
        // such a part could start a page with them blank: then drawn as before, unjoined.
        const still = continuationsOnTheirPage(last!.content);
        if ([...sameRow].some((k) => !still.has(k))) {
          sameRow = new Set();
          l.layout(build(laid.breaks).content);
        }
      }
      l.draw();
    },
    headerTitle: title, plainPages: coverPages(nodes), patterns: schedulePatterns(),
    ...(view.sample ? { watermark: words.sampleMark, notice: words.sampleNotice } : {}),
  }, { title: view.sample ? `【${words.sampleMark}】${title}` : title, author: documentAuthor(ctx.config, view.title), lang: "ja" }, ctx);
}
