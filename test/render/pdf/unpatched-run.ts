// Run by unpatched.test.ts in a process of its own: the speed patches meet a pdfmake version they
// were not written for (given here instead of the installed one), then two documents are drawn.
import { DiagnosticBag } from "../../../src/diagnostics/bag.js";
import { installSpeedPatches, PATCHED_FOR, PATCHES, speedStatus } from "../../../src/render/pdf/speed.js";

installSpeedPatches([...PATCHES], { ...PATCHED_FOR, pdfmake: "0.3.12" });
const { createPdf } = await import("../../../src/render/pdf/document.js");
const { makeRenderContext } = await import("../../helpers/context.js");
const runs = [];
for (let n = 0; n < 2; n++) {
  const ctx = makeRenderContext({ diagnostics: new DiagnosticBag("en") });
  const data = await createPdf({ kind: "booklet", content: [{ text: "令和8年度DX推進計画", fontSize: 10.5 }], pageNumbers: "none" }, { title: "t", author: "a" }, ctx);
  runs.push({ diagnostics: ctx.diagnostics.items.map((d) => ({ code: d.code, severity: d.severity, message: d.message })), pdf: Buffer.from(data).toString("base64") });
}
process.stdout.write(JSON.stringify({ runs, status: speedStatus() }));
