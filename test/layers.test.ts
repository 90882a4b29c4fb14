// The layer rules (.dependency-cruiser.cjs) as part of `npm test`: the source keeps them, and the
// rules do catch what they forbid (a small tree that breaks each, so this test cannot pass vacuously).
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { cruise, type ICruiseResult, type IConfiguration } from "dependency-cruiser";
import { describe, expect, it } from "vitest";

const config = createRequire(import.meta.url)("../.dependency-cruiser.cjs") as IConfiguration;

async function violations(baseDir: string, tsConfig?: string): Promise<string[]> {
  const options = { ...config.options, validate: true, ruleSet: { forbidden: config.forbidden }, baseDir };
  if (!tsConfig) delete options.tsConfig;
  const result = await cruise(["src"], options);
  return (result.output as ICruiseResult).summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
}

describe("layer rules", () => {
  it("hold for src/: nothing below render/ imports it, render/ reads no input, no cycles", async () => {
    expect(await violations(process.cwd(), "tsconfig.json")).toEqual([]);
  }, 60_000);

  it("catch a view importing render/, render/ importing ingest/ or the returns' reader, and a type-only loop", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "pp-layers-"));
    const files: Record<string, string> = {
      "src/views/v.ts": 'import { r } from "../render/r";\nexport const v = r;\n',
      "src/render/r.ts": 'import { i } from "../ingest/i";\nimport { readReturnsDir } from "../progress/read-dir";\nexport const r = i + readReturnsDir;\n',
      "src/ingest/i.ts": "export const i = 1;\n",
      "src/progress/read-dir.ts": "export const readReturnsDir = 2;\n",
      "src/normalise/a.ts": 'import type { B } from "./b";\nexport interface A { b?: B }\n',
      "src/normalise/b.ts": 'import type { A } from "./a";\nexport interface B { a?: A }\n',
    };
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    const found = await violations(dir);
    expect(found).toEqual(expect.arrayContaining([
      "stages-do-not-import-render: src/views/v.ts → src/render/r.ts",
      "render-reads-no-input: src/render/r.ts → src/ingest/i.ts",
      "render-reads-no-input: src/render/r.ts → src/progress/read-dir.ts",
      "no-cycles: src/normalise/a.ts → src/normalise/b.ts",
    ]));
  }, 60_000);
});
