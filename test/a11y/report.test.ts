// `npm run a11y`'s report: per file OK or its findings in Japanese and English, a file that is no
// PDF or that cannot be read said as such (no stack trace), every PDF under the output folder by default, exit code 1
// when any file has a finding.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { a11yReport } from "../../scripts/a11y/report.js";
import { sample } from "../helpers/tagged-sample.js";

let dir: string;
const run = async (files: string[], outDir?: string) => {
  const lines: string[] = [];
  const code = await a11yReport(files, { print: (l) => lines.push(l), ...(outDir ? { outDir } : {}) });
  return { code, lines };
};

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "pp-a11y-"));
  mkdirSync(path.join(dir, "departments"));
  writeFileSync(path.join(dir, "departments", "good.pdf"), await sample());
  writeFileSync(path.join(dir, "no-lang.pdf"), await sample(["no-lang"]));
  writeFileSync(path.join(dir, "notes.txt"), "not a pdf");
  writeFileSync(path.join(dir, "broken.pdf"), "not a pdf either");
});

describe("npm run a11y", () => {
  it("prints OK for a good file and exits 0", async () => {
    const good = path.join(dir, "departments", "good.pdf");
    expect(await run([good])).toEqual({ code: 0, lines: [`${good}: OK（指摘なし / no findings）`] });
  });

  it("prints each finding in Japanese and English with its code, says which file is no PDF or missing, and exits 1", async () => {
    const files = ["no-lang.pdf", "broken.pdf", "departments/good.pdf", "missing.pdf"].map((f) => path.join(dir, f));
    const { code, lines } = await run(files);
    expect(code).toBe(1);
    expect(lines[0]).toBe(`${files[0]}: 指摘 1 件 / 1 finding`);
    expect(lines[1]).toBe("  文書の言語 /Lang が日本語でない（なし） / the document language /Lang is not Japanese (none) [lang]");
    expect(lines[2]).toMatch(new RegExp(`^${files[1]!.replace(/[.\\]/g, "\\$&")}: 読めないか PDF ではありません / cannot be read or is not a PDF \\(.+\\)$`));
    expect(lines[3]).toBe(`${files[2]}: OK（指摘なし / no findings）`);
    expect(lines[4]).toMatch(/missing\.pdf: 読めないか PDF ではありません .*ENOENT/);
    expect(lines[5]).toBe("4 ファイル中 3 ファイルに指摘 / 3 of 4 files with findings");
  });

  it("checks every PDF under the output folder when no file is named, and says when there is none", async () => {
    const { code, lines } = await run([], dir);
    expect(code).toBe(1);
    expect(lines.filter((l) => !l.startsWith("  ")).map((l) => l.split(":")[0])).toEqual([
      path.join(dir, "broken.pdf"), path.join(dir, "departments", "good.pdf"), path.join(dir, "no-lang.pdf"), "3 ファイル中 2 ファイルに指摘 / 2 of 3 files with findings",
    ]);
    const empty = mkdtempSync(path.join(tmpdir(), "pp-a11y-empty-"));
    expect((await run([], empty)).lines).toEqual([`${empty}/ に PDF がありません。先に npm start で作るか、ファイルを指定してください / no PDF under ${empty}/: run npm start first or name the files`]);
  });
});
