import { describe, expect, it } from "vitest";
import { z } from "zod";
import { tokenize } from "../../src/core/commands/tokenize.ts";
import { parseArgs } from "../../src/core/commands/parse-args.ts";
import { defineCommand } from "../../src/core/commands/definition.ts";
import { usageOf } from "../../src/core/commands/arg-fields.ts";
import { UserError } from "../../src/core/errors.ts";
import { say } from "../../src/core/view.ts";

const search = defineCommand({
  path: "numbers search",
  description: "Search",
  args: z.object({
    country: z.string(),
    type: z.enum(["landline", "mobile-lvn", "toll-free"]).optional(),
    pattern: z.string().optional(),
  }),
  positional: ["country"],
  access: "member",
  sideEffect: "read",
  needsAccount: true,
  handler: async () => say("ok"),
});

const sms = defineCommand({
  path: "sms send",
  description: "Send",
  args: z.object({ to: z.string(), text: z.string() }),
  positional: ["to", "text"],
  restPositional: true,
  access: "member",
  sideEffect: "write",
  needsAccount: true,
  handler: async () => say("ok"),
});

describe("tokenize", () => {
  it("splits on spaces and keeps quoted words whole, including after a key", () => {
    expect(tokenize(`numbers search GB pattern:"77 1" 'a b'`)).toEqual(["numbers", "search", "GB", "pattern:77 1", "a b"]);
  });
  it("treats the smart quotes chat clients insert as quotes", () => {
    expect(tokenize("sms send +447700900001 “hello there”")).toEqual(["sms", "send", "+447700900001", "hello there"]);
  });
  it("refuses an unclosed quote", () => {
    expect(() => tokenize(`say "oops`)).toThrow(/not closed/);
  });
});

describe("parseArgs", () => {
  it("maps key:value options and positionals", () => {
    expect(parseArgs(search, ["GB", "type:mobile-lvn", "pattern:77"])).toEqual({ country: "GB", type: "mobile-lvn", pattern: "77" });
  });
  it("keeps the global account and confirm options", () => {
    expect(parseArgs(search, ["GB", "account:abc", "confirm:yes"])).toEqual({ country: "GB", account: "abc", confirm: "yes" });
  });
  it("gives the rest of the line to a rest positional, URLs and colons included", () => {
    expect(parseArgs(sms, ["+4477", "see", "https://x.io/a", "at", "10:30"])).toEqual({ to: "+4477", text: "see https://x.io/a at 10:30" });
  });
  it("answers an unknown option with the usage", () => {
    try {
      parseArgs(search, ["GB", "colour:red"]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).message).toContain('no option "colour"');
      expect((error as UserError).details.usage).toBe("numbers search <country> [type:landline|mobile-lvn|toll-free] [pattern:…]");
    }
  });
  it("refuses extra words", () => {
    expect(() => parseArgs(search, ["GB", "FR"])).toThrow(/Too many arguments: "FR"/);
  });
});

describe("usage", () => {
  it("marks rest positionals", () => {
    expect(usageOf(sms)).toBe("sms send <to> <text...>");
  });
});
