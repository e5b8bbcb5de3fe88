import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { UserError } from "../../core/errors.ts";
import { say } from "../../core/view.ts";
import { mention, userArg } from "../../accounts/chat-users.ts";
import { memberFor } from "./member-lookup.ts";

export const usersRemoveCommand = defineCommand({
  path: "users remove",
  description: "Remove a user from the account",
  args: z.object({ user: userArg }),
  positional: ["user"],
  fields: { user: { suggest: "users" } },
  access: "users",
  sideEffect: "destroy",
  needsAccount: true,
  async confirm(ctx, { user }) {
    return { title: "Remove user", text: `${user} will lose access to ${ctx.account.companyName} at once.`, confirmLabel: "Remove" };
  },
  async handler(ctx, { user }) {
    const { account, member, address } = await memberFor(ctx, user);
    if (member.role === "primary") {
      throw new UserError("remove_primary", "The primary user cannot be removed.", { hint: "Transfer the primary role first with `users make-primary`." });
    }
    const now = ctx.clock.now();
    await ctx.services.members.remove(member.id, now);
    await ctx.services.events.emit({
      accountId: account.id,
      type: "user.removed",
      summary: `${mention(address)} was removed from ${account.companyName} by ${mention(ctx.invocation.actor)}.`,
      at: now,
    });
    return say(`${mention(address)} no longer has access to ${account.companyName}.`);
  },
});
