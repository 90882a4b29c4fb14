// Small plan tables for tests, written the way exports write them.
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defaultConfig, type Config } from "../../src/config/schema.js";
import { DiagnosticBag } from "../../src/diagnostics/bag.js";
import type { Diagnostic } from "../../src/diagnostics/schema.js";
import type { Plan } from "../../src/model/schema.js";
import { loadPlan } from "../../src/pipeline.js";

export const HEADER = ["No", "基本方針", "施策", "取組", "事業名", "担当課", "事業内容", "令和8年度", "令和9年度", "令和10年度"];

/** A project row: [no, policy, measure, initiative, name, departments, description, ...years]. */
export function row(no: number | string, name: string, extra: Partial<{ policy: string; measure: string; initiative: string; depts: string; desc: string; years: string[] }> = {}): string[] {
  return [String(no), extra.policy ?? "市民サービス", extra.measure ?? "(1)オンライン化", extra.initiative ?? "①手続の拡大",
    name, extra.depts ?? "情報政策課", extra.desc ?? `・${name}を進める。`, ...(extra.years ?? ["検討", "", "運用"])];
}

export function tsv(rows: string[][], title = "テスト市DX計画"): string {
  return [title, "", ...rows.map((r) => r.join("\t"))].join("\n") + "\n";
}

export function tempFile(name: string, data: string | Uint8Array): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "planpress-test-"));
  const file = path.join(dir, name);
  writeFileSync(file, data);
  return file;
}

export async function planOf(name: string, data: string | Uint8Array, config: Config = defaultConfig()): Promise<Plan> {
  return loadPlan(tempFile(name, data), { config, bag: new DiagnosticBag("ja") });
}

export const codes = (ds: Diagnostic[]) => ds.map((d) => d.code);
