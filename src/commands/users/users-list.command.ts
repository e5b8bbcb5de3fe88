import { z } from "zod";
import { defineCommand, PERMISSIONS, type Permission } from "../../core/commands/definition.ts";
import { requireAccount, type CommandContext } from "../../core/commands/context.ts";
import { UserError } from "../../core/errors.ts";
import { fields, reply, say, text } from "../../core/view.ts";
import { identityAddress, mention, userArg } from "../../accounts/chat-users.ts";

/** The member a mention points at, in the current account. */
async function memberFor(ctx: CommandContext, user: string) {
  const account = requireAccount(ctx);
  const address = identityAddress(ctx.invocation.workspace, user);
  const { directory } = ctx.services;
  const member = address ? await directory.membership(account.id, await directory.personFor(address)) : undefined;
  if (!address || !member) {
    throw new UserError("not_a_member", `${user} is not a user of ${account.companyName}.`, { hint: "See `users list`, or invite them with `users invite`." });
  }
  return { account, address, member };
}

export const usersListCommand = defineCommand({
  path: "users list",
  description: "The account's users and their permissions",
  args: z.object({}),
  access: "member",
  sideEffect: "read",
  needsAccount: true,
  async handler(ctx) {
    const account = requireAccount(ctx);
    const members = await ctx.services.db.member.findMany({
      where: { accountId: account.id, removedAt: null },
      select: { role: true, permissions: true, person: { select: { displayName: true, identities: { select: { address: true } } } } },
      orderBy: { createdAt: "asc" },
    });
    const pending = await ctx.services.db.invite.count({ where: { accountId: account.id, status: "pending" } });
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

export const usersPermissionsCommand = defineCommand({
  path: "users permissions",
  description: "Grant or withdraw a user's permissions (+payments -numbers, or a list)",
  examples: ["users permissions @bob +payments", "users permissions @bob -numbers +alerts", "users permissions @bob numbers,alerts"],
  args: z.object({ user: userArg, changes: z.string().trim().min(1, "say what to change, e.g. +payments") }),
  positional: ["user", "changes"],
  restPositional: true,
  fields: { user: { suggest: "users" } },
  access: "users",
  sideEffect: "write",
  needsAccount: true,
  async handler(ctx, { user, changes }) {
    const { member, address } = await memberFor(ctx, user);
    if (member.role === "primary") return say("The primary user has every permission already.");
    const next = applyChanges(member.permissions as Permission[], changes);
    await ctx.services.db.member.update({ where: { id: member.id }, data: { permissions: next } });
    return say(`${mention(address)} now has: ${next.join(", ") || "no restricted permissions"}.`);
  },
});

function applyChanges(current: Permission[], changes: string): Permission[] {
  const words = changes.split(/[\s,]+/).filter(Boolean);
  const known = (name: string): Permission => {
    const normalized = name.toLowerCase();
    if (!(PERMISSIONS as readonly string[]).includes(normalized)) {
      throw new UserError("unknown_permission", `"${name}" is not a permission.`, { hint: `Permissions: ${PERMISSIONS.join(", ")}.` });
    }
    return normalized as Permission;
  };
  if (words.every((w) => !/^[+-]/.test(w))) return [...new Set(words.map(known))];
  const result = new Set(current);
  for (const word of words) {
    if (word.startsWith("+")) result.add(known(word.slice(1)));
    else if (word.startsWith("-")) result.delete(known(word.slice(1)));
    else throw new UserError("mixed_permissions", "Use either +name/-name changes or a plain list, not both.");
  }
  return PERMISSIONS.filter((p) => result.has(p));
}

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
    return { title: "Remove user", text: `${user} will lose access to ${requireAccount(ctx).companyName} at once.`, confirmLabel: "Remove" };
  },
  async handler(ctx, { user }) {
    const { account, member, address } = await memberFor(ctx, user);
    if (member.role === "primary") {
      throw new UserError("remove_primary", "The primary user cannot be removed.", { hint: "Transfer the primary role first with `users make-primary`." });
    }
    const now = ctx.clock.now();
    await ctx.services.db.member.update({ where: { id: member.id }, data: { removedAt: now } });
    await ctx.services.events.emit({
      accountId: account.id,
      type: "user.removed",
      summary: `${mention(address)} was removed from ${account.companyName} by ${mention(ctx.invocation.actor)}.`,
      at: now,
    });
    return say(`${mention(address)} no longer has access to ${account.companyName}.`);
  },
});

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
    const { db } = ctx.services;
    await db.$transaction([
      db.member.update({ where: { id: ctx.member!.id }, data: { role: "secondary", permissions: [...PERMISSIONS] } }),
      db.member.update({ where: { id: member.id }, data: { role: "primary", permissions: [...PERMISSIONS] } }),
    ]);
    return say(`${mention(address)} is now the primary user.`);
  },
});
