import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { fields, reply, say, text } from "../../core/view.ts";
import { MAX_DEMO_NUMBERS } from "../../accounts/demo-numbers.ts";

export const demoNumbersListCommand = defineCommand({
  path: "demo numbers list",
  description: "The destination numbers DEMO mode may message",
  args: z.object({}),
  access: "member",
  sideEffect: "read",
  needsAccount: true,
  async handler(ctx) {
    const { account } = ctx;
    const rows = await ctx.services.demoNumbers.list(account.id);
    if (rows.length === 0) return say("No demo numbers yet. Add one with `demo numbers add <number>`.");
    return reply([
      text(`${rows.length} of ${MAX_DEMO_NUMBERS} demo numbers${account.mode === "DEMO" ? "" : " (the account is LIVE: any number may be messaged)"}:`),
      fields(rows.map((r) => ({ label: r.phone, value: r.verifiedAt ? "verified" : "waiting for its PIN" }))),
    ]);
  },
});
