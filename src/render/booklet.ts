// The council-handout booklet (booklet.pdf): view → template (templates/booklet/) → drawing.
import type { Plan } from "../model/schema.js";
import { cityOf, documentAuthor, type OutputFile, type RenderContext } from "../context.js";
import { createPdf } from "./pdf/document.js";
import { drawDocument, planSource } from "./pdf/draw.js";
import { schedulePatterns } from "./pdf/schedule.js";
import { bookletNodes } from "./template-nodes.js";

export async function renderBooklet(plan: Plan, ctx: RenderContext): Promise<OutputFile[]> {
  const { view, nodes } = bookletNodes(plan, ctx);
  const content = drawDocument(nodes, planSource(plan, "booklet"), ctx);
  const doc = ctx.config.document;
  const city = cityOf(view.title);
  const data = await createPdf(
    { kind: "booklet", content, headerTitle: view.title, plainPages: 1, patterns: schedulePatterns() },
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
