// Whole planpress processes for the robustness tests: started like a user starts them, stopped
// if they hang, with their exit code and stderr.
import { spawn } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { projectRoot } from "../helpers/context.js";

export interface ProcessResult { code: number | null; signal: NodeJS.Signals | null; stderr: string; stdout: string; ms: number; timedOut: boolean }

export interface RunOptions { env?: NodeJS.ProcessEnv; timeoutMs?: number; cwd?: string }

export function planpress(args: string[], opts: RunOptions & { entry?: string } = {}): Promise<ProcessResult> {
  const entry = path.join(projectRoot, opts.entry ?? "test/robustness/cli-entry.ts");
  // tsx by its file: a run in another folder (a city's project) would not find the package
  return node(["--import", pathToFileURL(path.join(projectRoot, "node_modules/tsx/dist/loader.mjs")).href, entry, ...args], opts);
}

/**
 * A node process with `args`. Asynchronous on purpose: a test worker blocked in spawnSync for a
 * minute on a loaded machine misses vitest's own messages ("Timeout calling onTaskUpdate").
 */
export function node(args: string[], opts: RunOptions = {}): Promise<ProcessResult> {
  const t = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd: opts.cwd ?? projectRoot, env: { ...process.env, ...opts.env },
    });
    let stdout = "", stderr = "", timedOut = false;
    child.stdout.on("data", (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on("data", (d: Buffer) => { stderr += d.toString(); });
    const timer = setTimeout(() => { timedOut = true; child.kill("SIGKILL"); }, opts.timeoutMs ?? 60_000);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr, stdout, ms: performance.now() - t, timedOut });
    });
  });
}

/** Runs `jobs` with at most `limit` at a time (the test machine has two cores). */
export async function pool<T>(jobs: (() => Promise<T>)[], limit = 2): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < jobs.length) {
      const i = next++;
      out[i] = await jobs[i]!();
    }
  }));
  return out;
}
