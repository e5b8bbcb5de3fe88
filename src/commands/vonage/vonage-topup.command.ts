import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { fields, reply, text } from "../../core/view.ts";
import { formatMoney } from "../../core/money.ts";
import { dashboardLink } from "../../providers/dashboard-links.ts";

/**
 * Vonage's top-up API repeats the payment made when auto-reload was enabled; it refuses
 * accounts without auto-reload, and Switchboard says so.
 */
export const vonageTopupCommand = defineCommand({
  path: "vonage topup",
  description: "Top up a Vonage account by its auto-reload amount, now",
  examples: ["vonage topup", "vonage topup trx:8ef2447e69604f642ae59363aa5f781b"],
  args: z.object({ trx: z.string().trim().regex(/^[A-Za-z0-9-]{6,64}$/, "must be the transaction reference from Billing & payments").optional() }),
  fields: { trx: { label: "Reference of the payment made when auto-reload was enabled" } },
  access: "payments",
  sideEffect: "spend",
  needsAccount: true,
  requires: "vonage",
  async confirm(ctx) {
    const { account } = ctx;
    return {
      title: "Top up now",
      text: `Vonage charges ${account.companyName}'s auto-reload payment method the auto-reload amount set in the dashboard (${dashboardLink("auto-reload")}) and adds it to the balance.`,
      confirmLabel: "Top up",
    };
  },
  async handler(ctx, args) {
    const { account } = ctx;
    await ctx.services.vonage.topUp(account, args.trx);
    const balance = await ctx.services.vonage.balance(account);
    await ctx.services.events.emit({
      accountId: account.id,
      type: "payment.received",
      summary: `${account.companyName} was topped up through Vonage's auto-reload payment. Balance now ${formatMoney(balance.value)}.`,
      at: ctx.clock.now(),
    });
    return reply([text("Vonage topped up the account.", "success"), fields({ Balance: formatMoney(balance.value) })]);
  },
});
