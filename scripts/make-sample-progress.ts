// Makes data/progress/: a FICTIONAL set of returned progress forms for 令和8年度, for trying
// `planpress progress` and for training. The forms carry the sample flag in their metadata, every
// 実績 says 見本, and any report built from them is marked 見本 on every page.
// Run: npx vite-node scripts/make-sample-progress.ts  (the forms come from the real form renderer)
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { defaultConfig } from "../src/config/schema.js";
import { DiagnosticBag } from "../src/diagnostics/bag.js";
import { loadPlan } from "../src/pipeline.js";
import { makeRenderContext, projectRoot as root } from "../test/helpers/context.js";
import { makeSampleReturns } from "../test/helpers/progress-returns.js";

const config = defaultConfig();
const plan = await loadPlan(path.join(root, "data/plan.tsv"), { config, bag: new DiagnosticBag("ja") });
const ctx = makeRenderContext();
const dir = path.join(root, "data/progress");
mkdirSync(dir, { recursive: true });
for (const f of readdirSync(dir)) if (f.endsWith(".xlsx")) rmSync(path.join(dir, f));
for (const f of await makeSampleReturns(plan, ctx, 2026)) writeFileSync(path.join(dir, f.path), f.data);
writeFileSync(path.join(dir, "README.txt"), "見本（架空のデータ）です。市の実際の進捗ではありません。\n"
  + "scripts/make-sample-progress.ts で作成。planpress progress --year R8 --input data/progress で見本の報告書（全ページに「見本」）を作れます。\n");
