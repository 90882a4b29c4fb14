// The report of `npm run a11y [files...]` (scripts/a11y.ts): the checks on any PDF, by default
// every PDF under out/; per file OK or its findings (page, element, Japanese and English).
// Exit code 1 when a file has a finding or cannot be read.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { checkPdf, type Finding } from "./checks.js";

/** More findings than this per file are counted, not listed: the first ones show what to fix. */
const LISTED = 30;

function pdfsUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.toLowerCase().endsWith(".pdf"))
    .map((f) => path.join(dir, f))
    .sort();
}

const line = (f: Finding): string => {
  const place = [f.page === undefined ? "" : `p.${f.page}`, f.element ?? ""].filter(Boolean).join(" ");
  return `  ${place ? `${place}: ` : ""}${f.ja} / ${f.en} [${f.code}]`;
};

export async function a11yReport(args: string[], { outDir = "out", print = console.log }: { outDir?: string; print?: (line: string) => void } = {}): Promise<number> {
  let files = args;
  if (files.length === 0) {
    try {
      files = pdfsUnder(outDir);
    } catch {
      files = [];
    }
    if (files.length === 0) {
      print(`${outDir}/ に PDF がありません。先に npm start で作るか、ファイルを指定してください / no PDF under ${outDir}/: run npm start first or name the files`);
      return 1;
    }
  }
  let failed = 0;
  for (const file of files) {
    let findings: Finding[];
    try {
      findings = (await checkPdf(readFileSync(file))).findings;
    } catch (error) {
      print(`${file}: 読めないか PDF ではありません / cannot be read or is not a PDF (${(error as Error).message})`);
      failed++;
      continue;
    }
    if (findings.length === 0) {
      print(`${file}: OK（指摘なし / no findings）`);
      continue;
    }
    failed++;
    print(`${file}: 指摘 ${findings.length} 件 / ${findings.length} finding${findings.length === 1 ? "" : "s"}`);
    for (const f of findings.slice(0, LISTED)) print(line(f));
    if (findings.length > LISTED) print(`  … ほか ${findings.length - LISTED} 件 / ${findings.length - LISTED} more`);
  }
  if (files.length > 1) print(`${files.length} ファイル中 ${failed} ファイルに指摘 / ${failed} of ${files.length} files with findings`);
  return failed ? 1 : 0;
}
