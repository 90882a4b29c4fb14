// The seed's documents as makeRenderContext() renders them, rendered once per test run and shared
// by the test files that only read them (each file runs in its own process). The first file that
// asks renders and leaves them under test-results/seed-documents/<kind>/; a file asking while
// another renders waits for it. The global set-up (test/setup/seed-model.ts) empties the folder,
// so a run never reads documents of older sources. A test that changes the context or checks
// that rendering again gives the same bytes still renders itself.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { OutputFile, RenderContext } from "../../src/context.js";
import type { Plan } from "../../src/model/schema.js";
import { renderBooklet } from "../../src/render/booklet.js";
import { renderDepartments } from "../../src/render/departments.js";
import { renderForms } from "../../src/render/forms.js";
import { renderGantt } from "../../src/render/gantt.js";
import { makeRenderContext, projectRoot, seedPlan } from "./context.js";

export const SEED_DOCUMENTS = path.join(projectRoot, "test-results/seed-documents");

const RENDERERS = {
  booklet: renderBooklet,
  gantt: renderGantt,
  departments: renderDepartments,
  "forms-2026": (plan: Plan, ctx: RenderContext) => renderForms(plan, ctx, 2026),
} satisfies Record<string, (plan: Plan, ctx: RenderContext) => Promise<OutputFile[]>>;

export type SeedDocument = keyof typeof RENDERERS;

const inProcess = new Map<SeedDocument, Promise<OutputFile[]>>();

/** The files `kind` renders from the seed with makeRenderContext(), in the renderer's order. */
export function seedDocuments(kind: SeedDocument): Promise<OutputFile[]> {
  let files = inProcess.get(kind);
  if (!files) inProcess.set(kind, files = shared(kind));
  return files;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
};

async function shared(kind: SeedDocument): Promise<OutputFile[]> {
  const dir = path.join(SEED_DOCUMENTS, kind);
  const lock = `${dir}.lock`;
  mkdirSync(SEED_DOCUMENTS, { recursive: true });
  for (;;) {
    if (existsSync(dir)) return read(dir);
    try {
      mkdirSync(lock);
    } catch {
      // Another test file renders it: wait, unless its process died (then take the lock over).
      const holder = Number(readIfThere(path.join(lock, "pid")));
      if (holder && !alive(holder)) rmSync(lock, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 100));
      continue;
    }
    try {
      writeFileSync(path.join(lock, "pid"), String(process.pid));
      if (existsSync(dir)) return read(dir);
      const files = await RENDERERS[kind](seedPlan(), makeRenderContext());
      const tmp = `${dir}.${process.pid}.tmp`;
      for (const f of files) {
        mkdirSync(path.dirname(path.join(tmp, f.path)), { recursive: true });
        writeFileSync(path.join(tmp, f.path), f.data);
      }
      writeFileSync(path.join(tmp, "files.json"), JSON.stringify(files.map(({ path: p, producer }) => ({ path: p, producer }))));
      renameSync(tmp, dir);
      return files;
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

function readIfThere(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

function read(dir: string): OutputFile[] {
  const list = JSON.parse(readFileSync(path.join(dir, "files.json"), "utf8")) as { path: string; producer?: string }[];
  return list.map((f) => ({ ...f, data: new Uint8Array(readFileSync(path.join(dir, f.path))) }));
}
