// pdfmake's internal modules patched by speed.ts (CommonJS, `exports.default` is the class).
declare module "pdfmake/js/StyleContextStack.js" { const m: { default?: unknown }; export default m; }
declare module "pdfmake/js/Renderer.js" { const m: { default?: unknown }; export default m; }
declare module "pdfmake/js/TextDecorator.js" { const m: { default?: unknown }; export default m; }
declare module "pdfmake/js/PDFDocument.js" { const m: { default?: unknown }; export default m; }
declare module "pdfmake/js/TextInlines.js" { const m: { default?: unknown }; export default m; }
declare module "pdfmake/js/ElementWriter.js" { const m: { default?: unknown }; export default m; }
// pdfmake's internal modules hooked by tags.ts (and layouts.ts).
declare module "pdfmake/js/DocMeasure.js" { const m: { default?: unknown }; export default m; }
declare module "pdfmake/js/LayoutBuilder.js" { const m: { default?: unknown }; export default m; }
declare module "pdfmake/js/PageElementWriter.js" { const m: { default?: unknown }; export default m; }
