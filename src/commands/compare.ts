// planpress compare OLD NEW [-o dir] [--json] [--map old=new]: the 新旧対照表 of two versions of
// a plan (contract.md). Both are read and checked first; the mapping settles doubtful matches.
// With --json the change list goes to stdout and nothing is written.
import { DEFAULT_CONFIG_PATH } from "../config/load.js";
import { comparePlans } from "../compare/index.js";
import { type MappingEntry, resolveMapping, splitMapOption } from "../compare/mapping.js";
import type { ChangeList } from "../compare/schema.js";
import { hasErrors } from "../diagnostics/bag.js";
import { type GlobalOptions, readPlan, renderContext, requireClean, run, type Session, writeAll } from "./common.js";

export interface CompareOptions extends GlobalOptions { output?: string; json?: boolean; map?: string[] }

function configEntries(s: Session): MappingEntry[] {
  const source = s.opts.config ?? DEFAULT_CONFIG_PATH;
  return Object.entries(s.config.compare?.mapping ?? {}).map(([old, target]) => ({ text: `${old}=${target}`, source }));
}

export function compare(oldInput: string, newInput: string, opts: CompareOptions): Promise<number> {
  return run(opts, async (s) => {
    const oldPlan = await readPlan(s, oldInput);
    const newPlan = await readPlan(s, newInput);
    requireClean(s);
    // --map after the config's entries: the option wins for the same old No.
    const mapping = resolveMapping([...configEntries(s), ...splitMapOption(opts.map ?? [])], oldPlan, newPlan, s.bag);
    requireClean(s);
    const list: ChangeList = { ...comparePlans({ plan: oldPlan, file: oldInput }, { plan: newPlan, file: newInput }, mapping, s.bag), diagnostics: s.bag.items };
    if (opts.json) {
      process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
      return hasErrors(s.bag.items, opts.strict) ? 1 : 0;
    }
    requireClean(s);
    const ctx = renderContext(s, newPlan);
    const { renderCompare } = await import("../render/compare.js");
    await writeAll(s, opts.output ?? "out", await renderCompare(list, ctx));
  });
}
