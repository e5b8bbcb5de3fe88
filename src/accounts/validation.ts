// What a profile accepts: E.164 phones, plausible e-mail addresses, EU VAT numbers in
// their country's format.
import { z } from "zod";

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

// The formats of the EU's VIES service, by country prefix.
const VAT_FORMATS: Record<string, RegExp> = {
  AT: /^U\d{8}$/, BE: /^[01]\d{9}$/, BG: /^\d{9,10}$/, CY: /^\d{8}[A-Z]$/, CZ: /^\d{8,10}$/,
  DE: /^\d{9}$/, DK: /^\d{8}$/, EE: /^\d{9}$/, EL: /^\d{9}$/, ES: /^[A-Z0-9]\d{7}[A-Z0-9]$/,
  FI: /^\d{8}$/, FR: /^[A-Z0-9]{2}\d{9}$/, HR: /^\d{11}$/, HU: /^\d{8}$/, IE: /^\d[A-Z0-9+*]\d{5}[A-Z]{1,2}$/,
  IT: /^\d{11}$/, LT: /^(\d{9}|\d{12})$/, LU: /^\d{8}$/, LV: /^\d{11}$/, MT: /^\d{8}$/,
  NL: /^\d{9}B\d{2}$/, PL: /^\d{10}$/, PT: /^\d{9}$/, RO: /^\d{2,10}$/, SE: /^\d{12}$/,
  SI: /^\d{8}$/, SK: /^\d{10}$/, XI: /^(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/,
};

export function vatProblem(input: string): string | undefined {
  const vat = input.replace(/[\s.-]/g, "").toUpperCase();
  const country = vat.slice(0, 2);
  const format = VAT_FORMATS[country];
  if (!format) return `"${input}" does not start with an EU country prefix such as DE, FR or NL`;
  if (!format.test(vat.slice(2))) return `"${input}" is not in the ${country} VAT number format`;
  return undefined;
}

export const vatArg = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const problem = vatProblem(value);
    if (problem) {
      ctx.addIssue({ code: "custom", message: problem });
      return z.NEVER;
    }
    return value.replace(/[\s.-]/g, "").toUpperCase();
  });
