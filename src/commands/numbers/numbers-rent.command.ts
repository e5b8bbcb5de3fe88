import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import type { AccountCommandContext } from "../../core/commands/context.ts";
import { buttons, fields, reply, text } from "../../core/view.ts";
import { formatMoney } from "../../core/money.ts";
import { formatMsisdn, normalizeMsisdn } from "../../numbers/msisdn.ts";
import { formatDay, renewalDate, renewalRule } from "../../numbers/renewal-dates.ts";
import { cannotCover, notAvailable } from "../../numbers/number-errors.ts";
import { countryName } from "./number-views.ts";

async function quote(ctx: AccountCommandContext, number: string) {
  const { account } = ctx;
  const msisdn = normalizeMsisdn(number);
  const provider = ctx.services.numberProviders.for(account);
  const available = await provider.available(account, msisdn);
  if (!available) throw notAvailable(msisdn);
  const balance = await provider.balance(account);
  if (balance.lessThan(available.monthlyPrice)) throw cannotCover(available, balance);
  return { account, provider, available, balance, msisdn };
}

export const numbersRentCommand = defineCommand({
  path: "numbers rent",
  description: "Rent a number by the month: the first month is charged now",
  examples: ["numbers rent +447700900123"],
  args: z.object({ number: z.string().trim().min(1) }),
  positional: ["number"],
  fields: { number: { label: "Number", kind: "phone", placeholder: "+447700900123", hint: "A number from `numbers search`." } },
  access: "numbers",
  sideEffect: "spend",
  needsAccount: true,
  async spend(ctx, { number }) {
    const { available, msisdn } = await quote(ctx, number);
    return { kind: "rent", amount: available.monthlyPrice, summary: `renting ${formatMsisdn(msisdn)} for ${formatMoney(available.monthlyPrice)} a month` };
  },
  async confirm(ctx, { number }) {
    const { available, balance, msisdn } = await quote(ctx, number);
    const now = ctx.clock.now();
    const price = formatMoney(available.monthlyPrice);
    return {
      title: `Rent ${formatMsisdn(msisdn)}?`,
      text: [
        `${formatMsisdn(msisdn)} (${countryName(available.country)}, ${available.type}; ${available.features.join(", ")}) costs ${price} a month.`,
        `The first month is charged now: the balance goes from ${formatMoney(balance)} to ${formatMoney(balance.minus(available.monthlyPrice))}.`,
        `Next renewal: ${formatDay(renewalDate(now, 1))}, then ${renewalRule(now)}. Numbers whose rent the balance cannot cover are released.`,
      ].join("\n"),
      confirmLabel: `Rent for ${price}/month`,
    };
  },
  async handler(ctx, { number }) {
    // No quote here: the provider refuses a taken number or an uncovered first month itself,
    // atomically with the charge.
    const { account } = ctx;
    const now = ctx.clock.now();
    const rented = await ctx.services.numberProviders.for(account).rent(account, normalizeMsisdn(number), now);
    const shown = formatMsisdn(rented.msisdn);
    await ctx.services.events.emit({
      accountId: account.id,
      type: "number.rented",
      summary: `${shown} was rented by ${ctx.invocation.actorName} for ${formatMoney(rented.monthlyPrice)} a month.`,
      data: { msisdn: rented.msisdn, country: rented.country, type: rented.type, monthlyPrice: rented.monthlyPrice.toString() },
      at: now,
    });
    return reply([
      text(`Rented ${shown}. It is yours until you cancel it.`, "success"),
      fields({
        Country: countryName(rented.country),
        Type: rented.type,
        Features: rented.features.join(", "),
        "Monthly price": formatMoney(rented.monthlyPrice),
        "Next renewal": rented.nextRenewalAt ? formatDay(rented.nextRenewalAt) : "as your provider bills it",
      }),
      text("Point its inbound SMS and voice webhooks at your app to start using it.", "muted"),
      buttons({ label: "Configure", style: "primary", action: { command: "numbers configure", args: { number: shown, account: account.id } } }),
    ]);
  },
});
