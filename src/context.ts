// What every renderer is given besides the plan: the checked config and theme, where templates
// and fonts live, the resolved document date and as-of year, and the bag for 5xx diagnostics.
import path from "node:path";
import type { Config } from "./config/schema.js";
import type { DiagnosticBag, Lang } from "./diagnostics/bag.js";
import type { Theme } from "./theme/schema.js";

export interface RenderContext {
  config: Config;
  theme: Theme;
  /** The package root: templates/ and fonts/ are resolved against it. */
  projectRoot: string;
  templatesDir: string;
  /** Every date in outputs (cover, PDF/xlsx metadata, zip entries): never the clock. */
  documentDate: Date;
  /** False when the date is only the fallback (1 April of the first year): then no cover date. */
  datePrinted: boolean;
  /** The fiscal year highlighted on roadmaps and used by default for forms. */
  asOf: number;
  lang: Lang;
  diagnostics: DiagnosticBag;
}

/** One file a renderer produced, relative to the output folder; written only if the run is clean. */
export interface OutputFile {
  path: string;
  data: Uint8Array;
  /** Which document made it (booklet, forms …): the output folder's manifest keeps it per file. */
  producer?: string;
}

/**
 * The document date: the config's date, else SOURCE_DATE_EPOCH, else 1 April of the plan's
 * first fiscal year (then `printed` is false and covers show no date).
 */
export function resolveDocumentDate(config: Config, firstYear: number, env = process.env): { date: Date; printed: boolean } | { badEpoch: string } {
  if (config.document.date) return { date: new Date(`${config.document.date}T00:00:00Z`), printed: true };
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch) {
    // seconds from 1970 giving a date the files can hold (1980–2099): anything else had stopped the
    // build at its end with an internal error, or (not digits) been passed over without a word
    const date = /^\d{1,12}$/.test(epoch.trim()) ? new Date(Number(epoch.trim()) * 1000) : null;
    if (!date || date.getUTCFullYear() < 1980 || date.getUTCFullYear() > 2099) return { badEpoch: epoch.slice(0, 40) };
    return { date, printed: true };
  }
  // never printed, only the files' metadata: kept within the 1980–2099 they can hold
  return { date: new Date(Date.UTC(Math.min(2099, Math.max(1980, firstYear)), 3, 1)), printed: false };
}

/** A template file as diagnostics name it: relative inside the project (as staff know it), else in full. */
export function shownPath(ctx: Pick<RenderContext, "projectRoot">, full: string): string {
  const rel = path.relative(ctx.projectRoot, full);
  return rel.startsWith("..") ? full : rel;
}

const PREFECTURES = "北海道|青森県|岩手県|宮城県|秋田県|山形県|福島県|茨城県|栃木県|群馬県|埼玉県|千葉県|東京都|神奈川県|新潟県|富山県|石川県|福井県|山梨県|長野県|岐阜県|静岡県|愛知県|三重県|滋賀県|京都府|大阪府|兵庫県|奈良県|和歌山県|鳥取県|島根県|岡山県|広島県|山口県|徳島県|香川県|愛媛県|高知県|福岡県|佐賀県|長崎県|熊本県|大分県|宮崎県|鹿児島県|沖縄県";
/**
 * A title's issuing body at its start: a prefecture (one of the 47), then perhaps a 郡 and a
 * municipality, its name of kanji or hiragana (さいたま市) ending in 市区町村 — 四日市市, 大町市 and
 * 東村山市 whole, 武蔵野市市民… and 武蔵野市地区別… not, nor 総合計画市民… at all. Before it a 第2次 or 令和8年度 may stand. The first 市 or 都 of
 * any title had been taken: 「デジタル都市…」 gave デジタル都, 「四日市市…」 四日市, 「大阪府堺市…」 大阪府.
 */
const ISSUER = new RegExp(
  `^(?:第[0-9０-９一二三四五六七八九十]+[次期]|令和[0-9０-９元]+年度|[（(]仮称[）)]|\\s)*`
  + `((?:${PREFECTURES})?(?:[\\p{Script=Han}ヶケ]{1,4}郡)?(?:[\\p{Script=Han}\\p{Script=Hiragana}ヶケヵ々]{1,6}?[市区町村](?![民政役議長立営内域場会])(?:\\p{Script=Han}{0,2}[市町村](?![民政役議長立営内域場会]))?)?)`,
  "u",
);

/** The city a plan belongs to, from its title (武蔵野市DX推進計画 → 武蔵野市); null when its start names none. */
export function cityOf(title: string): string | null {
  return ISSUER.exec(title)?.[1] || null;
}

/**
 * Who a document is by (PDF Author, xlsx creator): the config's author, else the issuing
 * department with the city in front (武蔵野市 総合政策部 情報政策課), else the city, else the title.
 */
export function documentAuthor(config: Config, title: string): string {
  const doc = config.document;
  if (doc.author) return doc.author;
  const city = cityOf(title);
  if (doc.issuer) return city && !doc.issuer.includes(city) ? `${city} ${doc.issuer}` : doc.issuer;
  return city ?? title;
}
