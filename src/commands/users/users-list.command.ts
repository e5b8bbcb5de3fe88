import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { fields, reply, text } from "../../core/view.ts";
import { mention } from "../../accounts/chat-users.ts";

export const usersListCommand = defineCommand({
  path: "users list",
  description: "The account's users and their permissions",
  args: z.object({}),
  access: "member",
  sideEffect: "read",
  needsAccount: true,
  async handler(ctx) {
    const { account } = ctx;
    const [members, pending] = await Promise.all([ctx.services.members.list(account.id), ctx.services.invites.pendingCount(account.id)]);
    return reply([
      fields(
        members.map((m) => ({
          label: `${m.person.displayName} (${m.person.identities.map((i) => mention(i.address)).join(", ")})`,
          value: m.role === "primary" ? "primary user: every permission" : m.permissions.join(", ") || "no restricted permissions",
        })),
      ),
      text(pending ? `${pending} invitation(s) waiting for an answer.` : "No pending invitations.", "muted"),
    ]);
  },
});
