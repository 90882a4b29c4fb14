// The CLI from source, reporting its own resource usage on exit (a line `PLANPRESS_USAGE {json}`
// on stderr): peak memory (maxRSS) and CPU time, measured by the process itself.
import { main } from "../../src/cli.js";

const t = performance.now();
main(process.argv).then((code) => { process.exitCode = code; }).finally(() => {
  const u = process.resourceUsage();
  process.stderr.write(`\nPLANPRESS_USAGE ${JSON.stringify({ maxRssMb: u.maxRSS / 1024, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, ms: performance.now() - t })}\n`);
});
