// The council-handout booklet (booklet.pdf): view → template (templates/booklet/) → drawing.
import type { Plan } from "../model/schema.js";
import { cityOf, documentAuthor, type OutputFile, type RenderContext } from "../context.js";
import { createPdf } from "./pdf/document.js";
import type { Driver } from "./pdf/layouts.js";
import { breakBefore, coverPages, drawDocument, headingsLeftAlone, planSource } from "./pdf/draw.js";
import { schedulePatterns } from "./pdf/schedule.js";
import { bookletNodes } from "./template-nodes.js";

/** Layouts at most, each moving the headings found left alone by the one before. */
const MAX_LAYOUTS = 4;

export async function renderBooklet(plan: Plan, ctx: RenderContext): Promise<OutputFile[]> {
  const { view, nodes } = bookletNodes(plan, ctx);
  const draw = (breaks: ReadonlySet<string>) => breakBefore(drawDocument(nodes, planSource(plan, "booklet"), ctx), breaks);
  // Headings never end a page: those left at a page's foot over a card that went on to the next
  // (headings and card together estimated taller than a page, when they were not) start that
  // page, and the pages after them are laid out again.
  const content: Driver = (l) => {
    const breaks = new Set<string>();
    let laid = draw(breaks);
    l.layout(laid);
    for (let round = 1; round < MAX_LAYOUTS; round++) {
      const more = [...headingsLeftAlone(laid)].filter((b) => !breaks.has(b));
      if (more.length === 0) break;
      for (const b of more) breaks.add(b);
      laid = draw(breaks);
      l.layout(laid);
    }
    l.draw();
  };
  const doc = ctx.config.document;
  const city = cityOf(view.title);
  const data = await createPdf(
    { kind: "booklet", content, headerTitle: view.title, plainPages: coverPages(nodes), patterns: schedulePatterns() },
    {
      title: `${view.title} 事業計画書`,
      author: documentAuthor(ctx.config, view.title),
      subject: doc.subject ?? `${view.title}（議会資料）`,
      keywords: doc.keywords ?? [view.title, ...(city ? [city] : []), "DX", "事業計画"],
      lang: "ja",
    },
    ctx,
  );
  return [{ path: "booklet.pdf", data }];
}
