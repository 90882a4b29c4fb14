// The progress report's words outside its page templates (templates/progress/wording.json):
// the title, the sample marks, the xlsx table's sheet and columns.
import { z } from "zod";
import type { RenderContext } from "../context.js";
import { loadWording, plainText, type Wording } from "../templates/wording.js";

export const ProgressWording = z.strictObject({
  $comment: z.string().optional(),
  title: z.string().min(1),
  // printed as written, or inserted as a value: plainText
  sampleMark: plainText(z.string().min(1)),
  sampleNotice: plainText(z.string().min(1)),
  workbook: z.strictObject({
    sheet: plainText(z.string().min(1).max(31)),
    title: z.string().min(1),
    sampleTitle: plainText(z.string()),
    columns: z.array(z.string().min(1)).length(11),
  }),
});
export type ProgressWording = z.infer<typeof ProgressWording>;

export function progressWording(ctx: RenderContext): Wording<ProgressWording> {
  return loadWording(ctx, "progress", ProgressWording, ["plan", "year", "sample"]);
}
