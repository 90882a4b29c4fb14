// The README lists every diagnostic code with an example (regenerate with `npm run codes`).
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { CATALOG } from "../src/diagnostics/catalog.js";

it("README lists every diagnostic code", () => {
  const readme = readFileSync("README.md", "utf8");
  const missing = Object.keys(CATALOG).filter((code) => !readme.includes(`| ${code} |`));
  expect(missing).toEqual([]);
  for (const cmd of ["npm install", "npm start", "npm test"]) expect(readme).toContain(cmd);
});
