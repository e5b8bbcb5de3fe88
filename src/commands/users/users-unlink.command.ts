import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import type { CommandContext } from "../../core/commands/context.ts";
import { UserError } from "../../core/errors.ts";
import { say } from "../../core/view.ts";
import { identityAddress } from "../../accounts/chat-users.ts";

/**
 * Chat identities have no password to reset: what a reset protects (getting back in, and
 * shutting out whoever holds a lost account) is `users link` from an identity you still
 * have, and this, which cuts a lost or taken-over identity off from every account.
 */
export const usersUnlinkCommand = defineCommand({
  path: "users unlink",
  description: "Cut one of your linked identities off (a lost or taken-over chat account): it loses access to every account",
  examples: ["users unlink @slack:T0123:U0456"],
  args: z.object({ identity: z.string().trim().min(1, "name the identity, such as @slack:T0123:U0456") }),
  positional: ["identity"],
  access: "anyone",
  sideEffect: "destroy",
  needsAccount: false,
  async confirm(ctx, { identity }) {
    const { address } = await checked(ctx, identity);
    return {
      title: "Unlink identity",
      text: `${address} will lose access to every account you share, at once, and link codes you have not used yet stop working.`,
      confirmLabel: "Unlink",
    };
  },
  async handler(ctx, { identity }) {
    const { personId, address } = await checked(ctx, identity);
    await ctx.services.identityLinks.unlink(personId, address, ctx.clock.now());
    return say(`${address} is no longer linked to you and has lost access to your accounts. If you get it back, link it again with \`users link\`.`);
  },
});

/** The identity must be another of the caller's own; the refusal lists theirs. */
async function checked(ctx: CommandContext, identity: string): Promise<{ personId: string; address: string }> {
  const me = ctx.invocation.actor;
  const personId = await ctx.services.directory.personFor(me);
  const address = identityAddress(ctx.invocation.workspace, identity);
  if (address === me) {
    throw new UserError("unlink_self", "You cannot unlink the identity you are using.", { hint: "Run `users unlink <identity>` from one of your other identities." });
  }
  const mine = personId ? await ctx.services.identityLinks.identitiesOf(personId) : [];
  if (!personId || !address || !mine.includes(address)) {
    const others = mine.filter((a) => a !== me);
    throw new UserError("not_your_identity", `${identity} is not one of your linked identities.`, {
      hint: others.length ? `Yours besides this one: ${others.map((a) => `@${a}`).join(", ")}.` : "No other identity is linked to this one.",
    });
  }
  return { personId, address };
}
