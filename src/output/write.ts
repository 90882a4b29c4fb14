// The output stage. Every file of a run is written first under an unpredictable temporary name
// created exclusively (O_EXCL: a planted file or link at that name is never written through);
// then a journal lists the switch, the earlier files are moved aside and the new ones renamed into
// place; a run killed during that switch is completed by the next run that writes into the folder,
// which also removes the temporary files an earlier interrupted run left. A manifest
// (`.planpress-manifest.json`) lists what planpress wrote, so files an earlier run wrote and this
// one no longer produces are removed — only while they are unchanged — and files planpress did not
// write are never touched. Links inside the output folder are never followed, and no output may
// replace an input of the run (unless --force).
import { createHash, randomBytes } from "node:crypto";
import { existsSync, lstatSync, readFileSync, readdirSync, realpathSync, rmdirSync, statSync, unlinkSync } from "node:fs";
import { constants, hostname } from "node:os";
import { type ErrnoWords, errnoWords, readBoundedFileSync } from "../read-file.js";
import { mkdir, readFile, rename, rm, rmdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { DiagnosticBag } from "../diagnostics/bag.js";
import { OutputError, ReportedError } from "../errors.js";
import type { OutputFile } from "../context.js";
import { notAWindowsName } from "./filename.js";

export const MANIFEST = ".planpress-manifest.json";
export const JOURNAL = ".planpress-journal.json";
/** Held while a run writes into the folder: the pid of that run and the computer's name. */
export const LOCK = ".planpress.lock";
/**
 * How long a lock another computer holds counts as held: its process cannot be asked. A run writes
 * for seconds (minutes at thousands of projects); two PCs writing to one shared folder had each
 * taken the other's lock for a dead process's.
 */
const OTHER_HOST_LOCK_MS = 30 * 60 * 1000;

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
};
/** Temporary and set-aside names planpress makes (also those of versions that used the pid). */
const LEFTOVER = /\.planpress-[0-9a-f]+\.(tmp|old)$/;

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

/** Removes a file if it is there; cleaning up never hides the error being reported. */
const discard = (file: string): Promise<void> => rm(file, { force: true }).catch(() => undefined);

const lstatOrNull = (p: string) => {
  try { return lstatSync(p); } catch { return null; }
};

const sha256 = (data: Uint8Array): string => createHash("sha256").update(data).digest("hex");

/** A name beside `final` nobody can guess: `<final>.planpress-<12 hex>.<ext>`. */
const sideName = (final: string, ext: "tmp" | "old"): string => `${final}.planpress-${randomBytes(6).toString("hex")}.${ext}`;

/** Writes `data` to a new file of an unpredictable name beside `final`, never through an existing one. */
async function writeExclusive(final: string, data: Uint8Array): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const tmp = sideName(final, "tmp");
    try {
      await writeFile(tmp, data, { flag: "wx" });
      return tmp;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // A write that failed part-way (a full disk) leaves its file: ours, so it goes (EEXIST is another's).
      if (code !== "EEXIST") await discard(tmp);
      if (code !== "EEXIST" || attempt >= 5) throw e;
    }
  }
}

/** Writes a small file of ours (journal, manifest) by temporary file and rename. */
async function replaceSmall(file: string, text: string): Promise<void> {
  const tmp = await writeExclusive(file, Buffer.from(text, "utf8"));
  await rename(tmp, file);
}

/**
 * One of planpress's own files in an output folder (manifest, journal, lock), which anyone may
 * have replaced: a FIFO or a link to /dev/zero there would have been read for ever. Throws when
 * it is not a regular file of at most 64 MB.
 */
function ownText(file: string): string {
  const read = readBoundedFileSync(file, 64 * 1024 * 1024);
  if ("refused" in read) throw new Error(read.refused);
  return Buffer.from(read.bytes.buffer, read.bytes.byteOffset, read.bytes.length).toString("utf8");
}

// ---- manifest ---------------------------------------------------------------------------------

export interface ManifestEntry { path: string; producer: string; sha256: string }

/** The manifest of a folder: what planpress wrote there, by whom (booklet, forms, progress-2026 …). */
export function readManifest(outDir: string): ManifestEntry[] {
  try {
    const json = JSON.parse(ownText(path.join(outDir, MANIFEST))) as { files?: unknown };
    if (!Array.isArray(json.files)) return [];
    return json.files.filter((e): e is ManifestEntry =>
      !!e && typeof e.path === "string" && typeof e.producer === "string" && typeof e.sha256 === "string");
  } catch {
    return [];
  }
}

const manifestText = (entries: ManifestEntry[]): string =>
  `${JSON.stringify({ note: "files planpress wrote into this folder (do not edit)", files: [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) }, null, 1)}\n`;

/** `rel` of the manifest (forward slashes) as a path inside the folder, or null if it would leave it. */
function entryPath(outDir: string, rel: string): string | null {
  let full: string;
  try { full = insideOutDir(outDir, rel); } catch { return null; }
  // never through a linked folder: `sub -> ../elsewhere` had a stale `sub/x.pdf` removed outside
  const root = path.resolve(outDir);
  for (let d = path.dirname(full); d !== root && d.startsWith(root + path.sep); d = path.dirname(d)) {
    if (lstatOrNull(d)?.isSymbolicLink()) return null;
  }
  return full;
}

// ---- recovery of an interrupted run ----------------------------------------------------------

interface Step { final: string; tmp: string; backup: string }
interface Journal { steps: Step[]; remove: string[]; manifest: string }

/**
 * Completes a switch an earlier run left half done (its journal is there: every new file was
 * written before the journal was), then removes the temporary files of runs killed earlier. A file
 * set aside by an old run without a journal is put back if nothing took its name. Returns what it
 * did, for PP906.
 */
export async function recoverOutputs(outDir: string, extraDirs: readonly string[] = []): Promise<{ done: number; removed: number }> {
  const root = path.resolve(outDir);
  let done = 0, removed = 0;
  const journalFile = path.join(root, JOURNAL);
  if (lstatOrNull(journalFile)?.isFile()) {
    let journal: Journal | null = null;
    try { journal = JSON.parse(ownText(journalFile)) as Journal; } catch { journal = null; }
    if (journal && journalOfOurs(root, journal)) {
      await finishSwitch(root, journal);
      done = journal.steps.length;
    }
    await discard(journalFile);
  }
  // the lock of a run that was killed (a live run's, ours included, stays)
  const lock = path.join(root, LOCK);
  const lockStat = lstatOrNull(lock);
  if (lockStat?.isFile() && !lockHeld(lock, lockStat.mtimeMs, true)) await discard(lock);
  const dirs = new Set([root, ...extraDirs.map((d) => path.resolve(d))]);
  for (const e of readManifest(root)) {
    const full = entryPath(root, e.path);
    if (full) dirs.add(path.dirname(full));
  }
  for (const dir of dirs) {
    if (!lstatOrNull(dir)?.isDirectory()) continue; // never into a linked folder
    for (const name of readdirSync(dir)) {
      const m = LEFTOVER.exec(name);
      if (!m) continue;
      const full = path.join(dir, name);
      if (!lstatOrNull(full)?.isFile()) continue;
      const final = full.slice(0, -m[0].length);
      if (m[1] === "old" && !lstatOrNull(final)) await rename(full, final);
      else await discard(full);
      removed++;
    }
  }
  return { done, removed };
}

/**
 * Whether a journal is one planpress wrote: every path inside the folder and not through a linked
 * folder, each step's temporary and set-aside names beside its file. A journal planted in the
 * folder had files outside it removed and replaced (`../victim.txt`).
 */
function journalOfOurs(root: string, journal: Journal): boolean {
  const inside = (rel: unknown): rel is string => typeof rel === "string" && entryPath(root, rel) !== null;
  const beside = (final: string, side: unknown, ext: string): boolean =>
    typeof side === "string" && side.startsWith(`${final}.planpress-`) && LEFTOVER.test(side) && side.endsWith(`.${ext}`)
    && /^[0-9a-f]+$/.test(side.slice(final.length + ".planpress-".length, -(ext.length + 1)));
  return Array.isArray(journal.steps) && Array.isArray(journal.remove) && typeof journal.manifest === "string"
    && journal.steps.every((s) => s && inside(s.final) && beside(s.final, s.tmp, "tmp") && beside(s.final, s.backup, "old"))
    && journal.remove.every(inside);
}

/** The switch of a journal, from wherever it stopped: each step and the end are idempotent. */
async function finishSwitch(root: string, journal: Journal): Promise<void> {
  const abs = (rel: string) => path.join(root, rel);
  for (const s of journal.steps) {
    const tmp = abs(s.tmp), final = abs(s.final), backup = abs(s.backup);
    if (!lstatOrNull(tmp)) continue; // already in place
    if (lstatOrNull(final) && !lstatOrNull(backup)) await rename(final, backup);
    await rename(tmp, final);
  }
  for (const s of journal.steps) await discard(abs(s.backup));
  for (const rel of journal.remove) await discard(abs(rel));
  await replaceSmall(path.join(root, MANIFEST), journal.manifest);
}

// ---- checks before anything is written --------------------------------------------------------

export interface Protected {
  /** Input files of the run (plan, config, theme, fonts), with what they are. */
  files: { path: string; what: string }[];
  /** Input folders (progress --input/--history, templates/): nothing may be written inside. */
  folders: { path: string; what: string }[];
}

export interface WriteOptions {
  /** Reported refusals and clean-ups go here; without it a refusal is an OutputError. */
  bag?: DiagnosticBag;
  protect?: Protected;
  /** --force: replace an input or a filled form anyway. */
  force?: boolean;
  /** The producer of a file without its own (a command's name); stale files are per producer. */
  producer?: string;
  /** Keep the folder's manifest, remove stale files and recover interrupted runs (false: one file, e.g. model -o). */
  manifest?: boolean;
  /** True for an existing file that must not be replaced by this output (a filled form): PP905. */
  precious?: (final: string, existing: Uint8Array) => boolean;
  /** Files this run produced that are already in place with these bytes (not rewritten): kept in the manifest, never stale. */
  unchanged?: readonly (OutputFile & { producer?: string })[];
  /** Tests: called before each rename of the switch (a crash is simulated there). */
  onStep?: (step: number) => void;
}

const realOrResolved = (p: string): string => {
  // The real path of the nearest existing ancestor, with the rest appended.
  const rest: string[] = [];
  let cur = path.resolve(p);
  for (;;) {
    try { return path.join(realpathSync(cur), ...rest); } catch { /* not there yet */ }
    const up = path.dirname(cur);
    if (up === cur) return path.resolve(p);
    rest.unshift(path.basename(cur));
    cur = up;
  }
};

const within = (p: string, folder: string): boolean => p === folder || p.startsWith(folder + path.sep);

/**
 * A file where the output folder (or a folder inside it, departments/, or one it would be made
 * in: `-o plan.tsv/out`) should be, or null. (A file above a missing folder had been PP902 「ENOTDIR」.)
 */
function fileForFolder(root: string, finals: string[]): string | null {
  const nearestThere = (p: string): string => {
    let d = p;
    while (!existsSync(d) && path.dirname(d) !== d) d = path.dirname(d);
    return d;
  };
  const notFolder = (p: string) => { try { return !statSync(p).isDirectory(); } catch { return false; } };
  return [root, ...new Set(finals.map((f) => path.dirname(f)))].map(nearestThere).find(notFolder) ?? null;
}

/**
 * `p` and its folders that are not there yet (this run would make them), deepest first. One whose
 * name Windows cannot hold is refused (PP713): it drops a trailing space or dot (`out.` is `out`),
 * `nul` is its null device, a file server's share shows such names mangled, and `-o "out "` (a
 * space typed) had written into a new folder beside the `out` staff then opened, without a word.
 */
function notYetThere(p: string): string[] {
  const out: string[] = [];
  for (let d = p; !existsSync(d) && path.dirname(d) !== d; d = path.dirname(d)) out.push(d);
  return out;
}

/**
 * Excel's lock file beside a workbook (`~$plan.xlsx`) while it is open: replacing the file under
 * Excel fails on Windows and on a Mac leaves Excel holding the old one, whose next save would
 * overwrite the new output. Its name, or null.
 */
function excelLock(final: string): string | null {
  if (!/\.xls[xm]$/i.test(final)) return null;
  const lock = `~$${path.basename(final)}`;
  return lstatOrNull(path.join(path.dirname(final), lock))?.isFile() ? lock : null;
}

/** What makes a run refuse to write: links inside the folder, inputs, precious files, workbooks open in Excel. */
function refusals(root: string, finals: string[], opts: WriteOptions): { code: "PP903" | "PP904" | "PP905" | "PP710" | "PP713"; path: string; input?: string; lock?: string }[] {
  const out: ReturnType<typeof refusals> = [];
  // links: every part below the folder the user named, and the file itself
  for (const final of finals) {
    const parts = path.relative(root, final).split(path.sep);
    for (let i = 1; i <= parts.length; i++) {
      const p = path.join(root, ...parts.slice(0, i));
      if (lstatOrNull(p)?.isSymbolicLink()) { out.push({ code: "PP903", path: p }); break; }
    }
  }
  if (out.length || opts.force) return out;
  const unheld = finals.flatMap(notYetThere).find((p) => notAWindowsName(path.basename(p)));
  if (unheld) return [{ code: "PP713", path: unheld }];
  const protect = opts.protect ?? { files: [], folders: [] };
  const ids = new Map<string, string>();
  for (const f of protect.files) {
    try { const st = statSync(f.path); ids.set(`${st.dev}:${st.ino}`, f.what); } catch { /* not there: nothing to protect */ }
  }
  const folders = protect.folders.map((f) => ({ path: realOrResolved(f.path), what: f.what }));
  for (const final of finals) {
    const st = lstatOrNull(final);
    const input = st ? ids.get(`${st.dev}:${st.ino}`) : undefined;
    if (input) { out.push({ code: "PP904", path: final, input }); continue; }
    const real = realOrResolved(final);
    const folder = folders.find((f) => within(real, f.path));
    if (folder) { out.push({ code: "PP904", path: final, input: folder.what }); continue; }
    if (st?.isFile() && opts.precious?.(final, readFileSync(final))) { out.push({ code: "PP905", path: final }); continue; }
    const lock = st?.isFile() ? excelLock(final) : null;
    if (lock) out.push({ code: "PP710", path: final, lock });
  }
  return out;
}

/**
 * Why an output could not be written, in the words of a message (PP902 had shown the bare errno:
 * 「書き込めません（EACCES）」). Windows refuses to replace a file another program holds open
 * (a workbook open in Excel, a PDF in a viewer) with EBUSY or EPERM.
 */
const WRITE_ERRNO_WORDS: ErrnoWords = {
  EACCES: ["書き込みの権限がありません", "no permission to write"],
  EPERM: ["書き込みが許可されていません。Excel や PDF の閲覧ソフトで開いていれば閉じてください", "not permitted; close it if it is open in Excel or a PDF viewer"],
  EBUSY: ["ほかのプログラムが使用中です。Excel や PDF の閲覧ソフトで開いていれば閉じてください", "in use by another program; close it if it is open in Excel or a PDF viewer"],
  EROFS: ["読み取り専用の場所です", "a read-only place"],
  ENOSPC: ["ディスクの空きがありません", "the disk is full"],
  EDQUOT: ["ディスクの使用量の上限を超えます", "over the disk quota"],
  ENOENT: ["書き込み先のフォルダがないか、フォルダを作れない場所です", "the folder is missing or cannot be made there"],
  ENAMETOOLONG: ["パスが長すぎます", "the path is too long"],
  EISDIR: ["その名前のフォルダがあります", "a folder has that name"],
  ELOOP: ["ショートカット（シンボリックリンク）が循環しています", "a loop of symbolic links"],
  ENOTDIR: ["パスの途中にフォルダでないものがあります", "a part of the path is not a folder"],
  "read-only": ["読み取り専用のファイルです。置き換えるときは、ファイルのプロパティで「読み取り専用」を外してください",
    "the file is read-only; clear its read-only mark to have it replaced"],
};

/** `reason` of an OutputError in words when it is an errno staff meet (or read-only), else as it is. */
export function writeFailureWords(reason: string, lang: "ja" | "en"): string {
  return errnoWords(reason, lang, WRITE_ERRNO_WORDS);
}

/** A path as told to staff: relative to where they run planpress when it is below, else absolute. */
export function shownPath(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : path.resolve(p);
}
const shown = shownPath;

// ---- the write ---------------------------------------------------------------------------------

export function writeOutputs(outDir: string, files: readonly (OutputFile & { producer?: string })[], opts: WriteOptions = {}): Promise<string[]> {
  return holdingSignals(() => writeAll(outDir, files, opts));
}

/**
 * Runs `work` with Ctrl-C and a polite stop (SIGINT, SIGTERM, SIGHUP) held: the set is written
 * (or given up) whole, then the process ends as the signal would have ended it. A run stopped
 * while it wrote had left its temporary files, a journal and its lock until the next run.
 */
async function holdingSignals<T>(work: () => Promise<T>): Promise<T> {
  // (a command listening before the write ends itself: watch finishes its build, then stops; a
  // build holding its folder (holdFolder) waits for the write, as `hold` does)
  const signals = SIGNALS.filter((signal) => process.listenerCount(signal) === 0);
  for (const signal of signals) process.on(signal, hold);
  writing++;
  try {
    return await work();
  } finally {
    writing--;
    for (const signal of signals) process.off(signal, hold);
    const signal = caught;
    if (signal && !writing) {
      caught = null;
      endBy(signal);
    }
  }
}

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
/** Sets being written now, and the signal caught meanwhile, which ends the run once they are written. */
let writing = 0;
let caught: NodeJS.Signals | null = null;
const hold = (signal: NodeJS.Signals): void => { caught ??= signal; };

/** Ends the process as `signal` would have (a listener of the build's hold cleans up first). */
function endBy(signal: NodeJS.Signals): void {
  // (Windows emulates SIGINT and SIGTERM only: a SIGHUP there ends the run with its exit code)
  try { process.kill(process.pid, signal); } catch { process.exit(128 + (constants.signals[signal] ?? 1)); }
}

/** The folder a build holds for its whole run (holdFolder): its write takes no lock of its own. */
let held: string | null = null;

/**
 * Holds the output folder's lock for a whole build, from before the plan is read: two builds into
 * one folder at once had each held it only while writing, and the second removed the first's
 * department files as stale (PP907). Another run holding it: PP714, nothing read or written. The
 * lock goes when the returned function is called, at exit, and on Ctrl-C (after a write under
 * way). A folder made for it is removed again if the build leaves it empty. A path the write
 * refuses (a file, a name Windows cannot hold) is left to the write to tell, nothing held.
 */
export async function holdFolder(outDir: string, bag: DiagnosticBag): Promise<() => Promise<void>> {
  const root = path.resolve(outDir);
  const none = async () => undefined;
  let st: ReturnType<typeof statSync> | null = null;
  try { st = statSync(root); } catch { /* not there yet */ }
  const made = notYetThere(root);
  if ((st && !st.isDirectory()) || made.some((d) => notAWindowsName(path.basename(d)))) return none;
  try { await makeFolder(root); } catch { return none; }
  const unmake = () => { for (const d of made) { try { rmdirSync(d); } catch { break; } } };
  let release: () => Promise<void>;
  try {
    release = await lockFolder(root, bag, "PP714");
  } catch (e) {
    unmake();
    throw e;
  }
  const file = path.join(root, LOCK);
  const signals = SIGNALS.filter((signal) => process.listenerCount(signal) === 0);
  const onExit = () => { try { unlinkSync(file); } catch { /* gone */ } };
  const onSignal = (signal: NodeJS.Signals) => {
    if (writing) return hold(signal);
    letGo();
    onExit();
    unmake();
    endBy(signal);
  };
  const letGo = () => {
    held = null;
    process.off("exit", onExit);
    for (const signal of signals) process.off(signal, onSignal);
  };
  held = root;
  process.on("exit", onExit);
  for (const signal of signals) process.on(signal, onSignal);
  return async () => {
    letGo();
    await release();
    unmake();
  };
}

async function writeAll(outDir: string, files: readonly (OutputFile & { producer?: string })[], opts: WriteOptions): Promise<string[]> {
  const root = path.resolve(outDir);
  const finals = files.map((f) => insideOutDir(outDir, f.path));
  // said as such before anything is written (it was an unwritable lock file, ENOTDIR)
  const blocked = fileForFolder(root, finals);
  if (blocked) throw new OutputError(shown(blocked), "ENOTDIR", "PP910");
  // A file staff made read-only (the version sent to the council) is kept on every system:
  // Windows refuses to replace it, Linux and macOS had replaced it without a word.
  const readOnly = finals.find((f) => { const st = lstatOrNull(f); return st?.isFile() && (st.mode & 0o222) === 0; });
  if (readOnly) throw new OutputError(shown(readOnly), "read-only");
  const refused = refusals(root, finals, opts);
  if (refused.length) {
    const first = refused[0]!;
    if (!opts.bag) throw new OutputError(first.path, first.code);
    for (const r of refused) opts.bag.add(r.code, { file: shown(r.path) }, { path: shown(r.path), input: r.input ?? "", lock: r.lock ?? "" });
    throw new ReportedError();
  }
  const keep = opts.manifest ?? false;
  if (!keep) return writeSet(root, outDir, files, finals, opts, false);
  // One run at a time per folder: another run's temporary files are not leftovers to remove.
  try {
    await makeFolder(root);
  } catch (e) {
    throw new OutputError(outDir, (e as NodeJS.ErrnoException).code ?? (e as Error).message);
  }
  // (a build holding the folder since its start holds its lock: not taken again)
  const release = held === root ? async () => undefined : await lockFolder(root, opts.bag);
  try {
    const r = await recoverOutputs(root, finals.map((f) => path.dirname(f))).catch(() => ({ done: 0, removed: 0 }));
    if (r.done + r.removed > 0) opts.bag?.add("PP906", { file: shown(root) }, r);
    return await writeSet(root, outDir, files, finals, opts, true);
  } finally {
    await release();
  }
}


/**
 * Takes the folder's lock (a file created exclusively, holding the pid); a lock whose process is
 * gone (killed) is taken over, said (PP715). Another live run: `code` (PP909 at a write, PP714 at
 * a build's start), exit 1.
 */
async function lockFolder(root: string, bag: DiagnosticBag | undefined, code: "PP909" | "PP714" = "PP909"): Promise<() => Promise<void>> {
  const file = path.join(root, LOCK);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await writeFile(file, `${process.pid}\n${hostname()}\n`, { flag: "wx" });
      return () => discard(file);
    } catch (e) {
      // told at the folder staff named: the hidden lock file means nothing to them
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw new OutputError(shown(root), (e as NodeJS.ErrnoException).code ?? String(e));
    }
    const st = lstatOrNull(file);
    const held = st?.isFile() ? lockHeld(file, st.mtimeMs, false) : null;
    if (held) {
      if (!bag) throw new OutputError(root, "locked");
      bag.add(code, { file: shown(root) }, { path: shown(root), pid: held });
      throw new ReportedError();
    }
    // left by a run that was killed: said, as a build it had been making may have left its files half done
    const gone = st?.isFile() ? lockLines(file)?.pid : undefined;
    if (gone !== undefined) bag?.add("PP715", { file: shown(root) }, { path: shown(root), pid: gone });
    await discard(file);
  }
  throw new OutputError(file, "EEXIST");
}

async function writeSet(root: string, outDir: string, files: readonly (OutputFile & { producer?: string })[], finals: string[], opts: WriteOptions, keep: boolean): Promise<string[]> {

  const staged: { tmp: string; final: string }[] = [];
  try {
    for (let i = 0; i < files.length; i++) {
      const final = finals[i]!;
      await makeFolder(path.dirname(final));
      staged.push({ tmp: await writeExclusive(final, files[i]!.data), final });
    }
  } catch (e) {
    await Promise.all(staged.map((s) => discard(s.tmp)));
    if (e instanceof OutputError) throw e;
    const err = e as NodeJS.ErrnoException;
    throw new OutputError(finals[staged.length] ?? outDir, err.code ?? err.message);
  }
  // A folder where a file should go fails the run before any earlier output is replaced.
  for (const s of staged) {
    if (lstatOrNull(s.final)?.isDirectory()) {
      await Promise.all(staged.map((x) => discard(x.tmp)));
      throw new OutputError(s.final, "EISDIR");
    }
  }

  const rel = (p: string) => path.relative(root, p).split(path.sep).join("/");
  const steps: Step[] = staged.map((s) => ({ final: rel(s.final), tmp: rel(s.tmp), backup: rel(sideName(s.final, "old")) }));
  let journal: Journal | null = null;
  const stale: { path: string; removed: boolean }[] = [];
  if (keep) {
    const producerOf = (f: { producer?: string }) => f.producer ?? opts.producer ?? "planpress";
    const producers = files.map(producerOf);
    // produced again with the same bytes and not rewritten (watch): still this run's, not stale
    const kept = (opts.unchanged ?? []).map((f) => ({ path: rel(insideOutDir(outDir, f.path)), producer: producerOf(f), sha256: sha256(f.data) }));
    const now = new Set([...steps.map((s) => s.final), ...kept.map((k) => k.path)]);
    const running = new Set([...producers, ...kept.map((k) => k.producer)]);
    const entries: ManifestEntry[] = [...steps.map((s, i) => ({ path: s.final, producer: producers[i]!, sha256: sha256(files[i]!.data) })), ...kept];
    const remove: string[] = [];
    for (const e of readManifest(root)) {
      if (now.has(e.path)) continue;
      const full = entryPath(root, e.path);
      const st = full ? lstatOrNull(full) : null;
      if (!full || !st?.isFile()) continue; // gone, or not a plain file any more: not ours
      const unchanged = sha256(readFileSync(full)) === e.sha256;
      if (!running.has(e.producer)) { if (unchanged) entries.push(e); continue; }
      if (unchanged) remove.push(e.path);
      stale.push({ path: full, removed: unchanged });
    }
    journal = { steps, remove, manifest: manifestText(entries) };
  }

  // Earlier outputs are moved aside, not overwritten, so a rename that fails midway can put
  // every one of them back; a run killed here is completed from the journal by the next one.
  const journalFile = path.join(root, JOURNAL);
  const moved: { final: string; backup: string | null }[] = [];
  try {
    if (journal) await replaceSmall(journalFile, JSON.stringify(journal));
    for (let i = 0; i < staged.length; i++) {
      const s = staged[i]!;
      const backup = lstatOrNull(s.final) ? path.join(root, steps[i]!.backup) : null;
      opts.onStep?.(i);
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
    await discard(journalFile);
    throw new OutputError(moved[0]?.final ?? staged[0]?.final ?? outDir, (e as NodeJS.ErrnoException).code ?? (e as Error).message);
  }
  await Promise.all(moved.map((m) => (m.backup ? discard(m.backup) : undefined)));
  if (journal) {
    for (const r of journal.remove) await discard(path.join(root, r));
    await replaceSmall(path.join(root, MANIFEST), journal.manifest);
    await discard(journalFile);
    for (const s of stale) opts.bag?.add(s.removed ? "PP907" : "PP908", { file: shown(s.path) }, { path: shown(s.path) });
  }
  return staged.map((s) => s.final);
}

/**
 * Who holds the lock `file` (written `mtime`), as a message names it — the process, with the
 * computer's name when another's — or null when nobody does: a process of this computer no longer
 * running (or this one, when `mine` counts as held), a lock another computer wrote more than
 * OTHER_HOST_LOCK_MS ago, or a file naming no process.
 */
function lockHeld(file: string, mtime: number, mine: boolean): string | null {
  const lock = lockLines(file);
  if (!lock) return null;
  const { pid, host } = lock;
  if (host && host !== hostname()) return Date.now() - mtime < OTHER_HOST_LOCK_MS ? `${pid}、${host}` : null;
  return (mine || pid !== process.pid) && alive(pid) ? String(pid) : null;
}

/** The process and computer a lock file names, or null when it names no process. */
function lockLines(file: string): { pid: number; host: string } | null {
  let lines: string[];
  try { lines = ownText(file).split("\n").map((l) => l.trim()); } catch { return null; }
  const pid = Number(lines[0]);
  return Number.isInteger(pid) && pid > 0 ? { pid, host: lines[1] ?? "" } : null;
}
