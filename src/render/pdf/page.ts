// Page geometry from the theme's page set-ups, in pt.
import type { RenderContext } from "../../context.js";
import { type Paper, paperSize } from "../../theme/paper.js";

export interface PageGeometry {
  size: Paper;
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
  const [width, height] = paperSize(page.size, page.orientation);
  const [left, top, right, bottom] = page.margins;
  return { size: page.size, orientation: page.orientation, width, height, margins: page.margins,
    bodyWidth: width - left - right, bodyHeight: height - top - bottom };
}
