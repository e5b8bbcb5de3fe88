// The balance over the last 30 days, the alert threshold as a line, and where the balance
// is heading at the recent spend rate: a dashed projection down to zero (the runway).
import type { TopLevelSpec } from "vega-lite";
import type { Decimal } from "../core/money.ts";
import { currencyAxis, type ChartCurrency } from "./chart-currency.ts";

export interface BalancePoint {
  /** YYYY-MM-DD: the balance at the end of that day (today: now). */
  day: string;
  balance: Decimal;
}

export interface BalanceChartInput {
  points: BalancePoint[];
  /** The lowest balance alert threshold, when the account has one. */
  threshold?: Decimal;
  /** Where the balance reaches zero at the recent spend rate; none when nothing is spent. */
  projection?: BalancePoint[];
  currency: ChartCurrency;
  title: string;
  subtitle: string;
}

export function balanceChartSpec(input: BalanceChartInput): TopLevelSpec {
  const { currency } = input;
  const amount = (d: Decimal) => currency.convert(d).toNumber();
  const values = [
    ...input.points.map((p) => ({ day: p.day, balance: amount(p.balance), series: "Balance" })),
    ...(input.projection ?? []).map((p) => ({ day: p.day, balance: amount(p.balance), series: "Projected at the 7-day spend rate" })),
  ];
  const layers: unknown[] = [
    {
      mark: { type: "line", point: { size: 30 }, strokeWidth: 2.5 },
      encoding: {
        x: { field: "day", type: "temporal", title: null, axis: { format: "%d %b", labelAngle: 0, tickCount: 8 } },
        y: { field: "balance", type: "quantitative", title: `Balance (${currency.code})`, axis: currencyAxis(currency), scale: { zero: true } },
        color: { field: "series", type: "nominal", title: null },
        strokeDash: { field: "series", type: "nominal", legend: null, scale: { range: [[1, 0], [6, 4]] } },
      },
    },
  ];
  if (input.threshold) {
    const threshold = amount(input.threshold);
    layers.push(
      { data: { values: [{ threshold }] }, mark: { type: "rule", color: "#D55E00", strokeWidth: 2, strokeDash: [2, 2] }, encoding: { y: { field: "threshold", type: "quantitative" } } },
      {
        data: { values: [{ threshold, label: `Alert threshold ${currency.symbol}${threshold.toFixed(2)}` }] },
        mark: { type: "text", align: "left", dx: 4, dy: -8, color: "#D55E00", fontSize: 12 },
        encoding: { y: { field: "threshold", type: "quantitative" }, x: { value: 0 }, text: { field: "label" } },
      },
    );
  }
  return { title: { text: input.title, subtitle: input.subtitle }, data: { values }, layer: layers } as TopLevelSpec;
}
