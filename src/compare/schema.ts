// The change list between two versions of a plan (contract.md, "Change list JSON"): what
// `planpress compare --json` prints and what compare.pdf / compare.xlsx show. This zod schema is
// the single source of its types.
import { z } from "zod";
import { Diagnostic } from "../diagnostics/schema.js";
import { Numbered, Phase } from "../model/schema.js";

export const CHANGE_KINDS = ["added", "removed", "renamed", "moved", "departments", "description", "schedule"] as const;
export const ChangeKind = z.enum(CHANGE_KINDS);
export type ChangeKind = z.infer<typeof ChangeKind>;

/** A project's place in the policy tree. */
export const Place = z.object({ policy: z.string(), measure: Numbered, initiative: Numbered.nullable() });
export type Place = z.infer<typeof Place>;

/** The departments as listed, with the every-department flag. */
export const Departments = z.object({ departments: z.array(z.string()), allDepartments: z.boolean() });
export type Departments = z.infer<typeof Departments>;

/** A whole project, for "added" (new) and "removed" (old). */
export const ProjectSummary = z.object({
  no: z.number().int(), name: z.string(), place: Place,
  departments: z.array(z.string()), allDepartments: z.boolean(),
  description: z.array(z.string()), schedule: z.array(Phase),
});
export type ProjectSummary = z.infer<typeof ProjectSummary>;

export const Change = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("added"), oldNo: z.null(), newNo: z.number().int(), name: z.string(), old: z.null(), new: ProjectSummary }),
  z.object({ kind: z.literal("removed"), oldNo: z.number().int(), newNo: z.null(), name: z.string(), old: ProjectSummary, new: z.null() }),
  z.object({ kind: z.literal("renamed"), oldNo: z.number().int(), newNo: z.number().int(), name: z.string(), old: z.string(), new: z.string() }),
  z.object({ kind: z.literal("moved"), oldNo: z.number().int(), newNo: z.number().int(), name: z.string(), old: Place, new: Place }),
  z.object({ kind: z.literal("departments"), oldNo: z.number().int(), newNo: z.number().int(), name: z.string(), old: Departments, new: Departments }),
  z.object({ kind: z.literal("description"), oldNo: z.number().int(), newNo: z.number().int(), name: z.string(), old: z.array(z.string()), new: z.array(z.string()) }),
  z.object({ kind: z.literal("schedule"), oldNo: z.number().int(), newNo: z.number().int(), name: z.string(), old: z.array(Phase), new: z.array(Phase) }),
]);
export type Change = z.infer<typeof Change>;

/**
 * A change of the plan itself, not of one project: its title, its period, or the name of a node
 * of the policy tree (a policy, measure or initiative renamed or renumbered).
 */
export const PlanChange = z.discriminatedUnion("aspect", [
  z.object({ aspect: z.literal("title"), old: z.string(), new: z.string() }),
  z.object({ aspect: z.literal("period"), old: z.object({ start: z.number(), end: z.number() }), new: z.object({ start: z.number(), end: z.number() }) }),
  /**
   * A department renamed throughout (a reorganisation): every project found in both versions that
   * named it names the new name instead, and the new name stands nowhere else among them.
   * `projects`: how many. Each project's department change is in `changes` too.
   */
  z.object({ aspect: z.literal("department"), old: z.string(), new: z.string(), projects: z.number().int() }),
  /**
   * A department split (a reorganisation): some of the old name's projects name the new name
   * instead, the others keep the old one (`kept` of them; 0 when the old name is gone, split among
   * several new ones). `nos`: the new Nos of those it took (`projects` of them). Each project's
   * department change is in `changes` too.
   */
  z.object({ aspect: z.literal("departmentSplit"), old: z.string(), new: z.string(), projects: z.number().int(), nos: z.array(z.number().int()), kept: z.number().int() }),
  /**
   * Every schedule moved by the same years (`years` later; earlier when negative), within the
   * revision's period, in more than half of the projects found in both (`projects` of them).
   * Each project's schedule change is in `changes` too.
   */
  z.object({ aspect: z.literal("scheduleShift"), years: z.number().int(), projects: z.number().int() }),
  z.object({
    aspect: z.enum(["policy", "measure", "initiative"]), old: z.string(), new: z.string(),
    /** The names of the node's parents in the revision (a measure's policy; an initiative's policy and measure). */
    within: z.array(z.string()),
    /** A node moved whole under other parents (a 基本方針 split in two): its parents in the plan in force. */
    oldWithin: z.array(z.string()).optional(),
  }),
]);
export type PlanChange = z.infer<typeof PlanChange>;

export const VersionInfo = z.object({
  title: z.string(),
  period: z.object({ start: z.number(), end: z.number() }),
  projects: z.number().int(),
});

export const ChangeList = z.object({
  old: VersionInfo,
  new: VersionInfo,
  /** Every project found in both versions: [old No, new No], by old No. */
  pairs: z.array(z.tuple([z.number().int(), z.number().int()])),
  /** Changes of the plan itself (title, period, names in the policy tree), before the projects'. */
  planChanges: z.array(PlanChange),
  changes: z.array(Change),
  diagnostics: z.array(Diagnostic),
});
export type ChangeList = z.infer<typeof ChangeList>;

/** How the user settles doubtful matches: old No → new No, or "new" (the old project has no counterpart). */
export type Mapping = ReadonlyMap<number, number | "new">;
