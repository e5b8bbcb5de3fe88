import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import type { AccountCommandContext } from "../../core/commands/context.ts";
import { UserError } from "../../core/errors.ts";
import { formatMoney, type Decimal } from "../../core/money.ts";
import { reply, text } from "../../core/view.ts";
import type { Block } from "../../core/view.ts";
import type { MethodRecord } from "../../billing/payment-methods.ts";
import type { PayOutcome } from "../../billing/payments.ts";
import { displayFor } from "../../billing/display-currency.ts";
import { invoiceNumber } from "../../billing/invoice-numbers.ts";
import { CARD_PENDING_HOURS } from "../../billing/processor/simulated-processor.ts";
import { amountArg, TOPUP_MAX, TOPUP_MIN } from "./billing-args.ts";
import { when } from "./billing-view.ts";

const args = z.object({ amount: amountArg(TOPUP_MIN, TOPUP_MAX), method: z.string().optional() });

export const billingTopupCommand = defineCommand({
  path: "billing topup",
  description: "Add credit to the balance with a stored payment method (one click)",
  examples: ["billing topup 20", "billing topup 50 method:paypal", "billing topup 500 method:bank"],
  args,
  positional: ["amount"],
  fields: {
    amount: { label: "Amount (EUR)", kind: "amount", placeholder: "20", hint: `From ${formatMoney(TOPUP_MIN)} to ${formatMoney(TOPUP_MAX)}.` },
    method: { label: "Payment method", hint: "Its last four digits, paypal or bank; the newest card or PayPal account when left out." },
  },
  access: "payments",
  sideEffect: "spend",
  needsAccount: true,
  requires: "card-payments",
  async spend(ctx, { amount, method }) {
    const chosen = await ctx.services.billing.methods.resolve(ctx.account.id, method);
    return { kind: "topup", amount, summary: `a top-up of ${formatMoney(amount)} from ${chosen.label}` };
  },
  async confirm(ctx, { amount, method }) {
    const chosen = await ctx.services.billing.methods.resolve(ctx.account.id, method);
    return {
      title: `Top up ${formatMoney(amount)}`,
      text: `${ctx.account.companyName} is topped up with ${formatMoney(amount)} from ${chosen.label}. ${whatHappens(chosen)}`,
      confirmLabel: `Pay ${formatMoney(amount)}`,
    };
  },
  async handler(ctx, { amount, method }) {
    const { account } = ctx;
    const chosen = await ctx.services.billing.methods.resolve(account.id, method);
    const outcome = await ctx.services.billing.payments.pay({
      accountId: account.id,
      method: chosen,
      amount,
      key: `topup:${account.id}:${ctx.requestKey ?? ctx.requestId}`,
      origin: "topup",
      requestedBy: ctx.invocation.actor,
      at: ctx.clock.now(),
    });
    if (outcome.payment.status === "processing") {
      // A run that died left this payment mid-charge, and another caller (the payment
      // reconciler, another instance's retry) is asking the processor about it right now.
      // Nothing is charged twice; a user error releases this request, so running it again
      // shows the outcome.
      throw new UserError("payment_in_progress", `The payment of ${formatMoney(amount)} from ${chosen.label} is being confirmed with the payment processor right now: it is charged and credited once.`, {
        hint: "Run the same command again in a minute to see the outcome, or check `billing balance`.",
      });
    }
    if (outcome.payment.status === "failed") {
      throw new UserError("payment_declined", `The payment of ${formatMoney(amount)} from ${chosen.label} was declined: ${outcome.payment.failureReason ?? "no reason given"} Nothing was charged.`, {
        hint: "Try another payment method (`billing topup <amount> method:<last four>`), or add one with `billing methods add`.",
      });
    }
    return reply(await result(ctx, account.id, chosen, amount, outcome));
  },
});

function whatHappens(method: MethodRecord): string {
  if (method.kind === "bank_transfer") return "A pro-forma invoice with the reference to quote is issued now; the money is credited when it arrives (1 to 3 working days).";
  if (method.kind === "paypal") return "PayPal is charged now and the invoice is ready at once.";
  return `The card is charged now and the balance credited at once; the invoice is ready after the card's pending period (up to ${CARD_PENDING_HOURS} hours).`;
}

async function result(ctx: AccountCommandContext, accountId: string, method: MethodRecord, amount: Decimal, outcome: PayOutcome): Promise<Block[]> {
  const { billing, ledger } = ctx.services;
  const display = await displayFor(billing.fx, ctx.account.displayCurrency, ctx.clock);
  const invoice = await billing.invoices.ofPayment(outcome.payment.id);
  const number = invoice ? invoiceNumber(invoice.number) : undefined;
  const blocks: Block[] = [];
  if (outcome.payment.status === "pending") {
    const expected = outcome.payment.settlesAt ? ` (expected by ${when(outcome.payment.settlesAt)})` : "";
    blocks.push(text(`${formatMoney(amount)} from ${method.label} is on its way: it is credited when the money arrives${expected}.`, "success"));
    if (method.kind === "bank_transfer" && number) blocks.push(text(`Quote ${number} in your bank transfer. The pro-forma invoice is ready: \`billing invoice ${number}\`.`));
  } else {
    blocks.push(text(`${formatMoney(amount)} from ${method.label} was added. The balance is now ${display.format(await ledger.balance(accountId))}.`, "success"));
    if (outcome.leftDemo) blocks.push(text("Your account has left DEMO mode: messages no longer carry the [DEMO] tag and are no longer limited to 10 destination numbers."));
  }
  if (invoice?.status === "final" && number) blocks.push(text(`Invoice ${number} is ready: \`billing invoice ${number}\`.`, "muted"));
  if (invoice?.status === "pending" && number && invoice.readyAt) {
    blocks.push(text(`Invoice ${number} will be ready on ${when(invoice.readyAt)}: card payments are pending for up to ${CARD_PENDING_HOURS} hours.`, "muted"));
  }
  if (!outcome.fresh) blocks.push(text("This payment had already been made: nothing more was charged.", "muted"));
  return blocks;
}
