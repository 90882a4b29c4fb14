// planpress progress --year Y --input DIR [--history DIR] [input] [-o dir]: the year's report.
import { type GlobalOptions, planToRender, run, writeAll, yearOption } from "./common.js";

export function progress(input: string | undefined, opts: GlobalOptions & { year: string; input: string; history?: string; output?: string }): Promise<number> {
  return run(opts, async (s) => {
    const year = yearOption(s, opts.year, "--year");
    const { plan, ctx } = await planToRender(s, input);
    const { renderProgress } = await import("../render/progress.js");
    const files = await renderProgress(plan, ctx, { year, inputDir: opts.input, ...(opts.history ? { historyDir: opts.history } : {}) });
    // the folders of returns are inputs: a report written into one would be read back next time
    s.inputs.folders.push({ path: opts.input, what: `--input ${opts.input}` });
    if (opts.history) s.inputs.folders.push({ path: opts.history, what: `--history ${opts.history}` });
    await writeAll(s, opts.output ?? "out", files, { producer: `progress-${year}` });
  });
}
