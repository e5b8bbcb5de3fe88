import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { say } from "../../core/view.ts";
import { mention, userArg } from "../../accounts/chat-users.ts";
import { memberFor } from "./member-lookup.ts";

export const usersMakePrimaryCommand = defineCommand({
  path: "users make-primary",
  description: "Transfer the primary role to another user (you keep every permission as a secondary user)",
  args: z.object({ user: userArg }),
  positional: ["user"],
  fields: { user: { suggest: "users" } },
  access: "primary",
  sideEffect: "destroy",
  needsAccount: true,
  async confirm(_ctx, { user }) {
    return { title: "Transfer the primary role", text: `${user} becomes the primary user. Only they can give it back.`, confirmLabel: "Transfer" };
  },
  async handler(ctx, { user }) {
    const { member, address } = await memberFor(ctx, user);
    if (member.role === "primary") return say(`${mention(address)} is already the primary user.`);
    await ctx.services.members.transferPrimary(ctx.member!.id, member.id);
    return say(`${mention(address)} is now the primary user.`);
  },
});
