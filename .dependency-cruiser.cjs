// The layer rules of planpress (README "For engineers"), checked by test/layers.test.ts in `npm test`.
// Type-only imports count too (tsPreCompilationDeps): a type loop is still a loop for the reader.
/** @type {import("dependency-cruiser").IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-cycles",
      severity: "error",
      comment: "Modules form no import cycle (type-only imports included).",
      from: {},
      to: { circular: true },
    },
    {
      name: "stages-do-not-import-render",
      severity: "error",
      comment: "Reading, the model, views, templates, output and the shared modules never import render/: only commands/ choose a renderer.",
      from: { path: "^src/(ingest|normalise|validate|model|views|templates|output|forms|progress|config|theme|diagnostics)/|^src/(context|fiscal|pipeline|paths|errors)\\.ts$" },
      to: { path: "^src/render/" },
    },
    {
      name: "render-reads-no-input",
      severity: "error",
      comment: "render/ draws what it is given: it never reads the plan (ingest/, pipeline.ts), returned forms (progress/ readers and checks) or runs commands.",
      from: { path: "^src/render/" },
      to: { path: "^src/(ingest/|progress/(read-|sheet-xml|validate)|pipeline\\.ts$|commands/|cli\\.ts$)" },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    doNotFollow: { path: "node_modules" },
    exclude: { path: "node_modules" },
  },
};
