import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { renderBooklet } from "../../src/render/booklet.js";
import { ReportedError } from "../../src/errors.js";
import { makeRenderContext, projectRoot, seedPlan } from "../helpers/context.js";
import { baseFonts, readPdf, type PdfReadBack } from "../helpers/pdf.js";

const plan = seedPlan();
let data: Uint8Array;
let pdf: PdfReadBack;
const squash = (s: string) => s.normalize("NFKC").replace(/\s+/g, "");

beforeAll(async () => {
  const [file] = await renderBooklet(plan, makeRenderContext());
  expect(file!.path).toBe("booklet.pdf");
  data = file!.data;
  pdf = await readPdf(data);
});

describe("booklet", () => {
  it("is A4 portrait on every page", () => {
    expect(pdf.pages.length).toBeGreaterThan(10);
    for (const p of pdf.pages) {
      expect(p.width).toBeCloseTo(595.28, 0);
      expect(p.height).toBeCloseTo(841.89, 0);
    }
  });

  it("embeds only subset BIZ UDPGothic faces", () => {
    const fonts = baseFonts(data);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(f).toMatch(/^[A-Z]{6}\+BIZUDPGothic-(Regular|Bold)$/);
  });

  it("has a bookmark per policy and per project, in plan order", () => {
    for (const policy of plan.policies) expect(pdf.outline.some((t) => t.includes(policy.name))).toBe(true);
    const projectMarks = pdf.outline.filter((t) => /^No\.\d+ /.test(t)).map((t) => Number(/^No\.(\d+)/.exec(t)![1]));
    expect(projectMarks).toEqual(plan.policies.flatMap((p) => p.measures.flatMap((m) => m.initiatives.flatMap((i) => i.projects))));
  });

  it("gives back every project name as text, and the cover in order", () => {
    const text = squash(pdf.text);
    for (const p of plan.projects) expect(text).toContain(squash(p.name));
    const cover = squash(pdf.pages[0]!.lines.join(""));
    expect(cover).toContain(squash(plan.plan.title));
    expect(cover).toContain(squash("令和8年度～令和12年度"));
    expect(cover).toContain("令和8年11月24日");
    expect(cover.indexOf("資料1")).toBeLessThan(cover.indexOf(squash(plan.plan.title)));
  });

  it("has metadata with the city and the document date", () => {
    expect(String(pdf.info.Title)).toContain("武蔵野市");
    expect(String(pdf.info.Author)).toContain("武蔵野市");
    expect(String(pdf.info.CreationDate)).toMatch(/^D:20261124/);
    expect(pdf.info.Language).toBe("ja");
  });

  it("numbers pages in the footer and repeats the running header", () => {
    const last = pdf.pages.length;
    expect(pdf.pages[last - 1]!.lines.at(-1)).toBe(`- ${last} -`);
    expect(pdf.pages[0]!.lines.join("")).not.toMatch(/- 1 -/);
    expect(pdf.pages[4]!.lines[0]).toContain("武蔵野市DX推進計画");
    expect(pdf.pages[4]!.lines[0]).toMatch(/基本方針\d/);
  });

  it("has no page with only its running header and page number (a card filling a page before a chapter)", () => {
    for (const p of pdf.pages) expect(p.lines.length).toBeGreaterThan(3);
  });

  it("says 再掲 with the original's number and lists re-listings on the original", () => {
    const text = squash(pdf.text);
    expect(text).toContain(squash("再掲（No.12）"));
    expect(text).toContain(squash("【人材育成・体制強化(1)①の再掲】")); // unresolved: the marker as written
    expect(text).toMatch(/再掲先No\.16/);
  });

  it("breaks no line against 禁則 (line starts and ends)", () => {
    const start = /^[）〕］｝〉》」』】、。，．・：；？！ーぁぃぅぇぉっゃゅょァィゥェォッャュョ々]/;
    const end = /[（〔［｛〈《「『【]$/;
    // A `・` followed by a space is a bullet item's marker, not punctuation.
    const lines = pdf.pages.flatMap((p) => p.lines).map((l) => l.trim().replace(/^・ /, ""));
    expect(lines.length).toBeGreaterThan(500);
    const bad = lines.filter((l) => start.test(l) || end.test(l));
    expect(bad).toEqual([]);
  });

  it("is byte-identical when rendered again", async () => {
    const [again] = await renderBooklet(plan, makeRenderContext());
    expect(Buffer.compare(Buffer.from(again!.data), Buffer.from(data))).toBe(0);
    expect(data.length).toBeLessThan(700_000);
  });
});

describe("booklet templates", () => {
  function copyTemplates(): string {
    const dir = mkdtempSync(path.join(tmpdir(), "pp-tpl-"));
    cpSync(path.join(projectRoot, "templates"), dir, { recursive: true });
    return dir;
  }

  it("shows a retitled cover edited in a copy of the templates", async () => {
    const dir = copyTemplates();
    const cover = path.join(dir, "booklet/cover.hbs");
    writeFileSync(cover, readFileSync(cover, "utf8").replace("事業計画書（議会資料）", "総務委員会説明資料"));
    const [file] = await renderBooklet(plan, makeRenderContext({ templatesDir: dir }));
    const back = await readPdf(file!.data);
    expect(squash(back.pages[0]!.lines.join(""))).toContain("総務委員会説明資料");
    expect(squash(back.text)).not.toContain("事業計画書（議会資料）");
  });

  it("reports a misspelt field as PP503 with the template file and line, and writes nothing", async () => {
    const dir = copyTemplates();
    const card = path.join(dir, "booklet/card.hbs");
    const lines = readFileSync(card, "utf8").split("\n");
    const at = lines.findIndex((l) => l.includes('"title": {{json name}}'));
    lines[at] = '  "title": {{json nmae}},';
    writeFileSync(card, lines.join("\n"));
    const ctx = makeRenderContext({ templatesDir: dir });
    await expect(renderBooklet(plan, ctx)).rejects.toBeInstanceOf(ReportedError);
    const d = ctx.diagnostics.items.find((x) => x.code === "PP503");
    expect(d?.file).toMatch(/card\.hbs$/);
    expect(d?.line).toBe(at + 1);
  });
});
