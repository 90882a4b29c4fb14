// A disk that fills up while the outputs are written: the run fails (PP9xx), the earlier outputs
// stay as they were, and the half-written temporary file is gone at once (not left until the next
// run). The full disk is node:fs/promises' writeFile failing part-way for a large file.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";

vi.mock("node:fs/promises", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs/promises")>();
  const writeFile: typeof real.writeFile = async (file, data, options) => {
    const bytes = data as Uint8Array;
    if (typeof file === "string" && file.endsWith(".tmp") && bytes.length > 1000) {
      await real.writeFile(file, bytes.subarray(0, 500), options); // what fitted
      throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    }
    return real.writeFile(file, data, options);
  };
  return { ...real, writeFile, default: { ...real, writeFile } };
});

// Test files share their fork's modules (vitest.config.ts): a copy of write.js of its own (the
// query makes it another module) imports the mocked node:fs/promises; its other imports are the
// shared ones. (vi.resetModules() had loaded the PDF renderers afresh too, and their second copy
// patched pdfkit again under the first: the next file's tagged PDFs failed.)
const fresh = "../../src/output/write.js?full-disk";
const { writeOutputs } = await (import(/* @vite-ignore */ fresh) as Promise<typeof import("../../src/output/write.js")>);
const { OutputError } = await import("../../src/errors.js");

const dir = mkdtempSync(path.join(os.tmpdir(), "planpress-full-disk-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a full disk", () => {
  it("fails the run with the file named, keeps the earlier outputs, and leaves no temporary file", async () => {
    const out = path.join(dir, "out");
    mkdirSync(out);
    writeFileSync(path.join(out, "booklet.pdf"), "last year's booklet");
    const files = [
      { path: "gantt.pdf", data: Buffer.from("small") },
      { path: "booklet.pdf", data: Buffer.alloc(5000, 1) },
    ];
    const err = await writeOutputs(out, files).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutputError);
    expect(String((err as Error).message)).toContain("booklet.pdf");
    expect(readdirSync(out).sort()).toEqual(["booklet.pdf"]);
    expect(readFileSync(path.join(out, "booklet.pdf"), "utf8")).toBe("last year's booklet");
  });
});
