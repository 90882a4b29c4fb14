// Bundles the CLI (src/cli.ts and every dependency) into one CommonJS file, dist/bundle/cli.js, for
// bin/planpress.js: one run then reads one file instead of resolving ~400 modules, and one CommonJS
// file can be compiled through `vm.Script` with a V8 code cache (an ES module cannot take cached
// data on Node 20; scripts/code-cache.mjs makes the cache). Renderers are still initialised only
// when a command needs them (esbuild keeps a dynamic import() lazy). A worker thread runs
// the same file (bin/worker.js). `npm install` runs this through `prepare`; without a bundle
// bin/planpress.js uses tsc's dist/src/.
import { build } from "esbuild";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

rmSync("dist/bundle", { recursive: true, force: true });
mkdirSync("dist/bundle", { recursive: true });
// The package is "type": "module"; the bundle is CommonJS.
writeFileSync("dist/bundle/package.json", '{ "type": "commonjs" }\n');

// BudouX's index imports its HTML processor too, and with it a DOM library (linkedom, cssomnom)
// that is initialised whenever the index is: planpress uses only the parser and the Japanese
// model, so the bundle takes those two files (its exports map names no deeper path).
const budouxParserOnly = {
  name: "budoux-parser-only",
  setup(b) {
    b.onResolve({ filter: /^budoux$/ }, () => ({ path: "budoux", namespace: "budoux-parser-only" }));
    b.onLoad({ filter: /.*/, namespace: "budoux-parser-only" }, () => ({
      contents: 'export { Parser } from "./module/parser.js"; export { model as jaModel } from "./module/data/models/ja.js";',
      resolveDir: path.resolve("node_modules/budoux"),
      loader: "js",
    }));
  },
};

// pdfkit requires fontkit (its CommonJS build); planpress's own `import "fontkit"` would bundle
// the ES build as a second copy, initialised too. One copy: the one pdfkit uses.
const oneFontkit = {
  name: "one-fontkit",
  setup(b) {
    b.onResolve({ filter: /^fontkit$/ }, () => ({ path: path.resolve("node_modules/fontkit/dist/main.cjs") }));
  },
};

await build({
  entryPoints: ["src/cli.ts"],
  plugins: [budouxParserOnly, oneFontkit],
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  outdir: "dist/bundle",
  entryNames: "[name]",
  logLevel: "warning",
  // No comments or indentation: a third less to read at each start (9.4 → 6.2 MB). Names are kept
  // (no minifyIdentifiers) so stack traces of a planpress bug stay readable.
  minifyWhitespace: true,
  // import.meta has no meaning in CommonJS: its url is this file's (paths.ts finds the package
  // root from it, speed.ts and theme/load.ts resolve packages).
  define: { "import.meta.url": "__ppImportMetaUrl" },
  banner: { js: 'var __ppImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
});

// esbuild writes non-ASCII characters as \u escapes everywhere but in regular expression literals;
// escaped there too (same meaning, with or without the u flag), the file is ASCII and Node makes a
// one-byte string of it at once, instead of decoding 6 MB of UTF-8 into two-byte text (~0.2 s).
for (const file of ["dist/bundle/cli.js"]) {
  const text = readFileSync(file, "utf8");
  // an escaped non-ASCII character (/\　/) would need its backslash handled: none today
  if (/\\[^\x00-\x7f]/.test(text)) throw new Error(`${file}: a backslash before a non-ASCII character`);
  writeFileSync(file, text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`));
}
