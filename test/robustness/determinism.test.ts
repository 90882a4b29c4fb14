// Same input → the same bytes, whatever the clock and the time zone; a failed run leaves the
// earlier outputs as they were; department names cannot write outside the output folder.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { writeOutputs } from "../../src/output/write.js";
import { cli } from "../helpers/cli.js";
import { HEADER, row, tsv } from "../helpers/plan-fixtures.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "planpress-determinism-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function files(root: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out.set(path.relative(root, full), readFileSync(full));
    }
  };
  walk(root);
  return out;
}

/** `planpress build` of the seed into `out` with the time zone `tz` and, if given, the clock at `now`. */
async function buildAt(out: string, tz: string, now?: Date): Promise<Awaited<ReturnType<typeof cli>>> {
  const saved = { TZ: process.env.TZ, SOURCE_DATE_EPOCH: process.env.SOURCE_DATE_EPOCH };
  // Node applies a TZ set at run time to every later Date; no SOURCE_DATE_EPOCH: the date must come
  // from the plan and config, not from the environment or the clock.
  process.env.TZ = tz;
  delete process.env.SOURCE_DATE_EPOCH;
  if (now) vi.useFakeTimers({ toFake: ["Date"], now });
  try {
    expect(new Date(Date.UTC(2026, 0, 1)).getHours()).toBe(tz === "UTC" ? 0 : 14);
    return await cli("build", "data/plan.tsv", "-o", out);
  } finally {
    vi.useRealTimers();
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  }
}

// In-process (main() as bin/planpress.js runs it): the second build sees another clock and another
// zone, and the caches the first build warmed. Whole processes are built in bundle.test.ts.
describe("determinism: two builds of the seed, years apart on the clock, UTC and Honolulu", () => {
  const a = path.join(dir, "a"), b = path.join(dir, "b");
  let first: Awaited<ReturnType<typeof cli>>, second: Awaited<ReturnType<typeof cli>>;
  beforeAll(async () => {
    first = await buildAt(a, "UTC");
    second = await buildAt(b, "Pacific/Honolulu", new Date("2031-07-15T23:59:58Z"));
  }, 400_000); // ~15 s of CPU; on a machine at load 20 the wall time is ten times that

  it("both builds succeed and write the same set of files", () => {
    expect(first.code, first.stderr).toBe(0);
    expect(second.code, second.stderr).toBe(0);
    const fa = files(a), fb = files(b);
    expect([...fb.keys()].sort()).toEqual([...fa.keys()].sort());
    expect(fa.has("booklet.pdf") && fa.has("plan.xlsx") && fa.has("gantt.pdf") && fa.has("departments.pdf")).toBe(true);
    expect([...fa.keys()].filter((k) => k.startsWith("departments" + path.sep)).length).toBeGreaterThan(30);
  });

  it("every output is byte-identical", () => {
    const fa = files(a), fb = files(b);
    const differ = [...fa].filter(([k, v]) => !fb.get(k)?.equals(v)).map(([k]) => k);
    expect(differ).toEqual([]);
  });

  it("a failed run leaves the earlier outputs untouched", async () => {
    const out = path.join(dir, "kept");
    cpSync(a, out, { recursive: true });
    const before = files(out);
    const mtimes = new Map([...before.keys()].map((k) => [k, statSync(path.join(out, k)).mtimeMs]));
    const bad = path.join(dir, "bad.tsv");
    writeFileSync(bad, tsv([HEADER, row(1, "事業A"), row(1, "事業B")])); // duplicate No: an error
    const r = await cli("build", bad, "-o", out);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/PP401/);
    const after = files(out);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [k, v] of before) {
      expect(after.get(k)?.equals(v), k).toBe(true);
      expect(statSync(path.join(out, k)).mtimeMs, k).toBe(mtimes.get(k));
    }
  });
});

describe("output safety", () => {
  it("a write that fails midway renames nothing and leaves no temporary files", async () => {
    const out = path.join(dir, "partial");
    // plan.xlsx cannot be written where a folder of that name stands.
    mkdirSync(path.join(out, "plan.xlsx"), { recursive: true });
    writeFileSync(path.join(out, "booklet.pdf"), "earlier booklet");
    const old = readFileSync(path.join(out, "booklet.pdf"));
    await expect(writeOutputs(out, [
      { path: "booklet.pdf", data: new Uint8Array([1, 2, 3]) },
      { path: "plan.xlsx", data: new Uint8Array([4]) },
    ])).rejects.toThrow();
    expect(readFileSync(path.join(out, "booklet.pdf")).equals(old)).toBe(true);
    expect(readdirSync(out).filter((f) => f.includes(".tmp"))).toEqual([]);
  });

  it("department names that try to escape land inside out/departments/", async () => {
    const names = ["../x", "a/b", "..\\..\\win", "CON", "nul.txt", "課\u0007名", ".", "..", " ", "長".repeat(300)];
    const rows = names.map((d, i) => row(i + 1, `事業${i + 1}`, { depts: d }));
    const input = path.join(dir, "escape.tsv");
    writeFileSync(input, tsv([HEADER, ...rows]));
    const out = path.join(dir, "escape-out", "out");
    const r = await cli("departments", input, "-o", out);
    expect([0, 1], r.stderr).toContain(r.code);
    expect(r.stderr).not.toMatch(/^ {4}at /m);
    expect(r.code, r.stderr).toBe(0);
    // Nothing beside out/ or above it.
    expect(readdirSync(path.join(dir, "escape-out"))).toEqual(["out"]);
    expect(existsSync(path.join(dir, "x.pdf"))).toBe(false);
    const written = files(out);
    written.delete(".planpress-manifest.json"); // what planpress wrote there (src/output/write.ts)
    for (const k of written.keys()) {
      expect(k === "departments.pdf" || k.startsWith(`departments${path.sep}`), k).toBe(true);
      expect(k.split(path.sep)).toHaveLength(k === "departments.pdf" ? 1 : 2);
      const base = path.basename(k);
      // eslint-disable-next-line no-control-regex
      expect(base, k).not.toMatch(/[\u0000-\u001f/\\]|^(CON|PRN|AUX|NUL|COM\d|LPT\d)(\.|$)/i);
      expect(Buffer.byteLength(base), k).toBeLessThanOrEqual(255);
    }
    expect([...written.keys()].filter((k) => k.startsWith(`departments${path.sep}`)).length).toBeGreaterThanOrEqual(8);
  }, 60_000);
});
