// planpress compare OLD NEW [-o dir] [--json] [--map old=new]: the 新旧対照表 of two versions of
// a plan (contract.md). Both are read and checked first; the mapping settles doubtful matches.
// With --json the change list goes to stdout and nothing is written.
import { DEFAULT_CONFIG_PATH } from "../config/load.js";
import { comparePlans } from "../compare/index.js";
import { type MappingEntry, resolveMapping, splitMapOption } from "../compare/mapping.js";
import type { ChangeList } from "../compare/schema.js";
import type { Plan } from "../model/schema.js";
import { hasErrors } from "../diagnostics/bag.js";
import { type GlobalOptions, inputSheet, printJsonProduct, readPlan, renderContext, requireClean, run, type Session, writeAll } from "./common.js";

export interface CompareOptions extends GlobalOptions { output?: string; json?: boolean; map?: string[] }

function configEntries(s: Session): MappingEntry[] {
  const source = s.opts.config ?? DEFAULT_CONFIG_PATH;
  return Object.entries(s.config.compare?.mapping ?? {}).map(([old, target]) => ({ text: `${old}=${target}`, source }));
}

/**
 * A version whose title is its file's name (no title line: a sheet copied to a new workbook, a
 * TSV; PP205) has no title to compare: it takes the other's, said (PP708). The 新旧対照表 had
 * shown the plan renamed 「DX推進計画_改定案」 on its cover and in its first row.
 */
function sameTitles(s: Session, plans: readonly [Plan, Plan], inputs: readonly [string, string]): [Plan, Plan] {
  const untitled = inputs.map((input) => s.bag.items.some((d) => d.code === "PP205" && d.file === inputSheet(input).file));
  const [o, n] = plans;
  if (untitled[0] === untitled[1]) return untitled[0] ? [{ ...o, plan: { ...o.plan, title: n.plan.title } }, n] : [o, n];
  const [named, other] = untitled[0] ? [n, 0] : [o, 1];
  s.bag.add("PP708", { file: inputs[other]! }, { title: named.plan.title });
  const retitled = { ...plans[other]!, plan: { ...plans[other]!.plan, title: named.plan.title } };
  return other === 0 ? [retitled, n] : [o, retitled];
}

export function compare(oldInput: string, newInput: string, opts: CompareOptions): Promise<number> {
  return run(opts, async (s) => {
    const read = [await readPlan(s, oldInput), await readPlan(s, newInput)] as const;
    requireClean(s);
    const [oldPlan, newPlan] = sameTitles(s, read, [oldInput, newInput]);
    // --map after the config's entries: the option wins for the same old No.
    const mapping = resolveMapping([...configEntries(s), ...splitMapOption(opts.map ?? [])], oldPlan, newPlan, s.bag);
    requireClean(s);
    const compared = comparePlans({ plan: oldPlan, file: oldInput }, { plan: newPlan, file: newInput }, mapping, s.bag);
    // no change at all: said, so a clerk sees it without opening the PDF
    if (!compared.changes.length && !compared.planChanges.length) s.bag.add("PP709", { file: newInput }, { old: oldInput });
    const list: ChangeList = { ...compared, diagnostics: s.bag.items };
    if (opts.json) {
      const code = hasErrors(s.bag.items, opts.strict) ? 1 : 0;
      printJsonProduct(s, (diagnostics) => ({ ...list, diagnostics }));
      return code;
    }
    requireClean(s);
    const ctx = renderContext(s, newPlan);
    const { renderCompare } = await import("../render/compare.js");
    await writeAll(s, opts.output ?? "out", await renderCompare(list, ctx));
  }, { json: opts.json ?? false });
}
