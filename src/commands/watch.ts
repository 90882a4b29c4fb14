// planpress watch [input] [-o dir] [--only kinds]: build once, then rebuild in the same (warm)
// process whenever the plan, the config, a template, the theme or a wording file changes. Only
// outputs whose bytes changed are written; a broken edit keeps the previous outputs.
import { type FSWatcher, statSync, watch as fsWatch } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { DEFAULT_CONFIG_PATH } from "../config/load.js";
import { formatDiagnostics, summary } from "../diagnostics/format.js";
import { insideOutDir } from "../output/write.js";
import { foldersUnder, projectRootFor } from "../paths.js";
import type { OutputFile } from "../context.js";
import { DEFAULT_INPUT, type GlobalOptions, planToRender, run, type Session, writeAll } from "./common.js";
import { ALL_DOCUMENTS, type DocumentKind, envNumber, renderDocuments, startThread } from "./render.js";

export interface WatchOptions extends GlobalOptions {
  output?: string;
  only?: string;
  /**
   * Milliseconds of quiet after the last change before a rebuild. An editor's save is a burst of
   * events a few milliseconds apart (write, rename); a file half written when the rebuild reads it
   * gives diagnostics or a short plan, and its last write brings the rebuild that counts.
   */
  debounce?: number;
  /** Tests stop the watcher through this instead of a signal. */
  signal?: AbortSignal;
}

/** The template folder each document is laid out from: an edit there rebuilds that document only. */
const TEMPLATE_FOLDER: Record<DocumentKind, string> = {
  booklet: "booklet", gantt: "gantt", departments: "department", workbook: "workbook",
};

/** `--only booklet,gantt` → the kinds, or null when a name is not a document. */
export function parseOnly(value: string | undefined): DocumentKind[] | null {
  if (!value) return [...ALL_DOCUMENTS];
  const names = value.split(/[,\s]+/).filter(Boolean);
  return names.every((n): n is DocumentKind => (ALL_DOCUMENTS as string[]).includes(n)) ? [...new Set(names)] : null;
}

/**
 * The documents a set of changed files affects: a file inside one document's template folder
 * rebuilds that document; anything else (plan, config, theme, another template) rebuilds all.
 */
export function affectedKinds(changed: Iterable<string>, templatesDir: string, kinds: readonly DocumentKind[]): DocumentKind[] {
  const hit = new Set<DocumentKind>();
  for (const file of changed) {
    const rel = path.relative(templatesDir, file).split(path.sep);
    const only = kinds.find((k) => rel.length > 1 && rel[0] === TEMPLATE_FOLDER[k]);
    if (!only) return [...kinds];
    hit.add(only);
  }
  return kinds.filter((k) => hit.has(k));
}

/** The files whose bytes differ from what is in the output folder now. */
async function changedOutputs(outDir: string, files: OutputFile[]): Promise<OutputFile[]> {
  const differs = await Promise.all(files.map(async (f) => {
    const old = await readFile(insideOutDir(outDir, f.path)).catch(() => null);
    return !old || !Buffer.from(f.data.buffer, f.data.byteOffset, f.data.byteLength).equals(old);
  }));
  return files.filter((_, i) => differs[i]);
}

/**
 * How long watch waits after the last change it sees before it rebuilds. An editor's save is a
 * burst a few ms long (a write, or a new file renamed over the old one). 150 ms made the booklet's
 * rebuild wait half as long again as it took, 50 ms a sixth (README "Benchmark"). A save still
 * being written when the wait ends is read as it is: its messages are shown, and the change that
 * ends it rebuilds again.
 */
export const DEBOUNCE_MS = 25;

/**
 * The young generation of watch's thread, in MB (V8's default is 48). The department files it
 * lays out live until they are drawn, so a quarter to a half of its young objects survive each
 * scavenge; with room for a whole rebuild's, a seed rebuild of everything took 11–16 % less
 * (1,692–1,732 → 1,452–1,502 ms) for about 100 MB more. Only for a plan file up to
 * WATCH_THREAD_YOUNG_MAX_BYTES, the limit bin/planpress.js calls a small plan (SMALL_PLAN_BYTES;
 * both are read before the plan is): at 1,000 projects (625 kB) it gained nothing measurable and
 * took 200 MB more (peak 1.42 → 1.61 GB). Not for one-off builds: their first scavenges of a
 * larger space cost more than they save (seed build 3.5 → 3.9 s).
 */
const WATCH_THREAD_YOUNG_MB = 192;
const WATCH_THREAD_YOUNG_MAX_BYTES = 256 * 1024;

/** Watch's thread's young generation for the plan file `plan` (V8's default when it is large or cannot be read). */
function threadLimits(plan: string): { maxYoungGenerationSizeMb: number } | null {
  let size: number;
  try {
    size = statSync(plan).size;
  } catch {
    return null;
  }
  return size <= WATCH_THREAD_YOUNG_MAX_BYTES ? { maxYoungGenerationSizeMb: WATCH_THREAD_YOUNG_MB } : null;
}

/** How often watch builds its documents again after the first build, while nothing is edited. */
export const WARM_UPS = 3;
export const WARM_UP_MAX_MS = 10_000;

const clock = (): string => new Date().toTimeString().slice(0, 8);

export function watch(input: string | undefined, opts: WatchOptions): Promise<number> {
  const lang = opts.lang === "en" ? "en" : "ja";
  const kinds = parseOnly(opts.only);
  if (!kinds) {
    process.stderr.write(lang === "ja"
      ? `エラー: --only に使えるのは ${ALL_DOCUMENTS.join(", ")} です（「${opts.only}」）。\n`
      : `error: --only takes ${ALL_DOCUMENTS.join(", ")} ("${opts.only}")\n`);
    return Promise.resolve(1);
  }
  const outDir = opts.output ?? "out";
  const plan = path.resolve(input ?? DEFAULT_INPUT);
  const config = path.resolve(opts.config ?? DEFAULT_CONFIG_PATH);
  const templatesDir = path.join(projectRootFor(), "templates");
  let lastDiagnostics = "";

  // Diagnostics are printed when they differ from the last build's: the seed's 30-odd warnings
  // once, not after every save.
  const printDiagnostics = (s: Session): void => {
    const text = s.bag.items.length ? `${formatDiagnostics(s.bag.items, s.lang)}\n${summary(s.bag.items, s.lang)}\n` : "";
    if (text !== lastDiagnostics) process.stderr.write(text);
    lastDiagnostics = text;
  };

  // One worker thread for every rebuild (started by bin/planpress.js only; tests run in-process):
  // it stays warm, as this process does.
  const thread = kinds.includes("departments") ? startThread(threadLimits(plan)) : null;

  /**
   * Builds `which` and writes what changed, with one line on stderr; `warming`: builds only, to
   * warm the process up (nothing written or told, unless its diagnostics changed).
   */
  const rebuild = async (which: DocumentKind[], warming = false): Promise<boolean> => {
    const started = performance.now();
    let wrote: string[] = [];
    let unchanged = 0;
    const code = await run({ ...opts }, async (s) => {
      const { plan: model, ctx } = await planToRender(s, input, { pdf: which.some((k) => k !== "workbook") });
      // The department files in the warm worker thread kept for the whole watch, the rest here.
      const files = await renderDocuments(model, ctx, which, { worker: thread ?? false });
      if (warming) return;
      const changed = await changedOutputs(outDir, files);
      unchanged = files.length - changed.length;
      // Files left in place are still this run's: the manifest keeps them, they are never stale.
      await writeAll(s, outDir, changed, { unchanged: files.filter((f) => !changed.includes(f)) });
      wrote = s.written ?? [];
      delete s.written; // told below, in the rebuild's one line
    }, { printDiagnostics });
    if (warming) return code === 0;
    const ms = Math.round(performance.now() - started);
    const docs = which.join(", ");
    if (code !== 0) {
      process.stderr.write(lang === "ja"
        ? `[${clock()}] ${docs}: 作れませんでした（${ms} ms）。以前の出力はそのままです。直して保存すると作り直します。\n`
        : `[${clock()}] ${docs}: not rebuilt (${ms} ms); earlier outputs kept. Save a fix to rebuild.\n`);
      return false;
    }
    const list = wrote.length ? wrote.map((w) => path.basename(w)).slice(0, 6).join(", ") + (wrote.length > 6 ? ", …" : "") : "";
    process.stderr.write(lang === "ja"
      ? `[${clock()}] ${docs}: ${ms} ms、${wrote.length} 個を更新${list ? `（${list}）` : ""}、${unchanged} 個は変更なし\n`
      : `[${clock()}] ${docs}: ${ms} ms, ${wrote.length} updated${list ? ` (${list})` : ""}, ${unchanged} unchanged\n`);
    return true;
  };

  return new Promise<number>((resolve) => {
    const pending = new Set<string>();
    let timer: NodeJS.Timeout | undefined;
    const firstStarted = performance.now();
    let building: Promise<unknown> = rebuild(kinds);
    let stopping = false;

    // Saves that come while a rebuild runs are one rebuild after it, not one each (six saves during
    // a long build had queued six whole rebuilds, the last ones writing nothing).
    let queued: Set<string> | null = null;
    const flush = (): void => {
      timer = undefined;
      const changed = [...pending];
      pending.clear();
      if (queued) { for (const f of changed) queued.add(f); return; }
      const next = (queued = new Set(changed));
      building = building.then(() => {
        queued = null;
        return stopping ? undefined : rebuild(affectedKinds([...next], templatesDir, kinds));
      });
    };
    let changes = 0;
    const changedFile = (file: string): void => {
      if (stopping) return;
      changes++;
      pending.add(file);
      clearTimeout(timer);
      timer = setTimeout(flush, opts.debounce ?? DEBOUNCE_MS);
    };

    // Folders are watched, not files: an editor that saves by writing a new file and renaming it
    // over the old one replaces the file a file watcher was attached to.
    const watchers: FSWatcher[] = [];
    const watchFolder = (dir: string, accept: (file: string) => boolean): void => {
      try {
        const w = fsWatch(dir, (_event, name) => {
          if (!name) return;
          const file = path.join(dir, name.toString());
          if (accept(file)) changedFile(file);
        });
        w.on("error", () => undefined); // a folder removed while watched: nothing more to see there
        watchers.push(w);
      } catch {
        // a folder that does not exist (no config file yet) has nothing to watch
      }
    };
    const isTemp = (file: string): boolean => /\.planpress-.*\.(tmp|old)$|~$|\.swp$|^\.#/.test(path.basename(file));
    watchFolder(path.dirname(plan), (f) => f === plan);
    watchFolder(path.dirname(config), (f) => f === config);
    // Each folder of templates/ on its own: Node 20's recursive watcher on Linux followed a file,
    // not its folder, and lost it once an editor had saved it by renaming a new file over it (a
    // template's later saves, its fix after a mistake among them, were never seen).
    for (const dir of foldersUnder(templatesDir)) watchFolder(dir, (f) => !isTemp(f) && /\.(hbs|json)$/.test(f));

    const stop = async (): Promise<void> => {
      if (stopping) return;
      stopping = true;
      clearTimeout(timer);
      for (const w of watchers) w.close();
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      // A rebuild under way finishes (its writing is all or nothing), so no temporary file stays.
      await building.catch(() => undefined);
      thread?.stop();
      resolve(0);
    };
    const onSignal = (): void => void stop();
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    opts.signal?.addEventListener("abort", onSignal, { once: true });

    void building.then((built) => {
      // bin/planpress.js makes the V8 code cache of watch's flags once a build has run (a one-off
      // build's flags differ), so the next watch starts on it.
      if (built) (globalThis as Record<symbol, (() => void) | undefined>)[Symbol.for("planpress.built")]?.();
      if (stopping) return;
      process.stderr.write(lang === "ja"
        ? `変更を待っています（${path.relative(process.cwd(), plan) || plan}、設定、templates/）。終わるには Ctrl-C。\n`
        : `watching ${path.relative(process.cwd(), plan) || plan}, the config and templates/; Ctrl-C to stop\n`);
    });
    // While nothing is edited, the documents are built again, unwritten: V8 optimises the code
    // they run, so the first edits rebuild as fast as later ones (the booklet's first rebuilds
    // took twice as long as its tenth). An edit stops it: its rebuild waits for one build at most.
    // A build longer than WARM_UP_MAX_MS (a large plan; PLANPRESS_WATCH_WARM_UP_MAX_MS overrides
    // it) warms V8 up by itself, and an edit would wait that long.
    const quiet = changes;
    building = building.then(async () => {
      let took = performance.now() - firstStarted;
      const most = envNumber(process.env.PLANPRESS_WATCH_WARM_UP_MAX_MS, (n) => n > 0) ?? WARM_UP_MAX_MS;
      for (let n = 0; n < WARM_UPS && took < most && changes === quiet && !stopping; n++) {
        const started = performance.now();
        await rebuild(kinds, true);
        took = performance.now() - started;
        if (opts.debug) process.stderr.write(`debug: warm-up build ${n + 1}/${WARM_UPS}: ${Math.round(took)} ms\n`);
      }
    });
  });
}
