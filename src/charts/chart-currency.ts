// Chart axes are in one currency: the account's display currency, converted from EUR.
import type { Decimal } from "../core/money.ts";

export interface ChartCurrency {
  code: string;
  symbol: string;
  convert(eur: Decimal.Value): Decimal;
}

export function chartCurrency(display: { currency: string; convert(eur: Decimal.Value): Decimal }): ChartCurrency {
  return { code: display.currency, symbol: display.currency === "USD" ? "$" : display.currency === "EUR" ? "€" : `${display.currency} `, convert: display.convert };
}

/** Axis labels such as "€1.50" (a negative balance as "-€0.40"). */
export function currencyAxis(currency: ChartCurrency) {
  const symbol = JSON.stringify(currency.symbol);
  return { labelExpr: `(datum.value < 0 ? '-' : '') + ${symbol} + format(abs(datum.value), ',.2f')` };
}
