import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { reply, text } from "../../core/view.ts";
import { subaccountsClient } from "./subaccounts-client.ts";
import { keyArg } from "./subaccount-key.ts";

export const subaccountsReactivateCommand = defineCommand({
  path: "subaccounts reactivate",
  description: "Reactivate a suspended subaccount",
  examples: ["subaccounts reactivate bbe6222f"],
  args: z.object({ key: keyArg }),
  positional: ["key"],
  access: "primary",
  sideEffect: "write",
  needsAccount: true,
  requires: "subaccounts",
  async handler(ctx, { key }) {
    const sub = await (await subaccountsClient(ctx)).subaccounts.setSuspended(key, false);
    return reply([text(`${sub.name || key} (${key}) is active again.`, "success")]);
  },
});
