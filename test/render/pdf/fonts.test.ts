import { describe, expect, it } from "vitest";
import { DiagnosticBag } from "../../../src/diagnostics/bag.js";
import { ReportedError } from "../../../src/errors.js";
import { renderGantt } from "../../../src/render/gantt.js";
import { makeRenderContext, seedPlan } from "../../helpers/context.js";

describe("theme fonts", () => {
  it.each([
    ["a missing file", "fonts/none.ttf", "PP504"],
    ["a file that is not a font", "data/plan.tsv", "PP507"],
  ])("%s is a diagnostic (%s), not a crash", async (_what, normal, code) => {
    const bag = new DiagnosticBag("ja");
    const ctx = makeRenderContext({ diagnostics: bag });
    ctx.theme = { ...ctx.theme, fonts: { default: { normal } } };
    await expect(renderGantt(seedPlan(), ctx)).rejects.toBeInstanceOf(ReportedError);
    expect(bag.items.map((d) => d.code)).toContain(code);
  });
});
