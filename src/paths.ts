// Where planpress's own files live. Templates, theme and fonts are looked up in the folder the
// user runs from first (staff edit templates/ there), else in the installed package.
import { type Dirent, existsSync, readdirSync, statSync } from "node:fs";
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

/**
 * The folder whose templates/ a run uses: the one planpress runs in when it has planpress's
 * templates/ folder (its theme.json missing is then said: a theme メモ帳 saved as theme.json.txt
 * had sent every run to the package's templates, the city's edits passed over without a word),
 * else the package's. A templates/ folder of other things (a city's Word templates) is not ours.
 */
export function projectRootFor(cwd = process.cwd()): string {
  const templates = path.join(cwd, "templates");
  return existsSync(path.join(templates, "theme.json")) || ourTemplates(templates) ? cwd : packageRoot;
}

/** The names planpress's templates/ holds: the theme and wording (however saved), a document's folder. */
const OUR_NAMES = /^(?:theme\.json|wording\.json)|^(?:booklet|gantt|department|compare|progress|workbook|forms)$/iu;

function ourTemplates(dir: string): boolean {
  try { return statSync(dir).isDirectory() && readdirSync(dir).some((name) => OUR_NAMES.test(name)); } catch { return false; }
}

/** A folder and the folders under it, `depth` levels down (templates/ and one folder a document), by name. */
export function foldersUnder(dir: string, depth = 3): string[] {
  let entries: Dirent[];
  try { entries = readdirSync(dir, { withFileTypes: true }); } catch { return []; }
  const folders = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return [dir, ...(depth > 0 ? folders.flatMap((name) => foldersUnder(path.join(dir, name), depth - 1)) : [])];
}
