// planpress check [input] [--json] [--strict]: read and validate; diagnostics only.
import { hasErrors } from "../diagnostics/bag.js";
import { checkThemeCategories, checkThemeFonts, type GlobalOptions, pdfGlyphs, printDiagnosticsJson, readPlan, run, templateGlyphs, themeOf } from "./common.js";

export function check(input: string | undefined, opts: GlobalOptions & { json?: boolean }): Promise<number> {
  return run(opts, async (s) => {
    // the cells checked against the PDF fonts as a build checks them: a clean check, then boxes
    // in the booklet, would be a check that missed what the build says (PP351)
    const themed = themeOf(s);
    // the theme's fonts, as the build uses them (PP504, PP508, PP511 …)
    await checkThemeFonts(s, themed);
    const glyphs = await pdfGlyphs(s, themed);
    if (glyphs) templateGlyphs(s, themed.templatesDir, glyphs);
    const plan = await readPlan(s, input, glyphs);
    checkThemeCategories(s, plan, themed);
    const code = hasErrors(s.bag.items, opts.strict) ? 1 : 0;
    if (opts.json) printDiagnosticsJson(s);
    return code;
  }, { json: opts.json ?? false });
}
