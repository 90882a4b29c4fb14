// The planpress command line (contract.md): one module per command under commands/.
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { check } from "./commands/check.js";
import { compare } from "./commands/compare.js";
import { forms } from "./commands/forms.js";
import { model } from "./commands/model.js";
import { progress } from "./commands/progress.js";
import { ALL_DOCUMENTS, type DocumentKind, renderCommand } from "./commands/render.js";
import { watch } from "./commands/watch.js";

// A worker thread's entry (bin/worker.js loads the bundle and calls it).
export { runWorker, warmUp } from "./render/worker.js";

/** Commands that write files: --force lets an output replace an input or a filled form. */
function writes(cmd: Command): Command {
  return cmd.option("--force", "入力ファイルや記入済みの様式も上書きする（通常は上書きせずエラー）");
}

/**
 * An output path as given; an empty one is a mistake (`-o "$OUT"` with OUT unset), not the current
 * folder, where it had written every document.
 */
function outputPath(value: string): string {
  if (value.trim() === "") throw new InvalidArgumentError("It is empty: give the output folder or file.");
  return value;
}

function common(cmd: Command): Command {
  return cmd
    .option("--config <file>", "設定ファイル（既定: data/planpress.config.json）")
    .addOption(new Option("--lang <lang>", "メッセージの言語 (ja / en)").choices(["ja", "en"]).default("ja"))
    .option("--debug", "内部エラーの詳細（スタックトレース）を表示")
    .option("--sheet <name>", "xlsx 入力で計画の表があるシート名")
    .option("--as-of <year>", "工程表で強調する基準年度（2026、R8、令和8年度）")
    .option("--strict", "警告もエラーとして扱う (exit 1)")
    .option("--untagged", "PDF にタグ（読み上げ用の構造）を付けない（設定 document.tagged: false と同じ）");
}

export function program(): Command {
  const p = new Command("planpress")
    .description("計画の表（TSV/CSV/XLSX）から議会資料・工程表・担当課別工程表・Excel を作ります。\nTurns a plan table into council handouts, roadmaps, department schedules and workbooks.")
    .version("0.1.0")
    .showHelpAfterError("（使い方は planpress <コマンド> --help / usage: planpress <command> --help）");
  common(p.command("check").description("入力を読み込んで検査し、診断を表示します (exit 0/1)").argument("[input]", "計画ファイル（.tsv .csv .txt .xlsx .xlsm。既定: data/plan.tsv）", undefined)
    .option("--json", "診断を JSON の配列で標準出力へ")).action((input, o) => check(input, o).then(done));
  writes(common(p.command("model").description("正規化したモデルを JSON で出力します").argument("[input]"))
    .option("-o, --output <file>", "JSON をこのファイルへ書き出す", outputPath)).action((input, o) => model(input, o).then(done));
  writes(common(p.command("build").description("すべての資料を出力フォルダに作ります").argument("[input]"))
    .option("-o, --output <dir>", "出力フォルダ", outputPath, "out")).action((input, o) => renderCommand(ALL_DOCUMENTS)(input, o).then(done));
  const single: [DocumentKind, string][] = [
    ["booklet", "議会資料の冊子（A4 PDF）"], ["gantt", "工程表（A3 横 PDF）"],
    ["departments", "担当課別工程表（PDF）"], ["workbook", "Excel ブック（plan.xlsx）と職員用の診断（diagnostics.xlsx）"],
  ];
  for (const [kind, what] of single) {
    writes(common(p.command(kind).description(`${what}だけを作ります`).argument("[input]"))
      .option("-o, --output <dir>", "出力フォルダ", outputPath, "out")).action((input, o) => renderCommand([kind])(input, o).then(done));
  }
  common(p.command("watch").description("すべての資料を作り、計画・設定・テンプレートが変わるたびに作り直します（Ctrl-C で終了）").argument("[input]")
    .option("-o, --output <dir>", "出力フォルダ", outputPath, "out")
    .option("--only <documents>", `作り直す資料（${ALL_DOCUMENTS.join(",")} のいずれか。カンマ区切り）`)).action((input, o) => watch(input, o).then(done));
  writes(common(p.command("forms").description("担当課ごとの進捗報告様式（xlsx）を作ります").argument("[input]"))
    .requiredOption("--year <year>", "年度（2026、R8、令和8年度）")
    .option("--sample", "架空の見本（見本）として作る")
    .option("-o, --output <dir>", "出力フォルダ", outputPath, "out/forms")).action((input, o) => forms(input, o).then(done));
  writes(common(p.command("progress").description("返ってきた様式から年度の進捗報告を作ります").argument("[input]"))
    .requiredOption("--year <year>", "年度（2026、R8、令和8年度）")
    .requiredOption("--input <dir>", "返ってきた様式・CSV のフォルダ")
    .option("--history <dir>", "前年度までの返送のフォルダ")
    .option("-o, --output <dir>", "出力フォルダ", outputPath, "out")).action((input, o) => progress(input, o).then(done));
  common(p.command("compare").description("2 つの版の計画を比べ、新旧対照表（compare.pdf と compare.xlsx）を作ります")
    .argument("<old>", "現行の計画（.tsv .csv .txt .xlsx .xlsm）").argument("<new>", "改定後の計画（.tsv .csv .txt .xlsx .xlsm）")
    .option("-o, --output <dir>", "出力フォルダ", outputPath, "out")
    .option("--json", "変更の一覧を JSON で標準出力へ（ファイルは書きません）")
    .option("--map <old=new>", "事業の対応を指定（例: 12=11、13=new）。繰り返し・カンマ区切り可", (v: string, prev: string[]) => [...prev, v], [] as string[]))
    .action((oldInput, newInput, o) => compare(oldInput, newInput, o).then(done));
  return p;
}

let exitCode = 0;
function done(code: number): void {
  exitCode = code;
}

/** commander's usage errors in the user's language (Japanese unless `--lang en`). */
const USAGE_JA: [RegExp, (...m: string[]) => string][] = [
  [/unknown option '([^']+)'/, (o) => `不明なオプション ${o} です。`],
  [/required option '([^']+)' not specified/, (o) => `オプション ${o} を指定してください。`],
  [/option '([^']+)' argument missing/, (o) => `オプション ${o} に値を指定してください。`],
  [/option '([^']+)' argument '([^']*)' is invalid\. Allowed choices are (.*)\./, (o, v, c) => `オプション ${o} の値「${v}」は使えません（${c}）。`],
  [/option '([^']+)' argument '' is invalid\. It is empty/, (o) => `オプション ${o} の値が空です（出力先を書いてください）。`],
  [/missing required argument '([^']+)'/, (a) => `引数 ${a} を指定してください。`],
  [/too many arguments/, () => "引数が多すぎます。入力ファイルは 1 つだけ指定してください。"],
  [/unknown command '([^']+)'/, (c) => `不明なコマンド ${c} です。`],
];

function usageMessage(text: string, english: boolean): string {
  if (english) return text;
  for (const [re, say] of USAGE_JA) {
    const m = re.exec(text);
    if (m) return `エラー: ${say(...m.slice(1))}\n`;
  }
  return text;
}

/**
 * A reader that stops early (`planpress model plan.tsv | head`) closes the pipe: what is left to
 * print is dropped, and the run goes on to its end as usual (a build still finishes its files
 * and removes its temporary ones), instead of dying on an unhandled EPIPE with a stack trace.
 */
let pipesGuarded = false;
function ignoreClosedPipes(): void {
  if (pipesGuarded) return;
  pipesGuarded = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code !== "EPIPE" && e.code !== "ERR_STREAM_DESTROYED") throw e;
    });
  }
}

export async function main(argv: string[]): Promise<number> {
  ignoreClosedPipes();
  const p = program();
  const english = argv.some((a, i) => (a === "--lang" && argv[i + 1] === "en") || a === "--lang=en");
  const output = { outputError: (text: string, write: (s: string) => void) => write(usageMessage(text, english)) };
  p.exitOverride().configureOutput(output);
  for (const c of p.commands) c.exitOverride().configureOutput(output);
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
