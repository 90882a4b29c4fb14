// Post-processing of the zip exceljs writes: entry times from the document date (exceljs stamps
// the clock's time, so two runs differ) and the sheet-level `_xlnm._FilterDatabase` names that
// LibreOffice needs to show filter buttons (exceljs cannot write them: exceljs #2778).
import { unzipSync, zipSync, strFromU8, strToU8, type Zippable } from "fflate";

export interface FilterName {
  /** 0-based position of the sheet in the workbook. */
  sheetIndex: number;
  sheetName: string;
  /** A1-style range, e.g. `$A$1:$R$57`. */
  range: string;
}

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** `'シート名'!$A$1:$B$2` with the quotes a sheet name needs. */
export function sheetRef(sheetName: string, range: string): string {
  return `'${sheetName.replace(/'/g, "''")}'!${range}`;
}

export function addFilterNames(workbookXml: string, names: readonly FilterName[]): string {
  if (names.length === 0) return workbookXml;
  const defs = names.map((n) =>
    `<definedName name="_xlnm._FilterDatabase" localSheetId="${n.sheetIndex}" hidden="1">${escapeXml(sheetRef(n.sheetName, n.range))}</definedName>`,
  ).join("");
  if (workbookXml.includes("<definedNames>")) return workbookXml.replace("<definedNames>", `<definedNames>${defs}`);
  if (workbookXml.includes("<definedNames/>")) return workbookXml.replace("<definedNames/>", `<definedNames>${defs}</definedNames>`);
  return workbookXml.replace("</sheets>", `</sheets><definedNames>${defs}</definedNames>`);
}

/**
 * Re-zips `xlsx` with every entry dated `date` (DOS times are local: the date's UTC fields are
 * used as local ones so the bytes do not depend on the machine's time zone), in the order
 * exceljs wrote them, and the filter names added.
 */
/**
 * The workbook's structure protected (exceljs cannot): <workbookProtection> goes right after
 * <workbookPr> (the schema's order), without a password (as the sheets' protection).
 */
export function protectStructure(workbookXml: string): string {
  if (workbookXml.includes("<workbookProtection")) return workbookXml;
  const tag = '<workbookProtection lockStructure="1"/>';
  const pr = /<workbookPr\b[^>]*?(?:\/>|>[\s\S]*?<\/workbookPr>)/.exec(workbookXml);
  if (pr) return workbookXml.replace(pr[0], pr[0] + tag);
  return workbookXml.replace("<bookViews", `${tag}<bookViews`);
}

export function normaliseXlsx(xlsx: Uint8Array, date: Date, filters: readonly FilterName[], lockStructure = false): Uint8Array {
  const entries = unzipSync(xlsx);
  const wbPath = "xl/workbook.xml";
  const wb = entries[wbPath];
  if (wb && (filters.length > 0 || lockStructure)) {
    let xml = addFilterNames(strFromU8(wb), filters);
    if (lockStructure) xml = protectStructure(xml);
    entries[wbPath] = strToU8(xml);
  }
  const y = Math.max(1980, date.getUTCFullYear());
  const mtime = new Date(y, date.getUTCMonth(), date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds());
  const out: Zippable = {};
  for (const [name, data] of Object.entries(entries)) out[name] = [data, { mtime, level: 6 }];
  return zipSync(out);
}
