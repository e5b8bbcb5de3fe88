import { describe, expect, it } from "vitest";
import { canonicalize, containsCardNumber, luhnValid, redactCardNumbers } from "../../src/core/card-numbers.ts";

const FULL_WIDTH = "４１１１１１１１１１１１１１１１";

describe("card number detection", () => {
  it("finds test card numbers with or without separators", () => {
    expect(containsCardNumber("my card 4242 4242 4242 4242 thanks")).toBe(true);
    expect(containsCardNumber("5555-5555-5555-4444")).toBe(true);
    expect(containsCardNumber("378282246310005")).toBe(true);
  });

  // Finding 6 of issue 13: each of these got past the filter before the normaliser.
  it.each([
    ["a leading +", "+4111111111111111"],
    ["dots", "4111.1111.1111.1111"],
    ["slashes", "4111/1111/1111/1111"],
    ["underscores", "4111_1111_1111_1111"],
    ["double spaces", "4111  1111  1111  1111"],
    ["a tab and a newline", "4111\t1111\n1111 1111"],
    ["zero-width spaces", "4111\u200b1111\u200b1111\u200b1111"],
    ["a zero-width joiner inside a group", "41\u200d11 1111 1111 1111"],
    ["soft hyphens and a BOM", "4111\u00ad1111\ufeff1111\u00ad1111"],
    ["full-width digits", FULL_WIDTH],
    ["full-width digits and ideographic spaces", "４１１１\u3000１１１１\u3000１１１１\u3000１１１１"],
    ["Arabic-Indic digits", "٤١١١١١١١١١١١١١١١"],
    ["combining marks on digits", "4\u03011111111111111\u030111"],
    ["en dashes", "4111–1111–1111–1111"],
    ["an expiry right after it", "4111 1111 1111 1111 12/27"],
    ["words around it", "company:Acme4111111111111111Ltd"],
  ])("finds a card number written with %s", (_what, value) => {
    expect(containsCardNumber(value)).toBe(true);
    expect(redactCardNumbers(value)).not.toMatch(/1111/);
  });

  it("leaves UUIDs and 32-hex identifiers alone, though their digit groups can pass Luhn", () => {
    // UUIDs whose decimal groups, joined by dashes, are 13-19 digits passing Luhn (about 1 in 400).
    for (const id of ["28f03582-13fe-479e-8390-155637017bbb", "7937ff79-5110-49da-8624-99224568049d", "4f82ac49-5934-4257-8776-0fb0ed697e88"]) {
      expect(containsCardNumber(`account secret revoke ${id}`)).toBe(false);
      expect(containsCardNumber(`numbers configure +447700900123 application:${id.toUpperCase()}`)).toBe(false);
    }
    expect(containsCardNumber("vonage topup trx:8ef2447e69604f642ae5936341111111")).toBe(false);
    // The shape is exact: a card beside an identifier is still a card.
    expect(containsCardNumber("28f03582-13fe-479e-8390-155637017bbb 4111 1111 1111 1111")).toBe(true);
    expect(containsCardNumber("id 4111-1111-1111-1111-0000")).toBe(true);
  });

  it("ignores digit runs that fail Luhn, short numbers and separate numbers far apart", () => {
    expect(luhnValid("4242424242424241")).toBe(false);
    expect(containsCardNumber("4242424242424241")).toBe(false);
    expect(containsCardNumber("order 123456")).toBe(false);
    expect(containsCardNumber("alerts balance 20 level:critical")).toBe(false);
    expect(containsCardNumber("4111 1111 and then, much later, 1111 1111")).toBe(false);
  });

  it("lets a phone field hold an E.164 number whose digits pass Luhn, but not a longer one", () => {
    const phone = "+378282246310005"; // 15 digits: a valid E.164 length, and Luhn-valid
    expect(containsCardNumber(phone, { phone: true })).toBe(false);
    expect(containsCardNumber(phone)).toBe(true);
    expect(containsCardNumber("+4111111111111111", { phone: true })).toBe(true);
    expect(containsCardNumber("+44 7700 900123", { phone: true })).toBe(false);
  });

  it("reads a whole phone number and the PIN after it as two numbers, not one card", () => {
    // 447700900123 then 1007: the 16 digits together pass Luhn.
    expect(luhnValid("4477009001231007")).toBe(true);
    expect(containsCardNumber("demo numbers verify +447700900123 1007")).toBe(false);
    expect(containsCardNumber("+4111 1111 1111 1111")).toBe(true);
    expect(containsCardNumber("+4111111111111111 1007")).toBe(true);
  });

  it("redacts only what passes, keeping the rest of the text as it was", () => {
    expect(redactCardNumbers("a 4242424242424242 b 4242424242424241")).toBe("a [card number removed] b 4242424242424241");
    expect(redactCardNumbers(`x ${FULL_WIDTH} y`)).toBe("x [card number removed] y");
    expect(redactCardNumbers("é 4111\u200b1111 1111 1111 😀")).toBe("é [card number removed] 😀");
  });

  it("reads every script's digits as 0-9 and drops invisible characters", () => {
    expect(canonicalize("٣ ३ ３ 𝟛 a\u200bb").text).toBe("3 3 3 3 ab");
  });
});
