import { describe, expect, it } from "vitest";
import { containsCardNumber, luhnValid, redactCardNumbers } from "../../src/core/card-numbers.ts";

describe("card number detection", () => {
  it("finds test card numbers with or without separators", () => {
    expect(containsCardNumber("my card 4242 4242 4242 4242 thanks")).toBe(true);
    expect(containsCardNumber("5555-5555-5555-4444")).toBe(true);
    expect(containsCardNumber("378282246310005")).toBe(true);
  });
  it("ignores digit runs that fail Luhn, short numbers and phone numbers with +", () => {
    expect(luhnValid("4242424242424241")).toBe(false);
    expect(containsCardNumber("4242424242424241")).toBe(false);
    expect(containsCardNumber("order 123456")).toBe(false);
    expect(containsCardNumber("+4242424242424242")).toBe(false);
  });
  it("redacts only what passes", () => {
    expect(redactCardNumbers("a 4242424242424242 b 4242424242424241")).toBe("a [card number removed] b 4242424242424241");
  });
});
