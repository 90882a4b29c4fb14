// Reads and checks templates/theme.json. A broken theme is a diagnostic (PP502), never a crash.
import path from "node:path";
import { createRequire } from "node:module";
import type { DiagnosticBag } from "../diagnostics/bag.js";
import { lineInJsonFile, readJsonFile } from "../json-text.js";
import { MAX_EDITED_TEXT_BYTES, readBoundedText } from "../read-file.js";
import { swatchName, themeClashes, unreadableText } from "./contrast.js";
import { Theme } from "./schema.js";

/** The theme at `themePath`; its messages name it `shown` (as staff see it: templates/theme.json). */
export function loadTheme(themePath: string, bag: DiagnosticBag, shown = themePath): Theme {
  const theme = readJsonFile(themePath, Theme, "PP502", bag, shown);
  // told at the line of the colour named second (`categories.build`, the one to change), else the first's (the as-of tint against white)
  const at = (...keys: string[]) => {
    const line = keys.filter((k) => k.includes(".")).map((k) => lineInJsonFile(themePath, k.replace(/~.*$/, "").split("."))).find((l) => l !== undefined);
    return line === undefined ? { file: shown } : { file: shown, line };
  };
  // Colours a reader (or a gray copy) cannot tell apart make a roadmap say something false.
  for (const c of themeClashes(theme)) {
    const [a, b] = [swatchName(c.a, bag.lang), swatchName(c.b, bag.lang)];
    if (c.sameColour) bag.add("PP551", at(c.b, c.a), { a, b });
    else bag.add("PP550", at(c.b, c.a), { a, b, deltaL: c.deltaL.toFixed(1) });
  }
  for (const u of unreadableText(theme)) bag.add("PP555", at(u.fill), { text: u.text, fill: u.fill, ratio: u.ratio.toFixed(1) });
  return theme;
}

const require = createRequire(import.meta.url);

/**
 * Where the theme at `themePath` names font `spec`: its file as staff see it (`shown`) and the
 * line, as a font's messages are told (PP504, PP507 …: they had named the theme alone).
 */
export function fontPlace(themePath: string, shown: string, spec: string): { file: string; line?: number } {
  const read = readBoundedText(themePath, MAX_EDITED_TEXT_BYTES, "ja");
  const at = "text" in read ? read.text.indexOf(JSON.stringify(spec)) : -1;
  return at < 0 || !("text" in read) ? { file: shown } : { file: shown, line: read.text.slice(0, at).split("\n").length };
}

/**
 * A theme font as its file and the face chosen in it: a collection (.ttc, as Windows' fonts
 * are: msgothic.ttc holds ＭＳ ゴシック, ＭＳ Ｐゴシック and MS UI Gothic) names one after `#`
 * (`fonts/msgothic.ttc#ＭＳ Ｐゴシック`); null when the spec names none.
 */
export function fontSpecParts(spec: string): { file: string; face: string | null } {
  const m = /^(.*\.(?:ttc|otc|ttf|otf))#(.*)$/i.exec(spec);
  return m ? { file: m[1]!, face: m[2]!.trim() || null } : { file: spec, face: null };
}

/**
 * A font file named in the theme: `npm:<package>/<path>` resolves inside node_modules (the
 * default BIZ UDPGothic), anything else is relative to the project (fonts/ for a city's faces).
 * A face named after `#` is not part of the path.
 */
export function resolveFontPath(fontSpec: string, projectRoot: string): string {
  const spec = fontSpecParts(fontSpec).file;
  if (spec.startsWith("npm:")) {
    const rest = spec.slice(4);
    const parts = rest.split("/");
    const pkg = rest.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? "");
    const file = parts.slice(rest.startsWith("@") ? 2 : 1).join("/");
    // A package that is not installed (a mistyped name) throws: the callers report PP504.
    const pkgDir = path.dirname(require.resolve(`${pkg}/package.json`));
    return path.join(pkgDir, file);
  }
  return path.resolve(projectRoot, spec);
}

/** The font file a theme names, or null when it cannot be resolved (an npm package not installed). */
export function fontFileOrNull(spec: string, projectRoot: string): string | null {
  try {
    return resolveFontPath(spec, projectRoot);
  } catch {
    return null;
  }
}
