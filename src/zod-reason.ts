// A zod error told in the user's words: the path of each problem and what was expected, never
// zod's raw message.
import type { z } from "zod";
import type { Lang } from "./diagnostics/bag.js";
import { nearest } from "./nearest.js";

/**
 * `schema`, when given, is the one the value was checked against: an unknown key is told with the
 * known key nearest to it (`titel`: 「"title" ではありませんか」).
 */
export function zodReason(error: z.ZodError, lang: Lang, schema?: z.core.$ZodType): string {
  return error.issues.slice(0, 5).map((i) => {
    const where = i.path.length ? i.path.join(".") : (lang === "ja" ? "（全体）" : "(root)");
    const what = describeIssue(i, lang);
    const known = i.code === "unrecognized_keys" && schema ? keysAt(schema, i.path) : [];
    const meant = i.code === "unrecognized_keys" ? i.keys.map((k) => nearest(k, known)).filter((k) => k !== undefined) : [];
    const hint = meant.length ? (lang === "ja" ? `（${meant.map((k) => `"${k}"`).join(", ")} ではありませんか）` : ` (did you mean ${meant.map((k) => `"${k}"`).join(", ")}?)`) : "";
    return `${where}: ${what}${hint}`;
  }).join(lang === "ja" ? "、" : "; ");
}

/** A schema without its optional/default/transform wrappers. */
export function bare(schema: z.core.$ZodType): z.core.$ZodType {
  const def = schema._zod.def as { type: string; innerType?: z.core.$ZodType; in?: z.core.$ZodType };
  const inner = def.type === "pipe" ? def.in : def.innerType;
  return inner && ["optional", "default", "prefault", "nullable", "readonly", "catch", "pipe"].includes(def.type) ? bare(inner) : schema;
}

/** The keys the object schema at `path` of `schema` knows (none when the path leads to no object). */
function keysAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): string[] {
  let at: z.core.$ZodType | undefined = schema;
  for (const key of path) {
    const def = bare(at)._zod.def as { type: string; shape?: Record<string, z.core.$ZodType>; element?: z.core.$ZodType; valueType?: z.core.$ZodType };
    at = def.type === "object" ? def.shape![String(key)] : def.type === "array" ? def.element : def.type === "record" ? def.valueType : undefined;
    if (!at) return [];
  }
  const shape = (bare(at)._zod.def as { shape?: Record<string, z.core.$ZodType> }).shape;
  return shape ? Object.keys(shape) : [];
}

/** What a value of each JSON type looks like, in the words of whoever edits the file. */
const TYPE_JA: Record<string, string> = {
  string: "文字（\"…\" で囲む）", number: "数字", boolean: "true か false ", array: "一覧（[ … ]）", object: "{ … } の形",
};

function describeIssue(i: z.core.$ZodIssue, lang: Lang): string {
  const ja = lang === "ja";
  // A schema's own message, given in Japanese (the theme's margins in mm), says more than zod's English default.
  if (ja && i.code !== "invalid_union" && /[\u3000-\u9fff\uff00-\uffef]/.test(i.message)) return i.message;
  switch (i.code) {
    case "invalid_type": {
      // a number or true/false written in quotes ("5", "false"): said so, as the input has it (reportInput)
      const input = (i as { input?: unknown }).input;
      const quoted = typeof input === "string" && ((i.expected === "number" && input.trim() !== "" && Number.isFinite(Number(input)))
        || (i.expected === "boolean" && (input === "true" || input === "false")));
      if (quoted) return ja ? `${TYPE_JA[i.expected]}で書いてください（"${input}" ではなく、引用符を付けずに ${input.trim()}）` : `expected ${i.expected} (${input.trim()} without quotes, not "${input}")`;
      const written = ja ? `${TYPE_JA[i.expected] ?? `${i.expected} 型の値`}で書いてください` : `expected ${i.expected}`;
      // a key deleted from a file that needs it (zod says only "received undefined")
      if (/received undefined$/.test(i.message)) return ja ? `ありません（${written}）` : `missing (${written})`;
      return written;
    }
    case "unrecognized_keys":
      return ja ? `不明なキー ${i.keys.join(", ")}` : `unknown key(s) ${i.keys.join(", ")}`;
    case "invalid_value":
      return ja ? `次のいずれかです: ${i.values.join(", ")}` : `one of ${i.values.join(", ")}`;
    // `positive()` is "more than 0", not "at least 0": {"maxProjects": 0} had been told its minimum was 0
    case "too_small":
      if (i.inclusive === false) return ja ? `小さすぎます（${String(i.minimum)} より大きい値）` : `too small (more than ${String(i.minimum)})`;
      return ja ? `小さすぎます（最小 ${String(i.minimum)}）` : `too small (minimum ${String(i.minimum)})`;
    case "too_big":
      if (i.inclusive === false) return ja ? `大きすぎます（${String(i.maximum)} より小さい値）` : `too big (less than ${String(i.maximum)})`;
      return ja ? `大きすぎます（最大 ${String(i.maximum)}）` : `too big (maximum ${String(i.maximum)})`;
    case "invalid_format":
      // A schema's own message (given in Japanese) says which format; zod's default does not.
      if (ja && i.message && !/^Invalid/.test(i.message)) return i.message;
      if (!ja && i.format === "regex" && "pattern" in i) return `wrong format (expected ${String(i.pattern)})`;
      return ja ? `書式が違います（${i.format}）` : `wrong format (${i.format})`;
    case "invalid_union":
      // a union's own message (config `columns`: the English keys or the Japanese names)
      if (ja && i.message && !/^Invalid/.test(i.message)) return i.message;
      {
        // a choice of values (a heading's "level": 1, 2 or 3): they are named, as an enum's are
        const branches = (i as { errors?: z.core.$ZodIssue[][] }).errors ?? [];
        const values = branches.every((b) => b.length === 1 && b[0]!.code === "invalid_value" && b[0]!.path.length === 0)
          ? branches.flatMap((b) => (b[0] as { values: unknown[] }).values) : [];
        if (values.length) return describeIssue({ ...i, code: "invalid_value", values } as unknown as z.core.$ZodIssue, lang);
      }
      return ja ? "値が正しくありません" : "invalid value";
    case "custom":
      // A refinement's own message is already in the user's words.
      return i.message || (ja ? "値が正しくありません" : "invalid value");
    default:
      return ja ? "値が正しくありません" : "invalid value";
  }
}
