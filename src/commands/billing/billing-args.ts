// Arguments the billing commands share: amounts in euros within limits, and dates.
import { z } from "zod";
import dayjs from "dayjs";
import utc from "dayjs/plugin/utc.js";
import { Decimal, formatMoney, parseAmount } from "../../core/money.ts";

dayjs.extend(utc);

export const TOPUP_MIN = new Decimal(10);
export const TOPUP_MAX = new Decimal(10_000);
export const TOPUP_PRESETS = [20, 50, 100] as const;

/** An amount in euros ("20", "20.50", "€20") between `min` and `max`. */
export function amountArg(min: Decimal, max: Decimal) {
  return z.string().transform((value, ctx) => {
    const amount = parseAmount(value);
    if (!amount || amount.lt(min) || amount.gt(max)) {
      ctx.addIssue({ code: "custom", message: `must be an amount in euros from ${formatMoney(min)} to ${formatMoney(max)}, such as 20 or 20.50` });
      return z.NEVER;
    }
    return amount;
  });
}

/** A calendar day, YYYY-MM-DD, as the start of that day in UTC. */
export const dayArg = z.string().transform((value, ctx) => {
  const day = dayjs.utc(value);
  // dayjs rolls 2026-02-31 over to March: a date that does not survive the round trip is not one.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !day.isValid() || day.format("YYYY-MM-DD") !== value) {
    ctx.addIssue({ code: "custom", message: "must be a date such as 2026-01-31" });
    return z.NEVER;
  }
  return day.toDate();
});
