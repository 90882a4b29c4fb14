// What normalise hands to the later checks: each project with the places of its cells and its
// 再掲 mark as read (types only, shared by normalise/index.ts, relist.ts and validate/).
import type { Place } from "../diagnostics/schema.js";
import type { Project } from "../model/schema.js";

export interface RelistMark {
  mark: string;
  name: string;
  /** From `【<policy>(n)①の再掲】`: where the original stands. */
  ref?: { text: string; policy: string; measure: number | null; initiative: number | null;
    /** From a place written as numbers (`1-2-③`, `Ⅱ-(1)-②`): the 基本方針's number. */
    policyNumber?: number | null };
  /** From `（再掲：No.12）`: the original's No. */
  no?: number;
  /** Read from the remarks (備考) column rather than the name. */
  fromRemarks?: true;
  /** The remark is the mark and nothing else (no other words in 備考 left unread). */
  wholeRemark?: true;
}

/** An original's note saying where it is relisted (`※3-(2)-①に再掲`, `（No.35に再掲）`), in its name or 備考. */
export interface RelistedAt {
  /** The note as written. */
  note: string;
  /** Its cell. */
  place: Place;
  ref?: NonNullable<RelistMark["ref"]>;
  no?: number;
}

/** A project and where its cells came from, for diagnostics of later stages. */
export interface SourcedProject {
  project: Project;
  place: Place;
  cells: Partial<Record<"no" | "name" | "policy" | "measure" | "initiative" | "departments" | "description" | "schedule", Place>>;
  relist: RelistMark | null;
  relistedAt?: RelistedAt;
  /** The policy, measure and initiative marks as written (基本方針1, (1), ①), for numbering messages. */
  marks: { policy: string; measure: string; initiative: string };
  /** The policy's number as written with it (`基本方針1 市民サービス`), or null. */
  policyNumber: number | null;
  /** Numbers of the levels above written with a level's own (the `1-` of `1-2`), for PP415. */
  parents: { measure: number[]; initiative: number[] };
}
