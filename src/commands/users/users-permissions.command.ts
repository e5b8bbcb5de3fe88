import { z } from "zod";
import { defineCommand, PERMISSIONS, type Permission } from "../../core/commands/definition.ts";
import { UserError } from "../../core/errors.ts";
import { say } from "../../core/view.ts";
import { mention, userArg } from "../../accounts/chat-users.ts";
import { memberFor } from "./member-lookup.ts";

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
    await ctx.services.members.setPermissions(member.id, next);
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
