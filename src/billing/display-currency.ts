// Amounts in the account's display currency. EUR is what is charged; USD is EUR at the
// reference rate, shown with the EUR amount beside it and the rate's date.
import dayjs from "dayjs";
import utc from "dayjs/plugin/utc.js";
import type { Clock } from "../core/clock.ts";
import { Decimal, formatMoney } from "../core/money.ts";
import type { FxRates } from "./fx-rates.ts";

dayjs.extend(utc);

export const DISPLAY_CURRENCIES = ["EUR", "USD"] as const;
export type DisplayCurrency = (typeof DISPLAY_CURRENCIES)[number];

export interface Display {
  currency: DisplayCurrency;
  /** "$21.66 (€20.00)" in USD, "€20.00" in EUR. */
  format(eurAmount: Decimal.Value): string;
  /** The amount in the display currency, for charts (their axes are in one currency). */
  convert(eurAmount: Decimal.Value): Decimal;
  /** Where the rate comes from and how old it is; undefined in EUR. */
  note?: string;
}

export async function displayFor(fx: FxRates, currency: string, clock: Clock): Promise<Display> {
  const eurOnly: Display = { currency: "EUR", format: (amount) => formatMoney(amount), convert: (amount) => new Decimal(amount) };
  if (currency !== "USD") return eurOnly;
  const quote = await fx.usd();
  if (!quote) {
    return { ...eurOnly, note: "USD display needs a EUR→USD reference rate and none could be fetched yet: amounts are shown in EUR." };
  }
  const date = dayjs.utc(quote.date).format("D MMM YYYY");
  let note = `1 EUR = ${quote.rate.toString()} USD (ECB reference rate of ${date}). You are always charged in EUR.`;
  if (quote.stale) {
    const days = Math.max(0, dayjs.utc(clock.now()).startOf("day").diff(dayjs.utc(quote.date), "day"));
    note = `1 EUR = ${quote.rate.toString()} USD: the rate source could not be reached, so this is the last known rate, of ${date} (${days === 0 ? "today" : `${days} day${days === 1 ? "" : "s"} old`}). You are always charged in EUR.`;
  }
  return {
    currency: "USD",
    format: (amount) => `${formatMoney(new Decimal(amount).times(quote.rate).toDecimalPlaces(2), "USD")} (${formatMoney(amount)})`,
    convert: (amount) => new Decimal(amount).times(quote.rate),
    note,
  };
}
