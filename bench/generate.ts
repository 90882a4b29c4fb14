// A seeded synthetic plan for the bench: N projects over M departments, shaped like the seed
// (the same header blocks, its text lengths, phase patterns and department lists, 再掲 rows).
// Every value is drawn from the seed's own rows, so what a renderer meets at N = 5,000 is what it
// meets in the seed, only more of it.
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

export interface GenerateOptions {
  projects: number;
  departments: number;
  /** Projects per header block (the seed repeats its header every 14–20 rows). */
  blockSize?: number;
  seed?: number;
  /** The seed TSV the distributions are drawn from. */
  from?: string;
}

/** mulberry32: small, fast and the same on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface SeedRow { name: string; departments: number; allDepartments: boolean; description: string; schedule: string[] }

/** The seed's data rows: only what the generator samples (lengths, phases, list shapes). */
function seedRows(tsv: string): SeedRow[] {
  const out: SeedRow[] = [];
  for (const line of tsv.split(/\r?\n/)) {
    const c = line.split("\t");
    if (!/^\d+$/.test(c[0] ?? "")) continue;
    const depts = (c[5] ?? "").split(/[、,]/).filter(Boolean);
    // Blocks whose year columns are shifted by one carry an empty cell before the schedule.
    const schedule = c.slice(7, 12);
    if (schedule[0] === "" && (c[12] ?? "") !== "") schedule.push(c[12] ?? "");
    out.push({
      name: c[4] ?? "",
      departments: depts.filter((d) => d !== "各課").length,
      allDepartments: depts.includes("各課"),
      description: c[6] ?? "",
      schedule: schedule.slice(0, 5),
    });
  }
  return out;
}

const KANJI = "市民行政情報推進検討実施運用調査研究導入拡大整備活用共有改善支援計画事業制度環境業務地域教育福祉健康子育防災都市交通文化施設窓口手続電子化標準統一基盤連携";
const KANA = "のをにはでがとしてるれたいうかきくけこさすせそな";

function text(r: () => number, length: number): string {
  let s = "";
  for (let i = 0; i < length; i++) {
    const pool = r() < 0.6 ? KANJI : KANA;
    s += pool[Math.floor(r() * pool.length)];
    if (i % 40 === 39) s += "、";
  }
  return s;
}

const ROMAN = ["①", "②", "③", "④", "⑤", "⑥", "⑦", "⑧", "⑨", "⑩"];
const REIWA = (i: number) => `令和${8 + i}年度`;

/** The synthetic plan as TSV text, in the seed's layout (title, then header blocks of 3 rows). */
export function generatePlan(opts: GenerateOptions): string {
  const r = rng(opts.seed ?? 1);
  const seed = seedRows(readFileSync(opts.from ?? "data/plan.tsv", "utf8"));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const departments = Array.from({ length: opts.departments }, (_, i) => `${text(r, 2 + Math.floor(r() * 4))}${i}課`);
  const blockSize = opts.blockSize ?? 18;
  const lines: string[] = ["", "", `合成計画${opts.projects}事業（ベンチマーク用）`, ""];
  const header = () => lines.push(
    "施策基本情報\t\t\t\t\t\t施策プランニング\t\t\t\t\t",
    "\t\t\t\t\t\t事業内容\tスケジュール\t\t\t\t",
    ["No", "基本方針・基本施策", "施策", "取組み", "事業", "担当課", "", ...[0, 1, 2, 3, 4].map(REIWA)].join("\t"),
  );
  // About five policies of the seed's size per 56 projects, measures of ~3 initiatives.
  const policies = Math.max(1, Math.round(opts.projects / 11));
  const written: { no: number; name: string; measure: string; initiative: string; policy: string; row: string[] }[] = [];
  let policy = 0, measure = 1, initiative = 1, inInitiative = 0;
  let policyName = `${text(r, 8)}の推進`;
  let measureTitle = `(1)${text(r, 12)}`;
  let initiativeTitle = `①${text(r, 16)}`;
  for (let no = 1; no <= opts.projects; no++) {
    if ((no - 1) % blockSize === 0) { if (no > 1) lines.push(""); header(); }
    if (inInitiative >= 1 + Math.floor(r() * 3)) {
      inInitiative = 0;
      if (initiative >= 1 + Math.floor(r() * 4)) {
        initiative = 1;
        if (measure >= 2 + Math.floor(r() * 5) && policy < policies - 1) { policy++; measure = 1; policyName = `${text(r, 8)}の推進`; }
        else measure++;
        measureTitle = `(${measure})${text(r, 12)}`;
      } else initiative++;
      initiativeTitle = `${ROMAN[(initiative - 1) % ROMAN.length]}${text(r, 16)}`;
    }
    inInitiative++;
    const model = pick(seed);
    // One project in twelve is a 再掲 of an earlier one, marked both ways the seed marks them.
    const earlier = written.length > 5 && r() < 1 / 12 ? pick(written) : undefined;
    if (earlier) {
      const mark = r() < 0.7 ? `${earlier.name}（再掲）` : `【${earlier.policy}${earlier.measure.replace(/\).*/, ")")}${earlier.initiative.slice(0, 1)}の再掲】 ${earlier.name}`;
      const row = [String(no), policyName, measureTitle, initiativeTitle, mark, ...earlier.row.slice(5)];
      lines.push(row.join("\t"));
      continue;
    }
    const name = `${text(r, Math.max(6, model.name.length))}`;
    const count = Math.max(1, model.departments);
    const names = Array.from({ length: count }, () => pick(departments));
    const deptCell = [...new Set(names), ...(model.allDepartments ? ["各課"] : [])].join("、");
    const description = model.description.startsWith("<ul")
      ? `<ul style="list-style-type: disc;"><li>${text(r, 60)}</li><li>${text(r, 60)}</li></ul>`
      : `・${text(r, Math.max(20, model.description.length - 2))}`;
    const row = [String(no), policyName, measureTitle, initiativeTitle, name, deptCell, description, ...model.schedule];
    written.push({ no, name, measure: measureTitle, initiative: initiativeTitle, policy: policyName, row });
    lines.push(row.join("\t"));
  }
  return lines.join("\n") + "\n";
}

// `node dist/bench/generate.js N M out.tsv [seed]`
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [n = "1000", m = "40", out = "/tmp/synthetic.tsv", s = "1"] = process.argv.slice(2);
  writeFileSync(out, generatePlan({ projects: Number(n), departments: Number(m), seed: Number(s) }));
}
