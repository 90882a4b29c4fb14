// The theme's font families as pdfmake fonts. The TTF files are read once per process and kept in
// pdfmake's virtual file system, so no document depends on fonts installed on the machine and a
// second document does not read 4.5 MB from disk again.
import path from "node:path";
import pdfmake from "pdfmake";
import type { TFontDictionary } from "pdfmake/interfaces.js";
import { type RenderContext, shownPath } from "../../context.js";
import { fontPlace } from "../../theme/load.js";
import { fontFamilies } from "../../theme/schema.js";
import { themeFont } from "./coverage.js";
import { ReportedError } from "../../errors.js";
import { installSpeedPatches } from "./speed.js";

const speed = installSpeedPatches();
/** PP560 is told once per run (the process), by the first document drawn. */
let toldUnpatched = false;

interface VirtualFs {
  existsSync(name: string): boolean;
  writeFileSync(name: string, data: Buffer): void;
}
const vfs = (pdfmake as unknown as { virtualfs: VirtualFs }).virtualfs;

// Fonts come from the virtual file system only: a document may not read local files or URLs.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy(() => false);

/** Font bytes by resolved path, read once per process. */
const loaded = new Set<string>();

/** A theme font as pdfmake names it: its file in the virtual file system (a collection's face, as a file of its own). */
function load(spec: string, ctx: RenderContext): string {
  const font = themeFont(spec, ctx.projectRoot, ctx.lang);
  if ("code" in font) {
    const theme = path.join(ctx.templatesDir, "theme.json");
    ctx.diagnostics.add(font.code, fontPlace(theme, shownPath(ctx, theme), spec), font.params, font.extra);
    throw new ReportedError();
  }
  if (!loaded.has(font.key)) {
    vfs.writeFileSync(font.key, font.bytes);
    loaded.add(font.key);
  }
  return font.key;
}

/**
 * The theme's families (`default`, and `fallback` when named) as pdfmake descriptors. Italic styles map to
 * the upright faces: Japanese has no italics, and pdfmake must never fall back to Roboto.
 */
export function pdfFonts(ctx: RenderContext): TFontDictionary {
  if (speed.mismatch && !toldUnpatched) {
    toldUnpatched = true;
    ctx.diagnostics.add("PP560", { file: "planpress" }, { ...speed.mismatch });
  }
  const out: TFontDictionary = {};
  for (const [family, face] of fontFamilies(ctx.theme)) {
    const normal = load(face.normal, ctx);
    const bold = face.bold ? load(face.bold, ctx) : normal;
    out[family] = { normal, bold, italics: normal, bolditalics: bold };
  }
  return out;
}
