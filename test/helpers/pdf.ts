// Reading a PDF back with pdfjs-dist: page sizes, text per page (lines rebuilt from positions),
// fonts, outline, metadata.
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";

export interface PdfReadBack {
  pages: { width: number; height: number; lines: string[] }[];
  text: string;
  outline: string[];
  info: Record<string, unknown>;
  fonts: string[];
}

interface Outline { title: string; items: Outline[] }

export async function readPdf(data: Uint8Array): Promise<PdfReadBack> {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(data), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  const pages: PdfReadBack["pages"] = [];
  const fonts = new Set<string>();
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const [, , w, h] = page.view as [number, number, number, number];
    const content = await page.getTextContent();
    const rows = new Map<number, { x: number; s: string }[]>();
    for (const item of content.items) {
      if (!("str" in item) || !item.str) continue;
      const y = Math.round(item.transform[5] as number);
      const x = item.transform[4] as number;
      rows.set(y, [...(rows.get(y) ?? []), { x, s: item.str }]);
      fonts.add(content.styles[item.fontName]?.fontFamily ?? item.fontName);
    }
    const lines = [...rows.entries()].sort((a, b) => b[0] - a[0]).map(([, parts]) => parts.sort((a, b) => a.x - b.x).map((p) => p.s).join(""));
    pages.push({ width: w, height: h, lines });
  }
  const outline: string[] = [];
  const walk = (items: Outline[] | null) => { for (const it of items ?? []) { outline.push(it.title); walk(it.items); } };
  walk((await doc.getOutline()) as Outline[] | null);
  const meta = await doc.getMetadata();
  await doc.destroy();
  return { pages, text: pages.map((p) => p.lines.join("\n")).join("\n\f"), outline, info: meta.info as Record<string, unknown>, fonts: [...fonts] };
}

/** The raw font names in the file (BaseFont entries): catches a stray Roboto/Helvetica object. */
export function baseFonts(data: Uint8Array): string[] {
  const text = Buffer.from(data).toString("latin1");
  return [...new Set([...text.matchAll(/\/BaseFont\s*\/([A-Za-z0-9+_-]+)/g)].map((m) => m[1]!))];
}
