// Plan tables written the way other cities' exports write their cells (issue #12), for tests and
// for trying `planpress check` on them.
import { type Config, defaultConfig } from "../../src/config/schema.js";
import type { Table } from "./plan-formats.js";

export const HEAD = ["No", "基本方針", "施策", "取組", "事業名", "担当課", "関係課", "事業内容", "令和8年度", "令和9年度", "令和10年度", "令和11年度", "令和12年度", "備考"];

export function config(): Config {
  const c = defaultConfig();
  c.columns = { 関係課: "relatedDepartments", 備考: "remarks" };
  return c;
}

export const P1 = ["市民サービス", "(1)オンライン化", "①手続の拡大"];
export const P2 = ["業務改革", "(1)働き方", "①ペーパーレス"];
export const blank = (n: number) => Array.from({ length: n }, () => "");

/** A plan drawn year by year: continuation marks, repeated labels, ● marks, a remark row. */
export const MARKED: Table = [
  ["ミナミ市DX推進計画"], [],
  HEAD,
  ["1", ...P1, "申請のオンライン化", "情報政策課（主）、総務課", "市民課\n健康課", "○オンライン化を進める。○対象手続を広げる。", "検討", "→", "実施", "→", "→", ""],
  ["2", ...P1, "窓口の見直し", "総務部 総務課・◎市民課", "", "(1) 窓口の現状を調べる (2) 手順を見直す", "検討", "検討", "実施", "実施", "実施", ""],
  ["3", ...P1, "職員研修", "全庁", "", "①研修を開く②教材を作る", "", "●", "●", "", "●", ""],
  ["", ...blank(7), "", "※オンライン併用", "", "", "", ""],
  ["4", ...P1, "データ連携", "情報政策課ほか全課", "", "ア　連携基盤を作る\nイ　データを公開する", "調査", "〃", "構築※国の動向次第", "―", "運用", ""],
  ["5", ...P2, "申請のオンライン化（再掲：No.1）", "情報政策課（主）、総務課", "市民課\n健康課", "○オンライン化を進める。○対象手続を広げる。", "検討", "→", "実施", "→", "→", ""],
  ["6", ...P2, "窓口の見直し", "市民課、総務部総務課", "", "(1) 窓口の現状を調べる (2) 手順を見直す", "検討", "検討", "実施", "実施", "実施", "No.2の再掲"],
  ["7", ...P2, "電子決裁", "総務課", "", "・決裁を電子化する。※文書管理と合わせる。", "検討→実施", "━━", "━━", "━━", "━━", ""],
  ["8", ...P2, "〔再掲〕電子決裁", "総務課", "", "・決裁を電子化する。※文書管理と合わせる。", "検討→実施", "━━", "━━", "━━", "━━", ""],
];
