// VAT numbers of the countries Vonage invoices, with their check digits.
import { describe, expect, it } from "vitest";
import { normalizeVat, vatProblem } from "../../src/accounts/vat-numbers.ts";

describe("VAT numbers", () => {
  it.each([
    ["GB980780684", "United Kingdom"],
    ["GB 980 7806 84", "United Kingdom, as printed"],
    ["XI980780684", "Northern Ireland"],
    ["CHE-116.281.710 MWST", "Switzerland, with its suffix"],
    ["CHE116281710", "Switzerland, bare"],
    ["NO 923 609 016 MVA", "Norway"],
    ["NO923609016", "Norway, without MVA"],
    ["DE136695976", "Germany"],
    ["FR40303265045", "France"],
    ["NL004495445B01", "the Netherlands"],
    ["EL094259216", "Greece, as EL"],
    ["ATU13585627", "Austria"],
    ["IE6388047V", "Ireland"],
  ])("accepts %s (%s)", (vat) => {
    expect(vatProblem(vat)).toBeUndefined();
  });

  it.each([
    ["GB980780685", "GB"],
    ["CHE116281711", "CHE (Switzerland)"],
    ["NO923609017MVA", "NO (Norway)"],
    ["DE136695977", "DE"],
    ["NL004495446B01", "NL"],
  ])("refuses %s, whose check digits do not match", (vat, label) => {
    expect(vatProblem(vat)).toBe(`"${vat}" is not a valid ${label} VAT number: its check digits do not match, so look for a typo`);
  });

  it("says which format a number misses, and which prefixes it knows", () => {
    expect(vatProblem("GB12")).toBe('"GB12" is not in the GB VAT number format');
    expect(vatProblem("US123456789")).toContain("does not start with a country prefix Switchboard knows");
    expect(vatProblem("US123456789")).toContain("GB980780684");
  });

  it("stores what people type in one form", () => {
    expect(normalizeVat("che-116.281.710 mwst")).toBe("CHE116281710MWST");
  });
});
