import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { Decimal } from "../../core/money.ts";
import { reply, text } from "../../core/view.ts";
import type { Block } from "../../core/view.ts";
import { DEFAULT_RELOAD_AMOUNT, DEFAULT_THRESHOLD } from "../../billing/auto-reload.ts";
import { displayFor } from "../../billing/display-currency.ts";
import { amountArg, TOPUP_MAX, TOPUP_MIN } from "./billing-args.ts";
import { autoReloadLine } from "./billing-view.ts";

export const billingAutoreloadCommand = defineCommand({
  path: "billing autoreload",
  description: "Turn auto-reload on or off: below a threshold, top up from a card or PayPal (checked every 10 min)",
  examples: ["billing autoreload on threshold:5 amount:20", "billing autoreload on method:4242", "billing autoreload off"],
  args: z.object({
    state: z.enum(["on", "off"]),
    threshold: amountArg(new Decimal(0), TOPUP_MAX).optional(),
    amount: amountArg(TOPUP_MIN, TOPUP_MAX).optional(),
    method: z.string().optional(),
  }),
  positional: ["state"],
  fields: {
    threshold: { label: "Balance threshold (EUR)", kind: "amount", placeholder: "5" },
    amount: { label: "Amount to add (EUR)", kind: "amount", placeholder: "20" },
    method: { label: "Payment method", hint: "Its last four digits or paypal; the newest card or PayPal account when left out." },
  },
  access: "payments",
  sideEffect: "write",
  needsAccount: true,
  requires: "auto-reload",
  async handler(ctx, { state, threshold, amount, method }) {
    const { account } = ctx;
    const { billing, ledger } = ctx.services;
    const at = ctx.clock.now();
    if (state === "off") {
      const was = await billing.autoReload.turnOff(account.id, at);
      return reply([text(was ? "Auto-reload is off: the balance is no longer topped up automatically." : "Auto-reload was already off.")]);
    }
    const current = await billing.autoReload.state(account.id);
    const chosen = await billing.methods.resolve(account.id, method ?? undefined, { kinds: ["card", "paypal"] });
    const settings = {
      threshold: threshold ?? current?.threshold ?? DEFAULT_THRESHOLD,
      amount: amount ?? current?.amount ?? (await billing.payments.lastTopUpAmount(account.id)) ?? DEFAULT_RELOAD_AMOUNT,
      methodId: chosen.id,
    };
    await billing.autoReload.turnOn(account.id, settings, at);
    const display = await displayFor(billing.fx, account.displayCurrency, ctx.clock);
    const balance = await ledger.balance(account.id);
    const blocks: Block[] = [text(`Auto-reload is ${autoReloadLine(await billing.autoReload.state(account.id), chosen.label, display)}.`, "success")];
    if (balance.lt(settings.threshold)) blocks.push(text(`The balance (${display.format(balance)}) is already below the threshold: the next check reloads it.`, "muted"));
    return reply(blocks);
  },
});
