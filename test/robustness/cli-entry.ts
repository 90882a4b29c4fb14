// bin/planpress.js for the sources (run with `node --import tsx`): the whole-process tests then
// check the code under test, not whatever dist/ was last compiled.
import { main } from "../../src/cli.js";

main(process.argv).then((code) => { process.exitCode = code; });
