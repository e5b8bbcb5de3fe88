import { defineCommand } from "../../core/commands/definition.ts";
import { say } from "../../core/view.ts";
import { codeArgs, openInvite } from "./invite-codes.ts";

export const usersDeclineCommand = defineCommand({
  path: "users decline",
  description: "Decline an invitation to an account",
  args: codeArgs,
  positional: ["code"],
  fields: { code: { sensitive: true } },
  access: "anyone",
  sideEffect: "write",
  needsAccount: false,
  async handler(ctx, { code }) {
    const { invite, account, now } = await openInvite(ctx, code);
    await ctx.services.invites.answer(invite.id, "declined", now);
    return say(`You declined the invitation to ${account.companyName}.`);
  },
});
