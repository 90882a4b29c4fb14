// The document description templates emit: a small set of primitives. TypeScript draws them
// (src/render/pdf/draw.ts); this schema checks a template's output and gives staff a clear message.
import { z } from "zod";
import { Phase } from "../model/schema.js";

const YearSpan = z.object({ start: z.number().int(), end: z.number().int() });

/** Inline text: a string, or a run that links to an anchor (`#p12`) and may be bold. */
export const Inline = z.union([
  z.string(),
  z.object({
    text: z.string(), link: z.string().optional(), bold: z.boolean().optional(),
    /** A short word or phrase kept on one line where the line allows it (a status, a year and its status). */
    keep: z.boolean().optional(),
    /** A changed part of a text in the 新旧対照表: underlined (傍線) and shaded. */
    mark: z.boolean().optional(),
    /** A note after a name (its 再掲): smaller and muted, as every document prints it. */
    note: z.boolean().optional(),
  }),
]);
export type Inline = z.infer<typeof Inline>;
const Text = z.union([z.string(), z.array(Inline)]);
export type Text = z.infer<typeof Text>;

/** The characters of a text, without its runs' styles (for measuring it). */
export function plain(text: Text): string {
  return typeof text === "string" ? text : text.map((t) => (typeof t === "string" ? t : t.text)).join("");
}
/**
 * A table cell holding lines of its own across the remaining columns (one project, one line per
 * reporting department): each line has a cell per remaining column, the columns line up with the
 * header's.
 */
const SubRows = z.object({ rows: z.array(z.array(Text)).min(1) });
export type SubRows = z.infer<typeof SubRows>;

const Outline = z.object({ id: z.string(), parent: z.string().optional(), text: z.string().optional() })
  .describe("bookmark: its id, the parent bookmark's id, the bookmark's text if not the heading's");

export const DocNode = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("cover"),
    label: z.string().optional(), meeting: z.string().optional(),
    title: z.string(), subtitle: z.string().optional(), period: z.string().optional(),
    date: z.string().optional(), issuer: z.string().optional(),
    /** A line under the title that must not be missed (e.g. that the data is fictional). */
    notice: z.string().optional(),
  }),
  z.object({
    type: z.literal("contents"), title: z.string(), levels: z.number().int().min(1).max(3).default(2),
    /** What follows starts a new page; false: it follows on the contents' page when it fits. */
    endsPage: z.boolean().default(true),
  }),
  z.object({
    type: z.literal("heading"), level: z.union([z.literal(1), z.literal(2), z.literal(3)]), text: z.string(),
    outline: Outline.optional(), contents: z.boolean().default(true),
    /** Starts a chapter: the running header shows this text from here on. */
    chapter: z.string().optional(),
    newPage: z.boolean().default(false),
  }),
  z.object({
    type: z.literal("paragraph"), text: Text, size: z.enum(["body", "table", "small"]).default("body"), muted: z.boolean().default(false),
    /** Lines break between phrases (BudouX), as headings do, not anywhere 禁則 allows: for a line of names and counts. */
    phrases: z.boolean().default(false),
  }),
  z.object({ type: z.literal("bullets"), items: z.array(z.string()) }),
  z.object({
    type: z.literal("table"), header: z.array(z.string()),
    /**
     * A row shorter than the header groups the rows under it: its last cell spans the remaining
     * columns. A `{ "rows": … }` cell ends its row: its lines fill the remaining columns.
     */
    rows: z.array(z.array(z.union([Text, SubRows]))),
    widths: z.array(z.union([z.number(), z.literal("*"), z.literal("auto")])).optional(),
    /** "number": a No column, aligned as the theme's `numberAlign` says for every document. */
    align: z.array(z.enum(["left", "center", "right", "number"])).optional(),
    /**
     * The words of a schedule table's group rows (a slot, see render/schedule-table.ts): one
     * heading per policy with one per measure under it, in plan order.
     */
    groupHeadings: z.array(z.object({ text: z.string(), subheadings: z.array(z.string()).default([]) })).optional(),
    /** Words added to a group heading repeated at the top of a page its group continues on (（続き）). */
    continued: z.string().optional(),
  }),
  z.object({
    type: z.literal("card"),
    anchor: z.string().optional(), outline: Outline.optional(),
    title: z.string(), badge: z.string().optional(), path: z.string().optional(),
    /** After the title where a card longer than a page sets it again on the next page (（続き）). */
    continued: z.string().optional(),
    fields: z.array(z.object({ label: z.string(), value: Text })).default([]),
    bulletsLabel: z.string().optional(), bullets: z.array(z.string()).default([]),
    scheduleLabel: z.string().optional(),
    /** The project whose schedule strip the card shows. */
    schedule: z.number().int().optional(),
  }),
  z.object({ type: z.literal("legend"), title: z.string().optional(), asOfLabel: z.string().optional() }),
  z.object({
    type: z.literal("chart"), title: z.string().optional(),
    /** The segments' categories in legend order; each is styled by the theme's `statuses` entry of that name. */
    categories: z.array(z.string()),
    /** One stacked horizontal bar per row: its label and a value per category. */
    bars: z.array(z.object({ label: Text, values: z.array(z.number()) })),
    note: z.string().optional(),
  }),
  z.object({
    type: z.literal("changes"),
    /** The block's heading row (e.g. a project's No and name), spanning the columns. */
    title: Text, outline: Outline.optional(),
    /** The column words: the aspect, 新 (after, left), 旧 (before, right). */
    header: z.tuple([z.string(), z.string(), z.string()]),
    rows: z.array(z.union([
      z.object({ label: z.string(), new: Text, old: Text }),
      z.object({
        label: z.string(),
        /**
         * The new bar above the old one on one year axis; `none` is written where a side has no
         * schedule. `newPeriod` / `oldPeriod`: each version's years, the others on its side shaded
         * and saying `outside` (a template written before has none: its years are left blank).
         */
        schedule: z.object({
          new: z.array(Phase), old: z.array(Phase), newLabel: z.string(), oldLabel: z.string(), none: z.string(),
          newPeriod: YearSpan.optional(), oldPeriod: YearSpan.optional(), outside: z.string().default(""),
        }),
      }),
    ])),
  }),
  z.object({ type: z.literal("pageBreak") }),
  z.object({ type: z.literal("space"), height: z.number().default(8) }),
]);
export type DocNode = z.infer<typeof DocNode>;

/** A table that is a place for a schedule table (render/slots.ts): one row, its first cell "@name". */
export function isSlot(node: DocNode): boolean {
  if (node.type !== "table" || node.rows.length !== 1) return false;
  const first = node.rows[0]![0];
  return typeof first === "string" && first.startsWith("@");
}
