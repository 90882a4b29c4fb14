// The input stage of the progress report: every returned form (.xlsx) and CSV in a folder.
// A file that cannot be read is a diagnostic naming it; the other files are still read.
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import type { DiagnosticBag } from "../diagnostics/bag.js";
import { readCsvReturns } from "./read-csv.js";
import { readFormReturns } from "./read-form.js";
import type { ReturnFile } from "./schema.js";

/** Files of a folder that are returns: not hidden, not Excel's `~$` lock files. */
function isReturn(name: string): "form" | "csv" | null {
  if (name.startsWith(".") || name.startsWith("~$")) return null;
  if (/\.xlsx$/i.test(name)) return "form";
  if (/\.csv$/i.test(name)) return "csv";
  return null;
}

export async function readReturnsDir(dir: string, bag: DiagnosticBag): Promise<ReturnFile[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch (e) {
    bag.add("PP601", { file: dir }, { file: dir, reason: (e as NodeJS.ErrnoException).code ?? String(e) });
    return [];
  }
  const out: ReturnFile[] = [];
  for (const name of names) {
    const kind = isReturn(name);
    if (!kind) continue;
    const path = join(dir, name);
    const file = kind === "form" ? await readFormReturns(path, path, bag) : await readCsvReturns(path, path, bag);
    if (file) out.push(file);
  }
  if (!names.some((n) => isReturn(n))) bag.add("PP613", { file: dir }, { dir });
  return out;
}
