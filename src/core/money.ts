// Money is Decimal, never a JS float. The ledger is in EUR; other currencies are for display.
import { Decimal } from "decimal.js";

export { Decimal };
export type Money = Decimal;

export const eur = (value: Decimal.Value): Decimal => new Decimal(value);

const AMOUNT = /^\s*(?:€|EUR\s*)?(\d{1,9}(?:[.,]\d{1,2})?)\s*(?:€|EUR)?\s*$/i;

/** Parses what a person types for an amount in euros ("20", "20.50", "€5", "5,5"). */
export function parseAmount(text: string): Decimal | undefined {
  const match = AMOUNT.exec(text);
  return match?.[1] ? new Decimal(match[1].replace(",", ".")) : undefined;
}

export function formatMoney(amount: Decimal.Value, currency = "EUR"): string {
  const value = new Decimal(amount);
  const symbol = currency === "EUR" ? "€" : currency === "USD" ? "$" : `${currency} `;
  const sign = value.isNegative() ? "-" : "";
  return `${sign}${symbol}${value.abs().toFixed(2)}`;
}
