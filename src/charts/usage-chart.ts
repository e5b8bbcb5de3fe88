// Spend per day over a usage period, stacked by product when the account used both SMS
// and voice, otherwise by destination country (the five largest, the rest as "other").
import dayjs from "dayjs";
import utc from "dayjs/plugin/utc.js";
import type { TopLevelSpec } from "vega-lite";
import { Decimal } from "../core/money.ts";
import type { DailySpend, Period } from "../usage/usage-types.ts";
import { currencyAxis, type ChartCurrency } from "./chart-currency.ts";

dayjs.extend(utc);

const SERIES_SHOWN = 5;

export function usageChartSpec(daily: DailySpend[], period: Period, currency: ChartCurrency, title: string): TopLevelSpec {
  const byProduct = new Set(daily.map((d) => d.product)).size > 1;
  const seriesOf = seriesNamer(daily, byProduct);
  const values = daily.map((d) => ({ day: d.day, series: seriesOf(d), spend: currency.convert(d.cost).toNumber() }));
  const days = daysOf(period);
  return {
    title: { text: title, subtitle: `Spend per day by ${byProduct ? "product" : "destination country"} (${currency.code})` },
    data: { values },
    mark: { type: "bar" },
    encoding: {
      x: {
        field: "day",
        type: "ordinal",
        title: null,
        scale: { domain: days },
        axis: { labelAngle: 0, labelOverlap: "greedy", labelExpr: "timeFormat(toDate(datum.value + 'T00:00:00Z'), '%d %b')" },
      },
      y: { aggregate: "sum", field: "spend", type: "quantitative", title: `Spend (${currency.code})`, axis: currencyAxis(currency) },
      color: { field: "series", type: "nominal", title: byProduct ? "Product" : "Country", sort: "descending" },
      order: { field: "series" },
    },
  } as TopLevelSpec;
}

/** Every day of the period, so quiet days show as gaps rather than vanishing. */
function daysOf(period: Period): string[] {
  const days: string[] = [];
  for (let d = dayjs.utc(period.from).startOf("day"); d.isBefore(period.to); d = d.add(1, "day")) days.push(d.format("YYYY-MM-DD"));
  return days;
}

function seriesNamer(daily: DailySpend[], byProduct: boolean): (d: DailySpend) => string {
  if (byProduct) return (d) => (d.product === "sms" ? "SMS" : "Voice");
  const totals = new Map<string, Decimal>();
  for (const d of daily) totals.set(d.country, (totals.get(d.country) ?? new Decimal(0)).plus(d.cost));
  const top = new Set([...totals.entries()].sort((a, b) => b[1].comparedTo(a[1]) || a[0].localeCompare(b[0])).slice(0, SERIES_SHOWN).map(([c]) => c));
  return (d) => (top.has(d.country) ? d.country : "other");
}
