import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { UserError } from "../../core/errors.ts";
import { fields, reply, text } from "../../core/view.ts";
import { generateSecret } from "../../accounts/api-secrets.ts";
import { subaccountsClient, describeSubaccount } from "./subaccounts-client.ts";

export const subaccountsCreateCommand = defineCommand({
  path: "subaccounts create",
  description: "Create a subaccount (its API secret is shown once, only to you)",
  examples: ["subaccounts create Department A", "subaccounts create Reseller B shared:no"],
  args: z.object({
    name: z.string().trim().min(1).max(80, "must be at most 80 characters"),
    shared: z.enum(["yes", "no"]).default("yes"),
    secret: z.string().optional(),
  }),
  positional: ["name"],
  restPositional: true,
  fields: {
    name: { label: "Subaccount name" },
    shared: { label: "Share the primary account's balance" },
    secret: { label: "API secret (leave empty to generate one)", sensitive: true },
  },
  access: "primary",
  sideEffect: "write",
  secretReply: true,
  needsAccount: true,
  requires: "subaccounts",
  async handler(ctx, args) {
    const client = await subaccountsClient(ctx);
    const secret = args.secret ?? generateSecret();
    const created = await client.subaccounts.create({ name: args.name, secret, sharesPrimaryBalance: args.shared === "yes" });
    if (!created.apiKey) throw new UserError("vonage_error", "Vonage created no subaccount key; check `subaccounts list`.");
    return reply([
      text(`Created the subaccount ${created.name}. Its secret is shown this once, only to you:`, "success"),
      fields({ "API key": created.apiKey, "API secret": created.secret ?? secret, Money: describeSubaccount(created) }),
    ]);
  },
});
