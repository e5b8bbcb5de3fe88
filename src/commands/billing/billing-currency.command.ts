import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { reply, text } from "../../core/view.ts";
import type { Block } from "../../core/view.ts";
import { DISPLAY_CURRENCIES, displayFor } from "../../billing/display-currency.ts";

export const billingCurrencyCommand = defineCommand({
  path: "billing currency",
  description: "Show the balance in EUR or USD (display only: you are always charged in EUR)",
  examples: ["billing currency USD", "billing currency EUR"],
  args: z.object({ currency: z.enum(DISPLAY_CURRENCIES) }),
  positional: ["currency"],
  access: "payments",
  sideEffect: "write",
  needsAccount: true,
  requires: "balance-currency",
  async handler(ctx, { currency }) {
    const { account } = ctx;
    await ctx.services.accountSettings.setDisplayCurrency(account.id, currency);
    const display = await displayFor(ctx.services.billing.fx, currency, ctx.clock);
    const balance = display.format(await ctx.services.ledger.balance(account.id));
    const blocks: Block[] = [
      display.currency === currency
        ? text(`Balances of ${account.companyName} are now shown in ${currency}: ${balance}.`, "success")
        : text(`Balances of ${account.companyName} will be shown in ${currency} once a rate is available; until then in EUR: ${balance}.`, "warning"),
    ];
    if (display.note) blocks.push(text(display.note, "muted"));
    return reply(blocks);
  },
});
