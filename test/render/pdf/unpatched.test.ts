// With a pdfmake, pdfkit or fontkit other than the one the speed patches were written for, nothing
// is patched, the PDFs are still made, and the run says so once (PP560, info).
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";
import { describe, expect, it } from "vitest";
import { PATCHES } from "../../../src/render/pdf/speed.js";
import { node } from "../../robustness/run.js";

describe("another pdfmake version", () => {
  it("runs unpatched and says so once (PP560), the PDF still made", async () => {
    const r = await node(["--import", "tsx", "test/render/pdf/unpatched-run.ts"], { timeoutMs: 110_000 });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { runs: { diagnostics: { code: string; severity: string; message: string }[]; pdf: string }[]; status: { active: string[]; hits: Record<string, number>; mismatch?: unknown } };
    expect(out.status.mismatch).toEqual({ library: "pdfmake", found: "0.3.12", expected: "0.3.11" });
    expect(out.status.active).toEqual([]);
    expect(Object.values(out.status.hits)).toEqual(PATCHES.map(() => 0));
    expect(out.runs[0]!.diagnostics).toEqual([{ code: "PP560", severity: "info", message: expect.stringMatching(/pdfmake 0\.3\.12 .*0\.3\.11/) }]);
    expect(out.runs[1]!.diagnostics).toEqual([]);
    for (const run of out.runs) {
      const doc = await pdfjs.getDocument({ data: new Uint8Array(Buffer.from(run.pdf, "base64")), verbosity: 0 }).promise;
      const text = (await (await doc.getPage(1)).getTextContent()).items.map((i) => ("str" in i ? i.str : "")).join("");
      expect(text).toContain("令和8年度DX推進計画");
      // unpatched pdfmake: one text object per break unit
      const ops = await (await doc.getPage(1)).getOperatorList();
      expect(ops.fnArray.filter((f) => f === pdfjs.OPS.beginText).length).toBeGreaterThan(5);
    }
  }, 120_000);
});
