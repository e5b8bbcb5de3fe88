import { z } from "zod";
import { defineCommand, PERMISSIONS } from "../../core/commands/definition.ts";
import { UserError } from "../../core/errors.ts";
import { buttons, reply, text } from "../../core/view.ts";
import { identityAddress, mention, permissionListArg, userArg } from "../../accounts/chat-users.ts";
import { directMessageAddress } from "../../accounts/invites.ts";

export const usersInviteCommand = defineCommand({
  path: "users invite",
  description: "Invite someone to the account, with all or some permissions",
  examples: ["users invite @bob", "users invite @carol permissions:numbers,alerts", "users invite @dan permissions:none"],
  args: z.object({ user: userArg, permissions: permissionListArg.default([...PERMISSIONS]) }),
  positional: ["user"],
  fields: {
    user: { label: "Who", suggest: "users", placeholder: "@someone" },
    permissions: { label: "Permissions", hint: `${PERMISSIONS.join(", ")}; all or none`, placeholder: "all" },
  },
  access: "users",
  sideEffect: "write",
  secretReply: true,
  needsAccount: true,
  async handler(ctx, args) {
    const { account } = ctx;
    const { directory, invites, outbox, settings } = ctx.services;
    const invitee = identityAddress(ctx.invocation.workspace, args.user);
    if (!invitee) throw new UserError("invalid_user", `"${args.user}" is not a user mention.`, { hint: "Mention them, e.g. `users invite @bob`." });
    if (await directory.membership(account.id, await directory.personFor(invitee))) {
      throw new UserError("already_member", `${mention(invitee)} is already a user of ${account.companyName}.`, {
        hint: "Change their rights with `users permissions`.",
      });
    }
    const now = ctx.clock.now();
    const { id, expiresAt } = await invites.create({
      accountId: account.id,
      invitee,
      permissions: args.permissions,
      invitedBy: ctx.invocation.actor,
      at: now,
      ttlDays: settings.inviteTtlDays,
    });
    const rights = args.permissions.length === PERMISSIONS.length ? "all permissions" : args.permissions.join(", ") || "no restricted permissions";
    await outbox.enqueue({
      channel: directMessageAddress(invitee),
      dedupeKey: `invite:${id}`,
      message: {
        blocks: [
          text(`${mention(ctx.invocation.actor)} invited you to the Switchboard account *${account.companyName}* with ${rights}.`),
          text(`The invitation expires on ${expiresAt.toISOString().slice(0, 10)}.`, "muted"),
          buttons(
            { label: "Accept", style: "primary", action: { command: "users accept", args: { code: id } } },
            { label: "Decline", action: { command: "users decline", args: { code: id } } },
          ),
        ],
      },
    });
    return reply([
      text(`Invited ${mention(invitee)} with ${rights}. They get a direct message with Accept and Decline.`, "success"),
      text(`They can also type \`users accept ${id}\`. The invitation expires on ${expiresAt.toISOString().slice(0, 10)}.`, "muted"),
    ]);
  },
});
