// What a reader gets from a PDF, glyph by glyph: each glyph's text and where it is drawn (page
// coordinates, from pdfjs-dist's operator list: the graphics and text matrices, font size, TJ
// adjustments), and every filled or stroked rectangle. Two PDFs that draw the same glyphs at the
// same places read alike, however their content streams group them.
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";

export interface Glyph { ch: string; x: number; y: number }
export interface PageDrawing { glyphs: Glyph[]; rects: [number, number, number, number][] }

type M = [number, number, number, number, number, number];
const I: M = [1, 0, 0, 1, 0, 0];
/** m × n (PDF's row-vector convention: apply m first, then n). */
const mul = (m: M, n: M): M => [
  m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5],
];
const apply = (m: M, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

export async function pdfDrawing(data: Uint8Array): Promise<PageDrawing[]> {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(data), verbosity: 0, disableFontFace: true, useSystemFonts: false }).promise;
  const pages: PageDrawing[] = [];
  const O = pdfjs.OPS;
  for (let p = 1; p <= doc.numPages; p++) {
    const list = await (await doc.getPage(p)).getOperatorList();
    const out: PageDrawing = { glyphs: [], rects: [] };
    let ctm: M = I;
    const stack: M[] = [];
    let tm: M = I;
    let tlm: M = I;
    let size = 0;
    let charSpacing = 0;
    let wordSpacing = 0;
    let scale = 1;
    let rise = 0;
    list.fnArray.forEach((fn, i) => {
      const a = list.argsArray[i] as unknown[];
      switch (fn) {
        case O.save: stack.push(ctm); break;
        case O.restore: ctm = stack.pop() ?? I; break;
        case O.transform: ctm = mul(a as M, ctm); break;
        case O.beginText: tm = tlm = I; break;
        case O.setTextMatrix: tm = tlm = a as M; break;
        case O.moveText: tlm = mul([1, 0, 0, 1, a[0] as number, a[1] as number], tlm); tm = tlm; break;
        case O.setFont: size = a[1] as number; break;
        case O.setCharSpacing: charSpacing = a[0] as number; break;
        case O.setWordSpacing: wordSpacing = a[0] as number; break;
        case O.setHScale: scale = (a[0] as number) / 100; break;
        case O.setTextRise: rise = a[0] as number; break;
        case O.showText: {
          for (const g of a[0] as (number | { unicode: string; width: number; isSpace?: boolean })[]) {
            if (typeof g === "number") {
              tm = mul([1, 0, 0, 1, (-g / 1000) * size * scale, 0], tm);
              continue;
            }
            const [x, y] = apply(mul(tm, ctm), 0, rise);
            out.glyphs.push({ ch: g.unicode, x, y });
            const advance = ((g.width / 1000) * size + charSpacing + (g.isSpace ? wordSpacing : 0)) * scale;
            tm = mul([1, 0, 0, 1, advance, 0], tm);
          }
          break;
        }
        case O.constructPath: {
          const [ops, coords] = a as [number[], number[]];
          let k = 0;
          for (const op of ops) {
            if (op === O.rectangle) {
              const [x, y, w, h] = coords.slice(k, k + 4) as [number, number, number, number];
              const [x1, y1] = apply(ctm, x, y);
              const [x2, y2] = apply(ctm, x + w, y + h);
              out.rects.push([Math.min(x1, x2), Math.min(y1, y2), Math.abs(x2 - x1), Math.abs(y2 - y1)]);
              k += 4;
            } else if (op === O.moveTo || op === O.lineTo) k += 2;
            else if (op === O.curveTo) k += 6;
            else if (op === O.curveTo2 || op === O.curveTo3) k += 4;
          }
          break;
        }
        default:
      }
    });
    pages.push(out);
  }
  return pages;
}
