import { z } from "zod";
import { defineCommand } from "../core/commands/definition.ts";
import { buttons, fields, header, reply, text } from "../core/view.ts";
import type { Block } from "../core/view.ts";
import type { CommandContext } from "../core/commands/context.ts";
import { isUserError } from "../core/errors.ts";
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
    const accounts = await ctx.services.directory.accountsOfWorkspace(ctx.invocation.workspace);
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
    // The account commands here act on (`account use`) comes first and says so; the others follow.
    const current = accounts.length > 1 ? await currentAccountId(ctx) : accounts[0]!.id;
    const ordered = [...accounts].sort((a, b) => Number(b.id === current) - Number(a.id === current));
    for (const account of ordered) {
      const marker = accounts.length > 1 ? (account.id === current ? " · this channel's account" : ` · \`account use ${account.apiKey}\` to switch`) : "";
      blocks.push(
        fields({
          Account: `${account.companyName} (${account.apiKey})${marker}`,
          Mode: account.mode,
          Provider: account.provider,
        }),
      );
      blocks.push(...(await numbersHomeSection(ctx, account)));
      blocks.push(...(await billingHomeSection(ctx, account)));
    }
    blocks.push(buttons({ label: "Help", action: { command: "help", args: {} } }));
    return reply(blocks);
  },
});

/** The account a command without `account:` acts on in this channel, if there is one. */
async function currentAccountId(ctx: CommandContext): Promise<string | undefined> {
  try {
    return (await ctx.services.directory.resolve(ctx.invocation.workspace, ctx.invocation.channel)).id;
  } catch (error) {
    if (isUserError(error)) return undefined; // several accounts and no default here
    throw error;
  }
}
