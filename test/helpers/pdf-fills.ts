// Rectangles a PDF fills in a given colour, in page space (pdfjs-dist's operator list, with the
// transformation matrix followed through save/restore): where the 新旧対照表 shades changed text.
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";

export interface Rect { x: number; y: number; width: number; height: number }

type Matrix = [number, number, number, number, number, number];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

/** Per page, the rectangles filled with `hex` (#RRGGBB, any case). */
export async function filledRects(data: Uint8Array, hex: string): Promise<Rect[][]> {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(data), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  const want = hex.toLowerCase();
  const out: Rect[][] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const ops = await (await doc.getPage(i)).getOperatorList();
    const rects: Rect[] = [];
    let ctm: Matrix = [1, 0, 0, 1, 0, 0];
    const stack: { ctm: Matrix; fill: string }[] = [];
    let fill = "";
    let pending: Rect[] = [];
    ops.fnArray.forEach((fn, k) => {
      const args = ops.argsArray[k] as unknown[];
      if (fn === pdfjs.OPS.save) stack.push({ ctm, fill });
      else if (fn === pdfjs.OPS.restore) ({ ctm, fill } = stack.pop() ?? { ctm, fill });
      else if (fn === pdfjs.OPS.transform) ctm = multiply(args as Matrix, ctm);
      else if (fn === pdfjs.OPS.setFillRGBColor) {
        // pdfjs gives the colour as three bytes (or, in some versions, a #rrggbb string).
        const c = args as unknown as ArrayLike<number> | [string];
        fill = typeof c[0] === "string" ? c[0].toLowerCase() : `#${[0, 1, 2].map((j) => Number((c as ArrayLike<number>)[j]).toString(16).padStart(2, "0")).join("")}`;
      }
      else if (fn === pdfjs.OPS.constructPath) {
        const [pathOps, coords] = args as [number[], number[]];
        let c = 0;
        pending = [];
        for (const op of pathOps) {
          if (op === pdfjs.OPS.rectangle) {
            const [x, y, w, h] = coords.slice(c, c + 4) as [number, number, number, number];
            const [x1, y1] = apply(ctm, x, y);
            const [x2, y2] = apply(ctm, x + w, y + h);
            pending.push({ x: Math.min(x1, x2), y: Math.min(y1, y2), width: Math.abs(x2 - x1), height: Math.abs(y2 - y1) });
            c += 4;
          } else c += op === pdfjs.OPS.moveTo || op === pdfjs.OPS.lineTo ? 2 : op === pdfjs.OPS.curveTo ? 6 : op === pdfjs.OPS.closePath ? 0 : 4;
        }
      } else if ((fn === pdfjs.OPS.fill || fn === pdfjs.OPS.eoFill) && fill === want) {
        rects.push(...pending);
        pending = [];
      }
    });
    out.push(rects);
  }
  await doc.destroy();
  return out;
}

export interface Glyph { ch: string; x: number; y: number; size: number; filled: boolean }

/**
 * Every glyph of each page in drawing order, placed from the operator list (text matrix, font
 * size, glyph widths, kerning, all through the transformation matrix), and whether it stands on
 * a rectangle filled with `hex`. Per glyph, because pdfjs's text content joins runs into lines.
 */
export async function glyphsOnFills(data: Uint8Array, hex: string): Promise<Glyph[][]> {
  const rects = await filledRects(data, hex);
  const doc = await pdfjs.getDocument({ data: new Uint8Array(data), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  const out: Glyph[][] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const ops = await (await doc.getPage(i)).getOperatorList();
    const glyphs: Glyph[] = [];
    let ctm: Matrix = [1, 0, 0, 1, 0, 0];
    const stack: Matrix[] = [];
    let tm: Matrix = [1, 0, 0, 1, 0, 0];
    let size = 0;
    let charSpacing = 0;
    ops.fnArray.forEach((fn, k) => {
      const args = ops.argsArray[k] as unknown[];
      if (fn === pdfjs.OPS.save) stack.push(ctm);
      else if (fn === pdfjs.OPS.restore) ctm = stack.pop() ?? ctm;
      else if (fn === pdfjs.OPS.transform) ctm = multiply(args as Matrix, ctm);
      else if (fn === pdfjs.OPS.beginText) tm = [1, 0, 0, 1, 0, 0];
      else if (fn === pdfjs.OPS.setTextMatrix) tm = [...(args as Matrix)] as Matrix;
      else if (fn === pdfjs.OPS.moveText) tm = multiply([1, 0, 0, 1, args[0] as number, args[1] as number], tm);
      else if (fn === pdfjs.OPS.setFont) size = args[1] as number;
      else if (fn === pdfjs.OPS.setCharSpacing) charSpacing = args[0] as number;
      else if (fn === pdfjs.OPS.showText) {
        for (const g of args[0] as ({ unicode: string; width: number } | number)[]) {
          if (typeof g === "number") { tm = multiply([1, 0, 0, 1, (-g / 1000) * size, 0], tm); continue; }
          const advance = (g.width / 1000) * size + charSpacing;
          const m = multiply(tm, ctm);
          const [x, y] = apply(m, advance / 2, size * 0.3);
          const [ox, oy] = apply(m, 0, 0);
          const filled = (rects[i - 1] ?? []).some((r) => x > r.x && x < r.x + r.width && y > r.y && y < r.y + r.height);
          glyphs.push({ ch: g.unicode, x: ox, y: oy, size, filled });
          tm = multiply([1, 0, 0, 1, advance, 0], tm);
        }
      }
    });
    out.push(glyphs);
  }
  await doc.destroy();
  return out;
}
