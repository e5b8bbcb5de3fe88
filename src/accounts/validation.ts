// What a profile accepts: E.164 phones, plausible e-mail addresses, VAT numbers of the
// countries Vonage invoices (vat-numbers.ts).
import { z } from "zod";
import { normalizeVat, vatProblem } from "./vat-numbers.ts";

export const E164 = /^\+[1-9]\d{6,14}$/;

/** Accepts what people type (spaces, dashes, brackets, 00 prefix) and returns E.164, or undefined. */
export function normalizePhone(input: string): string | undefined {
  const compact = input.trim().replace(/[\s\-().]/g, "").replace(/^00/, "+");
  return E164.test(compact) ? compact : undefined;
}

export const phoneArg = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const phone = normalizePhone(value);
    if (!phone) {
      ctx.addIssue({ code: "custom", message: "is not a phone number in international format, such as +447700900123" });
      return z.NEVER;
    }
    return phone;
  });

export const emailArg = z.email({ message: "must be an e-mail address such as ada@example.com" });

export const vatArg = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const problem = vatProblem(value);
    if (problem) {
      ctx.addIssue({ code: "custom", message: problem });
      return z.NEVER;
    }
    return normalizeVat(value);
  });
