// The annual progress report: progress-<Y>.pdf (cover, summary with a bar chart of status counts
// by policy, then per policy each project) and progress-<Y>.xlsx (the same table, filterable,
// statuses conditionally formatted). Words and order come from templates/progress/; this module
// draws. The returns are read and checked before (loadReturns in src/pipeline.ts).
import { fiscalYearLabel, warekiDate } from "../fiscal.js";
import type { Plan } from "../model/schema.js";
import type { ValidatedReturns } from "../progress/schema.js";
import { renderTemplate } from "../templates/engine.js";
import { progressView, type ProgressView } from "../views/progress.js";
import { documentAuthor, type OutputFile, type RenderContext } from "../context.js";
import { createPdf } from "./pdf/document.js";
import type { Content } from "pdfmake/interfaces.js";
import { breakBefore, continuationsOnTheirPage, drawDocument, headingsLeftAlone } from "./pdf/draw.js";
import { type Breaks, type Laid, layoutKeepingHeadings } from "./schedule-table.js";
import { schedulePatterns } from "./pdf/schedule.js";
import { type ProgressWording, progressWording } from "./progress-wording.js";
import { progressWorkbook } from "./progress-xlsx.js";
import type { Wording } from "../templates/wording.js";

/** The report of `year` from returns already read and checked (loadReturns). */
export async function renderProgress(plan: Plan, returns: ValidatedReturns, year: number, ctx: RenderContext): Promise<OutputFile[]> {
  const view = progressView(plan, returns, year, ctx.config);
  if (ctx.config.title) view.title = ctx.config.title;
  // read and checked once: the PDF and the xlsx share it
  const wording = progressWording(ctx);
  const pdf = await progressPdf(view, wording, ctx);
  const xlsx = await progressWorkbook(view, wording, ctx);
  return [
    { path: `progress-${year}.pdf`, data: pdf },
    { path: `progress-${year}.xlsx`, data: xlsx },
  ];
}

/** What the templates get: the view plus the cover's words from the config. */
function templateData(view: ProgressView, ctx: RenderContext): object {
  const doc = ctx.config.document;
  return {
    ...view,
    // Each policy's number of projects, for the chart's labels: its projects, not the sum of its
    // bars (a project whose departments report different statuses is in each: 「24事業」 of 16)
    policies: view.policies.map((p) => ({ ...p, total: p.projects.length })),
    label: doc.handoutLabel ?? "",
    date: ctx.datePrinted ? warekiDate(ctx.documentDate) : "",
    issuer: doc.issuer ?? "",
  };
}

export async function progressPdf(view: ProgressView, { words, fill }: Wording<ProgressWording>, ctx: RenderContext): Promise<Uint8Array> {
  const model = templateData(view, ctx);
  const nodes = [...renderTemplate("progress", "summary", model, ctx), ...renderTemplate("progress", "projects", model, ctx)];
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
    headerTitle: title, plainPages: 1, patterns: schedulePatterns(),
    ...(view.sample ? { watermark: words.sampleMark, notice: words.sampleNotice } : {}),
  }, { title: view.sample ? `【${words.sampleMark}】${title}` : title, author: documentAuthor(ctx.config, view.title), lang: "ja" }, ctx);
}
