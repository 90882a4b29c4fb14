import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DiagnosticBag } from "../../src/diagnostics/bag.js";
import { ReportedError } from "../../src/errors.js";
import { loadTheme } from "../../src/theme/load.js";
import { tempFile } from "../helpers/plan-fixtures.js";

describe("theme", () => {
  it("the shipped theme is valid and has every document's page set-up", () => {
    const theme = loadTheme("templates/theme.json", new DiagnosticBag("ja"));
    expect(Object.keys(theme.pages)).toEqual(expect.arrayContaining(["booklet", "gantt", "department", "progress"]));
    expect(theme.pages.gantt).toMatchObject({ size: "A3", orientation: "landscape" });
  });

  it("a theme without a document's page set-up, or with a bad colour, is PP502 with the key", () => {
    const theme = JSON.parse(readFileSync("templates/theme.json", "utf8"));
    delete theme.pages.booklet;
    theme.colours.text = "black";
    const bag = new DiagnosticBag("ja");
    expect(() => loadTheme(tempFile("theme.json", JSON.stringify(theme)), bag)).toThrow(ReportedError);
    expect(bag.items[0]).toMatchObject({ code: "PP502", severity: "error" });
    expect(bag.items[0]!.message).toContain("pages.booklet");
    expect(bag.items[0]!.message).toContain("colours.text: 色は #RRGGBB の形で書いてください（例: #005AFF）");
    const en = new DiagnosticBag("en");
    expect(() => loadTheme(tempFile("theme.json", JSON.stringify(theme)), en)).toThrow(ReportedError);
    expect(en.items[0]!.message).toContain("colours.text: wrong format (expected /^#[0-9A-Fa-f]{6}$/)");
  });

  it("a theme that is not JSON is PP502", () => {
    const bag = new DiagnosticBag("en");
    expect(() => loadTheme(tempFile("theme.json", "{ fonts: "), bag)).toThrow(ReportedError);
    expect(bag.items[0]?.code).toBe("PP502");
  });
});

describe("theme page set-up", () => {
  it("margins that leave no room for text are PP502", () => {
    const theme = JSON.parse(readFileSync("templates/theme.json", "utf8"));
    theme.pages.booklet.margins = [300, 400, 300, 400];
    const bag = new DiagnosticBag("ja");
    expect(() => loadTheme(tempFile("theme.json", JSON.stringify(theme)), bag)).toThrow(ReportedError);
    expect(bag.items[0]!.message).toContain("余白が大きすぎます");
  });
});
