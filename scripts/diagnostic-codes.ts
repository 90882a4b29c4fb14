// Rewrites the diagnostic-code table of README.md (between its markers) from the catalog, so the
// README lists every code with an example. Run with `npm run codes`.
import { readFileSync, writeFileSync } from "node:fs";
import { CATALOG, type CodeSpec } from "../src/diagnostics/catalog.js";

const rows = Object.entries(CATALOG as Record<string, CodeSpec>).map(([code, spec]) =>
  `| ${code} | ${spec.severity} | ${spec.ja(spec.example).replace(/\|/g, "｜")} |`);
const table = ["| code | severity | example |", "|---|---|---|", ...rows].join("\n");
const readme = readFileSync("README.md", "utf8");
const next = readme.replace(/(<!-- codes:start -->)[\s\S]*?(<!-- codes:end -->)/, `$1\n${table}\n$2`);
writeFileSync("README.md", next);
console.log(`README.md: ${rows.length} codes`);
