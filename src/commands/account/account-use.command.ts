import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { say } from "../../core/view.ts";
import { checkAccess } from "../../core/commands/access.ts";

/** Sets which account this channel works on when the workspace uses several. */
export const accountUseCommand = defineCommand({
  path: "account use",
  description: "Make an account this channel's default (when the workspace uses several)",
  examples: ["account use a1b2c3d4"],
  args: z.object({ target: z.string().trim().min(1) }),
  positional: ["target"],
  access: "anyone",
  sideEffect: "write",
  needsAccount: false,
  async handler(ctx, { target }) {
    const { directory } = ctx.services;
    const account = await directory.resolve(ctx.invocation.workspace, ctx.invocation.channel, target);
    checkAccess("member", await directory.membership(account.id, ctx.personId), account.companyName);
    await directory.setChannelDefault(ctx.invocation.channel, account.id);
    return say(`This channel now works on ${account.companyName} (${account.apiKey}).`, "channel");
  },
});
