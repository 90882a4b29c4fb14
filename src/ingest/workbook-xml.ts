// An .xlsx's cells straight from its XML (the bounded zip reader + a few regular expressions), for
// plans and returned forms alike. Only the cells that exist are read: a stray cell at XFD1048576
// costs one cell, not a walk over every row and column. Workbooks come from Excel, LibreOffice,
// openpyxl or exceljs: with or without sharedStrings, with inline strings, rows and cells without
// `r`, shared formulas, hidden sheets. exceljs 4.4.0 crashes on some of these (cell notes, #2797)
// and takes ~0.5 s to load, so neither reader uses it.
import { posix } from "node:path";
import { columnLetters, parseAddress } from "../cell-address.js";
import { builtinFormat } from "./number-format.js";
import { openZip, type ZipArchive, ZipRefusal } from "./zip-guard.js";

export class WorkbookReadError extends Error {
  constructor(message: string, readonly refusal?: ZipRefusal) { super(message); }
}

/** Why an archive was refused, in words for a message. */
export function zipReason(e: ZipRefusal, lang: "ja" | "en"): string {
  const mb = Math.round(e.unpacked / 1e6);
  if (e.kind === "too-large") return lang === "ja" ? `展開後のサイズが大きすぎます（${mb} MB を超えます）` : `unpacks to more than ${mb} MB`;
  if (e.kind === "bomb") return lang === "ja" ? `展開すると元の ${e.unpacked} 倍を超える部分があります（zip 爆弾）` : `a part inflates more than ${e.unpacked} times its size (a zip bomb)`;
  if (e.kind === "duplicate") return lang === "ja" ? `同じ名前の部分「${e.message}」が 2 つあり、どちらを読むか決められません` : `two parts are named ${e.message}: which one to read cannot be told`;
  if (e.kind === "not-zip") return lang === "ja" ? "zip として読めません" : `not a zip archive (${e.message})`;
  return lang === "ja" ? `zip が壊れています（${e.ja ?? e.message}）` : `damaged zip (${e.message})`;
}

/** One cell with a value or a formula, as written (1-based row and column). */
export interface XmlCell {
  row: number;
  col: number;
  /** The `t` attribute: s, n, b, e, str, inlineStr, d. */
  type: string;
  /** The `<v>` text (unescaped); undefined when there is none (a formula never calculated). */
  v?: string;
  /** A shared or inline string's text. */
  text?: string;
  /** The shared-string index a cell refers to that the workbook lacks, as written (`abc` had been told as 「NaN 番」). */
  missingShared?: string;
  /** The formula's text (`""` for a shared formula's follower). */
  formula?: string;
  /** The number format code of the cell's style, when it has one beyond General. */
  format?: string;
  /** The built-in format id of the cell's style (one the workbook names by number, not code). */
  builtinFormat?: number;
  /** The cell's fill colour (a key: same key, same colour), when it is filled: see fillKeys. */
  fill?: string;
  /** Its text is struck through, all (the cell's font) or in part (a run of rich text): 見え消し. */
  struck?: true;
  /** Text in white, all or in part, on no fill: there, but no one sees it (白文字). */
  unseen?: true;
  /** The characters of its rich text set superscript or subscript (10³ typed as 103 with a raised 3). */
  raised?: string;
}

export interface XmlSheet {
  name: string;
  /** visible, hidden or veryHidden */
  state: string;
  cells: XmlCell[];
  /** Merged ranges as written: "A1:C1". */
  merges: string[];
  /** Set when the sheet holds more cells than the reader's limit (the rest were not read). */
  overLimit?: boolean;
  /**
   * How the sheet's cells are broken, after 「シート「…」の」, at the first such cell (the rest were
   * not read): an address past XFD1048576, a cell written twice or on another row than its
   * `<row r>`, a style the styles table lacks.
   */
  broken?: string;
  /** Rows hidden in Excel (hidden="1", also rows a filter hides), 1-based. */
  hiddenRows?: Set<number>;
  /** Column ranges hidden in Excel (`<col min max hidden="1">`), 1-based and inclusive. */
  hiddenCols?: [number, number][];
  /** Shapes drawn on the sheet (arrows, lines, boxes; not pictures or charts): the cells each spans, 1-based rows, 0-based columns. */
  shapes?: { top: number; left: number; bottom: number; right: number }[];
  /** Notes (comments) on its cells, 1-based: the text of each, which no cell value holds. */
  notes?: { row: number; col: number; text: string }[];
  /** Hyperlinks on its cells, 1-based: where each leads (a URL, or a place in the workbook). */
  links?: { row: number; col: number; target: string }[];
}

export interface XmlWorkbook {
  sheets: XmlSheet[];
  date1904: boolean;
  /** docProps/core.xml's dc:title. */
  title?: string;
}

const ENTITY: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'" };

/** XML entities and OOXML's `_xHHHH_` escapes (e.g. `_x000D_` for a carriage return). */
export function unescapeXml(s: string): string {
  // most texts and attributes hold neither: returned as they are, not scanned twice (a sheet of
  // 9 million empty styled cells unescaped every attribute of each)
  if (!s.includes("&") && !s.includes("_x")) return s;
  return s
    .replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
      if (!e.startsWith("#")) return ENTITY[e] ?? "";
      const cp = e.startsWith("#x") ? parseInt(e.slice(2), 16) : Number(e.slice(1));
      return cp <= 0x10ffff ? String.fromCodePoint(cp) : "\uFFFD";
    })
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** An element's text: its CDATA sections as written (valid XML, though Excel never writes one: a
 * name had been read with its `<![CDATA[` … `]]>` around it), the rest unescaped. */
function textOf(body: string): string {
  let out = "";
  // (indexOf, not a lazy expression: a section never closed ends the text, read once)
  for (let at = 0; ;) {
    const open = body.indexOf("<![CDATA[", at);
    if (open < 0) return out + unescapeXml(body.slice(at));
    const close = body.indexOf("]]>", open + 9);
    out += unescapeXml(body.slice(at, open)) + body.slice(open + 9, close < 0 ? undefined : close);
    if (close < 0) return out;
    at = close + 3;
  }
}

/** An element as found: where it starts, the rest of its opening tag after the name (its attributes), its content ("" when self-closed), where it ends. */
interface Found { start: number; attrs: string; body: string; end: number }

/** The opening-tag pattern of each tag asked for, and each closing tag, made once (a workbook asks per cell). */
const OPENERS = new Map<string, RegExp>();
const CLOSERS = new Map<string, string>();
const opener = (tag: string): RegExp => {
  let re = OPENERS.get(tag);
  if (!re) OPENERS.set(tag, (re = new RegExp(`<(${tag})(?=[\\s/>])`, "g")));
  return re;
};

/**
 * The first element `<tag …>…</tag>` or `<tag …/>` of `xml` from `from` (`tag` a pattern:
 * `(?:\\w+:)?from` for any prefix), or null — also when it is never closed. Found with indexOf,
 * so a walk over all of them is linear in the text whatever it holds: a lazy regular expression
 * rescans to the end from every opening tag never closed (80,000 unclosed `<si>` took 11 s).
 */
function findElement(xml: string, tag: string, from = 0): Found | null {
  const open = opener(tag);
  open.lastIndex = from;
  const m = open.exec(xml);
  if (!m) return null;
  const gt = xml.indexOf(">", m.index);
  if (gt < 0) return null;
  const name = m[1]!;
  const start = m.index;
  if (xml.charCodeAt(gt - 1) === 0x2f /* / */) return { start, attrs: xml.slice(start + 1 + name.length, gt - 1), body: "", end: gt + 1 };
  let close = CLOSERS.get(name);
  if (close === undefined) CLOSERS.set(name, (close = `</${name}>`));
  const at = xml.indexOf(close, gt + 1);
  return at < 0 ? null : { start, attrs: xml.slice(start + 1 + name.length, gt), body: xml.slice(gt + 1, at), end: at + close.length };
}

/** Every such element in order; one never closed ends the list. */
function* elements(xml: string, tag: string): Generator<Found> {
  for (let e = findElement(xml, tag); e; e = findElement(xml, tag, e.end)) yield e;
}

/** The first such element, or undefined. */
const firstOf = (xml: string, tag: string): Found | undefined => findElement(xml, tag) ?? undefined;

/** A cell's `<v>` text (found as firstOf finds it, `<v>` without attributes looked up first). */
function valueOf(body: string): string | undefined {
  const at = body.indexOf("<v>");
  if (at >= 0) {
    const end = body.indexOf("</v>", at + 3);
    return end < 0 ? undefined : body.slice(at + 3, end);
  }
  return body.includes("<v") ? firstOf(body, "v")?.body : undefined;
}

/**
 * The opening tags `<tag …>` (or `<tag …/>`) of `xml`, each as written: linear, as `elements` is
 * (`/<tag\\b[^>]*>/g` rescans to the end from every tag left without its `>`: 80,000 took 50 s).
 */
function* openingTags(xml: string, tag: string): Generator<string> {
  // the pattern findElement uses; its position is set before each search, as a walk may be
  // suspended between two tags while another walk uses the same pattern
  const open = opener(tag);
  for (let from = 0; ;) {
    open.lastIndex = from;
    const m = open.exec(xml);
    const gt = m ? xml.indexOf(">", m.index) : -1;
    if (gt < 0) return;
    yield xml.slice(m!.index, gt + 1);
    from = gt + 1;
  }
}

/** The first such tag, or undefined. */
const firstTag = (xml: string, tag: string): string | undefined => openingTags(xml, tag).next().value || undefined;

/** The text of an `<si>` or `<is>`: its `<t>` runs, without phonetic guides (`<rPh>`). */
function stringItemText(xml: string): string {
  let body = xml;
  if (xml.includes("<rPh")) {
    body = "";
    let from = 0;
    for (const ph of elements(xml, "rPh")) {
      body += xml.slice(from, ph.start);
      from = ph.end;
    }
    body += xml.slice(from);
  }
  let out = "";
  for (let t = findElement(body, "t"); t; t = findElement(body, "t", t.end)) out += textOf(t.body);
  return out;
}

/**
 * The characters of runs of rich text set superscript or subscript (`<vertAlign>`), joined: the
 * cell's text has them as plain characters (10³ reads 103, CO₂ CO2).
 */
function raisedRuns(xml: string): string {
  if (!xml.includes("<vertAlign")) return "";
  let out = "";
  for (const run of elements(xml, "r")) {
    const tag = firstTag(firstOf(run.body, "rPr")?.body ?? "", "vertAlign");
    if (tag && /^(superscript|subscript)$/.test(attr(tag, "val") ?? "")) out += stringItemText(run.body);
  }
  return out.trim();
}

/** `<strike/>` (or val="1"/"true") in a font or a run's properties: struck through. */
const struckThrough = (props: string): boolean => {
  const tag = firstTag(props, "strike");
  return tag !== undefined && !/^(0|false)$/.test(attr(tag, "val") ?? "");
};

/** A font's or a run's colour is white, the sheet's background (rgb, theme 0 = Background 1, indexed 9). */
const whiteText = (props: string): boolean => {
  const tag = firstTag(props, "color");
  if (!tag) return false;
  const rgb = attr(tag, "rgb")?.toUpperCase();
  return (rgb !== undefined && /^(FF)?FFFFFF$/.test(rgb)) || (attr(tag, "theme") === "0" && !attr(tag, "tint")) || attr(tag, "indexed") === "9";
};

/** Whether some run of rich text with words in it is white. */
function hasWhiteRun(xml: string): boolean {
  if (!xml.includes("<color")) return false;
  for (const run of elements(xml, "r")) {
    if (whiteText(firstOf(run.body, "rPr")?.body ?? "") && stringItemText(run.body).trim()) return true;
  }
  return false;
}

/** Whether some run of rich text with words in it is struck through (a part of the cell 見え消し). */
function hasStruckRun(xml: string): boolean {
  if (!xml.includes("<strike")) return false;
  for (const run of elements(xml, "r")) {
    const props = firstOf(run.body, "rPr")?.body ?? "";
    if (struckThrough(props) && stringItemText(run.body).trim()) return true;
  }
  return false;
}

const ATTR = new Map<string, RegExp>();

function attr(tag: string, name: string): string | undefined {
  let re = ATTR.get(name);
  // in double or single quotes, spaces around = allowed: all valid XML (a writer's r='A5' t = 's'
  // had been no cell at all, the sheet read as having no header row)
  if (!re) ATTR.set(name, re = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`));
  const m = re.exec(tag);
  return m ? unescapeXml(m[1] ?? m[2] ?? "") : undefined;
}

/** A tag's relationship id (`r:id`, or the same attribute under another prefix). */
const relId = (tag: string): string | undefined => attr(tag, "r:id") ?? attr(tag, "[a-zA-Z0-9]+:id");

function resolveTarget(target: string): string {
  const t = target.replace(/^\//, "");
  return t.startsWith("xl/") ? t : `xl/${t}`;
}

/** What a cell's style index gives: its number format, its fill, and whether its font is struck through. */
interface StyleTables { formats: readonly (string | undefined)[]; builtins: readonly (number | undefined)[]; fills: readonly (string | undefined)[]; struck: readonly boolean[]; white: readonly boolean[]; across: readonly boolean[] }

/**
 * Style index (`<cellXfs>`) → its number format code, for the styles whose format is not
 * General, and its fill colour (fillKeys).
 */
function styleTables(styles: string | undefined): StyleTables {
  if (!styles) return { formats: [], builtins: [], fills: [], struck: [], white: [], across: [] };
  const custom = new Map<number, string>();
  for (const tag of openingTags(styles, "numFmt")) {
    const id = Number(attr(tag, "numFmtId"));
    const code = attr(tag, "formatCode");
    if (code !== undefined) custom.set(id, code);
  }
  const fills = fillKeys(styles);
  const fonts = [...elements(firstOf(styles, "fonts")?.body ?? "", "font")];
  const struckFonts = fonts.map((f) => struckThrough(f.body));
  const whiteFonts = fonts.map((f) => whiteText(f.body));
  const cellXfs = firstOf(styles, "cellXfs")?.body ?? "";
  const xfs = [...openingTags(cellXfs, "xf")];
  return {
    formats: xfs.map((xf) => {
      const id = Number(attr(xf, "numFmtId") ?? 0);
      return custom.get(id) ?? (id ? builtinFormat(id) : undefined);
    }),
    builtins: xfs.map((xf) => {
      const id = Number(attr(xf, "numFmtId") ?? 0);
      return id && !custom.has(id) ? id : undefined;
    }),
    fills: xfs.map((xf) => fills[Number(attr(xf, "fillId") ?? 0)]),
    struck: xfs.map((xf) => struckFonts[Number(attr(xf, "fontId") ?? 0)] ?? false),
    white: xfs.map((xf) => whiteFonts[Number(attr(xf, "fontId") ?? 0)] ?? false),
    // 選択範囲内で中央 (centerContinuous): the xf's own <alignment> child (found by the linear walk:
    // a lazy expression had rescanned to the end from each <xf> never closed, 82 s for a 10 KB file)
    across: [...elements(cellXfs, "xf")].map((x) => /<alignment\b[^>]*horizontal="centerContinuous"/.test(x.body)),
  };
}

/**
 * Each `<fill>`'s colour as a key (`FF00B0F0`, `theme4/-0.25`, `indexed5`), for solid or
 * patterned fills; none, gray125 (Excel's second default) and white are undefined: such a cell
 * looks unfilled on paper.
 */
function fillKeys(styles: string): (string | undefined)[] {
  return [...elements(firstOf(styles, "fills")?.body ?? "", "fill")].map(({ body }) => {
    const pattern = firstTag(body, "patternFill");
    const type = pattern ? attr(pattern, "patternType") : undefined;
    if (!type || type === "none" || type === "gray125") return undefined;
    const fg = firstTag(body, "fgColor") ?? "";
    const rgb = attr(fg, "rgb")?.toUpperCase(), theme = attr(fg, "theme"), tint = attr(fg, "tint"), indexed = attr(fg, "indexed");
    const key = rgb ?? (theme !== undefined ? `theme${theme}${tint ? `/${tint}` : ""}` : indexed !== undefined ? `indexed${indexed}` : "auto");
    // white: the sheet's own background (rgb, theme 0 = Background 1, indexed 9)
    return /^(FF)?FFFFFF$/.test(key) || key === "theme0" || key === "indexed9" ? undefined : `${type === "solid" ? "" : `${type}:`}${key}`;
  });
}

const REFERENCE = /&(?:amp|lt|gt|quot|apos|#x([0-9a-fA-F]{1,8})|#(\d{1,8}));/y;

/**
 * The first `&` of a part that begins no reference XML defines — an entity never declared
 * (`&ext;`), a bare `&`, a character past Unicode (`&#x110000;`) — or undefined. Such a part is
 * not XML, and Excel refuses it; it had been read with `&ext;` as written and `&#x110000;` as �.
 * (CDATA sections and comments may hold a bare `&`: skipped. indexOf alone: linear in the part.)
 */
function undefinedReference(xml: string): string | undefined {
  let section = xml.indexOf("<!");
  let at = xml.indexOf("&");
  while (at >= 0) {
    if (section >= 0 && section < at) {
      // a CDATA section or a comment starts before this `&`: go on after its end
      const end = xml.startsWith("<![CDATA[", section) ? "]]>" : xml.startsWith("<!--", section) ? "-->" : ">";
      const closed = xml.indexOf(end, section + 2);
      if (closed < 0) return undefined; // never closed: the part is cut short, told as such
      section = xml.indexOf("<!", closed);
      if (closed > at) at = xml.indexOf("&", closed);
      continue;
    }
    REFERENCE.lastIndex = at;
    const m = REFERENCE.exec(xml);
    const cp = m?.[1] !== undefined ? parseInt(m[1], 16) : m?.[2] !== undefined ? Number(m[2]) : 0;
    if (!m || cp > 0x10ffff) return /^&[^\s<&;]{0,20};?/.exec(xml.slice(at, at + 24))![0];
    at = xml.indexOf("&", at + 1);
  }
  return undefined;
}

/** Parts a sheet reader needs, read from the bounded archive. ZipRefusal → WorkbookReadError. */
function withZip<T>(data: Uint8Array, f: (zip: ZipArchive) => T): T {
  try {
    const zip = openZip(data);
    const text = zip.text.bind(zip);
    return f({
      ...zip,
      // A document type declaration (entities: &x; naming a file, or doubling a billion times) is
      // no part of what Excel or LibreOffice write, and Excel refuses such a part: refused too, not
      // read with its entities printed as written.
      text: (name) => {
        const xml = text(name);
        if (xml !== undefined && xml.includes("<!DOCTYPE")) throw new WorkbookReadError(`${name} に文書型宣言（<!DOCTYPE>）があります。Excel の保存するファイルにはないもので、読みません`);
        const reference = xml === undefined ? undefined : undefinedReference(xml);
        if (reference !== undefined) throw new WorkbookReadError(`${name} に XML で定義されていない参照「${reference}」があります（XML として壊れています）`);
        return xml;
      },
    });
  } catch (e) {
    if (e instanceof ZipRefusal) throw new WorkbookReadError(zipReason(e, "ja"), e);
    throw e;
  }
}

export interface ReadOptions {
  /** Which sheets to read the cells of (the others are listed with no cells). */
  wanted?: (name: string, state: string) => boolean;
  /** The most cells read, all sheets read together (many sheets of cells just under a per-sheet
   * limit had taken 1.5 GB and over a minute). */
  maxCells?: number;
}

/** The main SpreadsheetML namespace, transitional or strict, bound to a prefix (`xmlns:x="…"`). */
const PREFIXED_MAIN = /xmlns:([A-Za-z_][\w.-]*)="(?:http:\/\/schemas\.openxmlformats\.org\/spreadsheetml\/2006\/main|http:\/\/purl\.oclc\.org\/ooxml\/spreadsheetml\/main)"/;

/**
 * A part with the main namespace's elements unprefixed: writers such as the .NET Open XML SDK bind
 * it to a prefix (`<x:row>`), and elements are found by their plain names. (A workbook written so
 * read as no table at all: PP201.)
 */
function unprefixed(xml: string | undefined): string | undefined {
  const m = xml === undefined ? null : PREFIXED_MAIN.exec(xml);
  return m ? xml!.replaceAll(`<${m[1]}:`, "<").replaceAll(`</${m[1]}:`, "</") : xml;
}

/** A part whose root element `root` opens and is never closed at its end: a copy interrupted, a broken save.
 * (A chart sheet's root is another element: no worksheet to close.) */
function cutShort(xml: string, root: string): boolean {
  if (!xml.includes(`<${root}`)) return false;
  let end = xml.length;
  while (end > 0 && /\s/.test(xml[end - 1]!)) end--;
  return !xml.endsWith(`</${root}>`, end);
}

/** Excel's last row and column (XFD1048576). */
const MAX_ROW = 1_048_576;
export const MAX_COLUMN = 16_384;

/** More sheets than any plan's or form's workbook has. Each sheet is read and searched for a table:
 * 150,000 sheets naming one small part (a 0.7 MB file) had run for over five minutes. */
const MAX_SHEETS = 1000;

/** What a zip without a workbook part is, by its parts' names: a message had said only that
 * xl/workbook.xml was missing, for an .xlsb, an .ods or a zip of plan files renamed .xlsx. */
function notAWorkbook(names: readonly string[]): string {
  const has = (name: string) => names.includes(name);
  if (has("xl/workbook.bin")) return "Excel バイナリ ブック（.xlsb）です";
  if (has("mimetype") || has("content.xml")) return "OpenDocument 形式（LibreOffice の .ods など）です";
  if (has("word/document.xml")) return "Word 文書（.docx）です";
  if (has("ppt/presentation.xml")) return "PowerPoint（.pptx）です";
  const files = names.filter((n) => /\.(xlsx|xlsm|tsv|csv|txt)$/i.test(n));
  if (files.length) return `ファイルをまとめた zip です（中に ${files.slice(0, 3).join("、")}${files.length > 3 ? " など" : ""}）。中のファイルを取り出して指定してください`;
  return "xl/workbook.xml がありません";
}

/** Every worksheet of an .xlsx, in workbook order. Throws WorkbookReadError when it is not one. */
export function readWorkbookXml(data: Uint8Array, opts: ReadOptions = {}): XmlWorkbook {
  return withZip(data, (zip) => {
    const workbook = unprefixed(zip.text("xl/workbook.xml"));
    const rels = zip.text("xl/_rels/workbook.xml.rels");
    if (!workbook) throw new WorkbookReadError(notAWorkbook(zip.names));
    // (it had been told as xl/workbook.xml missing, which was there)
    if (!rels) throw new WorkbookReadError("xl/_rels/workbook.xml.rels（シートの場所の一覧）がありません");
    const targets = new Map<string, string>();
    let sharedPart = "xl/sharedStrings.xml", stylesPart = "xl/styles.xml";
    for (const tag of openingTags(rels, "Relationship")) {
      const id = attr(tag, "Id");
      const target = attr(tag, "Target");
      const type = attr(tag, "Type") ?? "";
      if (!id || !target) continue;
      targets.set(id, resolveTarget(target));
      if (type.endsWith("/sharedStrings")) sharedPart = resolveTarget(target);
      if (type.endsWith("/styles")) stylesPart = resolveTarget(target);
    }
    const shared: string[] = [];
    const struckShared = new Set<number>();
    const raisedShared = new Map<number, string>();
    const whiteShared = new Set<number>();
    const sst = unprefixed(zip.text(sharedPart));
    const stylesXml = unprefixed(zip.text(stylesPart));
    // The strings and the styles cut short, as a sheet may be: the strings past the cut had been
    // PP118 at every cell using one, the styles past it read as General without a word (a year
    // heading 8 formatted "令和"0"年度" read as 8: no year columns, PP208).
    for (const [part, xml, root] of [[sharedPart, sst, "sst"], [stylesPart, stylesXml, "styleSheet"]] as const) {
      if (xml !== undefined && cutShort(xml, root)) throw new WorkbookReadError(`${part} の XML が途中で終わっています（ファイルが壊れています）`);
    }
    if (sst) for (let si = findElement(sst, "si"); si; si = findElement(sst, "si", si.end)) {
      if (hasStruckRun(si.body)) struckShared.add(shared.length);
      const raised = raisedRuns(si.body);
      if (raised) raisedShared.set(shared.length, raised);
      if (hasWhiteRun(si.body)) whiteShared.add(shared.length);
      shared.push(stringItemText(si.body));
    }
    const styles = styleTables(stylesXml);
    const date1904 = isTrue(attr(firstTag(workbook, "workbookPr") ?? "", "date1904"));
    const core = zip.text("docProps/core.xml");
    const title = core ? firstOf(core, "dc:title")?.body : undefined;
    const sheets: XmlSheet[] = [];
    const counts: CellCounts = { valued: 0, fillOnly: 0 };
    const sheetTags = [...openingTags(workbook, "sheet")];
    // (a workbook without sheets had been told as a sheet without a header row, PP201)
    if (!sheetTags.length) throw new WorkbookReadError("ブックにシートがありません");
    if (sheetTags.length > MAX_SHEETS) throw new WorkbookReadError(`シートが ${sheetTags.length} 枚あり、上限（${MAX_SHEETS} 枚）を超えています`);
    // Two sheets of one name (Excel tells names apart without case, and refuses such a file):
    // which one `--sheet` or a message means cannot be told; it had been PP263, 「シート「計画」にも
    // シート「計画」と同じ No の事業」, a rival copy of the plan.
    const seenNames = new Set<string>();
    for (const tag of sheetTags) {
      const name = attr(tag, "name") ?? "";
      if (seenNames.has(name.toLowerCase())) throw new WorkbookReadError(`シート名「${name}」が 2 つあります`);
      seenNames.add(name.toLowerCase());
    }
    for (const tag of sheetTags) {
      const name = attr(tag, "name") ?? "";
      const state = attr(tag, "state") ?? "visible";
      if (opts.wanted && !opts.wanted(name, state)) { sheets.push({ name, state, cells: [], merges: [] }); continue; }
      const rid = relId(tag);
      const xml = rid ? unprefixed(zip.text(targets.get(rid) ?? "")) : undefined;
      if (xml === undefined) throw new WorkbookReadError(`シート「${name}」の XML がありません`);
      // a part cut short (a copy interrupted, a broken save): said as such, not as a sheet without a header row
      if (cutShort(xml, "worksheet")) throw new WorkbookReadError(`シート「${name}」の XML が途中で終わっています（ファイルが壊れています）`);
      const sheet: XmlSheet = { name, state, ...sheetCells(xml, { shared, struckShared, raisedShared, whiteShared }, styles, opts.maxCells ?? Infinity, counts) };
      if (sheet.broken) throw new WorkbookReadError(`シート「${name}」の${sheet.broken}（ファイルが壊れています）`);
      const shapes = sheetShapes(zip, targets.get(rid!)!, xml);
      if (shapes.length) sheet.shapes = shapes;
      const notes = sheetNotes(zip, targets.get(rid!)!);
      if (notes.length) sheet.notes = notes;
      const links = sheetLinks(zip, targets.get(rid!)!, xml);
      if (links.length) sheet.links = links;
      sheets.push(sheet);
      if (sheet.overLimit) break;
    }
    const out: XmlWorkbook = { sheets, date1904 };
    if (title) out.title = unescapeXml(title);
    return out;
  });
}

/** Cells read so far in the workbook: with values (toward the limit), and kept only for their fill (capped apart). */
interface CellCounts { valued: number; fillOnly: number }

function sheetCells(xml: string, { shared, struckShared, raisedShared, whiteShared }: { shared: readonly string[]; struckShared: ReadonlySet<number>; raisedShared: ReadonlyMap<number, string>; whiteShared: ReadonlySet<number> },
  { formats, builtins, fills, struck, white, across }: StyleTables,
  maxCells: number, counts: CellCounts): Omit<XmlSheet, "name" | "state"> {
  const cells: XmlCell[] = [];
  // A value centred across the empty cells right of it (選択範囲内で中央) spans them as a merge does:
  // such a schedule label had been read in its first year alone. Read as a merged range.
  const acrossRanges: string[] = [];
  let run: { row: number; from: number; to: number } | null = null;
  const closeRun = () => {
    if (run && run.to > run.from) acrossRanges.push(`${columnLetters(run.from)}${run.row}:${columnLetters(run.to)}${run.row}`);
    run = null;
  };
  /** A cell met in order: a value of that alignment opens a run, a blank one of it right after extends it. */
  const acrossCell = (at: { row: number; col: number }, style: number, valued: boolean) => {
    if (!across[style]) { closeRun(); return; }
    if (!valued && run && run.row === at.row && run.to === at.col - 1) run.to = at.col;
    else { closeRun(); if (valued) run = { row: at.row, from: at.col, to: at.col }; }
  };
  let overLimit = false;
  let broken: string | undefined;
  // A cell written twice (a row repeated, a cell's `r` repeated: Excel repairs such a file) kept
  // the later value without a word. Excel writes cells in order, so a cell after the last kept
  // one cannot repeat one: the addresses are only looked up once the order breaks.
  const key = (c: { row: number; col: number }) => c.row * (MAX_COLUMN + 1) + c.col;
  let lastKey = 0;
  let kept: Set<number> | undefined;
  const data = firstOf(xml, "sheetData")?.body ?? "";
  const hiddenRows = new Set<number>();
  let rowNo = 0;
  // findElement walks, not the elements generator: this loop runs once per cell of the sheet
  rows: for (let row = findElement(data, "row"); row; row = findElement(data, "row", row.end)) {
    const r = Number(attr(row.attrs, "r"));
    const numbered = Number.isInteger(r) && r > 0;
    rowNo = numbered ? r : rowNo + 1;
    if (isTrue(attr(row.attrs, "hidden"))) hiddenRows.add(rowNo);
    let colNo = 0;
    for (let c = findElement(row.body, "c"); c; c = findElement(row.body, "c", c.end)) {
      const head = c.attrs;
      const body = c.body;
      const ref = attr(head, "r");
      const at = ref ? parseAddress(ref) : { row: rowNo, col: colNo + 1 };
      if (!at) continue;
      // past XFD1048576 (or row 0): no cell of a sheet, which Excel refuses; a row past 2^53 had
      // never ended the rows between (memory ran out), a cell at row 10^14 had been read as a project
      if (at.row < 1 || at.row > MAX_ROW || at.col > MAX_COLUMN) { broken = `セル番地 ${addressOf(ref, at)} は Excel のシートの範囲（A1～XFD1048576）の外にあります`; break rows; }
      // a cell whose address names another row than its row's: which one is meant cannot be told
      // (it had been put at its own address, and read as a stray row: a puzzling PP379)
      if (numbered && at.row !== rowNo) { broken = `セル ${addressOf(ref, at)} が ${rowNo} 行目の中に書かれていて、どちらの行か決められません`; break rows; }
      colNo = at.col;
      // most cells hold a <v> only: the other searches are skipped when their tag is absent
      const f = body.includes("<f") ? firstOf(body, "f") : undefined;
      const v = valueOf(body);
      const type = attr(head, "t") ?? "n";
      const s = attr(head, "s");
      const style = s === undefined ? 0 : /^\s*\d+\s*$/.test(s) ? Number(s) : NaN;
      // a style the table lacks (s="999"): its number format is unknown, and reading the value as
      // General had turned a year heading 8 formatted "令和"0"年度" into a bare 8 without a word
      if (!(style < formats.length) && style !== 0) { broken = `セル ${addressOf(ref, at)} の書式番号 ${s} が書式の一覧（styles.xml）にありません。表示形式（「令和"0"年度」など）が分からないため読めません`; break rows; }
      const fill = fills[style];
      // an empty cell counts only for its colour (a bar drawn by filling cells)
      const empty = !f && v === undefined && type !== "inlineStr";
      if (empty) acrossCell(at, style, false);
      if (empty && (fill === undefined || counts.fillOnly >= maxCells)) continue;
      const cell: XmlCell = { row: at.row, col: at.col, type };
      if (fill !== undefined) cell.fill = fill;
      if (f) cell.formula = unescapeXml(f.body);
      if (v !== undefined) cell.v = textOf(v);
      let struckText = struck[style] === true;
      let whiteWords = white[style] === true;
      if (type === "inlineStr") {
        const item = firstOf(body, "is")?.body ?? "";
        cell.text = stringItemText(item);
        struckText ||= hasStruckRun(item);
        const raised = raisedRuns(item);
        if (raised) cell.raised = raised;
        whiteWords ||= hasWhiteRun(item);
      } else if (type === "s" && v !== undefined) {
        // an index is a whole number: Number("") is 0, and an empty <v> had read the first string
        const index = /^\s*\d+\s*$/.test(v) ? Number(v) : -1;
        const s = shared[index];
        if (s === undefined) cell.missingShared = v;
        else cell.text = s;
        struckText ||= struckShared.has(index);
        const raised = raisedShared.get(index);
        if (raised) cell.raised = raised;
        whiteWords ||= whiteShared.has(index);
      }
      if (!empty) acrossCell(at, style, (cell.text ?? cell.v ?? "") !== "");
      if (struckText && !empty) cell.struck = true;
      if (whiteWords && !empty && fill === undefined) cell.unseen = true;
      const format = formats[style];
      if (format !== undefined && format !== "General") cell.format = format;
      if (builtins[style] !== undefined) cell.builtinFormat = builtins[style];
      if (empty) counts.fillOnly++;
      else if (counts.valued++ >= maxCells) { overLimit = true; break rows; }
      const k = key(at);
      if (k <= lastKey) {
        kept ??= new Set(cells.map(key));
        if (kept.has(k)) { broken = `セル ${addressOf(ref, at)} が 2 回書かれていて、どちらの値か決められません`; break rows; }
      }
      kept?.add(k);
      lastKey = Math.max(lastKey, k);
      cells.push(cell);
    }
  }
  closeRun();
  const merges: string[] = [];
  for (const tag of openingTags(xml, "mergeCell")) {
    const ref = attr(tag, "ref");
    if (ref) merges.push(ref);
  }
  merges.push(...acrossRanges);
  const hiddenCols: [number, number][] = [];
  const cols = firstOf(xml, "cols")?.body ?? "";
  for (const tag of openingTags(cols, "col")) {
    const min = Number(attr(tag, "min")), max = Number(attr(tag, "max"));
    if (isTrue(attr(tag, "hidden")) && Number.isInteger(min) && Number.isInteger(max) && min >= 1) hiddenCols.push([min, Math.max(min, max)]);
  }
  const out: Omit<XmlSheet, "name" | "state"> = { cells, merges };
  if (overLimit) out.overLimit = true;
  if (broken !== undefined) out.broken = broken;
  if (hiddenRows.size) out.hiddenRows = hiddenRows;
  if (hiddenCols.length) out.hiddenCols = hiddenCols;
  return out;
}

const isTrue = (v: string | undefined) => v === "1" || v === "true";

/** A cell's address as written, else as its place gives it (a cell without `r`). */
const addressOf = (ref: string | undefined, at: { row: number; col: number }): string => ref ?? `${columnLetters(at.col)}${at.row}`;

/** At most this many shapes are read from a sheet's drawing (a hostile file may hold millions). */
const MAX_SHAPES = 10_000;

/**
 * The shapes of a sheet's drawing part (`<drawing r:id>` → its rels → xl/drawings/…): each
 * anchored shape, connector or group (`sp`, `cxnSp`, `grpSp`) with the cells it spans. A 工程表
 * drawn in Excel often draws its bars as arrows over the year cells, which hold no text then.
 */
function sheetShapes(zip: ZipArchive, sheetPath: string, xml: string): NonNullable<XmlSheet["shapes"]> {
  const drawingId = firstTag(xml, "drawing");
  const rid = drawingId ? relId(drawingId) : undefined;
  if (!rid) return [];
  const drawing = sheetPart(zip, sheetPath, (rel) => attr(rel, "Id") === rid);
  if (!drawing) return [];
  const out: NonNullable<XmlSheet["shapes"]> = [];
  const at = (part: string | undefined) => {
    const col = firstOf(part ?? "", "(?:\\w+:)?col")?.body, row = firstOf(part ?? "", "(?:\\w+:)?row")?.body;
    return !col || !row || !/^\d+$/.test(col + row) ? null : { col: Number(col), row: Number(row) + 1 };
  };
  for (const { body } of elements(drawing, "(?:\\w+:)?(?:twoCellAnchor|oneCellAnchor)")) {
    if (!/<(?:\w+:)?(?:sp|cxnSp|grpSp)\b/.test(body)) continue;
    const from = at(firstOf(body, "(?:\\w+:)?from")?.body);
    if (!from) continue;
    const to = at(firstOf(body, "(?:\\w+:)?to")?.body) ?? from;
    out.push({ top: Math.min(from.row, to.row), left: Math.min(from.col, to.col), bottom: Math.max(from.row, to.row), right: Math.max(from.col, to.col) });
    if (out.length >= MAX_NOTES) break;
  }
  return out;
}

/**
 * A sheet's hyperlinks (`<hyperlink ref r:id>` → its relationship's URL, or `location` in the
 * workbook): the cell shows its own words (「こちら」), not where it leads.
 */
function sheetLinks(zip: ZipArchive, sheetPath: string, xml: string): NonNullable<XmlSheet["links"]> {
  if (!xml.includes("<hyperlink")) return [];
  const urls = new Map(sheetRels(zip, sheetPath).map((r) => [attr(r, "Id") ?? "", attr(r, "Target") ?? ""]));
  const out: NonNullable<XmlSheet["links"]> = [];
  for (const tag of openingTags(firstOf(xml, "hyperlinks")?.body ?? "", "hyperlink")) {
    const at = parseAddress((attr(tag, "ref") ?? "").split(":")[0]!);
    const rid = relId(tag);
    const target = (rid ? urls.get(rid) : undefined) ?? attr(tag, "location");
    if (at && target) out.push({ row: at.row, col: at.col, target });
    if (out.length >= MAX_NOTES) break;
  }
  return out;
}

/** A sheet part's relationships (`<Relationship>` tags, as written). */
function sheetRels(zip: ZipArchive, sheetPath: string): string[] {
  const dir = sheetPath.replace(/[^/]*$/, "");
  return [...openingTags(zip.text(`${dir}_rels/${sheetPath.slice(dir.length)}.rels`) ?? "", "Relationship")];
}

/** The text of the first part a sheet's relationships name that `wanted` picks (its path resolved against the sheet's folder). */
function sheetPart(zip: ZipArchive, sheetPath: string, wanted: (rel: string) => boolean): string | undefined {
  const dir = sheetPath.replace(/[^/]*$/, "");
  const rel = sheetRels(zip, sheetPath).find(wanted);
  const target = rel ? attr(rel, "Target") : undefined;
  if (!target) return undefined;
  return zip.text(target.startsWith("/") ? target.slice(1) : posix.normalize(posix.join(dir, target)));
}

/** At most this many notes are read from a sheet (a hostile file may hold millions). */
const MAX_NOTES = 10_000;

/** Excel's words before a threaded comment's text in the plain comment it writes beside it for older versions. */
const THREADED = /^\[Threaded comment\][^]*?\n\s*Comment:\s*/u;

/**
 * A sheet's notes (comments): the legacy comments part, which Excel, LibreOffice and exceljs
 * write (Excel writes a threaded comment there too, after words of its own, left out).
 */
function sheetNotes(zip: ZipArchive, sheetPath: string): NonNullable<XmlSheet["notes"]> {
  const part = sheetPart(zip, sheetPath, (rel) => (attr(rel, "Type") ?? "").endsWith("/comments"));
  if (!part) return [];
  const out: NonNullable<XmlSheet["notes"]> = [];
  for (const c of elements(unprefixed(part) ?? "", "comment")) {
    const at = parseAddress(attr(c.attrs, "ref") ?? "");
    const text = stringItemText(firstOf(c.body, "text")?.body ?? "").replace(THREADED, "").trim();
    if (at && text) out.push({ row: at.row, col: at.col, text });
    if (out.length >= MAX_SHAPES) break;
  }
  return out;
}
