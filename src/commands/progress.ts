// planpress progress --year Y --input DIR [--history DIR] [input] [-o dir]: the year's report.
import { type GlobalOptions, readPlan, renderContext, requireClean, run, writeAll, yearOption } from "./common.js";

export function progress(input: string | undefined, opts: GlobalOptions & { year: string; input: string; history?: string; output?: string }): Promise<number> {
  return run(opts, async (s) => {
    const year = yearOption(s, opts.year, "--year");
    const plan = await readPlan(s, input);
    requireClean(s);
    const ctx = renderContext(s, plan);
    const { renderProgress } = await import("../render/progress.js");
    const files = await renderProgress(plan, ctx, { year, inputDir: opts.input, ...(opts.history ? { historyDir: opts.history } : {}) });
    await writeAll(s, opts.output ?? "out", files);
  });
}
