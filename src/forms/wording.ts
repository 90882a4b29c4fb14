// The words of a progress form (templates/forms/wording.json), checked so that a reworded form
// can still be read back: the header keeps `No` and the words contract.md names, and the
// instructions fit above the header row that layout.ts fixes.
import { z } from "zod";
import type { RenderContext } from "../context.js";
import { loadWording, plainText, type Wording } from "../templates/wording.js";
import { FORM_COLUMNS, HEADER_ROW, INSTRUCTIONS_FIRST_ROW, type FormColumnKey } from "./layout.js";

const text = z.string();
// printed as written, or inserted as a value (a {{…}} in it is told)
const plain = plainText(z.string());
const keys = FORM_COLUMNS.map((c) => c.key);
const byKey = <T extends z.ZodType>(t: T) => z.strictObject(Object.fromEntries(keys.map((k) => [k, t])) as Record<FormColumnKey, T>);

export const FormWording = z.strictObject({
  $comment: z.string().optional(),
  title: text,
  sampleMark: plain,
  documentTitle: text,
  pageHeader: text,
  instructions: z.array(text).max(HEADER_ROW - INSTRUCTIONS_FIRST_ROW),
  columns: byKey(text).superRefine((labels, ctx) => {
    for (const c of FORM_COLUMNS) {
      const k = c.keyword;
      const label = labels[c.key];
      if (!k || (k.exact ? label === k.text : label.includes(k.text))) continue;
      ctx.addIssue({ code: "custom", path: [c.key], message: k.exact
        ? `見出しは「${k.text}」のままにしてください（集計で読み取る目印です）`
        : `見出しに「${k.text}」の語を残してください（集計で読み取る目印です）` });
    }
  }),
  // The example row's No cell must not be a number: readers take numbered rows for reports.
  example: byKey(text).omit({ status: true }).refine((e) => !/^\s*[0-9０-９]+\s*$/.test(e.no), { message: "記入例の No 欄に数字は書けません", path: ["no"] }),
  ownSection: text,
  commonSection: text,
  nothingPlanned: plain,
  statusList: z.strictObject({ title: plain, error: plain }),
});
export type FormWording = z.infer<typeof FormWording>;

/**
 * The progress forms' words (templates/forms/wording.json), checked against the values the
 * form's vars() and the section counts give. Here, not in render/forms.ts, so `check` reads the
 * file without the workbook writer.
 */
export const formWording = (ctx: RenderContext): Wording<FormWording> =>
  loadWording(ctx, "forms", FormWording, ["plan", "year", "department", "statuses", "marker", "sample", "count"]);
