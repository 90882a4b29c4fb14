// The progress form's layout: sheet names, header labels, column order and metadata keys. The
// form writer (src/render/forms.ts) and the progress reader both use these, so a form written
// by one version of planpress is read by the same rules (contract.md, "Progress forms").
import { FIELD_LABELS } from "../progress/schema.js";

/** The sheet departments fill in. */
export const FORM_SHEET = "進捗報告";
/** The very hidden sheet holding the metadata (key in column A, value in column B). */
export const META_SHEET = "_planpress";

/** 1-based row of the title; instructions follow it; the header row comes after them. */
export const TITLE_ROW = 1;
export const INSTRUCTIONS_FIRST_ROW = 2;
/** The header row (a cell `No`, cells containing 進捗区分 and 実績); projects start below it. */
export const HEADER_ROW = 8;

export type FormColumnKey =
  | "no" | "name" | "planned" | "coDepartments" | "status" | "result" | "issues" | "direction";

export interface FormColumn {
  key: FormColumnKey;
  /**
   * What the header must say for readers to find the column (contract.md): `No` exactly, or a
   * word the header contains. The header texts themselves are in templates/forms/wording.json.
   */
  keyword?: { exact?: true; text: string };
  /** Column width in Excel character units (sized for full-width text). */
  width: number;
  /** Input columns are unlocked on project rows; every other cell is locked. */
  input: boolean;
}

export const FORM_COLUMNS: readonly FormColumn[] = [
  // The words the reader looks for (progress/schema.ts), so writer and reader cannot drift apart.
  { key: "no", keyword: { exact: true, text: FIELD_LABELS.no }, width: 6, input: false },
  { key: "name", width: 30, input: false },
  { key: "planned", width: 16, input: false },
  { key: "coDepartments", width: 18, input: false },
  { key: "status", keyword: { text: FIELD_LABELS.status }, width: 13, input: true },
  { key: "result", keyword: { text: FIELD_LABELS.result }, width: 40, input: true },
  { key: "issues", keyword: { text: FIELD_LABELS.issues }, width: 30, input: true },
  { key: "direction", keyword: { text: FIELD_LABELS.direction }, width: 30, input: true },
];

/** 1-based column number of a form column. */
export function formColumn(key: FormColumnKey): number {
  const i = FORM_COLUMNS.findIndex((c) => c.key === key);
  if (i < 0) throw new Error(`unknown form column ${key}`);
  return i + 1;
}

/** 1-based column numbers of the input columns. */
export const INPUT_COLUMNS: ReadonlySet<number> = new Set(
  FORM_COLUMNS.flatMap((c, i) => (c.input ? [i + 1] : [])),
);

/** True for a cell a department may edit (an input column below the header row). */
export function isInputCell(row: number, col: number): boolean {
  return row > HEADER_ROW && INPUT_COLUMNS.has(col);
}

/** Keys of the metadata rows in META_SHEET, in the order they are written. */
export const META_KEYS = {
  format: "format",
  plan: "plan",
  fiscalYear: "fiscalYear",
  department: "department",
  checksum: "checksum",
  sample: "sample",
} as const;

/** The value of META_KEYS.format: bump when the layout changes incompatibly. */
export const FORM_FORMAT = "planpress-progress-form/1";
