// planpress check [input] [--json] [--strict]: read and validate; diagnostics only.
import { hasErrors } from "../diagnostics/bag.js";
import { sortDiagnostics } from "../diagnostics/format.js";
import { type GlobalOptions, readPlan, run } from "./common.js";

export function check(input: string | undefined, opts: GlobalOptions & { json?: boolean }): Promise<number> {
  return run(opts, async (s) => {
    const plan = await readPlan(s, input);
    if (opts.json) {
      process.stdout.write(`${JSON.stringify(sortDiagnostics(plan.diagnostics), null, 2)}\n`);
      const code = hasErrors(s.bag.items, opts.strict) ? 1 : 0;
      s.bag.items.length = 0; // already printed as the product
      return code;
    }
    return hasErrors(s.bag.items, opts.strict) ? 1 : 0;
  });
}
