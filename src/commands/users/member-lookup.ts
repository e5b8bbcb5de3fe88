import type { AccountCommandContext } from "../../core/commands/context.ts";
import { UserError } from "../../core/errors.ts";
import { identityAddress } from "../../accounts/chat-users.ts";

/** The member a mention points at, in the current account. */
export async function memberFor(ctx: AccountCommandContext, user: string) {
  const { account } = ctx;
  const address = identityAddress(ctx.invocation.workspace, user);
  const { directory } = ctx.services;
  const member = address ? await directory.membership(account.id, await directory.personFor(address)) : undefined;
  if (!address || !member) {
    throw new UserError("not_a_member", `${user} is not a user of ${account.companyName}.`, { hint: "See `users list`, or invite them with `users invite`." });
  }
  return { account, address, member };
}
