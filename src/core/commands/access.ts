// Permissions are checked here, in the core, for every command: default deny.
import { UserError } from "../errors.ts";
import type { Access } from "./definition.ts";
import type { MemberRecord } from "../../accounts/directory.ts";

export function checkAccess(access: Access, member: MemberRecord | undefined, accountName: string): void {
  if (access === "anyone") return;
  if (!member) {
    throw new UserError("not_a_member", `You are not a user of the account ${accountName}.`, {
      hint: "Ask its primary user to invite you (`users invite @you`), or link this chat identity with `users link`.",
    });
  }
  if (member.role === "primary" || access === "member") return;
  if (access === "primary") {
    throw new UserError("primary_only", `Only the primary user of ${accountName} can do this.`, {
      hint: "Ask the primary user, or ask them to transfer the primary role to you.",
    });
  }
  if (!member.permissions.includes(access)) {
    throw new UserError("missing_permission", `You need the "${access}" permission on ${accountName} for this.`, {
      hint: `The primary user, or a user with the "users" permission, can grant it: \`users permissions @you +${access}\`.`,
    });
  }
}
