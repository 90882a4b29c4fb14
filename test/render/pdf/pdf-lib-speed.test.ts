// The pdf-lib patches (stream copy, shared clones): installed only for the pdf-lib they were
// written for, and the saved bytes are the same with them as without them. Checked in a fresh process (pdf-lib-speed-run.ts): in
// this worker another test file may have installed the patch already.
import { beforeAll, describe, expect, it } from "vitest";
import { node } from "../../robustness/run.js";

let fresh: { otherVersion: boolean; untouched: boolean; pinnedVersion: boolean; replaced: boolean; lengths: number[]; same: boolean;
  copies: { same: boolean; length: number; sharedNumber: boolean } };

beforeAll(async () => {
  const r = await node(["--import", "tsx", "test/render/pdf/pdf-lib-speed-run.ts"], { timeoutMs: 110_000 });
  expect(r.code, r.stderr).toBe(0);
  fresh = JSON.parse(r.stdout) as typeof fresh;
});

describe("pdf-lib stream-copy patch", () => {
  it("is not installed for another pdf-lib version", () => {
    expect(fresh.otherVersion).toBe(false);
    expect(fresh.untouched).toBe(true);
  });

  it("is installed for the installed pdf-lib and writes the same bytes", () => {
    expect(fresh.replaced).toBe(true);
    expect(fresh.lengths[1]).toBe(fresh.lengths[0]);
    expect(fresh.same).toBe(true);
  });

  it("copies pages sharing numbers and stream bytes (never changed once made): the same bytes as cloning them", () => {
    expect(fresh.copies.sharedNumber).toBe(true);
    expect(fresh.copies.length).toBeGreaterThan(1000);
    expect(fresh.copies.same).toBe(true);
  });

  it("finds the installed pdf-lib to be the version it was written for", () => {
    // A lock refresh that brings another pdf-lib fails here, not silently at run time.
    expect(fresh.pinnedVersion).toBe(true);
  });
});
