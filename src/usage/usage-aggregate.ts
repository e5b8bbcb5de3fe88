// The usage summary computed from records in memory: what the Vonage source does with the
// Reports API's records (the sandbox computes the same in SQL).
import dayjs from "dayjs";
import utc from "dayjs/plugin/utc.js";
import { Decimal } from "../core/money.ts";
import type { DailySpend, Ranked, UsageRecord, UsageSummary, UsageTotals } from "./usage-types.ts";

dayjs.extend(utc);

export function totalsOf(records: UsageRecord[]): UsageTotals {
  const groups = new Map<string, { product: string; direction: string; status: string; n: number; parts: number; cost: Decimal }>();
  for (const r of records) {
    const key = `${r.product}|${r.direction}|${r.status}`;
    const group = groups.get(key) ?? { product: r.product, direction: r.direction, status: r.status, n: 0, parts: 0, cost: new Decimal(0) };
    group.n += 1;
    group.parts += r.parts;
    group.cost = group.cost.plus(r.price);
    groups.set(key, group);
  }
  return totalsFrom([...groups.values()].map((g) => ({ ...g, cost: g.cost.toString() })));
}

export function summarize(records: UsageRecord[]): UsageSummary {
  const outbound = records.filter((r) => r.direction === "outbound");
  const rank = (key: (r: UsageRecord) => string): Ranked[] => {
    const groups = new Map<string, Ranked>();
    for (const r of outbound) {
      const k = key(r);
      const g = groups.get(k) ?? { key: k, count: 0, cost: new Decimal(0) };
      g.count += 1;
      g.cost = g.cost.plus(r.price);
      groups.set(k, g);
    }
    return [...groups.values()].sort((a, b) => b.count - a.count || b.cost.comparedTo(a.cost) || compareKeys(a.key, b.key)).slice(0, 5);
  };
  const reasons = new Map<string, number>();
  for (const r of records) {
    if (r.status !== "failed") continue;
    const reason = r.failureReason || "no reason given";
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  const daily = new Map<string, DailySpend>();
  for (const r of records) {
    if (r.price.lte(0)) continue;
    const day = dayjs.utc(r.createdAt).format("YYYY-MM-DD");
    const key = `${day}|${r.product}|${r.country}`;
    const d = daily.get(key) ?? { day, product: r.product, country: r.country, cost: new Decimal(0) };
    d.cost = d.cost.plus(r.price);
    daily.set(key, d);
  }
  return {
    totals: totalsOf(records),
    topCountries: rank((r) => r.country),
    topNumbers: rank((r) => r.to),
    failureReasons: [...reasons.entries()].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || compareKeys(a.reason, b.reason)).slice(0, 5),
    daily: [...daily.values()].sort(compareDaily),
  };
}

/**
 * Ties between equal counts are broken by key in code-unit order: what PostgreSQL's "C"
 * collation gives for the keys ranked here (numbers, country codes, reasons), so the
 * sandbox's SQL and this in-memory summary pick the same five.
 */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** By day, then product, then country: the order the chart's data arrives in. */
export function compareDaily(x: DailySpend, y: DailySpend): number {
  return compareKeys(x.day, y.day) || compareKeys(x.product, y.product) || compareKeys(x.country, y.country);
}

export function emptyTotals(): UsageTotals {
  return { smsSent: 0, smsReceived: 0, callsMade: 0, callsReceived: 0, parts: 0, cost: new Decimal(0), delivered: 0, failed: 0, pending: 0 };
}

/** Totals from (product, direction, status) groups: the one shape both sources produce. */
export function totalsFrom(rows: { product: string; direction: string; status: string; n: number; parts: number; cost: string }[]): UsageTotals {
  const totals = emptyTotals();
  for (const row of rows) {
    const outbound = row.direction === "outbound";
    if (row.product === "sms") {
      if (outbound) totals.smsSent += row.n;
      else totals.smsReceived += row.n;
    } else if (outbound) totals.callsMade += row.n;
    else totals.callsReceived += row.n;
    totals.parts += row.product === "sms" && outbound ? row.parts : 0;
    totals.cost = totals.cost.plus(row.cost);
    if (outbound && row.status === "delivered") totals.delivered += row.n;
    else if (outbound && row.status === "failed") totals.failed += row.n;
    else if (outbound && row.status === "submitted") totals.pending += row.n;
  }
  return totals;
}
