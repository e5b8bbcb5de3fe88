import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { UserError } from "../../core/errors.ts";
import { reply, say, text } from "../../core/view.ts";
import { phoneArg } from "../../accounts/validation.ts";
import { MAX_DEMO_NUMBERS } from "../../accounts/demo-numbers.ts";

export const demoNumbersAddCommand = defineCommand({
  path: "demo numbers add",
  description: "Add a destination number DEMO mode may message (verified by PIN)",
  examples: ["demo numbers add +447700900123", "demo numbers add +447700900123 via:voice"],
  args: z.object({ phone: phoneArg, via: z.enum(["sms", "voice"]).default("sms") }),
  positional: ["phone"],
  fields: { phone: { label: "Destination number", kind: "phone" } },
  access: "member",
  sideEffect: "write",
  needsAccount: true,
  async handler(ctx, { phone, via }) {
    const { account } = ctx;
    const { demoNumbers, verification } = ctx.services;
    const existing = await demoNumbers.list(account.id);
    if (existing.some((d) => d.phone === phone && d.verifiedAt)) return say(`${phone} is already verified.`);
    if (existing.filter((d) => d.phone !== phone).length >= MAX_DEMO_NUMBERS) {
      throw new UserError("demo_limit", `DEMO mode allows at most ${MAX_DEMO_NUMBERS} destination numbers.`, {
        hint: "Remove one with `demo numbers remove <number>`, or leave DEMO mode with a first payment.",
      });
    }
    const now = ctx.clock.now();
    await demoNumbers.add(account.id, phone, now);
    await verification.start({ purpose: "demo-number", phone, channel: via, requestedBy: ctx.invocation.actor, accountId: account.id, at: now });
    return reply([
      text(`We sent a PIN to ${phone}. Read it with \`sandbox inbox\` (simulated), then run \`demo numbers verify ${phone} <pin>\`.`),
    ]);
  },
});
