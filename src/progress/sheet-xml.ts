// A returned workbook's cells straight from its XML (fflate + a few regular expressions), not
// through exceljs: forms come back saved by Excel, LibreOffice or openpyxl, and exceljs 4.4.0
// crashes on some of them (cell notes, exceljs #2797). Reading the XML also gives a formula's
// text directly, so a cached result (which openpyxl does not even write) is never trusted.
import { strFromU8, unzipSync } from "fflate";
import { parseAddress } from "../cell-address.js";
import { zipRefusal } from "../ingest/zip-guard.js";
import type { FormCell } from "../forms/checksum.js";

export interface SheetCells {
  name: string;
  /** visible, hidden or veryHidden */
  state: string;
  /** Non-empty cells, 1-based; a formula cell's value is `{ formula }`. */
  cells: FormCell[];
}

export class WorkbookReadError extends Error {}

const ENTITY: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'" };

/** XML entities and OOXML's `_xHHHH_` escapes (e.g. `_x000D_` for a carriage return). */
function unescapeXml(s: string): string {
  return s
    .replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
      e.startsWith("#x") ? String.fromCodePoint(parseInt(e.slice(2), 16))
        : e.startsWith("#") ? String.fromCodePoint(Number(e.slice(1))) : ENTITY[e] ?? "")
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** The text of an `<si>` or `<is>`: its `<t>` runs, without phonetic guides (`<rPh>`). */
function stringItemText(xml: string): string {
  const body = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, "");
  let out = "";
  for (const m of body.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g)) out += unescapeXml(m[1] ?? "");
  return out;
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? unescapeXml(m[1] ?? "") : undefined;
}

function resolveTarget(target: string): string {
  const t = target.replace(/^\//, "");
  return t.startsWith("xl/") ? t : `xl/${t}`;
}

/** Every worksheet of an .xlsx, in workbook order. Throws WorkbookReadError when it is not one. */
export function readWorkbookCells(data: Uint8Array): SheetCells[] {
  let files: Record<string, Uint8Array>;
  try {
    const refusal = zipRefusal(data);
    if (refusal) throw new WorkbookReadError(`展開後のサイズが大きすぎます（${Math.round(refusal.unpacked / 1e6)} MB）`);
    files = unzipSync(data);
  } catch (e) {
    if (e instanceof WorkbookReadError) throw e;
    throw new WorkbookReadError(`zip: ${(e as Error).message}`);
  }
  const text = (path: string): string | undefined => {
    const f = files[path];
    return f ? strFromU8(f) : undefined;
  };
  const workbook = text("xl/workbook.xml");
  const rels = text("xl/_rels/workbook.xml.rels");
  if (!workbook || !rels) throw new WorkbookReadError("xl/workbook.xml がありません");
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attr(m[0], "Id");
    const target = attr(m[0], "Target");
    if (id && target) targets.set(id, resolveTarget(target));
  }
  const shared: string[] = [];
  const sst = text("xl/sharedStrings.xml");
  if (sst) for (const m of sst.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)) shared.push(stringItemText(m[1] ?? ""));
  const sheets: SheetCells[] = [];
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const name = attr(m[0], "name") ?? "";
    const rid = attr(m[0], "r:id") ?? attr(m[0], "[a-zA-Z0-9]+:id");
    const xml = rid ? text(targets.get(rid) ?? "") : undefined;
    if (xml === undefined) throw new WorkbookReadError(`シート「${name}」の XML がありません`);
    sheets.push({ name, state: attr(m[0], "state") ?? "visible", cells: sheetCells(xml, shared) });
  }
  return sheets;
}

function sheetCells(xml: string, shared: readonly string[]): FormCell[] {
  const cells: FormCell[] = [];
  for (const m of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const head = m[1] ?? "";
    const body = m[2] ?? "";
    const at = parseAddress(attr(head, "r") ?? "");
    if (!at) continue;
    const f = /<f\b[^>]*>([\s\S]*?)<\/f>/.exec(body);
    let value: unknown = null;
    if (f) {
      value = { formula: unescapeXml(f[1] ?? "") };
    } else {
      const type = attr(head, "t") ?? "n";
      const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      if (type === "inlineStr") value = stringItemText(/<is>([\s\S]*?)<\/is>/.exec(body)?.[1] ?? "");
      else if (v === undefined) value = null;
      else if (type === "s") value = shared[Number(v)] ?? "";
      else if (type === "str" || type === "e") value = unescapeXml(v);
      else if (type === "b") value = v === "1";
      else value = Number(v);
    }
    if (value === null || value === "") continue;
    cells.push({ row: at.row, col: at.col, value });
  }
  return cells;
}
