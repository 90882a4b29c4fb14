// planpress forms --year Y [input] [-o dir]: one progress form per department.
import { DiagnosticBag } from "../diagnostics/bag.js";
import { type GlobalOptions, planToRender, run, writeAll, yearOption } from "./common.js";

export function forms(input: string | undefined, opts: GlobalOptions & { year: string; output?: string; sample?: boolean }): Promise<number> {
  return run(opts, async (s) => {
    const year = yearOption(s, opts.year, "--year");
    const { plan, ctx } = await planToRender(s, input);
    const { renderForms } = await import("../render/forms.js");
    const files = await renderForms(plan, ctx, year, opts.sample ? { sample: true } : {});
    const { parseFormReturns } = await import("../progress/read-form.js");
    const { isFilledIn } = await import("../progress/validate.js");
    // A returned form somebody filled in is never replaced by a blank one (PP905, unless --force).
    const precious = (final: string, bytes: Uint8Array): boolean => {
      if (!/\.xlsx$/i.test(final)) return false;
      const form = parseFormReturns(bytes, final, new DiagnosticBag(s.lang));
      return form !== null && isFilledIn(form);
    };
    await writeAll(s, opts.output ?? "out/forms", files, { producer: "forms", precious });
  });
}
