// Outbound SMS prices of the sandbox platform, per destination country (EUR per message
// part). Longest calling-code prefix wins.
import { Decimal } from "../core/money.ts";

const PRICES: [prefix: string, country: string, eur: string][] = [
  ["1", "US/CA", "0.0075"], ["44", "GB", "0.0400"], ["49", "DE", "0.0850"], ["33", "FR", "0.0700"],
  ["34", "ES", "0.0650"], ["39", "IT", "0.0700"], ["31", "NL", "0.0800"], ["32", "BE", "0.0750"],
  ["353", "IE", "0.0600"], ["41", "CH", "0.0600"], ["43", "AT", "0.0900"], ["46", "SE", "0.0550"],
  ["47", "NO", "0.0600"], ["45", "DK", "0.0500"], ["48", "PL", "0.0350"], ["351", "PT", "0.0400"],
  ["61", "AU", "0.0500"], ["64", "NZ", "0.0900"], ["81", "JP", "0.0700"], ["65", "SG", "0.0350"],
  ["852", "HK", "0.0450"], ["27", "ZA", "0.0250"], ["55", "BR", "0.0300"], ["52", "MX", "0.0350"],
  ["972", "IL", "0.0300"], ["420", "CZ", "0.0500"], ["358", "FI", "0.0700"],
];
const FALLBACK = new Decimal("0.0500");

export function smsPrice(e164: string): { country: string; perPart: Decimal } {
  const digits = e164.replace(/^\+/, "");
  const match = PRICES.filter(([prefix]) => digits.startsWith(prefix)).sort((a, b) => b[0].length - a[0].length)[0];
  return match ? { country: match[1], perPart: new Decimal(match[2]) } : { country: "other", perPart: FALLBACK };
}

/** GSM-7 messages split at 160 characters (153 per part when concatenated); others at 70 (67). */
export function smsParts(text: string): number {
  const gsm = /^[\x20-\x7E\n\r£¥èéùìòÇØøÅåÆæßÉÄÖÑÜ§¿äöñüà€]*$/.test(text);
  const [single, multi] = gsm ? [160, 153] : [70, 67];
  return text.length <= single ? 1 : Math.ceil(text.length / multi);
}
