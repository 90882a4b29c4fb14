// The accessibility checks on a read-back PDF (read.ts): each returns findings a person can act on,
// in Japanese and English, with the page and the element. They check what issue 17 asks of every
// planpress PDF and what PDF/UA-1 readers rely on; they are not a full PDF/UA validator
// (README: PAC or veraPDF do that).
import { readFileSync } from "node:fs";
import { formatPageNumber } from "../../src/render/pdf/document.js";
import { allElements, descendants, isElement, readTaggedPdf, type StructElement, type TaggedPdf, type TextRun } from "./read.js";

export interface Finding {
  /** A permanent name for the kind of finding (tests and scripts match on it). */
  code: string;
  /** Page number from 1, when the finding has a place. */
  page?: number;
  /** The element: its role and the start of its text. */
  element?: string;
  ja: string;
  en: string;
}

const short = (text: string, max = 24): string => {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length > max ? `${t.slice(0, max)}…` : t;
};
const label = (el: StructElement): string => `${el.role}「${short(el.text)}」`;
const firstPage = (el: StructElement): { page?: number } => (el.pages[0] === undefined ? {} : { page: el.pages[0] + 1 });

function catalogFindings(pdf: TaggedPdf): Finding[] {
  const out: Finding[] = [];
  if (!pdf.marked) out.push({ code: "not-marked", ja: "カタログに /MarkInfo << /Marked true >> がない（タグ付きPDFでない）", en: "the catalog lacks /MarkInfo << /Marked true >> (not a tagged PDF)" });
  if (!pdf.lang?.toLowerCase().startsWith("ja")) out.push({ code: "lang", ja: `文書の言語 /Lang が日本語でない（${pdf.lang ?? "なし"}）`, en: `the document language /Lang is not Japanese (${pdf.lang ?? "none"})` });
  if (!pdf.displayDocTitle) out.push({ code: "display-title", ja: "ウィンドウにファイル名でなく文書の題名を表示する設定（DisplayDocTitle）がない", en: "ViewerPreferences lack DisplayDocTitle (the window shows the file name, not the title)" });
  if (!/pdfuaid:part\s*(?:=\s*["']\s*1\s*["']|>\s*1\s*<)/.test(pdf.xmp ?? "")) out.push({ code: "pdfua-id", ja: "XMP メタデータに PDF/UA-1 の識別（pdfuaid:part = 1）がない", en: "the XMP metadata lacks the PDF/UA-1 identification (pdfuaid:part = 1)" });
  if (!/<dc:title>[\s\S]*?<rdf:li[^>]*>\s*[^<\s][^<]*<\/rdf:li>/.test(pdf.xmp ?? "")) out.push({ code: "xmp-title", ja: "XMP メタデータに題名（dc:title）がない", en: "the XMP metadata lacks a title (dc:title)" });
  return out;
}

function headingFindings(elements: StructElement[]): Finding[] {
  const out: Finding[] = [];
  let previous = 0;
  for (const el of elements) {
    const level = /^H([1-6])$/.exec(el.role)?.[1];
    if (!level) continue;
    const n = Number(level);
    if (previous === 0 && n !== 1) {
      out.push({ code: "heading-start", ...firstPage(el), element: label(el), ja: `最初の見出しが H1 でなく H${n}`, en: `the first heading is H${n}, not H1` });
    } else if (n > previous + 1) {
      out.push({ code: "heading-skip", ...firstPage(el), element: label(el), ja: `見出しの階層が飛んでいる（H${previous} の次が H${n}）`, en: `a heading level is skipped (H${previous} followed by H${n})` });
    }
    previous = n;
  }
  return out;
}

const kidsOf = (el: StructElement, roles: string[]): StructElement[] => el.kids.filter(isElement).filter((k) => roles.includes(k.role));
const span = (cell: StructElement, key: "ColSpan" | "RowSpan"): number => {
  const value = cell.attributes[key];
  return typeof value === "number" && value >= 1 ? Math.floor(value) : 1;
};

/** The rows of a table (also inside THead/TBody/TFoot), each with its width in cells: ColSpan counted, RowSpan carried into the rows below. */
function rowWidths(table: StructElement): { row: StructElement; width: number; header: boolean }[] {
  const rows = table.kids.filter(isElement).flatMap((k) => (k.role === "TR" ? [k] : ["THead", "TBody", "TFoot"].includes(k.role) ? kidsOf(k, ["TR"]) : []));
  let carried: { columns: number; rows: number }[] = [];
  return rows.map((row) => {
    const cells = kidsOf(row, ["TH", "TD"]);
    const width = cells.reduce((sum, c) => sum + span(c, "ColSpan"), 0) + carried.reduce((sum, c) => sum + c.columns, 0);
    carried = [...carried.map((c) => ({ ...c, rows: c.rows - 1 })), ...cells.map((c) => ({ columns: span(c, "ColSpan"), rows: span(c, "RowSpan") - 1 }))].filter((c) => c.rows > 0);
    return { row, width, header: cells.some((c) => c.role === "TH") };
  });
}

interface TaggedRun { page: number; mcid: number; run: TextRun; element: StructElement }

/** The marked text of an element's own MCIDs (not its child elements'). */
const ownRuns = (pdf: TaggedPdf, element: StructElement): TaggedRun[] => element.kids.flatMap((k) => {
  const run = !isElement(k) && "mcid" in k ? pdf.pages[k.page]?.marked.get(k.mcid) : undefined;
  return run && !isElement(k) && "mcid" in k ? [{ page: k.page, mcid: k.mcid, run, element }] : [];
});

/**
 * The pages after the first on which a table's column headers are tagged again: a header row
 * repeated on each page is page furniture there (an Artifact); tagged, a screen reader reads
 * "NoNoNo" for one header cell, or the header row once per page.
 */
function repeatedHeaderPages(pdf: TaggedPdf, table: StructElement): number[] {
  const pagesOf = new Map<string, Set<number>>();
  for (const th of descendants([table]).filter((el) => el.role === "TH" && el.attributes.Scope !== "Row")) {
    for (const { page, run } of descendants([th]).flatMap((el) => ownRuns(pdf, el))) {
      const text = run.text.trim();
      if (text) pagesOf.set(text, (pagesOf.get(text) ?? new Set()).add(page));
    }
  }
  const repeated = [...pagesOf.values()].filter((pages) => pages.size > 1).flatMap((pages) => [...pages].sort((a, b) => a - b).slice(1));
  return [...new Set(repeated)].sort((a, b) => a - b);
}

function tableFindings(pdf: TaggedPdf, elements: StructElement[]): Finding[] {
  const out: Finding[] = [];
  elements.filter((el) => el.role === "Table").forEach((table, i) => {
    const name = `Table ${i + 1}`;
    const rows = rowWidths(table);
    const head = rows.find((r) => r.header) ?? rows[0];
    if (!head) {
      out.push({ code: "table-rows", ...firstPage(table), element: `${name} ${label(table)}`, ja: "表に行（TR）がない", en: "the table has no rows (TR)" });
      return;
    }
    rows.forEach((r, n) => {
      if (r.width !== head.width) {
        out.push({ code: "table-row-cells", ...firstPage(r.row), element: `${name} 行 ${n + 1} ${label(r.row)}`, ja: `行のセルが ${r.width} 個、見出し行は ${head.width} 個`, en: `row ${n + 1} has ${r.width} cells, the header row ${head.width}` });
      }
    });
    const repeats = repeatedHeaderPages(pdf, table);
    const th = descendants([table]).find((el) => el.role === "TH");
    if (repeats[0] !== undefined && th) {
      out.push({ code: "repeated-header", page: repeats[0] + 1, element: `${name} ${label(th)}`, ja: `表の見出し行が ${repeats.length + 1} ページで繰り返し構造ツリーに入っている（2 ページ目以降はアーティファクトにすべき）`, en: `the table's header row is tagged again on ${repeats.length + 1} pages (the repeats should be artifacts)` });
    }
    const unscoped = descendants([table]).filter((el) => el.role === "TH" && typeof el.attributes.Scope !== "string");
    if (unscoped[0]) {
      out.push({ code: "th-scope", ...firstPage(unscoped[0]), element: `${name} ${label(unscoped[0])}`, ja: `見出しセル（TH）${unscoped.length} 個に Scope（Row/Column）がない`, en: `${unscoped.length} header cells (TH) lack a Scope (Row/Column)` });
    }
  });
  return out;
}

/**
 * Page numbers as the theme writes them (`pageNumber` of templates/theme.json, where this script
 * runs) and the two usual forms "- 3 -" and "3 / 12", any number. A bare "3" is not one: it is
 * also a table's No.
 */
function pageNumberForms(): string[] {
  const forms = ["- {{page}} -", "{{page}} / {{pages}}"];
  try {
    const theme = JSON.parse(readFileSync("templates/theme.json", "utf8")) as { pageNumber?: unknown };
    if (typeof theme.pageNumber === "string") forms.push(theme.pageNumber);
  } catch { /* no theme here: the usual forms */ }
  return forms;
}
const PAGE_NUMBER = new RegExp(`^(?:${pageNumberForms()
  .map((form) => formatPageNumber(form, 90001, 90002).replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&").replace(/ /g, "\\s*").replace(/9000[12]/g, "\\d+"))
  .join("|")})$`);

/** Every MCID the tree reaches, by page, with the element that reaches it. */
function taggedRuns(pdf: TaggedPdf): Map<number, TaggedRun[]> {
  const byPage = new Map<number, TaggedRun[]>();
  for (const tagged of allElements(pdf).flatMap((el) => ownRuns(pdf, el))) {
    const list = byPage.get(tagged.page) ?? [];
    list.push(tagged);
    byPage.set(tagged.page, list);
  }
  return byPage;
}

/** Text and drawings a screen reader gets without structure, or gets though they are page furniture. */
function textFindings(pdf: TaggedPdf): Finding[] {
  const out: Finding[] = [];
  const tagged = taggedRuns(pdf);
  const reachedOn = new Map<number, Set<number>>();
  for (const el of allElements(pdf)) {
    for (const k of el.kids) if (!isElement(k) && "mcid" in k) reachedOn.set(k.page, (reachedOn.get(k.page) ?? new Set()).add(k.mcid));
  }
  pdf.pages.forEach((page, index) => {
    const reached = reachedOn.get(index) ?? new Set();
    const loose = [...page.untagged, ...[...page.marked].filter(([mcid, run]) => !reached.has(mcid) && run.text.trim()).map(([, run]) => run)];
    if (loose[0]) {
      out.push({ code: "untagged-text", page: index + 1, ja: `構造ツリーにもアーティファクトにも入っていない文字列が ${loose.length} 箇所（例「${short(loose[0].text)}」）`, en: `${loose.length} pieces of text are neither in the structure tree nor artifacts (e.g. "${short(loose[0].text)}")` });
    }
    const drawings = page.untaggedDrawings + [...page.drawingMcids].filter((mcid) => !reached.has(mcid)).length;
    if (drawings) {
      out.push({ code: "untagged-drawing", page: index + 1, ja: `構造ツリーにもアーティファクトにも入っていない図形（線・塗り・画像）が ${drawings} 個（罫線や背景ならアーティファクトに）`, en: `${drawings} drawings (lines, fills, images) are neither in the structure tree nor artifacts (rules and backgrounds should be artifacts)` });
    }
  });
  for (const [index, runs] of tagged) {
    for (const { run, element } of runs) {
      if (PAGE_NUMBER.test(run.text.trim())) out.push({ code: "page-number-in-tree", page: index + 1, element: label(element), ja: `ページ番号「${run.text.trim()}」が構造ツリーの中にある（アーティファクトにすべき）`, en: `the page number "${run.text.trim()}" is inside the structure tree (it should be an artifact)` });
    }
  }
  return [...out, ...runningHeadFindings(pdf, tagged)];
}

/**
 * A running head or foot inside the tree: the same text at the same place on three or more pages,
 * each time the topmost or the bottommost tagged text of its page. (A heuristic: a file's own
 * page furniture has no mark of its own once it is tagged.)
 */
function runningHeadFindings(pdf: TaggedPdf, tagged: ReturnType<typeof taggedRuns>): Finding[] {
  const headerCells = new Set(descendants(allElements(pdf).filter((el) => el.role === "TH")));
  const places = new Map<string, { pages: number[]; run: TextRun; element: StructElement }>();
  for (const [index, runs] of tagged) {
    const texts = runs.filter((t) => t.run.text.trim() && !headerCells.has(t.element));
    const top = Math.min(...texts.map((t) => t.run.y));
    const bottom = Math.max(...texts.map((t) => t.run.y));
    for (const { run, element } of texts) {
      if (Math.abs(run.y - top) > 1 && Math.abs(run.y - bottom) > 1) continue;
      const key = `${run.text.trim()}@${Math.round(run.x)},${Math.round(run.y)}`;
      const place = places.get(key) ?? { pages: [], run, element };
      place.pages.push(index + 1);
      places.set(key, place);
    }
  }
  return [...places.values()].filter((p) => p.pages.length >= 3 && p.pages.length * 2 >= pdf.pages.length).map((p) => ({
    code: "running-head-in-tree",
    page: p.pages[0]!,
    element: label(p.element),
    ja: `「${short(p.run.text)}」が ${p.pages.length} ページの同じ位置（ページの端）で構造ツリーに入っている（柱・フッターはアーティファクトにすべき）`,
    en: `"${short(p.run.text)}" is in the structure tree at the same place on ${p.pages.length} pages, at the page's edge (running heads and feet should be artifacts)`,
  }));
}

function figureAndLinkFindings(pdf: TaggedPdf, elements: StructElement[]): Finding[] {
  const out: Finding[] = [];
  for (const el of elements.filter((e) => e.role === "Figure" && !(e.alt?.trim() || e.actualText?.trim()))) {
    out.push({ code: "figure-alt", ...firstPage(el), element: label(el), ja: "図（Figure）に代替テキスト（Alt）がない", en: "a Figure has no alternative text (Alt)" });
  }
  const linkedBy = new Map<string, string>();
  for (const el of elements) for (const kid of el.kids) if (!isElement(kid) && "annotation" in kid) linkedBy.set(kid.annotation, el.role);
  const loose = pdf.links.filter((link) => linkedBy.get(link.key) !== "Link");
  for (const page of new Set(loose.map((l) => l.page))) {
    const count = loose.filter((l) => l.page === page).length;
    out.push({ code: "link-untagged", page: page + 1, ja: `リンク注釈 ${count} 個が構造ツリーの Link 要素に入っていない`, en: `${count} link annotations are not inside a Link element of the structure tree` });
  }
  for (const page of new Set(pdf.parentTreeFaults.map((f) => f.page))) {
    const faults = pdf.parentTreeFaults.filter((f) => f.page === page);
    out.push({ code: "parent-tree", page: page + 1, ja: `親ツリー（ParentTree）が構造要素を指していない内容が ${faults.length} 個（${faults[0]!.what} など）`, en: `${faults.length} contents whose parent tree entry does not lead back to their element (${faults[0]!.what} …)` });
  }
  return out;
}

export function checkTaggedPdf(pdf: TaggedPdf): Finding[] {
  if (!pdf.tree) return [...catalogFindings(pdf), { code: "no-tree", ja: "構造ツリー（StructTreeRoot）がない", en: "there is no structure tree (StructTreeRoot)" }];
  const elements = allElements(pdf);
  return [...catalogFindings(pdf), ...headingFindings(elements), ...tableFindings(pdf, elements), ...textFindings(pdf), ...figureAndLinkFindings(pdf, elements)];
}

export async function checkPdf(data: Uint8Array): Promise<{ pdf: TaggedPdf; findings: Finding[] }> {
  const pdf = await readTaggedPdf(data);
  return { pdf, findings: checkTaggedPdf(pdf) };
}
