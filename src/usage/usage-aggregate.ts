// The usage summary computed from records in memory: what the Vonage source does with the
// Reports API's records (the sandbox computes the same in SQL).
import dayjs from "dayjs";
import utc from "dayjs/plugin/utc.js";
import { Decimal } from "../core/money.ts";
import { totalsFrom } from "./message-records.ts";
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
    return [...groups.values()].sort((a, b) => b.count - a.count || b.cost.comparedTo(a.cost) || a.key.localeCompare(b.key)).slice(0, 5);
  };
  const reasons = new Map<string, number>();
  for (const r of records) if (r.status === "failed") reasons.set(r.failureReason ?? "no reason given", (reasons.get(r.failureReason ?? "no reason given") ?? 0) + 1);
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
    failureReasons: [...reasons.entries()].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)).slice(0, 5),
    daily: [...daily.values()].sort((a, b) => a.day.localeCompare(b.day)),
  };
}
