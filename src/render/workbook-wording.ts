// The workbook's words (templates/workbook/wording.json): its sheets in their order, their names,
// titles and column headers, and the diagnostics file's. A module of its own so `check` reads the
// file without the workbook writer.
import { z } from "zod";
import type { RenderContext } from "../context.js";
import { loadWording, plainText, sheetName, sheetNames, type Wording } from "../templates/wording.js";

// `text`: filled with values; `plain`: printed as written (a {{…}} in it is told)
const text = z.string();
const plain = plainText(z.string());
/** Column headers: printed as written, but those in `filled`. */
const columns = <K extends string>(keys: readonly K[], filled: readonly K[] = []) =>
  z.strictObject(Object.fromEntries(keys.map((k) => [k, filled.includes(k) ? text : plain])) as Record<K, typeof text>);
const Sheet = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("list"), name: plain,
    columns: columns(["no", "policy", "measureNumber", "measure", "initiativeNumber", "initiative", "name", "departments", "allDepartments", "description", "year", "notes", "relist"] as const, ["allDepartments", "year"]),
    allDepartmentsMark: plain, relist: text }),
  z.strictObject({ kind: z.literal("gantt"), name: plain, title: text,
    columns: columns(["no", "name", "departments", "year", "asOfYear", "notes"] as const, ["year", "asOfYear"]),
    legend: plain, legendExample: text, legendOther: plain, legendAsOf: text,
    legendCompound: plain.default("複数の段階を並べた工程（例: 検討・実施）") }),
  z.strictObject({ kind: z.literal("departments"), name: plain, title: text, legend: text,
    columns: columns(["no", "name", "allDepartments"] as const, ["allDepartments"]), named: plain, common: plain, count: plain }),
  z.strictObject({ kind: z.literal("tree"), name: plain,
    columns: columns(["kind", "number", "title", "count", "projects"] as const), levels: z.tuple([plain, plain, plain]) }),
]);
const Diagnostics = z.strictObject({ subject: text, name: sheetName,
  columns: columns(["severity", "code", "place", "no", "message", "hint"] as const),
  severities: z.strictObject({ error: plain, warning: plain, info: plain }), none: plain });
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
