// Bundles the CLI (src/cli.ts and every dependency) into dist/bundle/ for bin/planpress.js: one
// run then loads a few files instead of resolving ~400 modules, which is most of the start-up.
// Renderers stay separate chunks loaded on demand (exceljs only when a workbook is written).
// `npm install` runs it through `prepare`; without it bin/planpress.js uses tsc's dist/src/.
import { build } from "esbuild";

await build({
  entryPoints: ["src/cli.ts", "src/render/worker.ts"],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  splitting: true,
  outdir: "dist/bundle",
  entryNames: "[name]",
  chunkNames: "chunks/[name]-[hash]",
  logLevel: "warning",
  // CommonJS dependencies (pdfmake's virtual file system, handlebars) expect these in an ES module.
  banner: {
    js: [
      'import { createRequire as __ppRequire } from "node:module";',
      'import { fileURLToPath as __ppPath } from "node:url";',
      'import { dirname as __ppDir } from "node:path";',
      "const require = __ppRequire(import.meta.url);",
      "const __filename = __ppPath(import.meta.url);",
      "const __dirname = __ppDir(__filename);",
    ].join(" "),
  },
});
