// The seed's documents as makeRenderContext() renders them, rendered once per test run and shared
// by the test files that only read them. In a worker process the files share this module; across
// the workers, the first file that asks renders and leaves them under
// test-results/seed-documents/<kind>/, and a file asking while another renders waits for it (a lock
// folder beside). The global set-up (test/setup/seed-model.ts) empties the folder, so a run never
// reads documents of older sources. A test that changes the context, or checks that rendering
// again gives the same bytes, still renders itself.
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function shared(kind: SeedDocument): Promise<OutputFile[]> {
  const dir = path.join(SEED_DOCUMENTS, kind);
  const lock = `${dir}.lock`;
  mkdirSync(SEED_DOCUMENTS, { recursive: true });
  // Another test file renders it: wait for its files, for a minute at most (it may have died).
  for (const until = Date.now() + 60_000; !existsSync(dir) && existsSync(lock) && Date.now() < until;) await sleep(100);
  if (existsSync(dir)) return read(dir);
  let mine = false;
  try {
    mkdirSync(lock);
    mine = true;
  } catch {
    // still held (a slow or dead holder, or one that came first just now): render here, share nothing
  }
  try {
    const files = await RENDERERS[kind](seedPlan(), makeRenderContext());
    if (mine) {
      const tmp = `${dir}.${process.pid}.tmp`;
      for (const f of files) {
        mkdirSync(path.dirname(path.join(tmp, f.path)), { recursive: true });
        writeFileSync(path.join(tmp, f.path), f.data);
      }
      writeFileSync(path.join(tmp, "files.json"), JSON.stringify(files.map(({ path: p, producer }) => ({ path: p, producer }))));
      renameSync(tmp, dir);
    }
    return files;
  } finally {
    if (mine) rmSync(lock, { recursive: true, force: true });
  }
}

function read(dir: string): OutputFile[] {
  const list = JSON.parse(readFileSync(path.join(dir, "files.json"), "utf8")) as { path: string; producer?: string }[];
  return list.map((f) => ({ ...f, data: new Uint8Array(readFileSync(path.join(dir, f.path))) }));
}
