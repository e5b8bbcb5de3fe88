import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { buttons, fields, header, reply, text } from "../../core/view.ts";
import type { Button } from "../../core/view.ts";
import { describeMethod } from "../../billing/payment-methods.ts";

export const billingMethodsListCommand = defineCommand({
  path: "billing methods list",
  description: "List the account's stored payment methods",
  examples: ["billing methods list"],
  args: z.object({}),
  access: "payments",
  sideEffect: "read",
  needsAccount: true,
  requires: "payment-methods",
  async handler(ctx) {
    const { account } = ctx;
    const methods = await ctx.services.billing.methods.active(account.id);
    const add: Button = { label: "Add a payment method", style: "primary", action: { command: "billing methods add", args: {} } };
    if (methods.length === 0) {
      return reply([header("Payment methods"), text(`${account.companyName} has no payment method yet.`), buttons(add)]);
    }
    return reply([
      header(`Payment methods of ${account.companyName}`),
      fields(methods.map((m) => ({ label: describeMethod(m), value: `\`${m.id}\`, billed to ${m.billingName}` }))),
      // Slack allows 25 elements an actions block; an account has a handful of methods.
      buttons(...methods.slice(0, 20).map((m): Button => ({ label: `Remove ${m.label}`, style: "danger", action: { command: "billing methods remove", args: { method: m.id } } })), add),
    ]);
  },
});
