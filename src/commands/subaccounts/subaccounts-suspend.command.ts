import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { requireAccount } from "../../core/commands/context.ts";
import { reply, text } from "../../core/view.ts";
import { requireVonage } from "../../providers/vonage-accounts.ts";
import { subaccountsClient } from "./subaccounts-list.command.ts";

const keyArg = z.string().trim().regex(/^[A-Za-z0-9]{4,32}$/, "must be the subaccount's API key (see `subaccounts list`)");

export const subaccountsSuspendCommand = defineCommand({
  path: "subaccounts suspend",
  description: "Suspend a subaccount: its API calls are refused until it is reactivated",
  examples: ["subaccounts suspend bbe6222f"],
  args: z.object({ key: keyArg }),
  positional: ["key"],
  access: "primary",
  sideEffect: "destroy",
  needsAccount: true,
  async confirm(ctx, { key }) {
    requireVonage(requireAccount(ctx), "The Subaccounts API");
    return {
      title: "Suspend subaccount",
      text: `Vonage refuses every API call of ${key} from now on, until \`subaccounts reactivate ${key}\`. Its numbers and balance are kept.`,
      confirmLabel: "Suspend",
    };
  },
  async handler(ctx, { key }) {
    const sub = await (await subaccountsClient(ctx)).subaccounts.setSuspended(key, true);
    return reply([text(`Suspended ${sub.name || key} (${key}).`, "success")]);
  },
});

export const subaccountsReactivateCommand = defineCommand({
  path: "subaccounts reactivate",
  description: "Reactivate a suspended subaccount",
  examples: ["subaccounts reactivate bbe6222f"],
  args: z.object({ key: keyArg }),
  positional: ["key"],
  access: "primary",
  sideEffect: "write",
  needsAccount: true,
  async handler(ctx, { key }) {
    const sub = await (await subaccountsClient(ctx)).subaccounts.setSuspended(key, false);
    return reply([text(`${sub.name || key} (${key}) is active again.`, "success")]);
  },
});
