// Commands never ask which provider an account has: they declare what they need
// (`requires`), the dispatcher checks it beside access, and every capability says what an
// account without it can do instead. A command that tests `.provider` fails here.
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { allCommands } from "../../src/commands/index.ts";
import { CAPABILITIES, PROVIDER_CAPABILITIES, can, refusal } from "../../src/providers/capabilities.ts";
import { checkRequirement } from "../../src/core/commands/requirements.ts";
import { isUserError } from "../../src/core/errors.ts";

/** A comparison, switch or lookup on an account's provider; showing it (`Provider: account.provider`) is fine. */
const PROVIDER_TEST = /\.provider\s*[!=]==?|[!=]==?\s*[\w?.]*\.provider\b|switch\s*\([\w?.]*\.provider\s*\)|\[[\w?.]*\.provider\]/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : /\.ts$/.test(entry.name) ? [full] : [];
  });
}

const providers = Object.keys(PROVIDER_CAPABILITIES);

describe("provider requirements", () => {
  it("keeps every file under src/commands from testing .provider", () => {
    const offenders = filesUnder("src/commands").filter((file) => PROVIDER_TEST.test(readFileSync(file, "utf8")));
    expect(offenders).toEqual([]);
  });

  it("would catch a command that tests the provider", () => {
    for (const line of [
      'if (account.provider === "vonage") return vonageInfo(ctx, account);',
      'if (requireAccount(ctx).provider !== "sandbox") throw error;',
      '"vonage" == ctx.account?.provider',
      "switch (account.provider) {",
      "return VIEWS[account.provider](ctx);",
    ]) {
      expect(PROVIDER_TEST.test(line), line).toBe(true);
    }
    expect(PROVIDER_TEST.test('requires: "vonage",')).toBe(false);
    expect(PROVIDER_TEST.test("Provider: account.provider,")).toBe(false);
  });

  it("declares only known capabilities, on commands that act on an account", () => {
    const declared = allCommands.flatMap((c) => (c.needsAccount && c.requires ? [{ path: c.path, requires: c.requires }] : []));
    expect(declared.length).toBeGreaterThan(15);
    for (const command of declared) expect(CAPABILITIES, command.path).toContain(command.requires);
    // Only an account command can declare one: the type says so, and so does every definition.
    expect(allCommands.filter((c) => !c.needsAccount && "requires" in c).map((c) => c.path)).toEqual([]);
  });

  it("gives every capability a provider that has it, one that lacks it, and a sentence saying what to do instead", () => {
    for (const capability of CAPABILITIES) {
      const lacking = providers.filter((p) => !can({ provider: p }, capability));
      expect(providers.filter((p) => can({ provider: p }, capability)).length, capability).toBeGreaterThan(0);
      expect(lacking.length, capability).toBeGreaterThan(0);
      for (const provider of lacking) {
        const error = refusal(capability, "some command", { provider, companyName: "Acme Ltd" });
        expect(isUserError(error), capability).toBe(true);
        expect(error.code, capability).toMatch(/^[a-z][a-z_]+$/);
        expect(error.message, capability).toMatch(/\.$/);
        // What to do instead: a hint, a command to run, or the dashboard page that does it.
        const instead = error.details.hint ?? (/`[^`]+`|https:\/\//.test(error.message) ? error.message : "");
        expect(instead, capability).not.toBe("");
      }
    }
  });

  it("keeps the sentences users and tests rely on", () => {
    const sandbox = { provider: "sandbox", companyName: "Sandbox Co" };
    const vonage = { provider: "vonage", companyName: "Vonage Co" };
    expect(() => checkRequirement({ path: "vonage topup", requires: "vonage" }, sandbox)).toThrow("`vonage topup` works on Vonage accounts, and Sandbox Co is a sandbox account.");
    expect(() => checkRequirement({ path: "subaccounts list", requires: "subaccounts" }, sandbox)).toThrow("The Subaccounts API works on Vonage accounts");
    expect(() => checkRequirement({ path: "billing methods list", requires: "payment-methods" }, vonage)).toThrow("Vonage's API cannot add or remove payment methods");
    expect(() => checkRequirement({ path: "sms send", requires: "sandbox-messaging" }, vonage)).toThrow("`sms send` is the sandbox's messaging API");
    expect(() => checkRequirement({ path: "sms send", requires: "sandbox-messaging" }, sandbox)).not.toThrow();
    expect(() => checkRequirement({ path: "help" }, vonage)).not.toThrow();
  });
});
