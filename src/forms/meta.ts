// A form's metadata (plan, fiscal year, department, checksum, sample flag), kept as key/value
// rows in a very hidden sheet: Excel, LibreOffice and openpyxl all keep sheets when they save,
// whereas they drop custom document properties, custom XML parts and cell notes.
import { FORM_FORMAT, META_KEYS } from "./layout.js";
import { canonicalValue } from "./checksum.js";

export interface FormMeta {
  plan: string;
  fiscalYear: number;
  department: string;
  /** lockedCellsChecksum of the form sheet as written. */
  checksum: string;
  /** A sample (記入例) form: never to be read back as a report. */
  sample: boolean;
}

/** The metadata as [key, value] rows, in the order they are written (column A, column B). */
export function metaRows(meta: FormMeta): [string, string][] {
  return [
    [META_KEYS.format, FORM_FORMAT],
    [META_KEYS.plan, meta.plan],
    [META_KEYS.fiscalYear, String(meta.fiscalYear)],
    [META_KEYS.department, meta.department],
    [META_KEYS.checksum, meta.checksum],
    [META_KEYS.sample, meta.sample ? "1" : "0"],
  ];
}

export type MetaProblem = "missing" | "format" | "incomplete";

/**
 * The metadata from the rows of the meta sheet (values as a spreadsheet library returns them:
 * the fiscal year may come back as a number). A problem instead when the rows are not ours.
 */
export function parseMetaRows(rows: Iterable<[unknown, unknown]>): FormMeta | { problem: MetaProblem } {
  const map = new Map<string, string>();
  for (const [k, v] of rows) {
    const key = canonicalValue(k);
    if (key !== null) map.set(key, canonicalValue(v) ?? "");
  }
  if (map.size === 0) return { problem: "missing" };
  if (map.get(META_KEYS.format) !== FORM_FORMAT) return { problem: "format" };
  const plan = map.get(META_KEYS.plan);
  const year = Number(map.get(META_KEYS.fiscalYear));
  const department = map.get(META_KEYS.department);
  const checksum = map.get(META_KEYS.checksum);
  if (!plan || !Number.isInteger(year) || !department || !checksum) return { problem: "incomplete" };
  return { plan, fiscalYear: year, department, checksum, sample: map.get(META_KEYS.sample) === "1" };
}
