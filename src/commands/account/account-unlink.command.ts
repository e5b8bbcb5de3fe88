import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { reply, text } from "../../core/view.ts";

export const accountUnlinkCommand = defineCommand({
  path: "account unlink",
  description: "Disconnect a Vonage account: Switchboard forgets its credentials (Vonage keeps everything)",
  access: "primary",
  args: z.object({}),
  sideEffect: "destroy",
  needsAccount: true,
  requires: "vonage",
  async confirm(ctx) {
    const { account } = ctx;
    const workspaces = await ctx.services.directory.workspaceCount(account.id);
    return {
      title: `Unlink ${account.companyName}`,
      text:
        `Switchboard forgets the API key and secret of ${account.apiKey} and stops using it in ${workspaces} workspace(s): ` +
        "its users, alerts and auto-reload policy stop here. Numbers, balance and settings stay at Vonage, unchanged.",
      confirmLabel: "Unlink",
    };
  },
  async handler(ctx) {
    const { account } = ctx;
    await ctx.services.vonageLinking.unlink(account.id, ctx.clock.now());
    return reply([
      text(`Unlinked ${account.companyName} (${account.apiKey}). Switchboard no longer holds its credentials.`, "success"),
      text("Link it again any time with `account link`.", "muted"),
    ]);
  },
});
