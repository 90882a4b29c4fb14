// The output folder: nothing written through a planted link, no input or filled form replaced,
// an interrupted switch completed by the next run, stale files of earlier runs removed.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DiagnosticBag } from "../../src/diagnostics/bag.js";
import { JOURNAL, LOCK, MANIFEST, readManifest, recoverOutputs, writeOutputs } from "../../src/output/write.js";
import { cli } from "../helpers/cli.js";
import { projectRoot } from "../helpers/context.js";
import { HEADER, row, tsv } from "../helpers/plan-fixtures.js";
import { node } from "../robustness/run.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "planpress-outputs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = (name: string): string => {
  const d = path.join(dir, `${name}-${n++}`);
  mkdirSync(d, { recursive: true });
  return d;
};
const plan = (depts: string[]): string => {
  const file = path.join(fresh("plan"), "plan.tsv");
  writeFileSync(file, tsv([HEADER, ...depts.map((d, i) => row(i + 1, `事業${i + 1}`, { depts: d }))]));
  return file;
};
/** Every file below `root` (links not followed), relative, sorted. */
const listing = (root: string): string[] => {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out.push(path.relative(root, full));
    }
  };
  walk(root);
  return out.sort();
};

describe("a file where the output folder should be", () => {
  it("-o naming a file, or a file at out/departments: PP910 at the path, exit 3, nothing written", async () => {
    const asFile = path.join(fresh("out"), "out");
    writeFileSync(asFile, "a file");
    const r = await cli("gantt", plan(["総務課"]), "-o", asFile);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain("PP910");
    expect(r.stderr).toContain("はフォルダではなくファイルです");
    expect(readFileSync(asFile, "utf8")).toBe("a file");
    const out = fresh("out");
    writeFileSync(path.join(out, "departments"), "a file");
    const d = await cli("departments", plan(["総務課"]), "-o", out);
    expect(d.code, d.stderr).toBe(3);
    expect(d.stderr).toMatch(/departments {2}error {2}PP910/);
    expect(listing(out)).toEqual(["departments"]);
  }, 60_000);
});

  it("a file above a folder still to be made (-o plan.tsv/out/sub) is PP910 at that file, not PP902 「ENOTDIR」", async () => {
    const input = plan(["総務課"]);
    const r = await cli("model", input, "-o", path.join(input, "out", "sub", "model.json"));
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/plan\.tsv {2}error {2}PP910 /);
    expect(r.stderr).not.toContain("ENOTDIR");
  });

describe("an output name Windows cannot hold", () => {
  it("a folder or file to be made whose name ends with a space or a dot, or is a Windows device's (nul, con.txt), is PP713 at it, exit 1, nothing written; an existing one, or --force, is written into", async () => {
    const input = plan(["総務課"]);
    const base = fresh("names");
    for (const bad of ["out ", "out.", "sub./x", "nul", "Con.txt/x"]) {
      const r = await cli("model", input, "-o", path.join(base, bad, "model.json"));
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toContain("PP713");
      expect(r.stderr).toContain(`${path.join(base, bad.split("/")[0]!)}」の名前は Windows では使えません`);
    }
    expect(readdirSync(base)).toEqual([]);
    const bag = new DiagnosticBag("ja");
    await expect(writeOutputs(path.join(base, "out."), [{ path: "a.txt", data: Buffer.from("x") }], { manifest: true, bag })).rejects.toThrow();
    expect(bag.items.map((d) => d.code)).toEqual(["PP713"]);
    expect(readdirSync(base)).toEqual([]);
    expect((await cli("model", input, "-o", path.join(base, "out.", "model.json"), "--force")).code).toBe(0);
    mkdirSync(path.join(base, "there."));
    expect((await cli("model", input, "-o", path.join(base, "there.", "model.json"))).code).toBe(0);
    expect(readdirSync(base).sort()).toEqual(["out.", "there."]);
  }, 60_000);
});

describe("links planted inside the output folder are never followed", () => {
  it("a link at out/departments: PP903, exit 1, nothing written through it", async () => {
    const out = fresh("out"), elsewhere = fresh("elsewhere");
    symlinkSync(elsewhere, path.join(out, "departments"));
    const r = await cli("departments", plan(["総務課", "情報政策課"]), "-o", out);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain("PP903");
    expect(readdirSync(elsewhere)).toEqual([]);
    expect(existsSync(path.join(out, "departments.pdf"))).toBe(false);
  }, 60_000);

  it("a link at the file's name is refused; a link at the old predictable temporary name is not written through", async () => {
    const out = fresh("out"), victim = path.join(fresh("victim"), "precious.txt");
    writeFileSync(victim, "the city's file");
    // the temporary name earlier versions used: <file>.planpress-<pid>.tmp
    symlinkSync(victim, path.join(out, `gantt.pdf.planpress-${process.pid}.tmp`));
    const r = await cli("gantt", plan(["総務課"]), "-o", out);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(victim, "utf8")).toBe("the city's file");
    expect(readFileSync(path.join(out, "gantt.pdf")).subarray(0, 5).toString()).toBe("%PDF-");

    const out2 = fresh("out");
    symlinkSync(victim, path.join(out2, "gantt.pdf"));
    const r2 = await cli("gantt", plan(["総務課"]), "-o", out2);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toContain("PP903");
    expect(readFileSync(victim, "utf8")).toBe("the city's file");
  }, 60_000);

  it("the output folder itself may be a link the user named", async () => {
    const real = fresh("real"), link = path.join(fresh("links"), "out");
    symlinkSync(real, link);
    const r = await cli("model", plan(["総務課"]), "-o", path.join(link, "model.json"));
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(readFileSync(path.join(real, "model.json"), "utf8")).projects).toHaveLength(1);
  });

  it("temporary files are created exclusively under names nobody can predict", async () => {
    const out = fresh("out");
    const seen = new Set<string>();
    for (let i = 0; i < 2; i++) {
      await writeOutputs(out, [{ path: "a.txt", data: Buffer.from(String(i)) }], {
        onStep: () => { for (const f of readdirSync(out)) if (f.endsWith(".tmp")) seen.add(f); },
      });
    }
    expect(seen.size).toBe(2);
    for (const f of seen) expect(f).toMatch(/^a\.txt\.planpress-[0-9a-f]{12}\.tmp$/);
    expect([...seen].some((f) => f.includes(String(process.pid)))).toBe(false);
  });
});

describe("an output never replaces an input of the run", () => {
  it("model plan.tsv -o plan.tsv: PP904, exit 1, the plan kept; --force replaces it", async () => {
    const input = plan(["総務課"]);
    const before = readFileSync(input, "utf8");
    const r = await cli("model", input, "-o", input);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain("PP904");
    expect(readFileSync(input, "utf8")).toBe(before);
    const forced = await cli("model", input, "-o", input, "--force");
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(input, "utf8")).toMatch(/^\{/);
  });

  it("a config that stands where an output goes (the same file by another name too) is not replaced", async () => {
    const out = fresh("out");
    const config = path.join(out, "booklet.pdf");
    writeFileSync(config, "{}");
    const r = await cli("booklet", plan(["総務課"]), "--config", path.join(out, "..", path.basename(out), "booklet.pdf"), "-o", out);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain("PP904");
    expect(readFileSync(config, "utf8")).toBe("{}");
  }, 60_000);

  it("progress -o into its own --input folder: PP904, nothing written there", async () => {
    const returns = fresh("returns");
    cpSync(path.join(projectRoot, "data/progress"), returns, { recursive: true });
    const before = listing(returns);
    const r = await cli("progress", "--year", "R8", "--input", returns, path.join(projectRoot, "data/plan.tsv"), "-o", returns);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain("PP904");
    expect(listing(returns)).toEqual(before);
  }, 120_000);

  it("forms -o into a folder of filled returns: PP905, no form replaced; --force replaces them", async () => {
    const returns = fresh("returns");
    cpSync(path.join(projectRoot, "data/progress"), returns, { recursive: true });
    const one = path.join(returns, "情報政策課.xlsx");
    const before = readFileSync(one);
    const r = await cli("forms", "--year", "R8", path.join(projectRoot, "data/plan.tsv"), "-o", returns);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain("PP905");
    expect(r.stderr).toContain("情報政策課.xlsx");
    expect(readFileSync(one).equals(before)).toBe(true);
    const forced = await cli("forms", "--year", "R8", path.join(projectRoot, "data/plan.tsv"), "-o", returns, "--force");
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(one).equals(before)).toBe(false);
    // blank forms over blank forms are fine: the next run needs no --force
    const again = await cli("forms", "--year", "R8", path.join(projectRoot, "data/plan.tsv"), "-o", returns);
    expect(again.code, again.stderr).toBe(0);
  }, 180_000);
});

describe("a run killed while it switches its output set", () => {
  const names = ["a.pdf", "b.pdf", "sub/c.pdf", "sub/d.pdf"];
  const crash = (out: string, step: number, tag: string) =>
    node(["--import", "tsx", path.join(projectRoot, "test/output/crash-child.ts"), out, String(step), tag, ...names], { timeoutMs: 110_000 });
  const contents = (out: string) => names.map((f) => (existsSync(path.join(out, f)) ? readFileSync(path.join(out, f), "utf8") : "(missing)"));

  it.each([0, 2, 3])("killed before rename %i: the next run completes the switch, all files new, no leftovers", async (step) => {
    const out = fresh("out");
    expect((await crash(out, 99, "old")).code).toBe(0); // a whole earlier set
    expect(contents(out)).toEqual(names.map((f) => `old ${f}`));
    const killed = await crash(out, step, "new");
    expect(killed.timedOut).toBe(false);
    expect(killed.signal).toBe("SIGKILL");
    // the kill left a half switch: a journal and temporary files
    expect(existsSync(path.join(out, JOURNAL))).toBe(true);
    expect(listing(out).some((f) => /\.planpress-[0-9a-f]+\.tmp$/.test(f))).toBe(true);
    const r = await recoverOutputs(out);
    expect(r.done).toBe(names.length);
    expect(contents(out)).toEqual(names.map((f) => `new ${f}`));
    expect(listing(out)).toEqual([MANIFEST, ...names].sort());
    expect(readManifest(out).map((e) => e.path).sort()).toEqual([...names].sort());
  }, 240_000); // two whole processes each; a loaded machine is slow to start them

  it("a polite stop (SIGTERM, Ctrl-C's SIGINT) during the switch waits for it: every file new, no journal, lock or temporary file left", async () => {
    const out = fresh("out");
    expect((await crash(out, 99, "old")).code).toBe(0);
    const stopped = await node(["--import", "tsx", path.join(projectRoot, "test/output/crash-child.ts"), out, "1", "new", ...names],
      { timeoutMs: 110_000, env: { CRASH_SIGNAL: "SIGTERM" } });
    expect(stopped.signal).toBe("SIGTERM"); // it still ends as stopped
    expect(contents(out)).toEqual(names.map((f) => `new ${f}`));
    expect(listing(out)).toEqual([MANIFEST, ...names].sort());
  }, 240_000);

  it("leftovers of a run killed before its switch (and of versions that used the pid) are removed by the next run", async () => {
    const out = fresh("out");
    writeFileSync(path.join(out, "booklet.pdf.planpress-12345.tmp"), "half");
    writeFileSync(path.join(out, "gantt.pdf.planpress-12345.old"), "the only gantt"); // its new file never came
    writeFileSync(path.join(out, "notes.tmp"), "the city's own");
    const bag = new DiagnosticBag("en");
    await writeOutputs(out, [{ path: "plan.xlsx", data: Buffer.from("x") }], { manifest: true, bag });
    expect(listing(out)).toEqual([MANIFEST, "gantt.pdf", "notes.tmp", "plan.xlsx"]);
    expect(readFileSync(path.join(out, "gantt.pdf"), "utf8")).toBe("the only gantt");
    expect(bag.items.map((d) => d.code)).toContain("PP906");
  });
});

describe("files planted in the output folder lead nothing outside it", () => {
  it("a journal naming paths outside the folder is not obeyed: nothing there removed or replaced", async () => {
    const base = fresh("planted");
    const out = path.join(base, "out");
    mkdirSync(out);
    writeFileSync(path.join(base, "victim1.txt"), "keep me");
    writeFileSync(path.join(base, "victim3.txt"), "keep me too");
    writeFileSync(path.join(base, "evil.planpress-aa.tmp"), "planted");
    writeFileSync(path.join(out, JOURNAL), JSON.stringify({
      steps: [{ final: "../victim3.txt", tmp: "../evil.planpress-aa.tmp", backup: "../victim3.txt.planpress-bb.old" }],
      remove: ["../victim1.txt"], manifest: "",
    }));
    await recoverOutputs(out);
    expect(readFileSync(path.join(base, "victim1.txt"), "utf8")).toBe("keep me");
    expect(readFileSync(path.join(base, "victim3.txt"), "utf8")).toBe("keep me too");
    expect(existsSync(path.join(out, JOURNAL))).toBe(false);
  });

  it("a stale file reached through a linked folder is not removed", async () => {
    const base = fresh("linked");
    const out = path.join(base, "out");
    await writeOutputs(out, [{ path: "sub/report.pdf", data: Buffer.from("ours") }], { manifest: true, producer: "t" });
    // the folder replaced by a link to another holding a file of the same name and bytes
    mkdirSync(path.join(base, "elsewhere"));
    writeFileSync(path.join(base, "elsewhere/report.pdf"), "ours");
    rmSync(path.join(out, "sub"), { recursive: true });
    symlinkSync(path.join(base, "elsewhere"), path.join(out, "sub"));
    await writeOutputs(out, [{ path: "other.pdf", data: Buffer.from("x") }], { manifest: true, producer: "t" });
    expect(readFileSync(path.join(base, "elsewhere/report.pdf"), "utf8")).toBe("ours");
  });
});

describe("a workbook open in Excel", () => {
  it("is not replaced while its lock file ~$plan.xlsx is beside it: PP710 naming both, nothing written; --force replaces it", async () => {
    const out = fresh("out");
    writeFileSync(path.join(out, "plan.xlsx"), "the workbook Excel has open");
    writeFileSync(path.join(out, "~$plan.xlsx"), "owner");
    const files = [{ path: "gantt.pdf", data: Buffer.from("new gantt") }, { path: "plan.xlsx", data: Buffer.from("new workbook") }];
    const bag = new DiagnosticBag("ja");
    await expect(writeOutputs(out, files, { manifest: true, bag })).rejects.toThrow();
    expect(bag.items.map((d) => [d.code, path.basename(d.file!)])).toEqual([["PP710", "plan.xlsx"]]);
    expect(bag.items[0]!.hint).toContain("隠しファイル ~$plan.xlsx を削除してください");
    expect(listing(out)).toEqual(["plan.xlsx", "~$plan.xlsx"]);
    expect(readFileSync(path.join(out, "plan.xlsx"), "utf8")).toBe("the workbook Excel has open");
    // a lock left beside no workbook of this run's names stops nothing; --force writes anyway
    await writeOutputs(out, [{ path: "diagnostics.xlsx", data: Buffer.from("d") }], { manifest: true, bag });
    await writeOutputs(out, files, { manifest: true, bag, force: true });
    expect(readFileSync(path.join(out, "plan.xlsx"), "utf8")).toBe("new workbook");
  });
});

describe("a read-only output", () => {
  it("is kept on every system (Windows refuses to replace it; Linux had replaced it): PP902 in words, exit 3, nothing written", async () => {
    const { chmodSync } = await import("node:fs");
    const out = fresh("out");
    const model = path.join(out, "model.json");
    writeFileSync(model, "the version sent to the council");
    chmodSync(model, 0o444);
    const r = await cli("model", plan(["総務課"]), "-o", model);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/model\.json {2}error {2}PP902 .*（読み取り専用のファイルです。/);
    expect(readFileSync(model, "utf8")).toBe("the version sent to the council");
    expect(listing(out)).toEqual(["model.json"]);
  });
});

describe("one run at a time per folder", () => {
  it("a folder another live run is writing into is PP909 and left alone; a killed run's lock is taken over", async () => {
    const out = fresh("out");
    writeFileSync(path.join(out, LOCK), `${process.ppid}\n`); // a live process that is not this one
    const bag = new DiagnosticBag("ja");
    await expect(writeOutputs(out, [{ path: "a.pdf", data: Buffer.from("a") }], { manifest: true, bag })).rejects.toThrow();
    expect(bag.items.map((d) => d.code)).toEqual(["PP909"]);
    // the lock may name a process that is someone else's after a restart: which file to delete is said
    expect(bag.items[0]!.hint).toContain(`${out} の中の隠しファイル .planpress.lock を削除してください`);
    expect(existsSync(path.join(out, "a.pdf"))).toBe(false);
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout.toString();
    writeFileSync(path.join(out, LOCK), `${dead}\n`);
    await writeOutputs(out, [{ path: "a.pdf", data: Buffer.from("a") }], { manifest: true, bag });
    expect(listing(out)).toEqual([MANIFEST, "a.pdf"]);
  });
});

describe("a build holds its output folder from its start", () => {
  it("another live run's lock stops it at once (PP714, exit 1, nothing read or written); a gone run's is taken over, said (PP715), and released when the build fails; a folder made for it is not left empty", async () => {
    const out = fresh("out");
    const lock = path.join(out, LOCK);
    writeFileSync(lock, `${process.ppid}\n`); // a live process that is not this one
    const busy = await cli("departments", plan(["総務課"]), "-o", out);
    expect(busy.code).toBe(1);
    expect(busy.stderr).toMatch(/error {2}PP714 .*ほかの planpress（プロセス \d+）が出力先 .* に書き出す文書を作っている最中です/);
    expect(busy.stderr).not.toContain("PP220"); // the plan was not read
    expect(listing(out)).toEqual([LOCK]);
    expect(readFileSync(lock, "utf8")).toBe(`${process.ppid}\n`);
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout.toString();
    writeFileSync(lock, `${dead}\n`);
    const broken = path.join(fresh("plan"), "plan.tsv");
    writeFileSync(broken, "見出しのない表\tです\n");
    const taken = await cli("departments", broken, "-o", out);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toMatch(new RegExp(`warning {2}PP715 .*プロセス ${dead}`));
    expect(listing(out)).toEqual([]);
    const made = path.join(fresh("out"), "new", "out");
    expect((await cli("departments", broken, "-o", made)).code).toBe(1);
    expect(existsSync(path.dirname(made))).toBe(false);
  });

  it("Ctrl-C during the build removes its lock", async () => {
    const out = fresh("out");
    const script = `import { holdFolder } from "./src/output/write.ts"; import { DiagnosticBag } from "./src/diagnostics/bag.ts";
      await holdFolder(${JSON.stringify(out)}, new DiagnosticBag("ja"));
      process.stdout.write("held"); process.kill(process.pid, "SIGINT"); setTimeout(() => undefined, 10000);`;
    const r = await node(["--import", "tsx", "--input-type=module", "-e", script]);
    expect([r.stdout, r.signal]).toEqual(["held", "SIGINT"]);
    expect(existsSync(path.join(out, LOCK))).toBe(false);
  });
});

describe("a lock written on another computer (a shared folder on a file server)", () => {
  it("is held while fresh, naming that computer (its process cannot be asked: each PC had taken the other's for a dead one's), and taken over when old", async () => {
    const { utimesSync } = await import("node:fs");
    const out = fresh("out");
    writeFileSync(path.join(out, LOCK), "4242\nother-pc-of-the-city\n");
    const bag = new DiagnosticBag("ja");
    await expect(writeOutputs(out, [{ path: "a.pdf", data: Buffer.from("a") }], { manifest: true, bag })).rejects.toThrow();
    expect(bag.items.map((d) => d.code)).toEqual(["PP909"]);
    expect(bag.items[0]!.message).toContain("プロセス 4242、other-pc-of-the-city");
    const hourAgo = new Date(Date.now() - 60 * 60 * 1000);
    utimesSync(path.join(out, LOCK), hourAgo, hourAgo);
    await writeOutputs(out, [{ path: "a.pdf", data: Buffer.from("a") }], { manifest: true, bag: new DiagnosticBag("ja") });
    expect(listing(out)).toEqual([MANIFEST, "a.pdf"]);
  });
});

describe("stale files: planpress removes what it wrote earlier and no longer produces, nothing else", () => {
  it("a renamed department's PDF goes (PP907); the city's own file and a changed one stay (PP908)", async () => {
    const out = fresh("out");
    const first = await cli("departments", plan(["総務課", "旧名課"]), "-o", out);
    expect(first.code, first.stderr).toBe(0);
    expect(existsSync(path.join(out, "departments/旧名課.pdf"))).toBe(true);
    writeFileSync(path.join(out, "departments/メモ.txt"), "the city's own");
    writeFileSync(path.join(out, "booklet.pdf"), "not written by planpress");
    const second = await cli("departments", plan(["総務課", "新名課"]), "-o", out);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain("PP907");
    expect(listing(out)).toEqual([MANIFEST, "booklet.pdf", "departments.pdf", "departments/メモ.txt", "departments/新名課.pdf", "departments/総務課.pdf"]);
    // a file planpress wrote, changed since by somebody: kept and told
    writeFileSync(path.join(out, "departments/新名課.pdf"), "annotated by hand");
    const third = await cli("departments", plan(["総務課"]), "-o", out, "--lang", "en");
    expect(third.code, third.stderr).toBe(0);
    expect(third.stderr).toContain("PP908");
    expect(readFileSync(path.join(out, "departments/新名課.pdf"), "utf8")).toBe("annotated by hand");
  }, 120_000);

  it("a run of one document leaves the files of the others alone", async () => {
    const out = fresh("out");
    await writeOutputs(out, [{ path: "booklet.pdf", data: Buffer.from("b"), producer: "booklet" }, { path: "gantt.pdf", data: Buffer.from("g"), producer: "gantt" }], { manifest: true });
    await writeOutputs(out, [{ path: "booklet.pdf", data: Buffer.from("b2"), producer: "booklet" }], { manifest: true });
    expect(listing(out)).toEqual([MANIFEST, "booklet.pdf", "gantt.pdf"]);
    expect(readManifest(out).map((e) => e.path)).toEqual(["booklet.pdf", "gantt.pdf"]);
  });

  it("files produced again with the same bytes and not rewritten (watch) are not stale", async () => {
    const out = fresh("out");
    const dept = (name: string, data = name) => ({ path: `departments/${name}.pdf`, data: Buffer.from(data), producer: "departments" });
    await writeOutputs(out, [dept("a"), dept("b")], { manifest: true });
    await writeOutputs(out, [dept("a", "a2")], { manifest: true, unchanged: [dept("b")] });
    expect(listing(out)).toEqual([MANIFEST, "departments/a.pdf", "departments/b.pdf"]);
    expect(readManifest(out).map((e) => e.path)).toEqual(["departments/a.pdf", "departments/b.pdf"]);
  });
});
