// A revision of a plan table made by editing its TSV text, as a city's 中間見直し would: rows
// renamed, removed, added, moved to another 基本方針 (then renumbered in file order), cells of
// departments, descriptions and schedules edited, a measure renamed on every row.
const NO = 0, POLICY = 1, MEASURE = 2, INITIATIVE = 3, NAME = 4, DEPARTMENTS = 5, DESCRIPTION = 6, YEARS = 7;
export const COLUMNS = { NO, POLICY, MEASURE, INITIATIVE, NAME, DEPARTMENTS, DESCRIPTION, YEARS };

export class TsvRevision {
  readonly rows: string[][];
  constructor(text: string) {
    this.rows = text.replace(/\n$/, "").split("\n").map((l) => l.split("\t"));
  }

  private isProject(r: string[]): boolean {
    return /^\d+$/.test(r[NO] ?? "") && r.length > YEARS;
  }

  row(no: number): string[] {
    const r = this.rows.find((x) => this.isProject(x) && Number(x[NO]) === no);
    if (!r) throw new Error(`no row No.${no}`);
    return r;
  }

  set(no: number, column: number, value: string | ((old: string) => string)): this {
    const r = this.row(no);
    r[column] = typeof value === "string" ? value : value(r[column] ?? "");
    return this;
  }

  /** The year cells from the first fiscal year on. */
  years(no: number, cells: string[]): this {
    const r = this.row(no);
    cells.forEach((c, i) => { r[YEARS + i] = c; });
    return this;
  }

  remove(no: number): this {
    this.rows.splice(this.rows.indexOf(this.row(no)), 1);
    return this;
  }

  /** A new row after No.`after`, in its policy, measure and initiative. */
  insertAfter(after: number, cells: { name: string; departments: string; description: string; years: string[] }): this {
    const base = this.row(after);
    const r = [...base.slice(0, NAME), cells.name, cells.departments, cells.description, ...cells.years];
    while (r.length < base.length) r.push("");
    r[NO] = "0";
    this.rows.splice(this.rows.indexOf(base) + 1, 0, r);
    return this;
  }

  /** The row moved after No.`after`, taking that row's policy, measure and initiative. */
  moveAfter(no: number, after: number): this {
    const r = this.row(no);
    this.rows.splice(this.rows.indexOf(r), 1);
    const base = this.row(after);
    const moved = [...base.slice(0, NAME), ...r.slice(NAME)].slice(0, base.length);
    while (moved.length < base.length) moved.push("");
    moved[NO] = r[NO]!;
    this.rows.splice(this.rows.indexOf(base) + 1, 0, moved);
    return this;
  }

  /** Every cell equal to `from` in a column becomes `to` (a measure renamed). */
  replaceAll(column: number, from: string, to: string): this {
    for (const r of this.rows) if (this.isProject(r) && r[column] === from) r[column] = to;
    return this;
  }

  replaceLine(from: string, to: string): this {
    for (const r of this.rows) if (r.length === 1 && r[0] === from) r[0] = to;
    return this;
  }

  /** Project rows numbered 1, 2, 3 … in file order. */
  renumber(): this {
    let n = 0;
    for (const r of this.rows) if (this.isProject(r)) r[NO] = String(++n);
    return this;
  }

  text(): string {
    return `${this.rows.map((r) => r.join("\t")).join("\n")}\n`;
  }
}

/**
 * The seed revised in a dozen ways (the visual check of compare.pdf and the CLI tests use it).
 * `expected`: the changes it must give, as [kind, old No, new No].
 */
export function seedRevision(seedText: string): { text: string; expected: [string, number | null, number | null][]; planAspects: string[] } {
  const t = new TsvRevision(seedText);
  const title = t.rows.find((r) => r.length === 1 && /計画/.test(r[0]!))![0]!;
  t.replaceLine(title, title.replace(/）$/, "・令和10年度改定）"));
  t.set(4, NAME, "UI/UXに関する研修・事例共有の場の提供");
  t.remove(10);
  t.insertAfter(25, { name: "電子契約システムの導入", departments: "管財課、情報政策課", description: "・契約事務を電子化し、事業者の来庁と押印を不要にする。", years: ["検討", "調達・構築", "運用", "", ""] });
  t.moveAfter(20, 40);
  t.set(30, DEPARTMENTS, "情報政策課、人事課");
  t.set(7, DESCRIPTION, (d) => d.replace("目指す。", "目指し、令和10年度までに方向性を示す。"));
  t.years(6, ["", "研究", "検討", "調査・運用", ""]);
  t.years(33, ["検討", "実施・改善", "", "", ""]);
  t.replaceAll(MEASURE, "(2)内部業務の効率化", "(2)内部業務の効率化・高度化");
  t.set(52, DEPARTMENTS, (d) => d.replace("、建築指導課", ""));
  t.set(52, DESCRIPTION, (d) => `${d} ・庁内の地図データの整備状況を毎年度公表する。`);
  t.set(56, NAME, "メタバース・仮想空間の活用可能性の検討");
  t.set(56, DESCRIPTION, (d) => d.replace("メタバース", "メタバース等の仮想空間"));
  // Full-width brackets written half-width: no change.
  t.set(38, NAME, (n) => n.replace("（", "(").replace("）", ")"));
  t.renumber();
  // Old → new Nos: 10 removed (11–19 → 10–18), 20 moved after old 40 (21–25 → 19–23), one added
  // after old 25 (new 24), 26–40 → 25–39, the moved one new 40, 41–56 unchanged.
  return {
    text: t.text(),
    expected: [
      ["renamed", 4, 4], ["schedule", 6, 6], ["description", 7, 7], ["removed", 10, null], ["added", null, 24],
      ["departments", 30, 29], ["schedule", 33, 32], ["moved", 20, 40], ["departments", 52, 52], ["description", 52, 52],
      ["renamed", 56, 56], ["description", 56, 56],
    ],
    planAspects: ["title", "measure"],
  };
}
