import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DiagnosticBag } from "../../../src/diagnostics/bag.js";
import { ReportedError } from "../../../src/errors.js";
import { renderGantt } from "../../../src/render/gantt.js";
import { makeRenderContext, seedPlan } from "../../helpers/context.js";

/** The first `bytes` of the shipped face: its header is right, its tables are not all there. */
function truncatedFont(bytes = 200_000): string {
  const file = createRequire(import.meta.url).resolve("@expo-google-fonts/biz-udpgothic/400Regular/BIZUDPGothic_400Regular.ttf");
  const out = path.join(mkdtempSync(path.join(tmpdir(), "pp-font-")), "Cut.ttf");
  const data = readFileSync(file);
  writeFileSync(out, data.subarray(0, bytes < 0 ? Math.floor(data.length / 3) : bytes));
  return out;
}

describe("theme fonts", () => {
  it.each([
    ["a missing file", "fonts/none.ttf", "PP504"],
    ["a file that is not a font", "data/plan.tsv", "PP507"],
    ["a font cut short", truncatedFont(), "PP508"],
    // its table directory intact: fontkit had read past the end only when a glyph was drawn (PP901)
    ["a font cut to a third", truncatedFont(-1), "PP508"],
    // read until memory ran out
    ["a device", "/dev/zero", "PP509"],
    ["a folder", "fonts", "PP509"],
  ])("%s is a diagnostic (%s), not a crash", async (_what, normal, code) => {
    const bag = new DiagnosticBag("ja");
    const ctx = makeRenderContext({ diagnostics: bag });
    ctx.theme = { ...ctx.theme, fonts: { default: { normal } } };
    await expect(renderGantt(seedPlan(), ctx)).rejects.toBeInstanceOf(ReportedError);
    expect(bag.items.map((d) => d.code)).toContain(code);
  });
});
