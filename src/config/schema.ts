// What a city sets about its plan and its documents (data/planpress.config.json). Every key is
// optional; the defaults below are the documented ones. The JSON Schema beside the config file is
// generated from this schema (`npm run schema`).
import { z } from "zod";

/** The columns planpress knows; the config's `columns` maps other header wordings onto them. */
export const ColumnKey = z.enum([
  "no", "policy", "measure", "initiative", "name", "departments", "description",
]);
export type ColumnKey = z.infer<typeof ColumnKey>;

export const PhaseCategoryRule = z.object({
  id: z.string().min(1).describe("category id, used by the theme's colours"),
  label: z.string().min(1).describe("the category's name in legends"),
  terms: z.array(z.string().min(1)).describe("a phase label containing any of these takes this category"),
});
export type PhaseCategoryRule = z.infer<typeof PhaseCategoryRule>;

/** Later stages first: a label takes the first rule any of its terms matches (調達・運用 = operate). */
export const DEFAULT_PHASE_CATEGORIES: PhaseCategoryRule[] = [
  { id: "operate", label: "運用・実施", terms: ["運用", "実施", "推進", "適用", "拡大", "拡充", "改善", "活用", "展開"] },
  { id: "pilot", label: "試行・検証", terms: ["試行", "実証", "モデル", "検証"] },
  { id: "build", label: "調達・構築", terms: ["調達", "構築", "導入", "整備", "準備", "開発"] },
  { id: "study", label: "検討", terms: ["検討", "見直し", "方針", "仕様", "把握", "計画"] },
  { id: "research", label: "調査・研究", terms: ["調査", "研究", "情報収集"] },
];

export const DEFAULT_STATUSES = ["完了", "予定どおり", "前倒し", "遅れ", "未着手", "中止・休止"];

const YearInput = z.union([z.number().int(), z.string()]);

/** A real calendar date (2026-02-30 is not one). */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "日付は YYYY-MM-DD で書いてください（例: 2026-11-24）")
  .refine((s) => { const d = new Date(`${s}T00:00:00Z`); return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s); },
    "存在しない日付です（例: 2026-11-24）");

// Strict: a misspelt key ("titel") is reported instead of silently doing nothing.
export const Config = z.strictObject({
  $schema: z.string().optional(),
  title: z.string().optional().describe("plan title; overrides the title read from the input"),
  document: z.strictObject({
    date: isoDate.optional()
      .describe("document date (YYYY-MM-DD): printed on covers and used for every metadata date"),
    meeting: z.string().optional().describe("meeting name on the booklet cover, e.g. 総務委員会"),
    handoutLabel: z.string().optional().describe("資料番号, top right of the cover"),
    issuer: z.string().optional().describe("issuing department, e.g. 総合政策部 情報政策課"),
    author: z.string().optional().describe("PDF/xlsx author; defaults to the issuer"),
    subject: z.string().optional(),
    keywords: z.array(z.string()).optional(),
  }).default({}),
  asOf: YearInput.optional().describe("fiscal year highlighted on roadmaps (2026, R8, 令和8年度)"),
  sheet: z.string().optional().describe("which sheet of an .xlsx input holds the plan"),
  columns: z.record(z.string(), ColumnKey).default({})
    .describe("header wording → column, for wordings planpress does not know"),
  phaseCategories: z.array(PhaseCategoryRule).min(1).default(DEFAULT_PHASE_CATEGORIES),
  defaultCategory: z.object({ id: z.string(), label: z.string() })
    .default({ id: "other", label: "その他" }),
  progressStatuses: z.array(z.string().min(1)).min(1).default(DEFAULT_STATUSES),
  departmentSeparators: z.array(z.string().min(1)).default(["、", ",", "，", "／", "/"]),
  departmentSuffixes: z.array(z.string().min(1))
    .default(["課", "室", "局", "所", "館", "センター", "部", "係"])
    .describe("a ・ splits a department list only after a part ending in one of these"),
  allDepartmentsMarker: z.string().default("各課"),
  limits: z.object({
    maxInputBytes: z.number().int().positive().default(20 * 1024 * 1024)
      .describe("largest input file read, in bytes (PP104)"),
    maxCellChars: z.number().int().positive().default(5000).describe("longer cell texts are clipped (PP310)"),
    maxCells: z.number().int().positive().default(500_000).describe("most cells with values an .xlsx sheet may hold (PP119)"),
    maxProjects: z.number().int().positive().default(5000)
      .describe("most project rows a plan may have (PP115); above it nothing is read further"),
  }).default({ maxInputBytes: 20 * 1024 * 1024, maxCellChars: 5000, maxCells: 500_000, maxProjects: 5000 }),
});
export type Config = z.infer<typeof Config>;

export function defaultConfig(): Config {
  return Config.parse({});
}
