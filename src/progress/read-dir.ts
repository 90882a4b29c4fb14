// The input stage of the progress report: every returned form (.xlsx, .xlsm) and CSV in a folder.
// A file that cannot be read is a diagnostic naming it; the other files are still read.
import { statSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import type { DiagnosticBag } from "../diagnostics/bag.js";
import { errnoWords, readBoundedFile, refusalReason } from "../read-file.js";
import { decodeText, mislabelled } from "../ingest/read-text.js";
import { parseCsvReturns } from "./read-csv.js";
import { parseFormReturns, type SentForm } from "./read-form.js";
import type { ReturnFile } from "./schema.js";

/** Workbooks saved in a format other than .xlsx (Excel 97–2003, binary, LibreOffice, Numbers). */
const OTHER_SHEETS = /\.(xls|xlsb|ods|numbers|et)$/i;

/**
 * A returned form: .xlsx, or .xlsm — Excel's macro-enabled workbook holds the same parts (its
 * macros are never run nor read), as for a plan. A form saved as .xlsm had been passed over
 * (PP622), its department printed 未報告.
 */
const FORM = /\.(xlsx|xlsm)$/i;

/** Archives a department may send its form in (a zip with a password, as mail rules ask; LZH). */
const ARCHIVES = /\.(zip|7z|lzh|rar)$/i;

/** Files of a folder that are returns: not hidden, not Excel's `~$` lock files. */
function isReturn(name: string): "form" | "csv" | null {
  if (name.startsWith(".") || name.startsWith("~$")) return null;
  if (FORM.test(name)) return "form";
  // (a TSV too, read by the same rules: its delimiter is sniffed; it had been passed over unsaid)
  if (/\.(csv|tsv)$/i.test(name)) return "csv";
  return null;
}

export async function readReturnsDir(dir: string, bag: DiagnosticBag, sent?: SentForm, opts: { byName?: boolean } = {}): Promise<ReturnFile[]> {
  let names: string[];
  const folders = new Set<string>();
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    // a link to a folder (a shortcut to 総務部's returns) is a sub-folder too: it had been passed over unsaid
    for (const e of entries) if (e.isDirectory() || (e.isSymbolicLink() && isFolder(join(dir, e.name)))) folders.add(e.name);
    names = entries.map((e) => e.name).sort();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") bag.add("PP618", { file: dir }, { dir });
    // the folder itself (a loop of links, no permission): it had been told as a returned file, 「（ELOOP）」
    else bag.add("PP711", { file: dir }, { dir, reason: code ? errnoWords(code, bag.lang) : String(e) });
    return [];
  }
  const out: ReturnFile[] = [];
  for (const name of names) {
    const kind = isReturn(name);
    if (!kind) {
      // said, not passed over: their departments had been 未報告 without a word
      // Excel's lock file: its workbook may be open still, its last entries unsaved (said, info)
      if (name.startsWith("~$") && FORM.test(name)) bag.add("PP629", { file: join(dir, name) }, { lock: name });
      if (name.startsWith(".") || name.startsWith("~$")) continue;
      if (folders.has(name)) bag.add("PP623", { file: join(dir, name) }, { dir: join(dir, name) });
      else if (OTHER_SHEETS.test(name)) bag.add("PP622", { file: join(dir, name) }, { file: join(dir, name), ext: name.slice(name.lastIndexOf(".")) });
      else if (ARCHIVES.test(name)) bag.add("PP641", { file: join(dir, name) }, { file: join(dir, name) });
      continue;
    }
    const path = join(dir, name);
    const bytes = await readReturn(path, bag);
    // (bytes not what the name says are told as a plan's are: a form renamed .csv had been decoded
    // as text, a CSV or an .xls renamed .xlsx told only 「zip として読めません」)
    if (!bytes || mislabelled(bytes, path, path.slice(path.lastIndexOf(".")), kind === "form", bag)) continue;
    const file = kind === "form" ? parseFormReturns(bytes, path, bag, sent, opts) : parseCsvReturns(decodeText(bytes, path, bag), path, bag);
    if (file) out.push(file);
  }
  if (!names.some((n) => isReturn(n))) bag.add("PP613", { file: dir }, { dir });
  return out;
}

const isFolder = (p: string): boolean => { try { return statSync(p).isDirectory(); } catch { return false; } };

/** A returned file is untrusted: one over the size limit is named, not read. */
const MAX_RETURN_BYTES = 20 * 1024 * 1024;

async function readReturn(path: string, bag: DiagnosticBag): Promise<Uint8Array | null> {
  // Only a regular file, read with the limit (a FIFO named .csv would never end).
  const read = await readBoundedFile(path, MAX_RETURN_BYTES);
  if ("bytes" in read && read.bytes.length) return read.bytes;
  // an empty file (a save that failed, a cloud folder's file not yet downloaded) had been told as
  // a broken zip, or as a CSV without its No column (PP611)
  const reason = "bytes" in read ? (bag.lang === "ja" ? "ファイルが空です（0 バイト）" : "the file is empty (0 bytes)") : refusalReason(read, MAX_RETURN_BYTES, bag.lang);
  bag.add("PP601", { file: path }, { file: path, reason });
  return null;
}
