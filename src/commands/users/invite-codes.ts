import { z } from "zod";
import type { CommandContext } from "../../core/commands/context.ts";

export const codeArgs = z.object({ code: z.string().trim().min(6, "is the code from the invitation") });

/** Invitations are answered by the invitee, who has no account context yet. */
export async function openInvite(ctx: CommandContext, code: string) {
  const { invites, accounts, clock } = ctx.services;
  const accountId = await invites.accountOf(code);
  const account = accountId ? await accounts.get(accountId) : undefined;
  // Expiry is judged on the account's clock: a sandbox account may run ahead.
  const now = new Date(clock.now().getTime() + Number(account?.clockOffsetMs ?? 0));
  const invite = await invites.open(code, ctx.invocation.actor, now);
  return { invite, account: account!, now };
}
