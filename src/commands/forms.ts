// planpress forms --year Y [input] [-o dir]: one progress form per department.
import { DiagnosticBag } from "../diagnostics/bag.js";
import { ReportedError } from "../errors.js";
import { DEFAULT_INPUT, type GlobalOptions, planToRender, run, writeAll, yearOption } from "./common.js";

export function forms(input: string | undefined, opts: GlobalOptions & { year: string; output?: string; sample?: boolean }): Promise<number> {
  return run(opts, async (s) => {
    const year = yearOption(s, opts.year, "--year");
    const { plan, ctx } = await planToRender(s, input);
    // A plan naming no department (every project 各課) has no department to send a form to: said,
    // exit 1 (it had written nothing with exit 0).
    if (plan.departments.length === 0) {
      s.bag.add("PP628", { file: input ?? DEFAULT_INPUT }, {});
      throw new ReportedError();
    }
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
