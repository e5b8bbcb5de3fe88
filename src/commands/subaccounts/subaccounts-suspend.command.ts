import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { reply, text } from "../../core/view.ts";
import { subaccountsClient } from "./subaccounts-client.ts";
import { keyArg } from "./subaccount-key.ts";

export const subaccountsSuspendCommand = defineCommand({
  path: "subaccounts suspend",
  description: "Suspend a subaccount: its API calls are refused until it is reactivated",
  examples: ["subaccounts suspend bbe6222f"],
  args: z.object({ key: keyArg }),
  positional: ["key"],
  access: "primary",
  sideEffect: "destroy",
  needsAccount: true,
  requires: "subaccounts",
  async confirm(ctx, { key }) {
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
