// The European Central Bank's daily reference rates
// (https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml):
//   <Cube><Cube time='2026-01-14'><Cube currency='USD' rate='1.0832'/>...</Cube></Cube>
// Read with two patterns: the format is small, stable and attribute-only.
import { Decimal } from "../core/money.ts";

export interface ReferenceRate {
  currency: string;
  rate: Decimal;
  /** The ECB's date for the rate, YYYY-MM-DD. */
  date: string;
}

export function parseEcbRate(xml: string, currency: string): ReferenceRate | undefined {
  const date = /<Cube\s+time=["'](\d{4}-\d{2}-\d{2})["']/.exec(xml)?.[1];
  const pattern = new RegExp(`<Cube\\s+currency=["']${currency}["']\\s+rate=["']([0-9]+(?:\\.[0-9]+)?)["']`);
  const rate = pattern.exec(xml)?.[1];
  if (!date || !rate) return undefined;
  const value = new Decimal(rate);
  return value.isPositive() ? { currency, rate: value, date } : undefined;
}
