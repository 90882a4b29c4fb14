// Page geometry from the theme's page set-ups, in pt.
import type { RenderContext } from "../../context.js";

const SIZES = { A4: [595.28, 841.89], A3: [841.89, 1190.55] } as const;

export interface PageGeometry {
  size: "A4" | "A3";
  orientation: "portrait" | "landscape";
  width: number;
  height: number;
  margins: [number, number, number, number];
  bodyWidth: number;
  bodyHeight: number;
}

export function pageGeometry(kind: string, ctx: RenderContext): PageGeometry {
  const page = ctx.theme.pages[kind];
  if (!page) throw new Error(`no page set-up "${kind}" in the theme`);
  const [short, long] = SIZES[page.size];
  const [width, height] = page.orientation === "portrait" ? [short, long] : [long, short];
  const [left, top, right, bottom] = page.margins;
  return { size: page.size, orientation: page.orientation, width, height, margins: page.margins,
    bodyWidth: width - left - right, bodyHeight: height - top - bottom };
}
