// A returned progress row: what a department wrote about one project for one fiscal year. The
// readers (read-form.ts, read-csv.ts) produce raw cells with their places; validate.ts checks them
// with the zod schema below and keeps only rows that can go into the report.
import { z } from "zod";
import type { Place } from "../diagnostics/schema.js";
import { FiscalYear } from "../model/schema.js";
import { parseProjectNo } from "../normalise/text.js";

export const RETURN_FIELDS = ["no", "year", "status", "result", "issues", "direction", "department"] as const;
export type ReturnField = (typeof RETURN_FIELDS)[number];

/** The column names of a CSV return, and the words that identify a form's header cells. */
export const FIELD_LABELS: Record<ReturnField, string> = {
  no: "No", year: "年度", status: "進捗区分", result: "実績", issues: "課題",
  direction: "今後の方向性", department: "担当課",
};
/** A header cell naming the No column: No, No., NO, 番号 (full-width or with spaces too). */
export function isNoLabel(text: string): boolean {
  return /^(No\.?|番号)$/i.test(text.normalize("NFKC").replace(/\s+/g, ""));
}

/** A CSV column (or form header) saying the returns are fictional sample data. */
export const SAMPLE_LABEL = "見本";

export interface Cell {
  /** The cell's text as written (a formula's text, never a cached result), trimmed. */
  text: string;
  place: Place;
}

/** One input row as read, before validation. Every one is either reported or named by a diagnostic. */
export interface RawReturn {
  /** The row as a whole: `file:line` or `file#Sheet!A12`. */
  place: Place;
  cells: Partial<Record<ReturnField, Cell>>;
  /** The file says its data are fictional (a form's sample flag, a CSV's 見本 column). */
  sample: boolean;
}

/** What a returned file holds besides its rows (forms carry it in hidden metadata). */
export interface ReturnFile {
  file: string;
  kind: "form" | "csv";
  rows: RawReturn[];
  sample: boolean;
  /** The plan a form was made for (its metadata); checked against the plan being reported. */
  plan?: string;
  /** From the --history folder: returns of earlier years. Any other file is the report year's. */
  history?: boolean;
}

/** A project No as written: 12, "12", "No.12", "１２". */
export const ProjectNo = z.preprocess(
  (v) => (typeof v === "string" ? parseProjectNo(v) ?? Number.NaN : v),
  z.number().int().positive(),
);

const Text = z.string().trim();

/** A validated return row, ready for the report. */
export const ProgressReturn = z.object({
  no: z.number().int().positive(),
  year: FiscalYear,
  department: Text.min(1),
  status: Text.min(1),
  result: Text.min(1),
  issues: Text,
  direction: Text,
  sample: z.boolean(),
});
/** The entries a report prints, by field. */
export type EntryField = "result" | "issues" | "direction";
export type ProgressReturn = z.infer<typeof ProgressReturn> & {
  place: Place;
  /** Where each entry was written (its cell or CSV column), for what is said of it after reading (PP537). */
  entryPlaces?: Partial<Record<EntryField, Place>>;
};

/** The checked returns of a progress report (validate.ts): what the report is drawn from. */
export interface ValidatedReturns {
  /** Returns for the report's year, in input order. */
  current: ProgressReturn[];
  /** Returns for earlier years (the trend). */
  history: ProgressReturn[];
  /** Some input says it is fictional: the report is marked 見本 on every page. */
  sample: boolean;
}
