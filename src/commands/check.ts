// planpress check [input] [--json] [--strict]: read and validate; diagnostics only.
import { hasErrors } from "../diagnostics/bag.js";
import { ReportedError } from "../errors.js";
import type { Plan } from "../model/schema.js";
import type { RenderContext } from "../context.js";
import { checkThemeCategories, checkThemeFonts, checkThemeStatuses, type GlobalOptions, pdfGlyphs, printDiagnosticsJson, readPlan, renderContext, run, templateGlyphs, themeOf } from "./common.js";

export function check(input: string | undefined, opts: GlobalOptions & { json?: boolean }): Promise<number> {
  return run(opts, async (s) => {
    // the cells checked against the PDF fonts as a build checks them: a clean check, then boxes
    // in the booklet, would be a check that missed what the build says (PP351)
    const themed = themeOf(s);
    // the theme's fonts, as the build uses them (PP504, PP508, PP511 …), and its styles of the
    // config's 進捗区分 (PP553, as the progress report says it)
    await checkThemeFonts(s, themed);
    checkThemeStatuses(s, themed);
    const glyphs = await pdfGlyphs(s, themed);
    if (glyphs) templateGlyphs(s, themed.templatesDir, glyphs);
    const plan = await readPlan(s, input, glyphs);
    // a plan a build would render: its templates rendered as the build renders them (the theme's
    // categories are checked on the way, PP552); a plan with errors is not rendered
    if (hasErrors(s.bag.items, false)) checkThemeCategories(s, plan, themed);
    else await checkTemplates(plan, renderContext(s, plan, themed));
    const code = hasErrors(s.bag.items, opts.strict) ? 1 : 0;
    if (opts.json) printDiagnosticsJson(s);
    return code;
  }, { json: opts.json ?? false });
}

/**
 * The templates of the PDFs `build` makes (booklet, gantt, departments), rendered against the
 * plan without drawing a page, and the workbook's and the progress forms' wording files read (the
 * house style's is read by the templates' helpers): a broken template is told by check (PP503 at
 * its file and line; PP531–PP533), not first by the build (or by `forms`) after a clean check.
 * The 新旧対照表's and the progress report's templates and wording files too, rendered against a
 * change of every kind and a report of every kind made of the plan's first project (check has no
 * second plan and no returns). Each document's mistakes are told.
 */
async function checkTemplates(plan: Plan, ctx: RenderContext): Promise<void> {
  // modules of their own, light to load: the PDF libraries and the workbook writer are not loaded
  const { allDepartmentNodes, bookletNodes, compareNodes, ganttNodes, progressNodes } = await import("../render/template-nodes.js");
  const { workbookWording } = await import("../render/workbook-wording.js");
  const { formWording } = await import("../forms/wording.js");
  const { everyChange } = await import("../compare/index.js");
  const { everyReport } = await import("../progress/sample.js");
  const year = plan.plan.period.start;
  for (const render of [bookletNodes, ganttNodes, allDepartmentNodes, (_: Plan, c: RenderContext) => workbookWording(c),
    (_: Plan, c: RenderContext) => formWording(c),
    (p: Plan, c: RenderContext) => compareNodes(everyChange(p), c),
    (p: Plan, c: RenderContext) => progressNodes(p, everyReport(p, year, c.config.progressStatuses), year, c)]) {
    try {
      render(plan, ctx);
    } catch (e) {
      if (!(e instanceof ReportedError)) throw e;
    }
  }
}
