// The shape of a diagnostic (../shared/docs/diagnostics.md): what is wrong, where, and what to do.
import { z } from "zod";

export const Severity = z.enum(["error", "warning", "info"]);
export type Severity = z.infer<typeof Severity>;

export const Diagnostic = z.object({
  code: z.string().regex(/^PP\d{3}$/),
  severity: Severity,
  message: z.string(),
  hint: z.string().optional(),
  file: z.string(),
  line: z.number().int().positive().optional(),
  column: z.number().int().positive().optional(),
  sheet: z.string().optional(),
  cell: z.string().optional(),
  projectNo: z.number().int().optional(),
  relatedNo: z.number().int().optional(),
  actual: z.string().optional(),
  expected: z.string().optional(),
});
export type Diagnostic = z.infer<typeof Diagnostic>;

/** Where a value came from: a text file's line and field, or a workbook's sheet and cell. */
export interface Place {
  file: string;
  line?: number;
  column?: number;
  sheet?: string;
  cell?: string;
}
