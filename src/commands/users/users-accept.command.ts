import { defineCommand } from "../../core/commands/definition.ts";
import { UserError } from "../../core/errors.ts";
import { say } from "../../core/view.ts";
import { codeArgs, openInvite } from "./invite-codes.ts";

export const usersAcceptCommand = defineCommand({
  path: "users accept",
  description: "Accept an invitation to an account",
  args: codeArgs,
  positional: ["code"],
  fields: { code: { sensitive: true } },
  access: "anyone",
  sideEffect: "write",
  needsAccount: false,
  async handler(ctx, { code }) {
    const { invite, account, now } = await openInvite(ctx, code);
    const { directory, events, invites, members } = ctx.services;
    if (!(await invites.answer(invite.id, "accepted", now))) throw new UserError("invite_answered", "That invitation was already answered.");
    const personId = await directory.ensurePerson(ctx.invocation.actor, ctx.invocation.actorName);
    await members.join(account.id, personId, invite.permissions, now);
    await directory.bindWorkspace(ctx.invocation.workspace, account.id);
    await events.emit({
      accountId: account.id,
      type: "user.joined",
      summary: `${ctx.invocation.actorName} joined ${account.companyName}.`,
      data: { actor: ctx.invocation.actor, permissions: invite.permissions },
      at: now,
    });
    return say(`Welcome to ${account.companyName}! Type \`help\` to see what you can do.`);
  },
});
