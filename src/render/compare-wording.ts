// The 新旧対照表's words outside its page templates (templates/compare/wording.json): the names of
// the kinds of change and of the aspects (shared by the PDF and the workbook), the project
// headings, the PDF's title and the workbook's sheet.
import { z } from "zod";
import { CHANGE_KINDS } from "../compare/schema.js";
import type { RenderContext } from "../context.js";
import { loadWording, plainText, type Wording } from "../templates/wording.js";

// names printed as written (a {{…}} in them is told: plainText)
const plain = plainText(z.string().min(1));
const words = <K extends string>(keys: readonly K[]) => z.strictObject(Object.fromEntries(keys.map((k) => [k, plain])) as Record<K, z.ZodString>);

export const ASPECTS = ["title", "period", "policy", "measure", "initiative", "name", "place", "departments", "description", "schedule"] as const;

export const CompareWording = z.strictObject({
  $comment: z.string().optional(),
  title: z.string().min(1),
  kinds: words(CHANGE_KINDS),
  // (notes, phases: added later, a wording file of a city written before keeps working)
  aspects: words(ASPECTS).extend({ notes: plain.default("注記"), phases: plain.default("工程"), department: plain.default("担当課の名称"), departmentSplit: plain.default("担当課の分割"), scheduleShift: plain.default("全体の工程") }),
  placeSeparator: plain,
  // (added later, as `aspects` above: defaults keep a city's older wording file working)
  /** The plan's rows for every schedule moved alike ({{years}}, {{projects}}) and a department split ({{names}}, {{projects}}, {{nos}}). */
  planTexts: z.strictObject({
    shiftOld: plain, shiftLater: z.string().min(1), shiftEarlier: z.string().min(1), split: z.string().min(1),
  }).default({ shiftOld: "各事業の工程", shiftLater: "各事業の工程を{{years}}年繰り下げ（{{projects}}事業）", shiftEarlier: "各事業の工程を{{years}}年繰り上げ（{{projects}}事業）", split: "{{names}}（{{projects}}事業: No.{{nos}}）" }),
  headings: z.strictObject({
    /** A project found in both versions under the same No, under another No, added, removed. */
    same: z.string().min(1), renumbered: z.string().min(1), added: z.string().min(1), removed: z.string().min(1),
  }),
  workbook: z.strictObject({
    sheet: plainText(z.string().min(1).max(31)),
    title: z.string().min(1),
    planKind: plain,
    columns: z.array(plain).length(7),
  }),
});
export type CompareWording = z.infer<typeof CompareWording>;

export function compareWording(ctx: RenderContext): Wording<CompareWording> {
  return loadWording(ctx, "compare", CompareWording, ["plan", "new", "old", "name", "years", "projects", "names", "nos"]);
}
