// Phone numbers as people type them ("+44 7700 900123", "0044-7700-900123") and as stored
// (international digits without "+": 447700900123).
import { UserError } from "../core/errors.ts";

export function normalizeMsisdn(input: string): string {
  const compact = input.trim().replace(/[\s().-]/g, "");
  const digits = compact.startsWith("+") ? compact.slice(1) : compact.startsWith("00") ? compact.slice(2) : compact;
  if (!/^[1-9]\d{5,14}$/.test(digits)) {
    throw new UserError("invalid_number", "That is not a phone number in international format.", {
      hint: "Give it with its country code, such as +447700900123.",
    });
  }
  return digits;
}

export const formatMsisdn = (msisdn: string): string => `+${msisdn}`;

/** "+44 7700 900123", "447700900123" → "447700900123": digits only, not validated. */
export const toMsisdn = (number: string): string => number.replace(/[^\d]/g, "");
