// The theme's font families as pdfmake fonts. The TTF files are read once per process and kept in
// pdfmake's virtual file system, so no document depends on fonts installed on the machine and a
// second document does not read 4.5 MB from disk again.
import pdfmake from "pdfmake";
import type { TFontDictionary } from "pdfmake/interfaces.js";
import type { RenderContext } from "../../context.js";
import { fontFileOrNull } from "../../theme/load.js";
import { chosenFace, collectionFace, fontBytes, fontDamage } from "./coverage.js";
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
  const file = fontFileOrNull(spec, ctx.projectRoot);
  const key = `font:${file}`;
  const data = file === null ? { missing: true, reason: "" } : fontBytes(file, ctx.lang);
  if (!Buffer.isBuffer(data)) {
    if (data.missing) ctx.diagnostics.add("PP504", { file: "templates/theme.json" }, { font: spec });
    else ctx.diagnostics.add("PP509", { file: "templates/theme.json" }, { font: spec, reason: data.reason });
    throw new ReportedError();
  }
  // Only TrueType/OpenType faces can be embedded: anything else is the theme's mistake, not a crash.
  const magic = data.subarray(0, 4).toString("latin1");
  if (!["\u0000\u0001\u0000\u0000", "OTTO", "true", "ttcf"].includes(magic)) {
    ctx.diagnostics.add("PP507", { file: "templates/theme.json" }, { font: spec });
    throw new ReportedError();
  }
  // A collection's face is chosen by name, never guessed (pdfkit had failed on the collection: PP508).
  const chosen = chosenFace(spec, data);
  if (chosen && "faces" in chosen) {
    ctx.diagnostics.add("PP511", { file: "templates/theme.json" }, { font: spec, asked: chosen.asked ?? "", faces: chosen.faces.join("、") });
    throw new ReportedError();
  }
  // A city's own file may be cut short or damaged: pdfkit would fail deep in a layout (PP901).
  const damage = fontDamage(spec, data, chosen?.postscriptName);
  if (damage) {
    ctx.diagnostics.add("PP508", { file: "templates/theme.json" }, { font: spec, reason: damage });
    throw new ReportedError();
  }
  const index = chosen?.index;
  const faceKey = index === undefined ? key : `${key}#${index}`;
  if (!loaded.has(faceKey)) {
    vfs.writeFileSync(faceKey, index === undefined ? data : collectionFace(data, index));
    loaded.add(faceKey);
  }
  return faceKey;
}

/**
 * The theme's families (`default` and any a city adds) as pdfmake descriptors. Italic styles map to
 * the upright faces: Japanese has no italics, and pdfmake must never fall back to Roboto.
 */
export function pdfFonts(ctx: RenderContext): TFontDictionary {
  if (speed.mismatch && !toldUnpatched) {
    toldUnpatched = true;
    ctx.diagnostics.add("PP560", { file: "planpress" }, { ...speed.mismatch });
  }
  const out: TFontDictionary = {};
  for (const [family, face] of Object.entries(ctx.theme.fonts)) {
    const normal = load(face.normal, ctx);
    const bold = face.bold ? load(face.bold, ctx) : normal;
    out[family] = { normal, bold, italics: normal, bolditalics: bold };
  }
  return out;
}
