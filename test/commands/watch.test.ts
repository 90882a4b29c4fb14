// planpress watch as staff use it: a whole process in a folder of its own (plan, templates),
// edited while it runs, stopped with Ctrl-C (SIGINT).
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { affectedKinds, parseOnly } from "../../src/commands/watch.js";
import { projectRoot } from "../helpers/context.js";
import { readPdf } from "../helpers/pdf.js";

describe("which documents a change rebuilds", () => {
  const t = "/p/templates";
  it("an edit inside one document's template folder rebuilds that document only", () => {
    expect(affectedKinds(["/p/templates/booklet/card.hbs"], t, ["booklet", "gantt", "departments", "workbook"])).toEqual(["booklet"]);
    expect(affectedKinds(["/p/templates/department/sheet.hbs", "/p/templates/gantt/gantt.hbs"], t, ["booklet", "gantt", "departments"])).toEqual(["gantt", "departments"]);
  });
  it("the plan, the config or the theme rebuilds everything asked for", () => {
    expect(affectedKinds(["/p/data/plan.tsv"], t, ["booklet", "gantt"])).toEqual(["booklet", "gantt"]);
    expect(affectedKinds(["/p/templates/theme.json"], t, ["booklet", "workbook"])).toEqual(["booklet", "workbook"]);
  });
  it("a template of a document not being watched rebuilds nothing of it", () => {
    expect(affectedKinds(["/p/templates/workbook/wording.json"], t, ["booklet"])).toEqual(["booklet"]);
  });
  it("--only takes document names and refuses others", () => {
    expect(parseOnly("booklet,gantt")).toEqual(["booklet", "gantt"]);
    expect(parseOnly(undefined)).toEqual(["booklet", "gantt", "departments", "workbook"]);
    expect(parseOnly("booklet,forms")).toBeNull();
  });
});

describe("planpress watch (whole process)", () => {
  let dir: string;
  let child: ChildProcessWithoutNullStreams;
  let stderr = "";
  let exited: Promise<number | null>;
  const booklet = () => readFileSync(path.join(dir, "out/booklet.pdf"));

  /** Resolves when stderr has `count` matches of `re` (rebuild lines are counted, not just seen). */
  const until = (re: RegExp, count = 1, ms = 120_000): Promise<void> => new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = setInterval(() => {
      if ((stderr.match(new RegExp(re.source, "g")) ?? []).length >= count) { clearInterval(tick); resolve(); }
      else if (Date.now() - started > ms) { clearInterval(tick); reject(new Error(`timed out waiting for ${re}; stderr:\n${stderr}`)); }
    }, 100);
  });

  const rebuildLines = () => (stderr.match(/\] booklet: /g) ?? []).length;

  beforeAll(async () => {
    // Inside the project, so `--import tsx` resolves from the working folder.
    mkdirSync(path.join(projectRoot, "test-results"), { recursive: true });
    dir = mkdtempSync(path.join(projectRoot, "test-results", "watch-"));
    cpSync(path.join(projectRoot, "templates"), path.join(dir, "templates"), { recursive: true });
    cpSync(path.join(projectRoot, "data/plan.tsv"), path.join(dir, "plan.tsv"));
    child = spawn(process.execPath, ["--import", "tsx", path.join(projectRoot, "test/robustness/cli-entry.ts"),
      "watch", "plan.tsv", "-o", "out", "--only", "booklet", "--debug"],
    // warm-up builds however long a build takes on a loaded machine
    { cwd: dir, env: { ...process.env, PLANPRESS_WATCH_WARM_UP_MAX_MS: "600000" } });
    child.stderr.on("data", (d: Buffer) => { stderr += d.toString(); });
    exited = new Promise((resolve) => child.on("close", resolve));
    await until(/変更を待っています/);
  }, 180_000);

  afterAll(() => {
    child?.kill("SIGKILL");
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("while nothing is edited it builds again to warm up, writing and telling nothing", async () => {
    const written = statSync(path.join(dir, "out/booklet.pdf")).mtimeMs;
    const bytes = booklet();
    await until(/debug: warm-up build 1\/\d+: \d+ ms/);
    expect(rebuildLines()).toBe(1);
    expect(statSync(path.join(dir, "out/booklet.pdf")).mtimeMs).toBe(written);
    expect(booklet().equals(bytes)).toBe(true);
  }, 120_000);

  it("a changed cell appears in the rebuilt booklet", async () => {
    // Booleans, not the text: a failure must not print a 24-page booklet.
    const shows = async (name: string) => (await readPdf(booklet())).text.replace(/\s/g, "").includes(name);
    expect(await shows("来庁予約システムの導入と試行運用")).toBe(false);
    const rebuilds = rebuildLines();
    const plan = path.join(dir, "plan.tsv");
    const text = readFileSync(plan, "utf8");
    expect(text).toContain("来庁予約システムの導入の検討");
    // Saved as many editors save: a new file renamed over the old one.
    writeFileSync(`${plan}.new`, text.replace("来庁予約システムの導入の検討", "来庁予約システムの導入と試行運用"));
    renameSync(`${plan}.new`, plan);
    await until(/\] booklet: /, rebuilds + 1);
    expect(stderr.slice(stderr.lastIndexOf("] booklet: "))).toMatch(/1 個を更新/);
    expect(await shows("来庁予約システムの導入と試行運用")).toBe(true);
  }, 180_000);

  it("a broken template keeps the old booklet and names the file and line; a fix rebuilds", async () => {
    const before = booklet();
    const card = path.join(dir, "templates/booklet/card.hbs");
    const good = readFileSync(card, "utf8");
    const rebuilds = rebuildLines();
    writeFileSync(card, good.replace("{{json id}}", "{{json titel}}"));
    await until(/作れませんでした/);
    expect(stderr).toMatch(/PP503/);
    expect(stderr).toMatch(/card\.hbs:\d+/);
    expect(booklet().equals(before)).toBe(true);
    writeFileSync(card, good);
    await until(/\] booklet: \d+ ms、/, rebuilds + 1);
    expect(stderr.slice(stderr.lastIndexOf("作れませんでした"))).toMatch(/\] booklet: \d+ ms、\d+ 個を更新/);
  }, 180_000);

  it("a template saved by renaming a new file over it is seen at every save, not the first only", async () => {
    const cover = path.join(dir, "templates/booklet/cover.hbs");
    const original = readFileSync(cover, "utf8");
    for (const [i, word] of ["改訂その一", "改訂その二"].entries()) {
      const rebuilds = rebuildLines();
      writeFileSync(`${cover}.new`, original.replace("事業計画書（議会資料）", `事業計画書${word}`));
      renameSync(`${cover}.new`, cover);
      await until(/\] booklet: /, rebuilds + 1);
      expect((await readPdf(booklet())).pages[0]!.lines.join("").includes(word), `save ${i + 1}`).toBe(true);
    }
  }, 180_000);

  it("Ctrl-C exits 0 and leaves no temporary files", async () => {
    child.kill("SIGINT");
    expect(await exited).toBe(0);
    const leftovers = readdirSync(path.join(dir, "out"), { recursive: true }).map(String).filter((f) => /\.(tmp|old)$/.test(f));
    expect(leftovers).toEqual([]);
  }, 60_000);
});
