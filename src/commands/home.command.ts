import { z } from "zod";
import { defineCommand } from "../core/commands/definition.ts";
import { buttons, fields, header, reply, text } from "../core/view.ts";
import type { Block } from "../core/view.ts";
import { numbersHomeSection } from "./numbers/numbers-home.ts";
import { billingHomeSection } from "../billing/billing-home.ts";

/**
 * The account dashboard: what Slack's App Home shows and what `home` prints elsewhere.
 * Each part of the account platform adds its section here.
 */
export const homeCommand = defineCommand({
  path: "home",
  description: "Your account at a glance: balance, mode, numbers, alerts and recent activity",
  args: z.object({}),
  access: "anyone",
  sideEffect: "read",
  needsAccount: false,
  async handler(ctx) {
    const { invocation } = ctx;
    // One statement for every account here, with the asker's membership and the channel's
    // default; the sections below read more only for the accounts the asker uses.
    const accounts = await ctx.services.directory.workspaceAccountsOf(invocation.workspace, ctx.personId, invocation.channel);
    if (accounts.length === 0) {
      return reply([
        header("Switchboard"),
        text("No account is connected to this workspace yet."),
        buttons(
          { label: "Sign up (sandbox)", style: "primary", action: { command: "account signup", args: {} } },
          { label: "Help", action: { command: "help", args: {} } },
        ),
      ]);
    }
    const blocks: Block[] = [header("Switchboard")];
    // The account commands here act on (`account use`) comes first and says so; the others
    // follow. As `account use` resolves it: the channel's default, or the only account.
    const current = accounts.length > 1 ? accounts.find((a) => a.isChannelDefault)?.account.id : accounts[0]!.account.id;
    const ordered = [...accounts].sort((a, b) => Number(b.account.id === current) - Number(a.account.id === current));
    for (const { account, isMember } of ordered) {
      const marker = accounts.length > 1 ? (account.id === current ? " · this channel's account" : ` · \`account use ${account.apiKey}\` to switch`) : "";
      blocks.push(
        fields({
          Account: `${account.companyName} (${account.apiKey})${marker}`,
          Mode: account.mode,
          Provider: account.provider,
        }),
      );
      // Numbers and balance are private to the account's users; everyone here sees the list.
      if (!isMember) continue;
      blocks.push(...(await numbersHomeSection(ctx, account)));
      blocks.push(...(await billingHomeSection(ctx, account)));
    }
    blocks.push(buttons({ label: "Help", action: { command: "help", args: {} } }));
    return reply(blocks);
  },
});
