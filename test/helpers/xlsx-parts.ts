// Workbooks written part by part, the way other tools (or an attacker) write them: any sheet XML,
// with or without sharedStrings and styles, and zips whose headers say what the test wants.
import zlib from "node:zlib";
import { columnLetters } from "../../src/cell-address.js";

export interface ZipPart {
  name: string;
  data: string | Uint8Array;
  /** Already deflated bytes to store as the part's data (method 8). */
  deflated?: Uint8Array;
  /** The uncompressed size the headers claim (a lie, when it differs). */
  claimedSize?: number;
}

const enc = new TextEncoder();

/** A zip with local headers, a central directory and its end record. */
export function zipOf(parts: ZipPart[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const raw = typeof p.data === "string" ? enc.encode(p.data) : p.data;
    const data = p.deflated ?? zlib.deflateRawSync(raw);
    const name = Buffer.from(p.name, "utf8");
    const size = p.claimedSize ?? raw.length;
    const crc = p.deflated ? 0 : zlib.crc32(raw);
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0); lh.writeUInt16LE(20, 4); lh.writeUInt16LE(0x0800, 6); lh.writeUInt16LE(8, 8);
    lh.writeUInt32LE(crc >>> 0, 14); lh.writeUInt32LE(data.length, 18); lh.writeUInt32LE(size, 22); lh.writeUInt16LE(name.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0); ch.writeUInt16LE(20, 4); ch.writeUInt16LE(20, 6); ch.writeUInt16LE(0x0800, 8); ch.writeUInt16LE(8, 10);
    ch.writeUInt32LE(crc >>> 0, 16); ch.writeUInt32LE(data.length, 20); ch.writeUInt32LE(size, 24); ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(offset, 42);
    locals.push(lh, name, Buffer.from(data));
    centrals.push(ch, name);
    offset += 30 + name.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(parts.length, 8); end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, end]));
}

/** About `mb` MB of deflate data that inflates to about `mb` GB of zeros (1 KB → 1 MB blocks). */
export function zeroBomb(mb: number): Uint8Array {
  const block = zlib.deflateRawSync(Buffer.alloc(1 << 20), { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
  return new Uint8Array(Buffer.concat([...Array<Buffer>(Math.round(mb * 1000)).fill(block), zlib.deflateRawSync(Buffer.alloc(0))]));
}

export interface XCell { ref: string; v?: string | number; t?: string; s?: number; f?: string; is?: string }

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A worksheet's XML from cells in any order (grouped into rows as Excel writes them). */
export function sheetXml(cells: XCell[], merges: string[] = []): string {
  const rows = new Map<number, XCell[]>();
  for (const c of cells) {
    const r = Number(/\d+$/.exec(c.ref)?.[0]);
    rows.set(r, [...(rows.get(r) ?? []), c]);
  }
  const body = [...rows.keys()].sort((a, b) => a - b).map((r) => `<row r="${r}">${rows.get(r)!.map((c) => {
    const attrs = `r="${c.ref}"${c.t ? ` t="${c.t}"` : ""}${c.s !== undefined ? ` s="${c.s}"` : ""}`;
    const inner = `${c.f !== undefined ? `<f>${esc(c.f)}</f>` : ""}${c.is !== undefined ? `<is><t>${esc(c.is)}</t></is>` : ""}${c.v !== undefined ? `<v>${esc(String(c.v))}</v>` : ""}`;
    return `<c ${attrs}>${inner}</c>`;
  }).join("")}</row>`).join("");
  const m = merges.length ? `<mergeCells count="${merges.length}">${merges.map((x) => `<mergeCell ref="${x}"/>`).join("")}</mergeCells>` : "";
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData>${m}</worksheet>`;
}

/** Inline-string cells (no sharedStrings part) for a grid of texts starting at row `top`. */
export function inlineCells(grid: string[][], top = 1): XCell[] {
  return grid.flatMap((cells, r) => cells.flatMap((v, c) => (v === "" ? [] : [{ ref: `${columnLetters(c + 1)}${r + top}`, t: "inlineStr", is: v }])));
}

export interface BookOptions {
  sheets: { name: string; xml: string; state?: string }[];
  shared?: string[];
  /** `<numFmt>` codes by id, and the cellXfs' numFmtIds (style index → format id). */
  numFmts?: Record<number, string>;
  xfs?: number[];
  /** Parts to leave out (e.g. "xl/sharedStrings.xml"), or to replace. */
  omit?: string[];
  extra?: ZipPart[];
}

/** The parts of a minimal workbook. */
export function bookParts(o: BookOptions): ZipPart[] {
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  const parts: ZipPart[] = [
    { name: "[Content_Types].xml", data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' },
    { name: "xl/workbook.xml", data: `<?xml version="1.0"?><workbook ${ns}><sheets>${o.sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ""} r:id="rId${i + 1}"/>`).join("")}</sheets></workbook>` },
    { name: "xl/_rels/workbook.xml.rels", data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${o.sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${rel}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("")}<Relationship Id="rS" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rY" Type="${rel}/styles" Target="styles.xml"/></Relationships>` },
    ...o.sheets.map((s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: s.xml })),
  ];
  if (o.shared) parts.push({ name: "xl/sharedStrings.xml", data: `<?xml version="1.0"?><sst ${ns}>${o.shared.map((s) => `<si><t>${esc(s)}</t></si>`).join("")}</sst>` });
  if (o.numFmts || o.xfs) {
    const fmts = Object.entries(o.numFmts ?? {}).map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${esc(code)}"/>`).join("");
    parts.push({ name: "xl/styles.xml", data: `<?xml version="1.0"?><styleSheet ${ns}><numFmts>${fmts}</numFmts><cellXfs>${(o.xfs ?? [0]).map((id) => `<xf numFmtId="${id}"/>`).join("")}</cellXfs></styleSheet>` });
  }
  return [...parts.filter((p) => !o.omit?.includes(p.name)), ...(o.extra ?? [])];
}

export const bookOf = (o: BookOptions): Uint8Array => zipOf(bookParts(o));
