// planpress forms --year Y [input] [-o dir]: one progress form per department.
import { type GlobalOptions, planToRender, run, writeAll, yearOption } from "./common.js";

export function forms(input: string | undefined, opts: GlobalOptions & { year: string; output?: string; sample?: boolean }): Promise<number> {
  return run(opts, async (s) => {
    const year = yearOption(s, opts.year, "--year");
    const { plan, ctx } = await planToRender(s, input);
    const { renderForms } = await import("../render/forms.js");
    const files = await renderForms(plan, ctx, year, opts.sample ? { sample: true } : {});
    await writeAll(s, opts.output ?? "out/forms", files);
  });
}
