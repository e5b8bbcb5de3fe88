import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { reply, text } from "../../core/view.ts";

export const billingMethodsRemoveCommand = defineCommand({
  path: "billing methods remove",
  description: "Remove a stored payment method (the processor deletes it)",
  examples: ["billing methods remove 4242", "billing methods remove paypal"],
  args: z.object({ method: z.string().min(1) }),
  positional: ["method"],
  fields: { method: { label: "Payment method", hint: "Its id, its last four digits, paypal or bank." } },
  access: "payments",
  sideEffect: "destroy",
  needsAccount: true,
  requires: "payment-methods",
  async confirm(ctx, { method }) {
    const { account } = ctx;
    const chosen = await ctx.services.billing.methods.resolve(account.id, method);
    const reload = await ctx.services.billing.autoReload.state(account.id);
    const stops = reload?.enabled && reload.methodId === chosen.id ? " Auto-reload charges it, so auto-reload is switched off." : "";
    return {
      title: `Remove ${chosen.label}`,
      text: `${chosen.label} is removed from ${account.companyName} and deleted by the payment processor. Past payments and invoices stay.${stops}`,
      confirmLabel: "Remove",
    };
  },
  async handler(ctx, { method }) {
    const { account } = ctx;
    const { billing } = ctx.services;
    const chosen = await billing.methods.resolve(account.id, method);
    const at = ctx.clock.now();
    await billing.methods.remove(account.id, chosen.id, at);
    await billing.processor.forget(chosen.processorToken);
    const stopped = await billing.autoReload.methodRemoved(account.id, chosen.id, at);
    return reply([
      text(`${chosen.label} was removed from ${account.companyName}.`, "success"),
      ...(stopped ? [text("Auto-reload was switched off: it charged this method. Turn it on with another one: `billing autoreload on method:<last four>`.", "warning")] : []),
    ]);
  },
});
