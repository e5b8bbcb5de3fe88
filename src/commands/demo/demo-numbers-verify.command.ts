import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { say } from "../../core/view.ts";
import { phoneArg } from "../../accounts/validation.ts";

export const demoNumbersVerifyCommand = defineCommand({
  path: "demo numbers verify",
  description: "Enter the PIN sent to a demo destination number",
  args: z.object({ phone: phoneArg, pin: z.string().trim().regex(/^\d{4}$/, "must be the 4-digit PIN") }),
  positional: ["phone", "pin"],
  fields: { phone: { kind: "phone" }, pin: { label: "PIN", sensitive: true } },
  access: "member",
  sideEffect: "write",
  needsAccount: true,
  async handler(ctx, { phone, pin }) {
    const { account } = ctx;
    const now = ctx.clock.now();
    await ctx.services.verification.check(ctx.invocation.actor, "demo-number", pin, now, phone);
    await ctx.services.demoNumbers.markVerified(account.id, phone, now);
    return say(`${phone} is verified: DEMO mode can message it now.`);
  },
});
