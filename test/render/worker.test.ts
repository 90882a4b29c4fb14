// How the department files are shared out between the worker thread and the main thread once laid
// out: whichever thread is free claims the next file (LaidFiles.claimed), so neither waits for the
// other; each file's bytes are the same whichever thread cuts it.
import { describe, expect, it } from "vitest";
import { cutDepartmentFiles, inDepartmentOrder, type LaidFiles, renderDepartmentFiles } from "../../src/render/departments.js";
import { makeRenderContext, seedPlan } from "../helpers/context.js";

describe("sharing out the department files", () => {
  it("two cutters claiming in turns cut every file once, the same bytes as one cutter alone, listed in the departments' order", async () => {
    const plan = seedPlan();
    const ctx = makeRenderContext();
    const alone = await renderDepartmentFiles(plan, ctx);
    // the other cutter starts as soon as the layout is shared, and both claim while they cut
    let other: Promise<Awaited<ReturnType<typeof cutDepartmentFiles>>> | undefined;
    const mine = await renderDepartmentFiles(plan, ctx, (laid: LaidFiles) => { other = cutDepartmentFiles(plan, ctx, laid); });
    const theirs = await other!;
    expect(mine.length + theirs.length).toBe(alone.length);
    expect(theirs.length).toBeGreaterThan(0);
    expect(mine.length).toBeGreaterThan(0);
    const both = inDepartmentOrder(plan, ctx, [...theirs, ...mine]);
    expect(both.map((f) => f.path)).toEqual(alone.map((f) => f.path));
    for (const [i, f] of both.entries()) expect(Buffer.compare(Buffer.from(f.data), Buffer.from(alone[i]!.data)), f.path).toBe(0);
  }, 60_000);

  it("a cutter that comes when every file is claimed cuts none (and reads nothing)", async () => {
    const plan = seedPlan();
    const ctx = makeRenderContext();
    let laid: LaidFiles | undefined;
    const files = await renderDepartmentFiles(plan, ctx, (l) => { laid = l; });
    expect(files).toHaveLength(plan.departments.length);
    expect(await cutDepartmentFiles(plan, ctx, laid!)).toEqual([]);
  }, 60_000);
});
