// Reads data/planpress.config.json (or --config FILE). Missing default file = every default;
// a file that is not valid JSON or not a valid config is PP501 (exit 1), never a raw zod message.
import { existsSync, readFileSync } from "node:fs";
import type { DiagnosticBag } from "../diagnostics/bag.js";
import { ReportedError } from "../errors.js";
import { parseJsonText } from "../json-text.js";
import { zodReason } from "../zod-reason.js";
import { Config } from "./schema.js";

export const DEFAULT_CONFIG_PATH = "data/planpress.config.json";

export function loadConfig(explicitPath: string | undefined, bag: DiagnosticBag): Config {
  const file = explicitPath ?? DEFAULT_CONFIG_PATH;
  if (!explicitPath && !existsSync(file)) return Config.parse({});
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === "ENOENT"
      ? (bag.lang === "ja" ? "ファイルがありません" : "no such file")
      : (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    bag.add("PP501", { file }, { reason });
    throw new ReportedError();
  }
  const json = parseJsonText(text, bag.lang);
  if (!json.ok) {
    bag.add("PP501", { file, ...(json.line ? { line: json.line, column: json.column } : {}) }, { reason: json.reason });
    throw new ReportedError();
  }
  const raw = json.value;
  const parsed = Config.safeParse(raw);
  if (!parsed.success) {
    bag.add("PP501", { file }, { reason: zodReason(parsed.error, bag.lang) });
    throw new ReportedError();
  }
  return parsed.data;
}
