import { readFileSync } from "node:fs";
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";
const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(process.argv[2]!)), verbosity: 0 }).promise;
for (let i = 1; i <= doc.numPages; i++) {
  const c = await (await doc.getPage(i)).getTextContent();
  for (const it of c.items as any[]) if (/[あいう\u0000]/u.test(it.str) || it.str.includes("野")) console.log(JSON.stringify([it.str, it.transform[4], it.width]));
}
