// The planpress command line (contract.md): one module per command under commands/.
import { Command, CommanderError, Option } from "commander";
import { check } from "./commands/check.js";
import { forms } from "./commands/forms.js";
import { model } from "./commands/model.js";
import { progress } from "./commands/progress.js";
import { ALL_DOCUMENTS, type DocumentKind, renderCommand } from "./commands/render.js";

function common(cmd: Command): Command {
  return cmd
    .option("--config <file>", "config file (default data/planpress.config.json)")
    .addOption(new Option("--lang <lang>", "language of messages").choices(["ja", "en"]).default("ja"))
    .option("--debug", "show stack traces of internal errors")
    .option("--sheet <name>", "which sheet of an .xlsx input holds the plan")
    .option("--as-of <year>", "fiscal year highlighted on roadmaps (2026, R8, 令和8年度)")
    .option("--strict", "treat warnings as errors");
}

export function program(): Command {
  const p = new Command("planpress")
    .description("計画の表（TSV/CSV/XLSX）から議会資料・工程表・担当課別工程表・Excel を作ります。\nTurns a plan table into council handouts, roadmaps, department schedules and workbooks.")
    .version("0.1.0")
    .showHelpAfterError();
  common(p.command("check").description("入力を読み込んで検査し、診断を表示します (exit 0/1)").argument("[input]", "plan file", undefined)
    .option("--json", "diagnostics as a JSON array on stdout")).action((input, o) => check(input, o).then(done));
  common(p.command("model").description("正規化したモデルを JSON で出力します").argument("[input]")
    .option("-o, --output <file>", "write the JSON into this file")).action((input, o) => model(input, o).then(done));
  common(p.command("build").description("すべての資料を出力フォルダに作ります").argument("[input]")
    .option("-o, --output <dir>", "output folder", "out")).action((input, o) => renderCommand(ALL_DOCUMENTS)(input, o).then(done));
  const single: [DocumentKind, string][] = [
    ["booklet", "議会資料の冊子（A4 PDF）"], ["gantt", "工程表（A3 横 PDF）"],
    ["departments", "担当課別工程表（PDF）"], ["workbook", "Excel ブック（plan.xlsx）"],
  ];
  for (const [kind, what] of single) {
    common(p.command(kind).description(`${what}だけを作ります`).argument("[input]")
      .option("-o, --output <dir>", "output folder", "out")).action((input, o) => renderCommand([kind])(input, o).then(done));
  }
  common(p.command("forms").description("担当課ごとの進捗報告様式（xlsx）を作ります").argument("[input]")
    .requiredOption("--year <year>", "fiscal year (2026, R8, 令和8年度)")
    .option("--sample", "mark the forms as a fictional sample (見本)")
    .option("-o, --output <dir>", "output folder", "out/forms")).action((input, o) => forms(input, o).then(done));
  common(p.command("progress").description("返ってきた様式から年度の進捗報告を作ります").argument("[input]")
    .requiredOption("--year <year>", "fiscal year (2026, R8, 令和8年度)")
    .requiredOption("--input <dir>", "folder of returned forms / CSV")
    .option("--history <dir>", "folder of earlier years' returns")
    .option("-o, --output <dir>", "output folder", "out")).action((input, o) => progress(input, o).then(done));
  return p;
}

let exitCode = 0;
function done(code: number): void {
  exitCode = code;
}

export async function main(argv: string[]): Promise<number> {
  const p = program();
  p.exitOverride();
  for (const c of p.commands) c.exitOverride();
  try {
    await p.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version are not failures; a wrong option or argument is the user's (1).
      return e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help" ? 0 : 1;
    }
    throw e;
  }
  return exitCode;
}
