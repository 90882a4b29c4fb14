// planpress progress --year Y --input DIR [--history DIR] [input] [-o dir]: the year's report.
import { loadReturns } from "../pipeline.js";
import { checkThemeStatuses, type GlobalOptions, planToRender, requireClean, run, writeAll, yearOption } from "./common.js";

export function progress(input: string | undefined, opts: GlobalOptions & { year: string; input: string; history?: string; output?: string }): Promise<number> {
  return run(opts, async (s) => {
    const year = yearOption(s, opts.year, "--year");
    // the report is a PDF: the plan's cells, and the entries returned, checked against its font
    const { plan, ctx, glyphs } = await planToRender(s, input, { pdf: true });
    // a 進捗区分 the config adds without a style in the theme: a plain grey, like any other such
    checkThemeStatuses(s, ctx);
    const { formLockedCells } = await import("../render/forms.js");
    const returns = await loadReturns(plan, { year, inputDir: opts.input, historyDir: opts.history, config: s.config, bag: s.bag, glyphs,
      sent: (meta) => formLockedCells(plan, ctx, meta.department, meta.fiscalYear, meta.sample) });
    // any problem in the returns: nothing is drawn
    requireClean(s);
    const { renderProgress } = await import("../render/progress.js");
    // the folders of returns are inputs: a report written into one would be read back next time
    s.inputs.folders.push({ path: opts.input, what: `--input ${opts.input}` });
    if (opts.history) s.inputs.folders.push({ path: opts.history, what: `--history ${opts.history}` });
    await writeAll(s, opts.output ?? "out", await renderProgress(plan, returns, year, ctx), { producer: `progress-${year}` });
  });
}
