// What a city sets about its plan and its documents (data/planpress.config.json). Every key is
// optional; the defaults below are the documented ones. The JSON Schema beside the config file is
// generated from this schema (`npm run schema`).
import { z } from "zod";
import { eraSlips, isoDateOf } from "../fiscal.js";

/**
 * The columns planpress knows; the config's `columns` maps other header wordings onto them.
 * `remarks` (備考) and `relatedDepartments` (関係課) are read as raw fields for the cell rules.
 */
export const ColumnKey = z.enum([
  "no", "policy", "measure", "initiative", "name", "departments", "description", "remarks", "relatedDepartments",
  "policyNumber", "measureNumber", "initiativeNumber", "allDepartments", "relist",
]);
export type ColumnKey = z.infer<typeof ColumnKey>;

/**
 * The columns by their Japanese names, as staff write them in `columns` ("取組名": "事業名"):
 * the same columns as the English keys ("取組名": "name").
 */
export const COLUMN_NAMES_JA: Record<string, ColumnKey> = {
  "No": "no", "番号": "no", "基本方針": "policy", "施策": "measure", "取組": "initiative", "事業名": "name",
  "担当課": "departments", "事業内容": "description", "備考": "remarks", "関係課": "relatedDepartments",
  "基本方針番号": "policyNumber", "施策番号": "measureNumber", "取組番号": "initiativeNumber",
  "全庁共通": "allDepartments", "各課": "allDepartments", "再掲": "relist",
};
const JapaneseColumnName = z.enum(Object.keys(COLUMN_NAMES_JA) as [string, ...string[]]);
const ColumnNameJa = JapaneseColumnName.transform((n) => COLUMN_NAMES_JA[n]!);
/** A column of `columns`: its English key or its Japanese name, one message naming both when neither. */
const ColumnTarget = z.union([ColumnKey, ColumnNameJa], {
  error: () => `列の名前は ${Object.keys(COLUMN_NAMES_JA).filter((n) => n !== "番号" && n !== "各課").join("・")} のいずれかです（英語のキー name, departments … も使えます）`,
});

/**
 * Header wordings other cities' exports use for each column (compared without spaces and
 * line breaks, full-width letters read as half-width). Each one used is reported (info), so a
 * reader of `planpress check` sees which header was read as which column. A city's config adds
 * its own wordings to these (`headerSynonyms`), or maps one wording with `columns`.
 */
export const DEFAULT_HEADER_SYNONYMS: Record<ColumnKey, string[]> = {
  no: ["番号", "事業番号", "通し番号", "項番", "整理番号", "事業No", "№", "#", "連番", "管理番号", "通番"],
  policy: ["基本方針・基本施策", "基本方針/基本施策", "基本目標", "方針", "政策", "施策の柱", "基本方針名", "基本目標名", "政策名", "大項目", "施策の柱名", "柱", "重点目標", "基本戦略", "戦略", "分野", "政策目標", "政策分野", "基本政策", "基本的方向", "基本的な方向", "章", "章名",
    "改革の柱", "改革方針", "改革の基本方針"],
  measure: ["施策名", "基本施策", "施策の方向", "施策の方向性", "施策の展開", "施策項目", "個別施策", "中項目", "基本施策名", "施策の方針", "重点施策", "推進施策", "主要施策", "推進方策", "方策", "方向性", "施策の方策", "節", "節名", "具体的な施策", "具体的施策", "改革項目", "改革の方向", "改革の方向性"],
  initiative: ["取組み", "取り組み", "取組名", "取組名称", "取組み名", "取組事項", "具体的な取組", "具体的な取組み", "具体的取組", "主な取組", "主な取組み",
    "取組項目", "取組の方向", "推進項目", "小項目", "実施項目", "重点取組", "重点取組み", "項", "項名", "基本事業", "基本事業名"],
  name: ["事業名称", "主な事業", "項目", "具体的な事業", "実施事業", "事務事業名", "事業・取組名", "事務事業", "施策事業名", "個別事業名", "事業の名称",
    "主な事業名", "計画事業名", "取組・事業名", "具体的事業", "具体事業", "プロジェクト名", "主要事業", "主要事業名", "取組事業", "取組事業名", "実施事業名",
    "名称", "主な事業・取組", "主な取組・事業", "事業・取組", "取組・事業",
    // a column of the projects' names under their 施策 written as heading rows in it (施策 row, then its projects)
    "施策・事業名", "施策・事業", "施策名・事業名", "施策及び事業", "事業・取組の名称", "取組・事業の名称", "施策・事業の名称", "主要な事業"],
  departments: ["所管課", "担当部署", "担当部局", "担当所管", "所管", "担当", "主管課", "所管部署", "所管課名", "担当課名", "担当課室", "主担当課",
    "所管部局", "担当部課", "所管部課", "担当部課名", "主管部署", "担当組織", "担当部・課", "担当部署名", "課", "課名", "所属", "所属名", "担当所属",
    "所管所属", "担当係", "所管課・係", "担当課・係", "部署", "部署名", "実施主体", "推進主体", "事業主体", "実施部署", "実施課", "担当課・室", "担当課室名", "所管課室", "所管課・室", "主管課室", "主担当", "主担当部署", "主管", "主管部課", "推進担当課",
    // the lead and the related departments in one cell (◎情報政策課、市民課): the lead marked or first, as in a 担当課 cell
    "担当課・関係課", "担当課／関係課", "担当課及び関係課", "所管課・関係課", "主管課・関係課", "担当・関係課", "担当部署・関係部署", "所管部署・関係部署"],
  description: ["事業概要", "内容", "概要", "事業の内容", "取組の内容", "取組内容", "取組みの内容", "事業内容・目的", "事業の概要", "取組概要", "取組の概要",
    "事業内容・概要", "実施内容", "具体的な内容", "具体的内容", "内容・目的", "概要・目的", "主な取組内容", "主な内容", "事業概要・目的", "事業の概要・目的", "目的・内容", "事業目的・内容", "目的・概要",
    "具体的な取組内容", "事業説明", "事業の説明", "取組説明", "取組の説明", "内容説明"],
  remarks: ["備考欄", "特記事項", "摘要"],
  relatedDepartments: ["関係部署", "関連課", "協力課", "関係所管", "関係課室", "連携課", "関係部課", "関連部署", "関係部署名", "関連所管", "関係課等", "関係所属", "関連所属"],
  policyNumber: ["基本方針No", "基本方針No.", "基本方針№", "方針No", "方針番号", "基本目標番号", "基本目標No", "目標No", "政策番号", "政策No"],
  measureNumber: ["施策No", "施策No.", "施策№", "施策の番号"],
  initiativeNumber: ["取組No", "取組No.", "取組№", "取組み番号", "取り組み番号", "取組の番号", "推進項目番号", "推進項目No"],
  allDepartments: ["全庁", "全庁共通", "全課", "全庁共通（各課）", "全庁対象"],
  relist: ["再掲元", "再掲の元", "再掲事業", "再掲の有無"],
};

export const PhaseCategoryRule = z.object({
  id: z.string().min(1).max(40).describe("category id, used by the theme's colours"),
  label: z.string().min(1).max(40).describe("the category's name in legends"),
  terms: z.array(z.string().min(1).max(40)).max(200).describe("words naming this stage in a phase label"),
});
export type PhaseCategoryRule = z.infer<typeof PhaseCategoryRule>;

/**
 * Later stages first (the order ranks the stages). A label takes the stage it names; one word
 * naming several is as far as its earliest (試行実施 = pilot); a label listing several stages
 * (検討・実施) takes `compoundCategory` (src/normalise/category.ts).
 */
export const DEFAULT_PHASE_CATEGORIES: PhaseCategoryRule[] = [
  { id: "operate", label: "運用・実施", terms: ["運用", "実施", "推進", "適用", "拡大", "拡充", "改善", "活用", "展開", "継続", "稼働", "運営"] },
  { id: "pilot", label: "試行・検証", terms: ["試行", "実証", "モデル", "検証"] },
  { id: "build", label: "調達・構築", terms: ["調達", "構築", "導入", "整備", "準備", "開発"] },
  { id: "study", label: "検討", terms: ["検討", "見直し", "方針", "仕様", "把握", "計画"] },
  { id: "research", label: "調査・研究", terms: ["調査", "研究", "情報収集"] },
];

export const DEFAULT_STATUSES = ["完了", "予定どおり", "前倒し", "遅れ", "未着手", "中止・休止"];

const YearInput = z.union([z.number().int(), z.string().max(20)]);

/**
 * Text a person types into the config, bounded: it is printed on covers and in running heads,
 * and a 20,000-character title never finished laying out (the running head outgrew the page).
 * Inputs are clipped (limits.maxCellChars); the config is the city's own file, so too long is PP501.
 */
export const TEXT_LIMITS = { title: 100, line: 100, label: 40, term: 40, list: 50 } as const;
const line = (max: number = TEXT_LIMITS.line) => z.string().max(max);

/**
 * A real calendar date, written as staff write one (2026-11-24, 2026/11/24, 令和8年11月24日, R8.11.24:
 * isoDateOf) and kept as YYYY-MM-DD; 2026-02-30 is not one. One message for each mistake.
 */
const isoDate = z.string().max(40).transform((s, ctx) => {
  const iso = isoDateOf(s);
  const d = iso ? new Date(`${iso}T00:00:00Z`) : null;
  // a day outside its era (平成31年5月1日 is 令和元年5月1日): the date printed on the cover is the staff's own words
  const slip = iso ? eraSlips(s)[0] : undefined;
  const problem = !iso ? "日付は 2026-11-24 か 令和8年11月24日 のように書いてください"
    : Number.isNaN(d!.getTime()) || !d!.toISOString().startsWith(iso) ? `存在しない日付です（${iso}）`
    : slip ? `${slip.text} という日付はありません${slip.reads ? `（${slip.reads}のことであれば、そう書いてください）` : ""}`
    // the xlsx (zip) and PDF dates hold 1980–2099: a typo such as 2126 had stopped the build at its end
    : Number(iso.slice(0, 4)) < 1980 || Number(iso.slice(0, 4)) > 2099 ? "日付は 1980 年から 2099 年までで書いてください（例: 2026-11-24）" : null;
  if (problem) ctx.addIssue({ code: "custom", message: problem });
  return iso ?? s;
});

/**
 * A list the config extends. Written as a list, it ADDS to the built-in one: the city's entries
 * first, in its order, then the built-in entries it does not name (a city adding one phase
 * category had lost every built-in one). Written as `{"only": [...]}`, it is the whole list.
 * `key` names an entry (a category by its id: the city's replaces the built-in one of that id);
 * `adjust` fits the built-in entries kept to the city's (see withoutCitysTerms).
 */
function addedTo<T>(builtIn: readonly T[], list: z.ZodType<T[]>, { key = (e: T): unknown => e, adjust = (kept: T[], _city: T[]) => kept, needed = false } = {}) {
  // a whole list that must not be empty (no phase category, no 進捗区分 to choose)
  const only = needed ? list.refine((l) => l.length > 0, "空にはできません（1 つ以上書いてください）") : list;
  return z.union([list, z.strictObject({ only })], { error: () => '一覧（[ … ]、組み込みの一覧に加えます）か {"only": [ … ]}（この一覧だけ）で書いてください' })
    // the default before the transform: the JSON Schema shows it (the built-in list, for editors)
    .default([...builtIn])
    .transform((given) => {
      if (!Array.isArray(given)) return given.only;
      const named = new Set(given.map(key));
      const kept = builtIn.filter((e) => !named.has(key(e)));
      const out = [...given, ...adjust(kept, given)];
      // Named some built-in entries but not all: a copy of the list, edited (before lists added to
      // the built-ins, that left the others out). Said when the config is read (PP515).
      if (kept.length > 0 && kept.length < builtIn.length) BUILT_INS_ADDED.set(out, kept.map((e) => String(key(e))));
      return out;
    });
}

/** Lists the config extended with built-in entries it left out of a list naming others: what was added. */
export const BUILT_INS_ADDED = new WeakMap<readonly unknown[], string[]>();

/** Words or marks a city adds to a built-in list (each at most `max` characters). */
const words = (max: number, builtIn: string[]) => addedTo(builtIn, z.array(line(max).min(1)).max(TEXT_LIMITS.list));

/** How lists extending the built-in ones are described in the JSON Schema. */
const ADDED = "(a list adds to the built-in ones; {\"only\": [...]} replaces them)";

/**
 * A word the city gives its own category is taken out of the built-in category that had it: the
 * same word in two categories goes to the earlier stage, so a city's 準備 category would never
 * have been drawn while the built-in 調達・構築 kept 準備.
 */
function withoutCitysTerms(kept: PhaseCategoryRule[], city: PhaseCategoryRule[]): PhaseCategoryRule[] {
  const taken = new Set(city.flatMap((c) => c.terms));
  return kept.map((c) => ({ ...c, terms: c.terms.filter((t) => !taken.has(t)) }));
}

// Strict: a misspelt key ("titel") is reported instead of silently doing nothing.
export const Config = z.strictObject({
  $schema: z.string().optional(),
  title: line(TEXT_LIMITS.title).optional().describe("plan title; overrides the title read from the input"),
  document: z.strictObject({
    date: isoDate.optional()
      .describe("document date (2026-11-24, 2026/11/24 or 令和8年11月24日): printed on covers and used for every metadata date"),
    meeting: line().optional().describe("meeting name on the booklet cover, e.g. 総務委員会"),
    handoutLabel: line(TEXT_LIMITS.label).optional().describe("資料番号, top right of the cover"),
    issuer: line().optional().describe("issuing department, e.g. 総合政策部 情報政策課"),
    author: line().optional().describe("PDF/xlsx author; defaults to the issuer"),
    subject: line(200).optional(),
    keywords: z.array(line(TEXT_LIMITS.term)).max(TEXT_LIMITS.list).optional(),
    tagged: z.boolean().optional()
      .describe("tagged PDFs (PDF/UA-1: structure, reading order, language) for screen readers; false saves about a third of each PDF's size (--untagged does the same)"),
  }).default({}),
  asOf: YearInput.optional().describe("fiscal year highlighted on roadmaps (2026, R8, 令和8年度)"),
  sheet: line().optional().describe("which sheet of an .xlsx input holds the plan"),
  columns: z.record(line(), ColumnTarget).default({})
    .describe("header wording → column, for wordings planpress does not know"),
  headerSynonyms: z.partialRecord(z.union([ColumnKey, JapaneseColumnName]), z.array(line(TEXT_LIMITS.label).min(1)).max(TEXT_LIMITS.list))
    // a column named in Japanese ("担当課": [...]) adds to its key's wordings
    .transform((byName) => {
      const out: Partial<Record<ColumnKey, string[]>> = {};
      for (const [name, list] of Object.entries(byName)) {
        const key = COLUMN_NAMES_JA[name] ?? (name as ColumnKey);
        out[key] = [...(out[key] ?? []), ...(list ?? [])];
      }
      return out;
    }).default({})
    .describe("more header wordings per column, added to the built-in synonym table (所管課, 具体的な取組, …); each one used is reported as info"),
  // (an id given twice: the second's bars had been drawn as the first's, its legend entry gone)
  phaseCategories: addedTo(DEFAULT_PHASE_CATEGORIES, z.array(PhaseCategoryRule).max(TEXT_LIMITS.list)
    .refine((rules) => new Set(rules.map((r) => r.id)).size === rules.length, "id が重なっています（段階ごとに別の id にしてください）"),
    { key: (r) => r.id, adjust: withoutCitysTerms, needed: true })
    .describe("phase categories, from the latest stage to the earliest: a list adds to the built-in ones (a built-in id replaces that category; a term given here is taken from the built-in category that had it); {\"only\": [...]} is the whole list"),
  defaultCategory: z.object({ id: line(TEXT_LIMITS.label), label: line(TEXT_LIMITS.label) })
    .default({ id: "other", label: "その他" }),
  compoundCategory: z.object({ id: line(TEXT_LIMITS.label).min(1), label: line(TEXT_LIMITS.label).min(1) })
    .default({ id: "mixed", label: "複数の段階" })
    .describe("a phase label naming several stages (検討・実施): its own bar style, never one stage's"),
  progressStatuses: addedTo(DEFAULT_STATUSES, z.array(line(TEXT_LIMITS.label).min(1)).max(TEXT_LIMITS.list)
    .refine((list) => new Set(list).size === list.length, "同じ区分が 2 回書かれています"), { needed: true })
    .describe(`進捗区分 ${ADDED}`),
  departmentSeparators: words(10, ["、", ",", "，", "／", "/", "；", ";"])
    .describe(`separators between departments in a department cell ${ADDED}`),
  departmentSuffixes: words(TEXT_LIMITS.term, ["課", "室", "局", "所", "館", "センター", "部", "係", "担当", "グループ", "チーム", "委員会", "協議会", "病院"])
    .describe(`a ・ splits a department list only after a part ending in one of these ${ADDED}`),
  allDepartmentsMarker: line(TEXT_LIMITS.label).default("各課"),
  allDepartmentsWords: words(TEXT_LIMITS.term, ["全課", "全庁", "全部署", "全所属", "各課等", "各部署", "全部課", "庁内全課", "庁内各課", "全庁各課", "各所属", "各部局", "全部局", "各部門", "全部門",
      "各部課", "各課室", "全課室", "各部", "各部各課", "各部・各課", "全部全課", "各部局各課", "全庁各部課", "各課・各部署",
      "各局", "全局", "全職員", "全庁的", "全庁横断", "庁内全体",
      // the documents' own word for these projects (全庁共通（各課）): it had been a department of that name
      "全庁共通"])
    .describe(`department-cell words that mean every department (read as 各課); \`…ほか全課\` / \`…他全課\` adds 各課 to the departments before it ${ADDED}`),
  leadDepartmentMarks: words(TEXT_LIMITS.term, ["（主）", "(主)", "（主管）", "(主管)", "（主管課）", "(主管課)", "（主担当）", "(主担当)", "【主】", "［主］", "[主]", "【主管】", "［主管］", "[主管]", "【主管課】", "【主担当】", "◎", "○", "〇", "●", "★"])
    .describe(`marks that single out the lead department in a department cell: stripped, and the lead department goes first (a mark earlier in this list ranks before a later one: ◎ before ○) ${ADDED}`),
  schedule: z.strictObject({
    continuationMarks: words(10, ["→", "⇒", "➡", "➔", "⇨", "⟶", "⇢", "➜", "➝", "➞", "➤", "▶", "►", "▷", "━", "―", "─", "ー", "－",
        // the same dash as other keyboards, fonts and Shift_JIS decoders write it (minus, em, en, figure dash)
        "−", "—", "–", "‒", "〃", "″", "同上", "～", "〜",
        // a bar's other end and its pieces, as 工程表 draw them with characters (◀━検討━▶, ├─調査─┤), and ← (同左)
        "同左", "←", "⇐", "⬅", "⟵", "◀", "◁", "↔", "⇔", "⟷", "├", "┤", "┣", "┫", "＜", "＞", "〈", "〉", "≪", "≫", "＝",
        // arrows typed in ASCII (a lone < > = would also take HTML residue for a bar)
        "->", "-->", "--->", "=>", "==>", "===>", "<-", "<--",
        // dotted and wavy lines (a bar not yet certain): …… ‥‥ ~~~ 〰
        "…", "‥", "~", "〰"])
      .describe(`a year cell made only of these continues the phase on its left ${ADDED}`),
    continuationWords: words(TEXT_LIMITS.term, ["継続", "継続中", "引き続き", "引続き"])
      .describe(`a year cell saying only one of these (brackets allowed: （継続）) continues the phase on its left; in a row's first phase it is a phase of that name ${ADDED}`),
    activeMarks: words(10, ["●", "○", "◎", "■", "□", "◆", "◇", "▲", "△", "★", "☆", "〇", "◯", "✓", "✔", "☑", "レ"])
      .describe(`a year cell made only of one of these marks the year active without a phase label ${ADDED}`),
    blankMarks: words(10, ["-", "‐", "×", "✕", "なし", "無", "該当なし"])
      .describe(`a year cell made only of one of these says the year has no phase (it ends the phase on its left) ${ADDED}`),
    endLabels: words(TEXT_LIMITS.term, ["完了", "廃止", "終了", "完成", "完了予定", "廃止予定", "終了予定", "完成予定"])
      .describe(`a phase label ending in one of these (完了, 旧システム廃止) is an event of its own year: in a table whose labels run to the next label it does not run on ${ADDED}`),
    markedLabel: line(TEXT_LIMITS.label).min(1).default("実施")
      .describe("the label a phase drawn with active marks carries (drawn as a plain bar, without its label)"),
    markLabels: z.record(line(10), line(TEXT_LIMITS.label).min(1)).default({})
      .describe("active mark → phase label, for plans whose legend gives marks a meaning (○ 検討, ● 実施)"),
  }).prefault({}),
  compare: z.strictObject({
    mapping: z.record(line(10), z.union([z.number().int(), line(10)]))
      .describe("planpress compare: old No → new No (\"12\": 11), or \"new\" when the old project has no counterpart (\"13\": \"new\")"),
  }).optional().describe("settles doubtful matches of planpress compare (--map overrides)"),
  limits: z.object({
    maxInputBytes: z.number().int().positive().default(20 * 1024 * 1024)
      .describe("largest input file read, in bytes (PP104)"),
    maxCellChars: z.number().int().positive().default(5000).describe("longer cell texts are clipped (PP310)"),
    maxCells: z.number().int().positive().default(500_000).describe("most cells with values the sheets read of an .xlsx may hold, together (PP119)"),
    maxProjects: z.number().int().positive().default(5000)
      .describe("most project rows a plan may have (PP115); above it nothing is read further"),
  }).default({ maxInputBytes: 20 * 1024 * 1024, maxCellChars: 5000, maxCells: 500_000, maxProjects: 5000 }),
});
export type Config = z.infer<typeof Config>;

export function defaultConfig(): Config {
  return Config.parse({});
}
