// Where planpress's own files live. Templates, theme and fonts are looked up in the folder the
// user runs from first (staff edit templates/ there), else in the installed package.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

function findPackageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, "package.json")) && existsSync(path.join(dir, "templates"))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
}

export const packageRoot = findPackageRoot();

export function projectRootFor(cwd = process.cwd()): string {
  return existsSync(path.join(cwd, "templates", "theme.json")) ? cwd : packageRoot;
}
