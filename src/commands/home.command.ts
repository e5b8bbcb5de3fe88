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
    for (const account of accounts) {
      blocks.push(
        fields({
          Account: `${account.companyName} (${account.apiKey})`,
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
