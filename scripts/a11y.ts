// `npm run a11y [files...]`: the accessibility checks of scripts/a11y/ on any PDF (README "How a
// city checks a file"). Kept out of the shipped CLI because it needs pdfjs-dist, a devDependency.
import { a11yReport } from "./a11y/report.js";

process.exitCode = await a11yReport(process.argv.slice(2));
