// `needsAccount: true` narrows the handler's type: the dispatcher resolves the account and
// checks access before the handler runs, so handlers read `ctx.account` instead of
// asserting it. typecheck (`npm run typecheck`) checks the type-level cases below; the
// scan keeps the old assertions from coming back.
import { describe, expect, expectTypeOf, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { defineCommand } from "../../src/core/commands/definition.ts";
import type { AccountRecord } from "../../src/accounts/directory.ts";
import { say } from "../../src/core/view.ts";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

describe("commands that need an account", () => {
  it("receive the resolved account, typed, in the handler and the confirmation", () => {
    const definition = defineCommand({
      path: "test close",
      description: "Closes the account",
      args: z.object({}),
      access: "primary",
      sideEffect: "destroy",
      needsAccount: true,
      async confirm(ctx) {
        expectTypeOf(ctx.account).toEqualTypeOf<AccountRecord>();
        return { title: "Close", text: `${ctx.account.companyName} closes.`, confirmLabel: "Close" };
      },
      async handler(ctx) {
        expectTypeOf(ctx.account).toEqualTypeOf<AccountRecord>();
        return say(`${ctx.account.companyName} is closed.`);
      },
    });
    expect(definition.needsAccount).toBe(true);
  });

  it("a command that does not need one cannot read an account as if it were there", () => {
    const definition = defineCommand({
      path: "test hello",
      description: "Says hello",
      args: z.object({}),
      access: "anyone",
      sideEffect: "read",
      needsAccount: false,
      async handler(ctx) {
        expectTypeOf(ctx.account).toEqualTypeOf<AccountRecord | undefined>();
        // @ts-expect-error no account is resolved for a command that does not declare needsAccount
        return say(ctx.account.companyName);
      },
    });
    expect(definition.needsAccount).toBe(false);
  });

  it("no source file asserts the account instead of declaring needsAccount", () => {
    const offenders = [...sourceFiles(path.resolve("src")), ...sourceFiles(path.resolve("adapters"))]
      .filter((file) => /\brequireAccount\b|ctx\.account!/.test(readFileSync(file, "utf8")))
      .map((file) => path.relative(".", file));
    expect(offenders).toEqual([]);
  });
});
