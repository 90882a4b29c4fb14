import { expect, it } from "vitest";
import { columnLetters, columnNumber, parseAddress } from "../src/cell-address.js";

it("cell addresses both ways", () => {
  expect([1, 26, 27, 52, 703].map(columnLetters)).toEqual(["A", "Z", "AA", "AZ", "AAA"]);
  expect(["A", "Z", "AA", "AZ", "AAA"].map(columnNumber)).toEqual([1, 26, 27, 52, 703]);
  expect(parseAddress("$E$12")).toEqual({ row: 12, col: 5 });
  expect(parseAddress("12E")).toBeNull();
});
