import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { fields, header, reply, text } from "../../core/view.ts";
import type { CommandContext } from "../../core/commands/context.ts";

/** The simulated phone network's messages for the phones this person is dealing with. */
export const sandboxInboxCommand = defineCommand({
  path: "sandbox inbox",
  description: "Read the simulated SMS and calls the sandbox sent (PINs, messages from sms send)",
  args: z.object({}),
  access: "anyone",
  sideEffect: "read",
  needsAccount: false,
  async handler(ctx) {
    const { phones, accountIds } = await phonesOf(ctx);
    const messages = await ctx.services.inbox.read([...phones], accountIds);
    if (messages.length === 0) {
      return reply([text("The sandbox inbox is empty. PINs from `account signup` and `demo numbers add`, and messages from `sms send`, arrive here.")]);
    }
    return reply([
      header("Sandbox inbox (simulated: no real SMS or call was made)"),
      fields(
        messages.map((m) => ({
          label: `${m.kind === "sms" ? "SMS" : "Call"} to ${m.phone} at ${m.createdAt.toISOString().slice(0, 16).replace("T", " ")}`,
          value: m.text,
        })),
      ),
    ]);
  },
});

/** Phones this person is verifying, the phones of accounts they belong to, and those accounts (their `sms send` messages). */
async function phonesOf(ctx: CommandContext): Promise<{ phones: Set<string>; accountIds: string[] }> {
  const { db } = ctx.services;
  const phones = new Set<string>();
  const accountIds: string[] = [];
  const verifications = await db.verification.findMany({
    where: { requestedBy: ctx.invocation.actor },
    select: { phone: true },
    orderBy: { createdAt: "desc" },
    take: 20,
  });
  verifications.forEach((v) => phones.add(v.phone));
  if (ctx.personId) {
    const accounts = await db.member.findMany({
      where: { personId: ctx.personId, removedAt: null },
      select: { account: { select: { phone: true, id: true } } },
    });
    for (const { account } of accounts) {
      accountIds.push(account.id);
      if (account.phone) phones.add(account.phone);
      const demo = await db.demoNumber.findMany({ where: { accountId: account.id }, select: { phone: true } });
      demo.forEach((d) => phones.add(d.phone));
    }
  }
  return { phones, accountIds };
}
