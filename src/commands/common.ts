// What every command shares: options, config, the plan, the render context, printing the
// diagnostics and turning the outcome into an exit code (contract.md).
import { existsSync, readdirSync } from "node:fs";
import { MAX_EDITED_TEXT_BYTES, readBoundedText } from "../read-file.js";
import path from "node:path";
import { DEFAULT_CONFIG_PATH, loadConfig } from "../config/load.js";
import { lineInJsonFile } from "../json-text.js";
import { nearest } from "../nearest.js";
import { UNREPORTED } from "../views/progress.js";
import type { Config } from "../config/schema.js";
import { DiagnosticBag, type Lang, hasErrors } from "../diagnostics/bag.js";
import { formatDiagnostics, placeOf, printable, sortDiagnostics, summary } from "../diagnostics/format.js";
import type { Diagnostic } from "../diagnostics/schema.js";
import { OutputError, ReportedError } from "../errors.js";
import { eraSlips, parseFiscalYear, wareki } from "../fiscal.js";
import type { Plan } from "../model/schema.js";
import { type Protected, type WriteOptions, shownPath, writeFailureWords, writeOutputs } from "../output/write.js";
import { foldersUnder, projectRootFor } from "../paths.js";
import { UNKNOWN_PERIOD } from "../normalise/index.js";
import { loadPlan } from "../pipeline.js";
import { type OutputFile, type RenderContext, resolveDocumentDate } from "../context.js";
import { fontFileOrNull, fontPlace, loadTheme } from "../theme/load.js";
import { fontFamilies, type Theme } from "../theme/schema.js";
import { codePoints, type GlyphCoverage, missingChars } from "../glyph-coverage.js";
import { blankComments } from "../templates/located-json.js";

export interface GlobalOptions {
  config?: string;
  lang?: string;
  debug?: boolean;
  sheet?: string;
  asOf?: string;
  strict?: boolean;
  /** PDFs without tags (the config's document.tagged: false). */
  untagged?: boolean;
  /** Replace an input of the run or a filled form anyway (src/output/write.ts refuses otherwise). */
  force?: boolean;
}

export const DEFAULT_INPUT = "data/plan.tsv";

export interface Session {
  bag: DiagnosticBag;
  config: Config;
  lang: Lang;
  opts: GlobalOptions;
  /** The as-of year given by --as-of or the config, read when the config is loaded; `source` names where. */
  asOf?: { year: number; source: string; inConfig: boolean } | undefined;
  /** Files written by the run, told last (after the diagnostics) so staff see them. */
  written?: string[];
  /** What the run read: no output may replace one of these (PP904). */
  inputs: Protected;
}

export function langOf(opts: GlobalOptions): Lang {
  return opts.lang === "en" ? "en" : "ja";
}

/**
 * The config and what the command line adds to it, checked before anything is read, the same for
 * every command (`check` too): an unreadable as-of year is PP505 here.
 */
export function openSession(opts: GlobalOptions, bag = new DiagnosticBag(langOf(opts))): Session {
  const config = loadConfig(opts.config, bag);
  const configFile = opts.config ?? DEFAULT_CONFIG_PATH;
  if (opts.untagged) config.document.tagged = false;
  const s: Session = { bag, config, lang: bag.lang, opts, inputs: { files: [{ path: configFile, what: configFile }], folders: [] } };
  const asOfText = opts.asOf ?? (config.asOf !== undefined ? String(config.asOf) : undefined);
  if (asOfText !== undefined) {
    // Where the year was given: the option, or the config file.
    const source = opts.asOf !== undefined ? "--as-of" : configFile;
    const inConfig = opts.asOf === undefined;
    s.asOf = { year: yearOption(s, asOfText, source, inConfig ? ["asOf"] : undefined), source, inConfig };
  }
  return s;
}

/** The plan, and the checks of the given settings that need it (PP506: an as-of year outside the period). */
export async function readPlan(s: Session, input: string | undefined, glyphs?: GlyphCoverage | null): Promise<Plan> {
  const { file, sheet } = inputSheet(input ?? DEFAULT_INPUT);
  s.inputs.files.push({ path: file, what: file });
  const plan = await loadPlan(file, { config: s.config, bag: s.bag, sheet: sheet ?? s.opts.sheet, glyphs, configFile: s.opts.config ?? DEFAULT_CONFIG_PATH });
  const { start, end } = plan.plan.period;
  // A plan without a period (PP208, or unreadable) has a stand-in: no year to compare with.
  if (s.asOf && plan.plan.period !== UNKNOWN_PERIOD && (s.asOf.year < start || s.asOf.year > end)) {
    s.bag.add("PP506", placeIn(s.asOf.source, s.asOf.inConfig ? ["asOf"] : undefined), { value: wareki(s.asOf.year), first: wareki(start), last: wareki(end) });
  }
  return plan;
}

/**
 * A workbook's sheet named after the file as the messages name places (`計画.xlsx#素案`), where no
 * file is so named: two versions kept as two sheets of one workbook can be compared (one --sheet
 * had read both from the same sheet, 「変更のあった事業は0件」).
 */
export function inputSheet(input: string): { file: string; sheet?: string } {
  const m = /^(.+\.(?:xlsx|xlsm))#(.+)$/iu.exec(input);
  return m && !existsSync(input) ? { file: m[1]!, sheet: m[2]! } : { file: input };
}

/** A message's place: `file`, at the line of `key` when the value came from that JSON file (the config's asOf: PP505, PP506; looked up only when told). */
function placeIn(file: string, key?: readonly string[]): { file: string; line?: number } {
  const line = key ? lineInJsonFile(file, key) : undefined;
  return line === undefined ? { file } : { file, line };
}

/** A fiscal year given by the user (2026, R8, 令和8年度, full-width digits): PP505 if unreadable; outside its era, PP390 or PP391 as in a plan. */
export function yearOption(s: Session, value: string, what: string, key?: readonly string[]): number {
  const y = parseFiscalYear(value);
  const slips = y === null ? [] : eraSlips(value);
  for (const slip of slips) s.bag.add(slip.reads === null ? "PP391" : "PP390", placeIn(what, key), { text: slip.text, reads: slip.reads ?? "", count: 1 });
  if (slips.some((slip) => slip.reads === null)) throw new ReportedError();
  if (y === null) {
    s.bag.add("PP505", placeIn(what, key), { value });
    throw new ReportedError();
  }
  return y;
}

/** The theme of the folder planpress runs in (else the package's). */
export function themeOf(s: Session): { theme: Theme; projectRoot: string; templatesDir: string } {
  const projectRoot = projectRootFor();
  const templatesDir = path.join(projectRoot, "templates");
  const file = path.join(templatesDir, "theme.json");
  return { theme: loadTheme(file, s.bag, shownPath(file)), projectRoot, templatesDir };
}

/**
 * A phase category of the plan (the config may add one) that the theme gives no style is drawn
 * in the default category's: said once a category (PP552), as its bars look like another's.
 */
export function checkThemeCategories(s: Session, plan: Plan, { theme, templatesDir }: { theme: Theme; templatesDir: string }): void {
  const categories = [...s.config.phaseCategories, s.config.defaultCategory, s.config.compoundCategory];
  const file = path.join(templatesDir, "theme.json");
  for (const id of new Set(plan.projects.flatMap((p) => p.schedule.map((ph) => ph.category)))) {
    if (theme.categories[id]) continue;
    const label = categories.find((c) => c.id === id)?.label ?? id;
    const stand = theme.categories[s.config.defaultCategory.id] ? s.config.defaultCategory.label : theme.categories.other ? "other" : "灰色";
    const { place, near } = missingStyle(file, theme.categories, "categories", id, categories.map((c) => c.id));
    s.bag.add("PP552", place, { id, label, stand, ...(near !== undefined ? { near } : {}) });
  }
}

/** A 進捗区分 the config adds without a style in the theme's statuses: drawn plain grey by the progress report (PP553). */
export function checkThemeStatuses(s: Session, { theme, templatesDir }: { theme: Theme; templatesDir: string }): void {
  const file = path.join(templatesDir, "theme.json");
  for (const status of s.config.progressStatuses.filter((st) => !theme.statuses[st])) {
    const { place, near } = missingStyle(file, theme.statuses, "statuses", status, [...s.config.progressStatuses, UNREPORTED]);
    s.bag.add("PP553", place, { status, ...(near !== undefined ? { near } : {}) });
  }
}

/**
 * Where a style missing from the theme's `group` is told: the style no entry uses that is nearest
 * to `id` (its key misspelt, `bulid`, `予定通り`: the style had been passed over without a word) at
 * its line, else the theme.
 */
function missingStyle(file: string, styles: Record<string, unknown>, group: string, id: string, used: readonly string[]): { place: { file: string; line?: number }; near?: string } {
  const near = nearest(id, Object.keys(styles).filter((k) => !used.includes(k)));
  const line = near === undefined ? undefined : lineInJsonFile(file, [group, near]);
  return { place: { file: shownPath(file), ...(line !== undefined ? { line } : {}) }, ...(near !== undefined ? { near } : {}) };
}

export function renderContext(s: Session, plan: Plan, themed = themeOf(s)): RenderContext {
  const { theme, projectRoot, templatesDir } = themed;
  s.inputs.folders.push({ path: templatesDir, what: shownPath(templatesDir) });
  for (const [, face] of fontFamilies(theme)) {
    for (const spec of [face.normal, face.bold]) {
      const file = spec === undefined ? null : fontFileOrNull(spec, projectRoot);
      if (file) s.inputs.files.push({ path: file, what: shownPath(file) });
    }
  }
  const resolved = resolveDocumentDate(s.config, plan.plan.period.start);
  if ("badEpoch" in resolved) {
    s.bag.add("PP510", { file: "SOURCE_DATE_EPOCH" }, { value: resolved.badEpoch });
    throw new ReportedError();
  }
  checkThemeCategories(s, plan, themed);
  const { date, printed } = resolved;
  // Given (checked in openSession and readPlan), else the fiscal year of the document date
  // (April–March), kept inside the plan period.
  const fy = date.getUTCMonth() >= 3 ? date.getUTCFullYear() : date.getUTCFullYear() - 1;
  const asOf = s.asOf?.year ?? Math.min(plan.plan.period.end, Math.max(plan.plan.period.start, fy));
  return { config: s.config, theme, projectRoot, templatesDir, documentDate: date, datePrinted: printed, asOf, lang: s.lang, diagnostics: s.bag };
}

/**
 * The plan, checked clean, and the context to render it with: what every document command starts
 * from. For PDFs (`pdf`) every cell is checked against the theme's font first (PP351/PP352).
 */
export async function planToRender(s: Session, input: string | undefined, opts: { pdf?: boolean } = {}): Promise<{ plan: Plan; ctx: RenderContext; glyphs: GlyphCoverage | null }> {
  const themed = themeOf(s);
  const glyphs = opts.pdf ? await pdfGlyphs(s, themed) : null;
  if (glyphs) templateGlyphs(s, themed.templatesDir, glyphs);
  const plan = await readPlan(s, input, glyphs);
  requireClean(s);
  return { plan, ctx: renderContext(s, plan, themed), glyphs };
}

/**
 * The theme's fonts checked as every PDF uses them (a missing file, a collection's face not named,
 * a damaged file): what `check` says before the plan, so a clean check is not followed by a build
 * that stops at the font. Every face with a problem is said, then the run stops (exit 1).
 */
export async function checkThemeFonts(s: Session, themed: { theme: Theme; projectRoot: string; templatesDir: string }): Promise<void> {
  const { themeFont } = await import("../render/pdf/coverage.js");
  const specs = [...new Set(fontFamilies(themed.theme).flatMap(([, f]) => [f.normal, ...(f.bold ? [f.bold] : [])]))];
  let wrong = false;
  for (const spec of specs) {
    const font = themeFont(spec, themed.projectRoot, s.lang);
    if (!("code" in font)) continue;
    const theme = path.join(themed.templatesDir, "theme.json");
    s.bag.add(font.code, fontPlace(theme, shownPath(theme), spec), font.params, font.extra);
    wrong = true;
  }
  if (wrong) throw new ReportedError();
}

/** Template folders whose words are printed in a PDF font (workbooks and forms take Excel's). */
const XLSX_ONLY_FOLDERS = new Set(["workbook", "forms"]);

/**
 * Characters the PDF font lacks in the words staff write in templates (a preface, a heading,
 * wording.json): PP351 at the file and line, as for the plan's cells. They had printed as boxes
 * without a word (PP351 looked at the plan only), and a city's font without kanji at all had
 * made a booklet of boxes said only of the plan's cells. What `{{…}}` inserts is the plan's (said
 * at its cells); comments and `$comment` are not printed.
 */
export function templateGlyphs(s: Session, templatesDir: string, glyphs: GlyphCoverage): void {
  const has = (cp: number) => glyphs.has(cp) || !!glyphs.fallback?.has(cp);
  const printedIn = (dir: string) => !XLSX_ONLY_FOLDERS.has(path.relative(templatesDir, dir).split(path.sep)[0]!);
  const files = foldersUnder(templatesDir, 2).filter(printedIn).flatMap((dir) => {
    let names: string[];
    try { names = readdirSync(dir).sort(); } catch { return []; }
    return names.filter((n) => /\.hbs$|^wording\.json$/.test(n)).map((n) => path.join(dir, n));
  });
  for (const file of files) {
    // read as the templates are (a file saved as Shift_JIS or UTF-16 too)
    const read = readBoundedText(file, MAX_EDITED_TEXT_BYTES, s.lang);
    if ("reason" in read) continue;
    const text = read.text;
    // comments kept as their line breaks, so lines keep their numbers
    const printed = blankComments(text);
    printed.split("\n").forEach((line, i) => {
      if (/"\$comment"/.test(line)) return;
      const boxes = missingChars(line.replace(/\{\{[\s\S]*?\}\}/g, " "), has);
      if (boxes.length) s.bag.add("PP351", { file: shownPath(file), line: i + 1 }, { chars: boxes.join(" "), codes: codePoints(boxes), font: glyphs.font });
    });
  }
}

/**
 * The characters the theme's PDF fonts can print (what PP351/PP352 check the cells against). A
 * face without Japanese at all stops the run (PP513): one message, where it had been a warning
 * for every cell and template line (a booklet of boxes).
 */
export async function pdfGlyphs(s: Session, themed: { theme: Theme; projectRoot: string; templatesDir: string }): Promise<GlyphCoverage | null> {
  const { facesWithoutJapanese, glyphCoverage } = await import("../render/pdf/coverage.js");
  const lacking = facesWithoutJapanese(themed.theme, themed.projectRoot);
  const theme = path.join(themed.templatesDir, "theme.json");
  // at the face's line, as the other font messages (it had named the theme alone)
  for (const f of lacking) s.bag.add("PP513", fontPlace(theme, shownPath(theme), f.spec), { font: f.spec, name: f.name });
  if (lacking.length) throw new ReportedError();
  return glyphCoverage(themed.theme, themed.projectRoot);
}

/** Stops the run (exit 1) when the plan has errors (or warnings, with --strict). */
export function requireClean(s: Session): void {
  if (hasErrors(s.bag.items, s.opts.strict)) throw new ReportedError();
}

/**
 * Writes a run's files into `outDir` as one set (src/output/write.ts): never over an input of the
 * run, never through a link inside the folder; stale files of the same producer are removed.
 */
export async function writeAll(s: Session, outDir: string, files: OutputFile[], opts: Pick<WriteOptions, "producer" | "precious" | "unchanged"> = {}): Promise<void> {
  requireClean(s);
  const written = await writeOutputs(outDir, files, { ...opts, bag: s.bag, protect: s.inputs, force: s.opts.force ?? false, manifest: true });
  s.written = written.map(shownPath);
}

function printWritten(s: Session): void {
  const rel = s.written;
  if (!rel) return;
  const head = s.lang === "ja" ? `${rel.length} 個のファイルを書き出しました` : `wrote ${rel.length} file(s)`;
  process.stderr.write(`${head}: ${rel.slice(0, 6).join(", ")}${rel.length > 6 ? ", …" : ""}\n`);
}

/** `--json`: the diagnostics as an array on stdout, the command's product (contract.md). */
export function printDiagnosticsJson(s: Session): void {
  printJsonProduct(s, (diagnostics) => diagnostics);
}

/**
 * --json: the command's product on stdout, carrying the diagnostics sorted as check --json prints
 * them; they are not printed again as text on stderr (compare --json had printed them twice).
 */
export function printJsonProduct(s: Session, product: (diagnostics: Diagnostic[]) => unknown): void {
  process.stdout.write(`${JSON.stringify(product(sortDiagnostics(s.bag.items)), null, 2)}\n`);
  s.bag.items.length = 0;
}

export function printDiagnostics(s: Session): void {
  if (!s.bag.items.length) return;
  process.stderr.write(`${formatDiagnostics(s.bag.items, s.lang)}\n${summary(s.bag.items, s.lang)}\n`);
  // --debug: what an error found, in a library's own words the Japanese message leaves out (PP508's fontkit detail)
  if (s.opts.debug) for (const d of s.bag.items) if (d.severity === "error" && d.actual) process.stderr.write(`debug: ${printable(`${placeOf(d)} ${d.code}: ${d.actual}`)}\n`);
}

/** --debug: the PDF libraries' versions and each speed patch's use in this run (README "For engineers"). */
async function printEngine(): Promise<void> {
  const { speedStatus } = await import("../render/pdf/speed.js");
  const st = speedStatus();
  const versions = Object.entries(st.versions).map(([k, v]) => `${k} ${v ?? "?"}`).join(", ");
  const patches = st.mismatch ? `off (${st.mismatch.library} ${st.mismatch.found}, written for ${st.mismatch.expected})`
    : Object.entries(st.hits).map(([k, n]) => `${k}${st.active.includes(k as never) ? "" : " (off)"} ${n}`).join(", ");
  process.stderr.write(`debug: ${versions}; speed patches: ${patches}\n`);
}

/**
 * Runs a command body and maps its outcome onto contract.md's exit codes. `show.json`: a run
 * stopped by errors prints its diagnostics on stdout as `check --json` does (`compare --json` had
 * printed nothing there, a script reading its stdout left with no reason).
 */
export async function run(opts: GlobalOptions, body: (s: Session) => Promise<number | void>,
  show: { printDiagnostics?: (s: Session) => void; json?: boolean } = {}): Promise<number> {
  const print = show.printDiagnostics ?? printDiagnostics;
  let s: Session | undefined;
  const bag = new DiagnosticBag(langOf(opts));
  try {
    s = openSession(opts, bag);
    const code = (await body(s)) ?? 0;
    print(s);
    printWritten(s);
    if (opts.debug) await printEngine();
    if (code === 0 && hasErrors(s.bag.items, opts.strict)) return 1;
    return code;
  } catch (e) {
    const session = s ?? { bag, config: {} as Config, lang: bag.lang, opts, inputs: { files: [], folders: [] } };
    if (e instanceof ReportedError) {
      (show.json ? printDiagnosticsJson : print)(session);
      return 1;
    }
    if (e instanceof OutputError) {
      bag.add(e.code, { file: e.path }, { path: e.path, reason: writeFailureWords(e.reason, bag.lang) });
      print(session);
      return 3;
    }
    const err = e as Error;
    bag.add("PP901", { file: "planpress" }, { reason: `${err.name}: ${err.message}`.slice(0, 200) });
    print(session);
    if (opts.debug) process.stderr.write(`${err.stack ?? String(err)}\n`);
    return 2;
  }
}
