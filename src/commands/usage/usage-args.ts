// Arguments the usage commands share. Every one is typed input from chat: phone numbers
// are normalised, statuses are a closed list, free text is bounded.
import { z } from "zod";
import { dayArg } from "../billing/billing-args.ts";
import { normalizePhone } from "../../accounts/validation.ts";
import { PERIOD_NAMES } from "../../usage/usage-period.ts";

export { dayArg };

export const periodArg = z.enum(PERIOD_NAMES, { message: `must be one of ${PERIOD_NAMES.join(", ")} (or give from: and to: dates)` });

/** A named period or a from:/to: range: `usage` and `usage export` take the same. */
export const usagePeriodArgs = z.object({ period: periodArg.optional(), from: dayArg.optional(), to: dayArg.optional() });

export const usagePeriodFields = {
  period: { label: "Period (today, 7d, 30d, month)" },
  from: { label: "From (YYYY-MM-DD)", kind: "date" as const },
  to: { label: "To (YYYY-MM-DD, included)", kind: "date" as const },
};

/** A phone number (to E.164) or an alphanumeric sender ID as sent (1 to 11 letters and digits). */
export const addressArg = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const phone = normalizePhone(value);
    if (phone) return phone;
    if (/^[A-Za-z0-9][A-Za-z0-9 ]{0,10}$/.test(value)) return value;
    ctx.addIssue({ code: "custom", message: `"${value}" is neither a phone number in international format (+447700900123) nor a sender ID` });
    return z.NEVER;
  });

export const statusArg = z.enum(["submitted", "delivered", "failed", "received"], { message: "must be submitted, delivered, failed or received" });
