// The output stage: every file of a run is written to a temporary name first and renamed into
// place only when all of them were written, so a failed run leaves earlier outputs untouched.
import { existsSync } from "node:fs";
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { OutputError } from "../errors.js";
import type { OutputFile } from "../render/context.js";

/** The absolute path of `rel` inside `outDir`; a path that would leave the folder is refused. */
export function insideOutDir(outDir: string, rel: string): string {
  const root = path.resolve(outDir);
  const full = path.resolve(root, rel);
  if (full !== root && !full.startsWith(root + path.sep)) throw new OutputError(rel, "outside the output folder");
  return full;
}

/**
 * The folder and any missing parents, one level at a time: Node's recursive mkdir never returns
 * where a parent refuses new folders without saying so (`-o /proc/x` hung the run).
 */
async function makeFolder(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let d = dir; !existsSync(d) && path.dirname(d) !== d; d = path.dirname(d)) missing.unshift(d);
  for (const d of missing) {
    await mkdir(d).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== "EEXIST") throw e;
    });
  }
}

/** Removes a temporary file if it is there; cleaning up never hides the error being reported. */
const discard = (file: string): Promise<void> => rm(file, { force: true }).catch(() => undefined);

export async function writeOutputs(outDir: string, files: readonly OutputFile[]): Promise<string[]> {
  const staged: { tmp: string; final: string }[] = [];
  const suffix = `.planpress-${process.pid}.tmp`;
  try {
    for (const f of files) {
      const final = insideOutDir(outDir, f.path);
      await makeFolder(path.dirname(final));
      const tmp = final + suffix;
      staged.push({ tmp, final });
      await writeFile(tmp, f.data);
    }
  } catch (e) {
    await Promise.all(staged.map((s) => discard(s.tmp)));
    if (e instanceof OutputError) throw e;
    const err = e as NodeJS.ErrnoException;
    throw new OutputError(staged[staged.length - 1]?.final ?? outDir, err.code ?? err.message);
  }
  // A folder where a file should go fails the run before any earlier output is replaced.
  for (const s of staged) {
    const info = await stat(s.final).catch(() => null);
    if (info?.isDirectory()) {
      await Promise.all(staged.map((x) => discard(x.tmp)));
      throw new OutputError(s.final, "EISDIR");
    }
  }
  // Earlier outputs are moved aside, not overwritten, so a rename that fails midway can put
  // every one of them back.
  const moved: { final: string; backup: string | null }[] = [];
  try {
    for (const s of staged) {
      const backup = existsSync(s.final) ? s.final + `.planpress-${process.pid}.old` : null;
      if (backup) await rename(s.final, backup);
      moved.push({ final: s.final, backup });
      await rename(s.tmp, s.final);
    }
  } catch (e) {
    for (const m of moved.reverse()) {
      if (m.backup) await rename(m.backup, m.final).catch(() => undefined);
      else await discard(m.final);
    }
    await Promise.all(staged.map((x) => discard(x.tmp)));
    throw new OutputError(moved[0]?.final ?? outDir, (e as NodeJS.ErrnoException).code ?? (e as Error).message);
  }
  await Promise.all(moved.map((m) => (m.backup ? rm(m.backup, { force: true }) : undefined)));
  return staged.map((s) => s.final);
}
