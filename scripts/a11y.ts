// `npm run a11y [files...]`: the accessibility checks (scripts/a11y/checks.ts) on any PDF, by
// default every PDF under out/. Prints per file OK or its findings (page, element, Japanese and
// English); exit 1 when a file has a finding or cannot be read. Kept out of the shipped CLI
// because it needs pdfjs-dist, a devDependency.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { checkPdf, type Finding } from "./a11y/checks.js";

/** More findings than this per file are counted, not listed: the first ones show what to fix. */
const LISTED = 30;

function pdfsUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.toLowerCase().endsWith(".pdf"))
    .map((f) => path.join(dir, f))
    .sort();
}

const line = (f: Finding): string =>
  `  ${[f.page === undefined ? "" : `p.${f.page}`, f.element ?? ""].filter(Boolean).join(" ")}${f.page !== undefined || f.element ? ": " : ""}${f.ja} / ${f.en} [${f.code}]`;

async function main(args: string[]): Promise<number> {
  let files = args;
  if (files.length === 0) {
    try {
      files = pdfsUnder("out");
    } catch {
      files = [];
    }
    if (files.length === 0) {
      console.error("out/ に PDF がありません。先に npm start で作るか、ファイルを指定してください / no PDF under out/: run npm start first or name the files");
      return 1;
    }
  }
  let failed = 0;
  for (const file of files) {
    let findings: Finding[];
    try {
      findings = (await checkPdf(readFileSync(file))).findings;
    } catch (error) {
      console.log(`${file}: PDF として読めません / cannot be read as a PDF (${(error as Error).message})`);
      failed++;
      continue;
    }
    if (findings.length === 0) {
      console.log(`${file}: OK（指摘なし / no findings）`);
      continue;
    }
    failed++;
    console.log(`${file}: 指摘 ${findings.length} 件 / ${findings.length} findings`);
    for (const f of findings.slice(0, LISTED)) console.log(line(f));
    if (findings.length > LISTED) console.log(`  … ほか ${findings.length - LISTED} 件 / ${findings.length - LISTED} more`);
  }
  if (files.length > 1) console.log(`${files.length} ファイル中 ${failed} ファイルに指摘 / ${failed} of ${files.length} files with findings`);
  return failed ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
