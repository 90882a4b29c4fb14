// planpress model [input] [-o file]: the normalised model as JSON, even when it has errors.
import { hasErrors } from "../diagnostics/bag.js";
import { writeOutputs } from "../output/write.js";
import path from "node:path";
import { type GlobalOptions, readPlan, run } from "./common.js";

export function model(input: string | undefined, opts: GlobalOptions & { output?: string }): Promise<number> {
  return run(opts, async (s) => {
    const plan = await readPlan(s, input);
    const json = `${JSON.stringify(plan, null, 2)}\n`;
    if (opts.output) {
      await writeOutputs(path.dirname(opts.output), [{ path: path.basename(opts.output), data: Buffer.from(json, "utf8") }],
        { bag: s.bag, protect: s.inputs, force: opts.force ?? false });
    } else {
      process.stdout.write(json);
    }
    return hasErrors(s.bag.items, opts.strict) ? 1 : 0;
  });
}
