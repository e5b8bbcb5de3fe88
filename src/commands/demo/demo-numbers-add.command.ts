import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { requireAccount } from "../../core/commands/context.ts";
import { UserError } from "../../core/errors.ts";
import { fields, reply, say, text } from "../../core/view.ts";
import { newId } from "../../core/ids.ts";
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
    const account = requireAccount(ctx);
    const { db, verification } = ctx.services;
    const existing = await db.demoNumber.findMany({ where: { accountId: account.id }, select: { phone: true, verifiedAt: true } });
    if (existing.some((d) => d.phone === phone && d.verifiedAt)) return say(`${phone} is already verified.`);
    if (existing.filter((d) => d.phone !== phone).length >= MAX_DEMO_NUMBERS) {
      throw new UserError("demo_limit", `DEMO mode allows at most ${MAX_DEMO_NUMBERS} destination numbers.`, {
        hint: "Remove one with `demo numbers remove <number>`, or leave DEMO mode with a first payment.",
      });
    }
    const now = ctx.clock.now();
    await db.demoNumber.upsert({
      where: { accountId_phone: { accountId: account.id, phone } },
      create: { id: newId("dem"), accountId: account.id, phone, createdAt: now },
      update: {},
    });
    await verification.start({ purpose: "demo-number", phone, channel: via, requestedBy: ctx.invocation.actor, accountId: account.id, at: now });
    return reply([
      text(`We sent a PIN to ${phone}. Read it with \`sandbox inbox\` (simulated), then run \`demo numbers verify ${phone} <pin>\`.`),
    ]);
  },
});

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
    const account = requireAccount(ctx);
    const now = ctx.clock.now();
    await ctx.services.verification.check(ctx.invocation.actor, "demo-number", pin, now, phone);
    await ctx.services.db.demoNumber.update({
      where: { accountId_phone: { accountId: account.id, phone } },
      data: { verifiedAt: now },
    });
    return say(`${phone} is verified: DEMO mode can message it now.`);
  },
});

export const demoNumbersRemoveCommand = defineCommand({
  path: "demo numbers remove",
  description: "Remove a demo destination number",
  args: z.object({ phone: phoneArg }),
  positional: ["phone"],
  fields: { phone: { kind: "phone" } },
  access: "member",
  sideEffect: "write",
  needsAccount: true,
  async handler(ctx, { phone }) {
    const account = requireAccount(ctx);
    const { count } = await ctx.services.db.demoNumber.deleteMany({ where: { accountId: account.id, phone } });
    if (count === 0) throw new UserError("not_found", `${phone} is not a demo number of this account.`, { hint: "See them with `demo numbers list`." });
    return say(`Removed ${phone} from the demo numbers.`);
  },
});

export const demoNumbersListCommand = defineCommand({
  path: "demo numbers list",
  description: "The destination numbers DEMO mode may message",
  args: z.object({}),
  access: "member",
  sideEffect: "read",
  needsAccount: true,
  async handler(ctx) {
    const account = requireAccount(ctx);
    const rows = await ctx.services.db.demoNumber.findMany({
      where: { accountId: account.id },
      select: { phone: true, verifiedAt: true },
      orderBy: { createdAt: "asc" },
    });
    if (rows.length === 0) return say("No demo numbers yet. Add one with `demo numbers add <number>`.");
    return reply([
      text(`${rows.length} of ${MAX_DEMO_NUMBERS} demo numbers${account.mode === "DEMO" ? "" : " (the account is LIVE: any number may be messaged)"}:`),
      fields(rows.map((r) => ({ label: r.phone, value: r.verifiedAt ? "verified" : "waiting for its PIN" }))),
    ]);
  },
});
