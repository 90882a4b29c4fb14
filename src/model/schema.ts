// The normalised plan model (../shared/docs/contract.md, "Model JSON"). This zod schema is the
// single source of the model's TypeScript types; every renderer reads only this.
import { z } from "zod";
import { Diagnostic } from "../diagnostics/schema.js";

export const FiscalYear = z.number().int().min(1900).max(2200);

export const Phase = z.object({
  label: z.string().min(1),
  from: FiscalYear,
  to: FiscalYear,
  category: z.string().min(1),
  note: z.string().optional(),
  /** The plan marked these years active (● ○) without a label: `label` is the configured stand-in, drawn as a plain bar. */
  unlabelled: z.literal(true).optional(),
});
export type Phase = z.infer<typeof Phase>;

export const Numbered = z.object({ number: z.number().int().nullable(), title: z.string() });
export type Numbered = z.infer<typeof Numbered>;

/** A level that is there: a stand-in (a plan without the level) has neither number nor title. */
export const hasLevel = (l: { number: number | null; title: string }): boolean => l.number !== null || l.title !== "";

export const Project = z.object({
  no: z.number().int(),
  name: z.string(),
  policy: z.string(),
  /** number null and title "": the plan has no 施策 level (基本方針 › 事業). */
  measure: Numbered,
  /** null: the plan has no 取組 level (施策 › 事業). */
  initiative: Numbered.nullable(),
  departments: z.array(z.string()),
  allDepartments: z.boolean(),
  description: z.array(z.string()),
  schedule: z.array(Phase),
  relistOf: z.number().int().nullable(),
  relistMark: z.string().nullable(),
});
export type Project = z.infer<typeof Project>;

/**
 * In a plan of two levels (projects' `initiative` null), each measure holds one initiative with
 * `number: null` and `title: ""` that carries its projects, so every walk of the tree finds them.
 * In a plan of one level (基本方針 › 事業), each project's `measure` is such a stand-in too, and
 * each policy holds one stand-in measure.
 */
export const Initiative = z.object({
  number: z.number().int().nullable(),
  title: z.string(),
  projects: z.array(z.number().int()),
});
export const Measure = z.object({
  number: z.number().int().nullable(),
  title: z.string(),
  initiatives: z.array(Initiative),
});
export const Policy = z.object({ name: z.string(), measures: z.array(Measure) });
export type Initiative = z.infer<typeof Initiative>;
export type Measure = z.infer<typeof Measure>;
export type Policy = z.infer<typeof Policy>;

export const Plan = z.object({
  plan: z.object({
    title: z.string(),
    period: z.object({ start: FiscalYear, end: FiscalYear }),
  }),
  policies: z.array(Policy),
  departments: z.array(z.string()),
  projects: z.array(Project),
  diagnostics: z.array(Diagnostic),
});
export type Plan = z.infer<typeof Plan>;
