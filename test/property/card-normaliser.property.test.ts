// Property-based tests of the card-number normaliser (issue 13): a card number written in
// any disguise is found; redaction leaves no card number behind and never throws; text
// without one passes untouched. Seeded, so every run tries the same cases.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CARD_REDACTION, containsCardNumber, luhnValid, redactCardNumbers } from "../../src/core/card-numbers.ts";
import { PROPERTY_RUNS, SEED } from "./property-settings.ts";

/** A Luhn-valid card number of 13 to 19 digits, starting 1-9 as every issued card does. */
const cardNumber = fc
  .tuple(fc.integer({ min: 1, max: 9 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 11, maxLength: 17 }))
  .map(([first, rest]) => {
    const body = [first, ...rest].join("");
    for (let check = 0; check < 10; check++) if (luhnValid(body + check)) return body + check;
    throw new Error("unreachable: one check digit always fits");
  });

const SEPARATORS = [" ", "  ", "-", ".", "/", "_", "\u200b", "\u00a0", "\u3000", " - ", "\t"];
const INVISIBLE = ["\u200b", "\u200c", "\u200d", "\ufeff", "\u00ad", "\u2060"];
const fullWidth = (d: string) => String.fromCodePoint(0xff10 + Number(d));
const arabicIndic = (d: string) => String.fromCodePoint(0x0660 + Number(d));

/** The card as a person or a clipboard might write it. */
const disguised = fc
  .record({
    card: cardNumber,
    groupSize: fc.constantFrom(0, 4, 4, 5, 6),
    separator: fc.constantFrom(...SEPARATORS),
    digitForm: fc.constantFrom("ascii", "ascii", "full-width", "arabic-indic"),
    invisible: fc.array(fc.tuple(fc.nat(), fc.constantFrom(...INVISIBLE)), { maxLength: 4 }),
    plus: fc.boolean(),
  })
  .map(({ card, groupSize, separator, digitForm, invisible, plus }) => {
    let chars = [...card].map((d) => (digitForm === "full-width" ? fullWidth(d) : digitForm === "arabic-indic" ? arabicIndic(d) : d));
    for (const [at, char] of invisible) chars.splice(at % (chars.length + 1), 0, char);
    if (groupSize > 0) {
      const grouped: string[] = [];
      let digits = 0;
      for (const char of chars) {
        const isDigit = !INVISIBLE.includes(char);
        if (isDigit && digits > 0 && digits % groupSize === 0) grouped.push(separator);
        grouped.push(char);
        if (isDigit) digits++;
      }
      chars = grouped;
    }
    return { card, text: (plus ? "+" : "") + chars.join("") };
  });

/** Words around a card that cannot join its digits: letters, punctuation, emoji. */
const surrounding = fc.string({ unit: fc.constantFrom(..."abcXYZ,;:!?()[]é😀"), maxLength: 12 });

describe("card-number normaliser (property-based)", () => {
  it("finds a card number in every disguise, wherever it stands in a text", () => {
    fc.assert(
      fc.property(surrounding, disguised, surrounding, (before, { text }, after) => {
        const line = `${before} ${text} ${after}`;
        expect(containsCardNumber(line)).toBe(true);
        const redacted = redactCardNumbers(line);
        expect(containsCardNumber(redacted)).toBe(false);
        expect(redacted).toContain(CARD_REDACTION);
      }),
      { seed: SEED, numRuns: PROPERTY_RUNS.normaliser },
    );
  });

  it("leaves no card number behind in any text, never throws, and touches nothing else", () => {
    const anyText = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: "binary", maxLength: 200 }),
      fc.string({ unit: fc.constantFrom(..."0123456789 -./_+\u200b４"), maxLength: 80 }),
    );
    fc.assert(
      fc.property(anyText, (text) => {
        const redacted = redactCardNumbers(text);
        expect(containsCardNumber(redacted)).toBe(false);
        if (!containsCardNumber(text)) expect(redacted).toBe(text);
      }),
      { seed: SEED, numRuns: PROPERTY_RUNS.normaliser },
    );
  });

  it("lets a phone field keep any E.164 number, and refuses the same digits anywhere else when they pass Luhn", () => {
    const e164 = fc.tuple(fc.integer({ min: 1, max: 9 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 6, maxLength: 14 })).map(([a, rest]) => `+${a}${rest.join("")}`);
    fc.assert(
      fc.property(e164, (phone) => {
        expect(containsCardNumber(phone, { phone: true })).toBe(false);
        const digits = phone.slice(1);
        expect(containsCardNumber(phone)).toBe(digits.length >= 13 && luhnValid(digits));
      }),
      { seed: SEED, numRuns: PROPERTY_RUNS.normaliser },
    );
  });
});
