// The workbook's words (templates/workbook/wording.json): its sheets in their order, their names,
// titles and column headers, and the diagnostics file's. A module of its own so `check` reads the
// file without the workbook writer.
import { z } from "zod";
import type { RenderContext } from "../context.js";
import { loadWording, sheetName, sheetNames, type Wording } from "../templates/wording.js";

const text = z.string();
const columns = <K extends string>(keys: readonly K[]) => z.strictObject(Object.fromEntries(keys.map((k) => [k, text])) as Record<K, typeof text>);
const Sheet = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("list"), name: text,
    columns: columns(["no", "policy", "measureNumber", "measure", "initiativeNumber", "initiative", "name", "departments", "allDepartments", "description", "year", "notes", "relist"] as const),
    allDepartmentsMark: text, relist: text }),
  z.strictObject({ kind: z.literal("gantt"), name: text, title: text,
    columns: columns(["no", "name", "departments", "year", "asOfYear", "notes"] as const),
    legend: text, legendExample: text, legendOther: text, legendAsOf: text,
    legendCompound: text.default("複数の段階を並べた工程（例: 検討・実施）") }),
  z.strictObject({ kind: z.literal("departments"), name: text, title: text, legend: text,
    columns: columns(["no", "name", "allDepartments"] as const), named: text, common: text, count: text }),
  z.strictObject({ kind: z.literal("tree"), name: text,
    columns: columns(["kind", "number", "title", "count", "projects"] as const), levels: z.tuple([text, text, text]) }),
]);
const Diagnostics = z.strictObject({ subject: text, name: sheetName,
  columns: columns(["severity", "code", "place", "no", "message", "hint"] as const),
  severities: z.strictObject({ error: text, warning: text, info: text }), none: text });
export const WorkbookWording = z.object({
  subject: text,
  header: text,
  sheets: sheetNames(z.array(Sheet).min(1)).refine((s) => new Set(s.map((x) => x.kind)).size === s.length, "同じ kind のシートが2つあります"),
  diagnostics: Diagnostics,
});
export type WorkbookWording = z.infer<typeof WorkbookWording>;

export function workbookWording(ctx: RenderContext): Wording<WorkbookWording> {
  return loadWording(ctx, "workbook", WorkbookWording, ["plan", "year", "terms", "marker", "common", "no", "place"]);
}
