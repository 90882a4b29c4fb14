import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";
import { renderBooklet } from "../../src/render/booklet.js";
import { createPdf } from "../../src/render/pdf/document.js";
import { drawDocument } from "../../src/render/pdf/draw.js";
import { ReportedError } from "../../src/errors.js";
import { copyTemplates, makeRenderContext, projectRoot, seedPlan, templatesWith } from "../helpers/context.js";
import { baseFonts, readPdf, type PdfReadBack } from "../helpers/pdf.js";
import { seedDocuments } from "../helpers/seed-documents.js";
import { textItems } from "../helpers/pdf-positions.js";
import { pageGeometry } from "../../src/render/pdf/page.js";
import { planOf, project } from "../helpers/plan-model.js";

const plan = seedPlan();
let data: Uint8Array;
let pdf: PdfReadBack;
const squash = (s: string) => s.normalize("NFKC").replace(/\s+/g, "");

beforeAll(async () => {
  const [file] = await seedDocuments("booklet");
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

  it("opens each bookmark at its heading, not at the top of its page", async () => {
    const doc = await pdfjs.getDocument({ data: data.slice(), verbosity: 0 }).promise;
    const pages = await textItems(data);
    interface Mark { title: string; dest: unknown[]; items: Mark[] }
    const marks: Mark[] = [];
    const walk = (items: Mark[] | null) => { for (const m of items ?? []) { marks.push(m); walk(m.items); } };
    walk((await doc.getOutline()) as unknown as Mark[]);
    const far: string[] = [];
    for (const m of marks) {
      const page = pages[await doc.getPageIndex(m.dest[0] as { num: number; gen: number })]!;
      const top = m.dest[3] as number;
      // the heading's first word (No.12, 基本方針1, 施策(1)) on the line just below the destination's top
      const word = m.title.split(/[\s　]/u)[0]!;
      if (!page.items.some((i) => i.str.startsWith(word) && i.y <= top && i.y > top - 20)) far.push(`${m.title} (top ${top})`);
    }
    await doc.destroy();
    expect(marks.length).toBeGreaterThan(plan.projects.length);
    expect(far).toEqual([]);
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
    // the theme's page numbers ("{{page}} / {{pages}}"), none on the cover
    expect(pdf.pages[last - 1]!.lines.at(-1)?.replace(/\s/g, "")).toBe(`${last}/${last}`);
    expect(pdf.pages[0]!.lines.join("")).not.toMatch(new RegExp(`1\\s*/\\s*${last}`));
    expect(pdf.pages[4]!.lines[0]).toContain("武蔵野市DX推進計画");
    expect(pdf.pages[4]!.lines[0]).toMatch(/基本方針\d/);
  });

  it("has no page with only its running header and page number (a card filling a page before a chapter)", () => {
    for (const p of pdf.pages) expect(p.lines.length).toBeGreaterThan(3);
  });

  it("says 再掲 with the original's number and lists re-listings on the original (the house style)", () => {
    const text = squash(pdf.text);
    expect(text).toContain(squash("備考No.12の再掲"));
    expect(text).toContain(squash("備考人材育成・体制強化(1)①の再掲")); // unresolved: the place its mark names
    expect(text).not.toContain("【");
    expect(text).toMatch(/備考No\.16に再掲/);
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

  it("is byte-identical when rendered again (here, against the run's shared rendering)", async () => {
    const [again] = await renderBooklet(plan, makeRenderContext());
    expect(Buffer.compare(Buffer.from(again!.data), Buffer.from(data))).toBe(0);
    expect(data.length).toBeLessThan(700_000);
  });
});

describe("booklet templates", () => {
  it("shows a retitled cover edited in a copy of the templates", async () => {
    const dir = copyTemplates();
    const cover = path.join(dir, "booklet/cover.hbs");
    writeFileSync(cover, readFileSync(cover, "utf8").replace("事業計画書（議会資料）", "総務委員会説明資料"));
    const [file] = await renderBooklet(plan, makeRenderContext({ templatesDir: dir }));
    const back = await readPdf(file!.data);
    expect(squash(back.pages[0]!.lines.join(""))).toContain("総務委員会説明資料");
    expect(squash(back.text)).not.toContain("事業計画書（議会資料）");
  });

  it("keeps a card's reworded label whole on its line, as at a large table size (「担当課・関係／機関」, 「担当／課」 had wrapped under their values)", async () => {
    const dir = copyTemplates();
    const card = path.join(dir, "booklet/card.hbs");
    writeFileSync(card, readFileSync(card, "utf8").replace('"label": "担当課"', '"label": "担当課・関係機関"'));
    const big = makeRenderContext({ templatesDir: dir });
    big.theme = { ...big.theme, sizes: { ...big.theme.sizes, table: 20 } };
    for (const ctx of [makeRenderContext({ templatesDir: dir }), big]) {
      const [file] = await renderBooklet(plan, ctx);
      const lines = (await readPdf(file!.data)).pages.flatMap((p) => p.lines);
      expect(lines.some((l) => l.startsWith("担当課・関係機関"))).toBe(true);
      expect(lines.some((l) => /^(?:機関|課)\b/u.test(l.trim()) || l.trim() === "機関")).toBe(false);
    }
  }, 60_000);

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

  it("follows booklet.hbs's own instructions (chapters reordered, a preface) with no empty page", async () => {
    const dir = copyTemplates();
    const main = path.join(dir, "booklet/booklet.hbs");
    const order = plan.policies.map((_, i) => i).reverse();
    const each = "{{#each chapters}}\n{{> chapter}}\n{{/each}}";
    expect(readFileSync(main, "utf8")).toContain(each);
    writeFileSync(main, readFileSync(main, "utf8").replace(each, order.map((i) => `{{> chapter chapters.[${i}]}}`).join("\n")));
    const preface = path.join(dir, "booklet/preface.hbs");
    const lines = readFileSync(preface, "utf8").split("\n").filter((l) => l !== "");
    writeFileSync(preface, lines.slice(2, -1).join("\n").replace("本資料は、…", "本資料は、計画の事業を基本方針ごとに示します。"));
    const ctx = makeRenderContext({ templatesDir: dir });
    const [file] = await renderBooklet(plan, ctx);
    const back = await readPdf(file!.data);
    // Every page but the cover has more than its running header and page number.
    back.pages.forEach((p, i) => expect(p.lines.length, `page ${i + 1}`).toBeGreaterThan(3));
    expect(squash(back.pages[1]!.lines.join(""))).toContain("本資料は、計画の事業を基本方針ごとに示します。");
    expect(squash(back.pages[2]!.lines.join(""))).toContain("目次");
    // The chapter named first in the template opens page 4, right after the contents.
    const first = plan.policies[order[0]!]!;
    expect(squash(back.pages[3]!.lines.slice(1).join(""))).toMatch(new RegExp(`^基本方針${order[0]! + 1}${squash(first.name)}`));
    const chapters = back.outline.filter((t) => /^基本方針\d/.test(t));
    expect(chapters.map((t) => Number(/^基本方針(\d+)/.exec(t)![1]))).toEqual(order.map((i) => i + 1));
  });

  it("tells a JSON mistake in card.hbs at card.hbs and its line, and an unknown primitive by name", async () => {
    const source = readFileSync(path.join(projectRoot, "templates/booklet/card.hbs"), "utf8");
    /** The one PP503 of a booklet whose card.hbs has `from` replaced by `to`, and the line of `from`. */
    const broken = async (from: string, to: string) => {
      const ctx = makeRenderContext({ templatesDir: templatesWith("booklet/card.hbs", (t) => t.replace(from, to)) });
      await expect(renderBooklet(plan, ctx)).rejects.toBeInstanceOf(ReportedError);
      const d = ctx.diagnostics.items.filter((x) => x.code === "PP503");
      expect(d).toHaveLength(1);
      expect(d[0]!.file).toMatch(/booklet[/\\]card\.hbs$/);
      return { d: d[0]!, line: source.split("\n").findIndex((l) => l.includes(from)) + 1 };
    };
    const json = await broken('"bulletsLabel": "事業内容",', '"bulletsLabel": 事業内容",');
    expect(json.d.line).toBe(json.line);
    expect(json.d.message).toContain("JSON として読めません");
    const type = await broken('"type": "card"', '"type": "cardx"');
    expect(type.d.line).toBe(type.line);
    expect(type.d.message).toContain('"type" が "cardx" の要素は使えません（使えるのは cover,');
  });

  it("tells a table of the wrong shape at its line (PP503): a row of no cells or more than the header's, widths not one a column (pdfmake had stopped with an internal error, exit 2)", async () => {
    for (const [rows, widths, said] of [
      ['[["検討", "調査", "—", "余分"]]', '[60, "*", 80]', "表の 1 行目のセルが 4 個で、見出しの 3 列より多すぎます"],
      ['[["検討", "調査", "—"]]', '[60, "*"]', '表の "widths" の数（2）が見出しの列の数（3）と違います'],
      ['[[], ["検討", "調査", "—"]]', '[60, "*", 80]', "表の 1 行目にセルがありません"],
    ]) {
      const ctx = makeRenderContext({ templatesDir: templatesWith("booklet/preface.hbs", () => `{ "type": "heading", "level": 1, "text": "はじめに", "newPage": false },\n{ "type": "table", "header": ["区分", "内容", "備考"], "widths": ${widths}, "rows": ${rows} },\n`) });
      await expect(renderBooklet(plan, ctx)).rejects.toBeInstanceOf(ReportedError);
      expect(ctx.diagnostics.items.map((d) => [d.code, d.file.replace(/\\/g, "/").split("/").at(-1), d.line])).toEqual([["PP503", "preface.hbs", 2]]);
      expect(ctx.diagnostics.items[0]!.message).toContain(said);
    }
  });

  it("tells a key deleted from the house wording (templates/wording.json) once, as missing, and blames no template for it", async () => {
    const ctx = makeRenderContext({ templatesDir: templatesWith("wording.json", (t) => { const w = JSON.parse(t); delete w.asOf; return JSON.stringify(w, null, 2); }) });
    await expect(renderBooklet(plan, ctx)).rejects.toBeInstanceOf(ReportedError);
    expect(ctx.diagnostics.items.map((d) => [d.code, d.file.replace(/\\/g, "/").split("/").at(-1)])).toEqual([["PP532", "wording.json"]]);
    expect(ctx.diagnostics.items[0]!.message).toContain("asOf: ありません（");
  });
});

describe("a card's 担当課 longer than a line", () => {
  it("breaks between department names, never inside one (names helper in card.hbs); 各課 last", async () => {
    const many = ["市民活動推進課", "情報政策課", "健康課", "子ども子育て支援課", "教育支援課", "子ども家庭支援センター", "生涯学習スポーツ課", "障害者福祉課", "高齢者支援課", "地域支援課"];
    const long = { ...plan, projects: plan.projects.map((p) => (p.no === 2 ? { ...p, departments: many, allDepartments: true } : p)) };
    const [file] = await renderBooklet(long, makeRenderContext());
    const lines = (await readPdf(file!.data)).pages.flatMap((p) => p.lines);
    const at = lines.findIndex((l) => l.includes("市民活動推進課、情報政策課"));
    const field = [lines[at]!, lines[at + 1]!];
    expect(squash(field.join(""))).toContain(squash(`${many.join("、")}、各課`));
    // each line ends after a name's 、 and the next starts with a whole name
    expect(field[0]!.trimEnd()).toMatch(/、$/);
    expect(many.some((n) => field[1]!.trim().startsWith(n))).toBe(true);
  });
});

describe("a card's schedule strip over a long period", () => {
  it("keeps a long department name (30 characters) whole on the next line rather than cut it at a line's end", async () => {
    const { planOf: planOfProjects, project } = await import("../helpers/plan-model.js");
    const names = ["総合政策部デジタル行政推進本部情報政策課システム基盤担当係", "子ども家庭部子ども子育て支援課保育施策担当係長室分室第二", "市民部市民課"];
    const [file] = await renderBooklet(planOfProjects([project(1, { departments: names })]), makeRenderContext());
    const lines = (await readPdf(file!.data)).pages.flatMap((p) => p.lines).map(squash);
    const at = lines.findIndex((l) => l.includes(names[0]!));
    // 「担当課」 then the names, a line ending after a name's 、 and the next starting with a whole name
    expect(lines[at]).toBe(squash(`担当課${names[0]}、`));
    expect(lines[at + 1]).toBe(squash(`${names[1]}、${names[2]}`));
  });

  it("breaks every year heading before its 年度, all alike, when the widest does not fit (not 「令和9年／度」)", async () => {
    const ten = { ...plan, plan: { ...plan.plan, period: { start: 2026, end: 2035 } },
      projects: plan.projects.slice(0, 2).map((p) => ({ ...p, schedule: [{ label: "検討", from: 2026, to: 2035, category: "study" }] })) };
    ten.policies = plan.policies.slice(0, 1).map((pol) => ({ ...pol, measures: pol.measures.slice(0, 1).map((m) => ({ ...m, initiatives: m.initiatives.slice(0, 1).map((i) => ({ ...i, projects: i.projects.filter((n) => n <= 2) })) })) }));
    const [file] = await renderBooklet(ten, makeRenderContext());
    const strs = (await textItems(file!.data)).flatMap((p) => p.items.map((i) => i.str));
    expect(strs).toContain("令和17");
    expect(strs.filter((s) => s === "年度").length).toBeGreaterThanOrEqual(10);
    expect(strs.some((s) => s === "度" || /^令和[0-9]+年$/u.test(s))).toBe(false);
  });
});

describe("a running head beside a long 基本方針", () => {
  it("stays one line: the plan's title whole, the chapter cut with …", async () => {
    const long = "市民・職員目線の市民サービスとデータガバナンスフレームワークに基づく持続可能で誰一人取り残さない地域社会の実現";
    const renamed = { ...plan, policies: plan.policies.map((p, i) => (i === 0 ? { ...p, name: long } : p)),
      projects: plan.projects.map((p) => (p.policy === plan.policies[0]!.name ? { ...p, policy: long } : p)) };
    const [file] = await renderBooklet(renamed, makeRenderContext());
    const pages = (await readPdf(file!.data)).pages;
    const head = pages.find((p) => p.lines[0]?.includes("基本方針1"))!.lines[0]!;
    // (both halves had wrapped: the title broken inside 情報化, the chapter on two lines)
    expect(head).toContain(plan.plan.title.replace(/\s+/g, ""));
    expect(head).toMatch(/基本方針1\s*市民・職員目線.*…$/u);
  });
});

describe("a running head beside a long plan title", () => {
  it("stays one line: the title cut with …, the chapter kept readable (a 60-character title had wrapped every head, 「基本方針／1 …」)", async () => {
    const title = "武蔵野市デジタル・トランスフォーメーション推進計画（第八次総合情報化基本計画）令和八年度改定版における重点施策実施計画書";
    const [file] = await renderBooklet({ ...plan, plan: { ...plan.plan, title } }, makeRenderContext());
    const pages = await textItems(file!.data);
    const headOf = (p: (typeof pages)[number]) => p.items.filter((i) => i.y > p.height - 60);
    const page = pages.find((p) => headOf(p).some((i) => i.str.includes("基本方針1")))!;
    const head = headOf(page);
    // one line: every item of the head on one baseline
    expect(new Set(head.map((i) => Math.round(i.y))).size).toBe(1);
    expect(head.map((i) => i.str).join("")).toMatch(/^武蔵野市デジタル.*…基本方針1\s*市民・職員目線の市民サービス$/u);
  });
});

describe("a long title in a large cover size", () => {
  it("stays on the cover page, set smaller (PP514); a title that fits keeps the theme's size", async () => {
    const title = "武蔵野市デジタルトランスフォーメーション推進計画（令和8年度～令和12年度）実施計画事業別工程表";
    const ctx = makeRenderContext();
    ctx.theme = { ...ctx.theme, sizes: { ...ctx.theme.sizes, cover: 72 } };
    const [file] = await renderBooklet({ ...plan, plan: { ...plan.plan, title } }, ctx);
    const pages = (await readPdf(file!.data)).pages;
    // (the title had run on to page 2, under a running head, cut as 「実施計画事／業別工程表」)
    expect(squash(pages[0]!.lines.join(""))).toContain(squash(title));
    // set small enough that no phrase is cut at a line's end (「トラン／スフォーメーション」)
    expect(pages[0]!.lines.some((l) => l.includes("デジタルトランスフォーメーション"))).toBe(true);
    expect(squash(pages[0]!.lines.join(""))).toContain("総合政策部情報政策課");
    expect(squash(pages[1]!.lines.slice(1).join(""))).toMatch(/^目次/u);
    const said = ctx.diagnostics.items.filter((d) => d.code === "PP514");
    expect(said).toHaveLength(1);
    expect(said[0]!.message).toMatch(/72 pt では.*\d+ pt で印刷/);
    const plain = makeRenderContext();
    plain.theme = { ...plain.theme, sizes: { ...plain.theme.sizes, cover: 40 } };
    await renderBooklet(plan, plain);
    expect(plain.diagnostics.items.filter((d) => d.code === "PP514")).toEqual([]);
  });
});

describe("a plan of one year", () => {
  it("prints its period as that year, on the cover and the 工程表 (「令和8年度～令和8年度」 had been printed)", async () => {
    const { planOf: planOfProjects, project } = await import("../helpers/plan-model.js");
    const { renderGantt } = await import("../../src/render/gantt.js");
    const one = planOfProjects([project(1, { schedule: [{ label: "実施", from: 2026, to: 2026, category: "operate" }] })]);
    one.plan.period = { start: 2026, end: 2026 };
    const ctx = makeRenderContext();
    ctx.asOf = 2026;
    for (const [file] of [await renderBooklet(one, ctx), await renderGantt(one, ctx)]) {
      const text = squash((await readPdf(file!.data)).text);
      expect(text, file!.path).toContain("令和8年度");
      expect(text, file!.path).not.toContain("令和8年度~令和8年度");
    }
  });
});

describe("page breaks", () => {
  it("collapse when in a row and are dropped before anything and at the end: no empty page", async () => {
    const ctx = makeRenderContext();
    const content = drawDocument([
      { type: "pageBreak" },
      { type: "cover", title: "表紙" },
      { type: "pageBreak" },
      { type: "contents", title: "目次", levels: 2 },
      { type: "heading", level: 1, text: "第1章", newPage: true, contents: true, chapter: "第1章" },
      { type: "paragraph", text: "本文", size: "body", muted: false },
      { type: "pageBreak" },
      { type: "pageBreak" },
      { type: "heading", level: 2, text: "第1節", newPage: true, contents: true },
      { type: "paragraph", text: "本文2", size: "body", muted: false },
      { type: "pageBreak" },
    ], { kind: "booklet" }, ctx);
    const back = await readPdf(await createPdf({ kind: "booklet", content, plainPages: 1 }, { title: "t", author: "a" }, ctx));
    expect(back.pages.map((p) => squash(p.lines.join("")))).toEqual([
      "表紙",
      expect.stringMatching(/^目次第1章3第1節4/),
      expect.stringMatching(/^第1章本文/),
      expect.stringMatching(/^第1節本文2/),
    ]);
  });
});

describe("a Latin word longer than a line (an ID, a code)", () => {
  it("breaks inside the card instead of running past the page's margin", async () => {
    const code = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".repeat(4);
    const long = structuredClone(plan);
    long.projects[0]!.description = [`システムID ${code} を移行する。`];
    const [file] = await renderBooklet(long, makeRenderContext());
    const pages = await textItems(file!.data);
    const page = pages.find((p) => p.stream.includes(code.slice(0, 30)))!;
    expect(page.stream).toContain(`システムID${code}を移行する。`);
    const right = page.width - pageGeometry("booklet", makeRenderContext()).margins[2];
    const pieces = page.items.filter((i) => /[A-Z0-9]{5}/.test(i.str));
    expect(pieces.length).toBeGreaterThan(1); // on more than one line
    for (const i of pieces) expect(i.x + i.width, i.str).toBeLessThanOrEqual(right + 0.5);
  });
});

describe("a card longer than a page", () => {
  it("sets its title again at the top of each page it runs on to, with one bookmark and its link to the first page", async () => {
    const long = structuredClone(plan);
    const card = long.projects.find((p) => p.no === 7)!;
    card.description = Array.from({ length: 40 }, (_, i) => `関係課が連携して手続きを見直す（その${i + 1}）。窓口のあり方を研究し、住民の負担を減らす。`);
    const [file] = await renderBooklet(long, makeRenderContext());
    const back = await readPdf(file!.data);
    const title = `No.7 ${card.name.slice(0, 12)}`;
    const pagesWithTitle = back.pages.map((p, i) => (p.lines.some((l) => squash(l).startsWith(squash(title))) ? i + 1 : 0)).filter(Boolean);
    const first = back.pages.findIndex((p) => p.lines.some((l) => l.includes("（その1）"))) + 1;
    const last = back.pages.findIndex((p) => p.lines.some((l) => l.includes("（その40）"))) + 1;
    expect(last).toBeGreaterThan(first);
    // the title on the card's first page and again on each later one, nowhere else (No.17 re-lists it)
    expect(pagesWithTitle.filter((n) => n >= first && n <= last)).toEqual(Array.from({ length: last - first + 1 }, (_, i) => first + i));
    expect(back.outline.filter((t) => t.startsWith("No.7 "))).toHaveLength(1);
    // the title set again says （続き） after it; the first setting does not
    // (the title's two lines: the words end its last)
    const titleEnd = (n: number) => { const ls = back.pages[n - 1]!.lines; return squash(ls[ls.findIndex((l) => squash(l).startsWith(squash(title))) + 1]!); };
    expect(titleEnd(first)).toBe(squash("窓口のあり方の研究"));
    for (let n = first + 1; n <= last; n++) expect(titleEnd(n), `page ${n}`).toBe(squash("窓口のあり方の研究（続き）"));
    const doc = await pdfjs.getDocument({ data: new Uint8Array(file!.data), verbosity: 0 }).promise;
    const dest = (await doc.getDestinations())[`p${card.no}`] as [unknown]; // the card's anchor (views/booklet.ts)
    expect((await doc.getPageIndex(dest[0] as never)) + 1).toBe(first);
    await doc.destroy();
  });
});

describe("a card whose schedule strip is taller than a page", () => {
  it("is printed across pages, every phase of the label and every project there (the strip kept whole had been dropped without a trace)", async () => {
    const months = [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3];
    const items = Array.from({ length: 144 }, (_, i) => `${months[i % 12]}月：工程${i + 1}`);
    const long = planOf([
      project(1, { name: "基幹システムの更新", schedule: [{ label: items.join(" "), from: 2026, to: 2026, category: "mixed" }, { label: "運用", from: 2027, to: 2030, category: "operate" }] }),
      project(2, { name: "窓口の改善", schedule: [{ label: "長".repeat(2000), from: 2026, to: 2026, category: "mixed" }] }),
      project(3, { name: "庁内ネットワークの見直し" }),
    ]);
    const [file] = await renderBooklet(long, makeRenderContext());
    const text = (await readPdf(file!.data)).pages.map((pg) => pg.lines.join("")).join("").replace(/\s+/g, "");
    for (const name of ["基幹システムの更新", "窓口の改善", "庁内ネットワークの見直し"]) expect(text).toContain(name);
    expect(text.split("月：工程").length - 1).toBe(144);
    expect(text).toContain("工程144");
    expect(text.split("長").length - 1).toBeGreaterThanOrEqual(2000);
  }, 60_000);
});

describe("headings over a card that starts the next page", () => {
  it("go to the next page with the card (a 1,500-character 事業内容 had left 施策・取組 headings alone at the page's foot)", async () => {
    const { planOf: planOfProjects, project } = await import("../helpers/plan-model.js");
    const sentence = "住民サービスの向上を目的として、行政手続のオンライン化を進め、窓口での待ち時間を短縮し、職員の業務負担を軽減する（「書かない窓口」の実現）。";
    const long = planOfProjects([
      project(1),
      project(2, { measure: { number: 2, title: "窓口の改革" }, initiative: { number: 1, title: "窓口の見直し" }, description: [sentence.repeat(21)] }),
    ]);
    const back = await readPdf((await renderBooklet(long, makeRenderContext()))[0]!.data);
    const onPage = (n: number) => back.pages[n]!.lines.map(squash);
    const cardPage = back.pages.findIndex((p) => p.lines.some((l) => squash(l).startsWith("No.2事業2")));
    // the card's own page carries both its headings, above its title
    const lines = onPage(cardPage);
    const title = lines.findIndex((l) => l.startsWith("No.2事業2"));
    expect(lines.slice(0, title)).toEqual(expect.arrayContaining(["施策(2)窓口の改革", "取組①窓口の見直し"].map(squash)));
    // and the page before ends with the card above, not with a heading (the line above the page number)
    const before = onPage(cardPage - 1).filter((l) => !/^\d+\/\d+$/.test(l));
    expect(before.at(-1)).not.toMatch(/^(施策\(|取組\d)/);
    // the contents give the page the 施策 now starts on
    expect(onPage(1)).toContain(`施策(2)窓口の改革${cardPage + 1}`);
  });
});

describe("a booklet.hbs without its cover", () => {
  it("prints its first page with the running header and page number (it had been left bare, as if it were the cover)", async () => {
    const ctx = makeRenderContext({ templatesDir: templatesWith("booklet/booklet.hbs", (t) => t.replace("{{> cover}}\n", "")) });
    const [file] = await renderBooklet(planOf([project(1), project(2)]), ctx);
    const back = await readPdf(file!.data);
    const first = back.pages[0]!.lines.map(squash);
    expect(first[0]).toContain(squash("テスト市DX計画"));
    expect(first.at(-1)).toMatch(/^1\//);
    expect(squash(back.text)).not.toContain(squash("事業計画書（議会資料）"));
  }, 60_000);
});
