// Pages of a PDF as PNG images (pdfjs-dist's legacy build drawing on @napi-rs/canvas), and a
// pixel comparison of two images (pixelmatch) that writes a diff image. Glyphs are drawn from the
// embedded fonts as paths (no system fonts), so the same PDF gives the same pixels.
import { createCanvas, DOMMatrix, ImageData, Path2D } from "@napi-rs/canvas";
import pixelmatch from "pixelmatch";
import { PNG } from "pngjs";

/**
 * pdfjs draws glyphs and clips with the global Path2D: it must be the canvas package's own (pdfjs
 * looks for a copy of its own otherwise, which need not be the one drawing), set before pdfjs loads.
 */
async function loadPdfjs(): Promise<typeof import("pdfjs-dist/legacy/build/pdf.mjs")> {
  const g = globalThis as Record<string, unknown>;
  g.Path2D = Path2D;
  g.DOMMatrix ??= DOMMatrix;
  g.ImageData ??= ImageData;
  return import("pdfjs-dist/legacy/build/pdf.mjs");
}

type CanvasAndContext = { canvas: ReturnType<typeof createCanvas> | null; context: unknown };

/** The canvases pdfjs draws on (pages and its scratch canvases for patterns). */
class NapiCanvasFactory {
  constructor(_options?: unknown) {}
  create(width: number, height: number): CanvasAndContext {
    const canvas = createCanvas(Math.max(1, Math.ceil(width)), Math.max(1, Math.ceil(height)));
    return { canvas, context: canvas.getContext("2d") };
  }
  reset(c: CanvasAndContext, width: number, height: number): void {
    c.canvas!.width = Math.max(1, Math.ceil(width));
    c.canvas!.height = Math.max(1, Math.ceil(height));
  }
  destroy(c: CanvasAndContext): void {
    if (c.canvas) { c.canvas.width = 0; c.canvas.height = 0; }
    c.canvas = null;
    c.context = null;
  }
}

/** Pages `pages` (1-based) of a PDF at `dpi`, as PNG files' bytes, on a white ground. */
export async function pageImages(data: Uint8Array, pages: readonly number[], dpi: number): Promise<Buffer[]> {
  const pdfjs = await loadPdfjs();
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(data), disableFontFace: true, useSystemFonts: false, verbosity: 0,
    CanvasFactory: NapiCanvasFactory,
  } as Parameters<typeof pdfjs.getDocument>[0]).promise;
  const out: Buffer[] = [];
  for (const n of pages) {
    const page = await doc.getPage(n);
    const viewport = page.getViewport({ scale: dpi / 72 });
    const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
    const context = canvas.getContext("2d");
    context.fillStyle = "#FFFFFF";
    context.fillRect(0, 0, canvas.width, canvas.height);
    await page.render({ canvasContext: context as unknown as CanvasRenderingContext2D, viewport }).promise;
    out.push(canvas.toBuffer("image/png"));
  }
  await doc.destroy();
  return out;
}

/** The same image in gray (Rec. 709 luma), as a gray copy of the page would be. */
export function grayImage(png: Buffer): Buffer {
  const img = PNG.sync.read(png);
  for (let i = 0; i < img.data.length; i += 4) {
    const y = Math.round(0.2126 * img.data[i]! + 0.7152 * img.data[i + 1]! + 0.0722 * img.data[i + 2]!);
    img.data[i] = img.data[i + 1] = img.data[i + 2] = y;
  }
  return PNG.sync.write(img);
}

export interface Comparison { width: number; height: number; differing: number; ratio: number; diff: Buffer | null }

/** Pixels that differ between two PNG images (pixelmatch, anti-aliasing ignored), with a diff image. */
export function comparePng(actual: Buffer, expected: Buffer): Comparison {
  const a = PNG.sync.read(actual);
  const b = PNG.sync.read(expected);
  if (a.width !== b.width || a.height !== b.height) {
    return { width: a.width, height: a.height, differing: a.width * a.height, ratio: 1, diff: null };
  }
  const diff = new PNG({ width: a.width, height: a.height });
  const differing = pixelmatch(a.data, b.data, diff.data, a.width, a.height, { threshold: 0.1 });
  return { width: a.width, height: a.height, differing, ratio: differing / (a.width * a.height), diff: PNG.sync.write(diff) };
}
