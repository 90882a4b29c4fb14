// A run killed during the switch of its output set: writes files named by argv as one set into
// argv[2] and is killed (SIGKILL, like a power cut or `kill -9`; CRASH_SIGNAL=SIGTERM a polite stop)
// before the rename of step argv[3].
import { writeOutputs } from "../../src/output/write.js";

const [outDir, step, tag, ...names] = process.argv.slice(2);
const files = names.map((n) => ({ path: n, data: Buffer.from(`${tag} ${n}`), producer: "test" }));
await writeOutputs(outDir!, files, {
  manifest: true,
  onStep: (i) => { if (i === Number(step)) process.kill(process.pid, (process.env.CRASH_SIGNAL ?? "SIGKILL") as NodeJS.Signals); },
});
