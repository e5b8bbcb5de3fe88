// Property-based tests of everything between a typed line and a handler (issue 13): the
// tokenizer, the key:value parser and every command's schema, generated from the
// registry so a new command is covered without touching this file. Whatever is typed,
// the answer is a result or a user error with a stable code: never a crash, an internal
// error, a hang or a card number repeated back. Seeded, so runs are reproducible.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokenize } from "../../src/core/commands/tokenize.ts";
import { tokenizeOrExplain } from "../../src/core/commands/dispatch-support.ts";
import { parseArgs, GLOBAL_OPTIONS } from "../../src/core/commands/parse-args.ts";
import { isUserError } from "../../src/core/errors.ts";
import { containsCardNumber } from "../../src/core/card-numbers.ts";
import { allCommands } from "../../src/commands/index.ts";
import { CommandRegistry } from "../../src/core/commands/registry.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { createTestAccount } from "../helpers/accounts.ts";
import { PROPERTY_RUNS, SEED } from "./property-settings.ts";

const STABLE_CODE = /^[a-z][a-z0-9_]*$/;
const registry = new CommandRegistry(allCommands);
const definitions = registry.all();

/** Values that have broken parsers before: edges of numbers, dates, quotes, unicode, cards. */
const nasty = fc.constantFrom(
  "", " ", "0", "-1", "1e309", "NaN", "Infinity", "9".repeat(40), "0.0000001", "10000000", "€5", "5,50",
  "'", '"', '"unclosed', "a:b:c", "://", "http://", "https://127.0.0.1:1/x", "javascript:alert(1)",
  "+447700900123", "+", "00", "2026-02-30", "25:99", "\u0000", "\u202e", "😀", "\ud800", "@", "<@U123>", "<#C1|x>",
  "4111111111111111", "4111.1111.1111.1111", "４１１１１１１１１１１１１１１１", "+4111111111111111", "4111\u200b1111\u200b1111\u200b1111",
  "yes", "no", "all", "GB", "month", "1 month", "x".repeat(3000),
);
const word = fc.oneof(fc.string({ maxLength: 30 }), nasty, fc.string({ unit: "binary", maxLength: 20 }));

/** Words for one command: its own option names and positionals, with hostile values. */
function wordsFor(path: string) {
  const definition = registry.get(path)!;
  const names = [...Object.keys(definition.args.shape), ...GLOBAL_OPTIONS.filter((o) => o !== "confirm")];
  const option = fc.tuple(fc.constantFrom(...names), word).map(([name, value]) => `${name}:${value}`);
  return fc.array(fc.oneof(option, word), { maxLength: 6 });
}

const quote = (w: string) => (/[\s"']/.test(w) || w === "" ? `"${w.replace(/"/g, "")}"` : w);

describe("tokenizer (property-based)", () => {
  it("splits any line into words or explains an unclosed quote", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: "binary", maxLength: 300 })), (line) => {
        try {
          const words = tokenizeOrExplain(line);
          expect(Array.isArray(words)).toBe(true);
        } catch (error) {
          expect(isUserError(error) && error.code).toBe("bad_quotes");
        }
      }),
      { seed: SEED, numRuns: PROPERTY_RUNS.tokenizer },
    );
  });

  it("gives back the words it was given, quoted where needed", () => {
    const plain = fc.string({ maxLength: 20 }).filter((w) => !/["'“”‘’]/.test(w));
    fc.assert(
      fc.property(fc.array(plain, { maxLength: 8 }), (words) => {
        expect(tokenize(words.map(quote).join(" "))).toEqual(words);
      }),
      { seed: SEED, numRuns: PROPERTY_RUNS.tokenizer },
    );
  });
});

describe("key:value parser (property-based)", () => {
  it("turns any words for any command into arguments or a user error with a stable code", () => {
    fc.assert(
      fc.property(fc.constantFrom(...definitions.map((d) => d.path)).chain((path) => fc.tuple(fc.constant(path), wordsFor(path))), ([path, words]) => {
        try {
          const raw = parseArgs(registry.get(path)!, words);
          for (const value of Object.values(raw)) expect(typeof value === "string" || Array.isArray(value)).toBe(true);
        } catch (error) {
          if (!isUserError(error)) throw error;
          expect(error.code).toMatch(STABLE_CODE);
        }
      }),
      { seed: SEED, numRuns: PROPERTY_RUNS.parser },
    );
  });
});

describe("every command's schema, through the dispatcher (property-based)", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
    await createTestAccount(app);
  });
  afterAll(() => app.close());

  it("answers any line for any command with a result or a user error, never an internal error or a card number", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...definitions.map((d) => d.path)).chain((path) => fc.tuple(fc.constant(path), wordsFor(path), fc.boolean())),
        async ([path, words, asForm]) => {
          const definition = registry.get(path)!;
          const result = asForm
            ? await app.dispatch({ kind: "command", command: path, args: Object.fromEntries(words.map((w, i) => [Object.keys(definition.args.shape)[i] ?? `x${i}`, w])) })
            : await app.run(`${path} ${words.map(quote).join(" ")}`);
          expect(result.outcome, `${path} ${words.join(" ")} -> ${result.text}`).not.toBe("error");
          expect(containsCardNumber(result.text, { phone: true }), result.text).toBe(false);
          if (result.outcome === "user-error") expect(result.reply.message?.blocks.length).toBeGreaterThan(0);
        },
      ),
      { seed: SEED, numRuns: PROPERTY_RUNS.commands },
    );
  }, 600_000);
});
