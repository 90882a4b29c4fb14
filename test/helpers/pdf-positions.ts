// Text items of a PDF with their positions (pdfjs-dist): where a label sits against the year
// columns, and the size it is set at.
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";

export interface Item { str: string; x: number; y: number; width: number; size: number }

export interface PageItems { width: number; height: number; items: Item[]; /** The text in content-stream order, whitespace removed: a wrapped cell stays whole. */ stream: string }

export async function textItems(data: Uint8Array): Promise<PageItems[]> {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(data), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  const pages: PageItems[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const [, , width, height] = page.view as [number, number, number, number];
    const content = await page.getTextContent();
    const items: Item[] = [];
    for (const it of content.items) {
      if (!("str" in it) || !it.str.trim()) continue;
      const t = it.transform as number[];
      items.push({ str: it.str, x: t[4]!, y: t[5]!, width: it.width, size: Math.hypot(t[2]!, t[3]!) });
    }
    pages.push({ width, height, items: joinRuns(items), stream: items.map((i) => i.str).join("").replace(/\s+/g, "") });
  }
  await doc.destroy();
  return pages;
}

/** A page's text with every space and line break removed (names wrap inside cells). */
export function flatText(items: readonly Item[]): string {
  return items.map((i) => i.str).join("").replace(/\s+/g, "");
}

/**
 * pdfkit writes CJK text glyph by glyph: pieces on one baseline that touch are joined back into
 * the words they were (a bar's label, a year heading).
 */
function joinRuns(items: Item[]): Item[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const out: Item[] = [];
  for (const it of sorted) {
    const last = out.at(-1);
    if (last && Math.abs(last.y - it.y) < 0.5 && it.x - (last.x + last.width) < it.size * 0.3 && it.x >= last.x) {
      last.str += it.str;
      last.width = it.x + it.width - last.x;
    } else out.push({ ...it });
  }
  return out;
}

/** A word cut at a line's end: `head` ends one line, `tail` starts the next line of the same column. */
export interface Cut { page: number; word: string; head: string; tail: string }

/**
 * Where a word of `words` (department names, say) is cut across two lines: a line ends with the
 * word's beginning and the next line below, overlapping it horizontally (same cell, left-aligned
 * or centred), starts with the rest.
 */
export function cutWords(pages: readonly PageItems[], words: readonly string[]): Cut[] {
  const cuts: Cut[] = [];
  pages.forEach((page, p) => {
    for (const a of page.items) {
      const line = a.str.trimEnd();
      for (const word of words) {
        for (let k = 1; k < word.length; k++) {
          const head = word.slice(0, k);
          const tail = word.slice(k);
          if (!line.endsWith(head)) continue;
          const below = page.items.find((b) => b.y < a.y && a.y - b.y < 2.2 * a.size && Math.abs(b.size - a.size) < 0.5
            && b.x < a.x + a.width && b.x + b.width > a.x && b.str.trimStart().startsWith(tail));
          if (below) cuts.push({ page: p + 1, word, head, tail });
        }
      }
    }
  });
  return cuts;
}
