// What a PDF page paints, read back from pdfjs-dist's operator list: every filled rectangle in
// page coordinates (PDF units, y up, after every `cm` and save/restore), with its fill colour and
// opacity or the tiling pattern it is filled with. The text comes from pdf-positions.ts.
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";
import { textItems, type Item } from "./pdf-positions.js";

export interface Rect { x0: number; y0: number; x1: number; y1: number }

export interface FilledRect extends Rect {
  /** #RRGGBB of a colour fill; undefined for a pattern fill. */
  colour?: string;
  /** A tiling pattern fill. */
  pattern: boolean;
  /** Fill opacity (ExtGState ca). */
  alpha: number;
}

/** A stroked straight segment's box (a rule: x0 = x1 or y0 = y1). */
export type Segment = Rect;

export interface PageDrawing { width: number; height: number; fills: FilledRect[]; strokes: Segment[]; items: Item[] }

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** m1 then m2 (PDF's `cm` multiplies on the left: new CTM = m × CTM). */
function multiply(m: Matrix, ctm: Matrix): Matrix {
  const [a, b, c, d, e, f] = m;
  const [A, B, C, D, E, F] = ctm;
  return [a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

const hex = (rgb: ArrayLike<number>): string =>
  `#${[rgb[0]!, rgb[1]!, rgb[2]!].map((v) => Math.round(v).toString(16).padStart(2, "0")).join("").toUpperCase()}`;

interface State { ctm: Matrix; colour?: string; pattern: boolean; alpha: number }

export async function pageDrawings(data: Uint8Array): Promise<PageDrawing[]> {
  const texts = await textItems(data);
  const doc = await pdfjs.getDocument({ data: new Uint8Array(data), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  const OPS = pdfjs.OPS;
  const out: PageDrawing[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const ops = await page.getOperatorList();
    const fills: FilledRect[] = [];
    const strokes: Segment[] = [];
    let lines: Segment[] = [];
    const stack: State[] = [];
    let st: State = { ctm: IDENTITY, pattern: false, alpha: 1 };
    let pending: Rect[] = [];
    for (let i = 0; i < ops.fnArray.length; i++) {
      const fn = ops.fnArray[i];
      const args = ops.argsArray[i] as unknown[];
      switch (fn) {
        case OPS.save: stack.push({ ...st }); break;
        case OPS.restore: st = stack.pop() ?? st; break;
        case OPS.transform: st.ctm = multiply(args as Matrix, st.ctm); break;
        case OPS.setFillRGBColor: st.colour = hex(args as unknown as ArrayLike<number>); st.pattern = false; break;
        case OPS.setFillGray: { const g = (args[0] as number) * 255; st.colour = hex([g, g, g]); st.pattern = false; break; }
        case OPS.setFillColorN: if (args[0] === "TilingPattern") { st.pattern = true; st.colour = undefined; } break;
        case OPS.setGState:
          for (const [key, value] of args[0] as [string, unknown][]) if (key === "ca") st.alpha = value as number;
          break;
        case OPS.constructPath: {
          const [pathOps, coords] = args as [number[], number[]];
          pending = [];
          lines = [];
          let k = 0;
          let at: [number, number] | null = null;
          for (const op of pathOps) {
            if (op === OPS.rectangle) {
              const [x, y, w, h] = coords.slice(k, k + 4) as [number, number, number, number];
              const corners = [apply(st.ctm, x, y), apply(st.ctm, x + w, y + h)];
              pending.push({
                x0: Math.min(corners[0]![0], corners[1]![0]), x1: Math.max(corners[0]![0], corners[1]![0]),
                y0: Math.min(corners[0]![1], corners[1]![1]), y1: Math.max(corners[0]![1], corners[1]![1]),
              });
              k += 4;
            } else if (op === OPS.moveTo || op === OPS.lineTo) {
              const to = apply(st.ctm, coords[k]!, coords[k + 1]!);
              if (op === OPS.lineTo && at) lines.push({ x0: Math.min(at[0], to[0]), x1: Math.max(at[0], to[0]), y0: Math.min(at[1], to[1]), y1: Math.max(at[1], to[1]) });
              at = to;
              k += 2;
            }
            else if (op === OPS.curveTo) k += 6;
            else if (op === OPS.curveTo2 || op === OPS.curveTo3) k += 4;
          }
          break;
        }
        case OPS.fill: case OPS.eoFill: case OPS.fillStroke: case OPS.eoFillStroke:
          for (const r of pending) fills.push({ ...r, pattern: st.pattern, alpha: st.alpha, ...(st.colour ? { colour: st.colour } : {}) });
          pending = [];
          break;
        case OPS.stroke: strokes.push(...lines); pending = []; lines = []; break;
        case OPS.endPath: pending = []; lines = []; break;
      }
    }
    const t = texts[p - 1]!;
    out.push({ width: t.width, height: t.height, fills, strokes, items: t.items });
  }
  await doc.destroy();
  return out;
}

/** The box a text item's glyphs take (baseline y; ascent and descent of a CJK face). */
export function glyphBox(item: Item): Rect {
  return { x0: item.x, x1: item.x + item.width, y0: item.y - 0.12 * item.size, y1: item.y + 0.88 * item.size };
}

export function inside(inner: Rect, outer: Rect, tolerance = 0.6): boolean {
  return inner.x0 >= outer.x0 - tolerance && inner.x1 <= outer.x1 + tolerance
    && inner.y0 >= outer.y0 - tolerance && inner.y1 <= outer.y1 + tolerance;
}

export function sameRect(a: Rect, b: Rect, tolerance = 0.6): boolean {
  return Math.abs(a.x0 - b.x0) <= tolerance && Math.abs(a.x1 - b.x1) <= tolerance
    && Math.abs(a.y0 - b.y0) <= tolerance && Math.abs(a.y1 - b.y1) <= tolerance;
}
