// The sandbox's message records: written by `sms send` and `sandbox receive`, read by the
// usage views. Every read takes the account id first; the (accountId, createdAt) indexes
// serve a period of one account, (accountId, to|from, createdAt) a search by number.
import type { Db } from "../data/database.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { Decimal } from "../core/money.ts";
import type { DailySpend, Period, Ranked, SearchPage, UsageFilter, UsageRecord, UsageSummary, UsageTotals } from "./usage-types.ts";

type Tx = Db | Parameters<Parameters<Db["$transaction"]>[0]>[0];

export interface NewRecord {
  id: string;
  accountId: string;
  product: "sms" | "voice";
  direction: "outbound" | "inbound";
  from: string;
  to: string;
  country: string;
  network?: string;
  networkName?: string;
  parts: number;
  price: Decimal;
  status: string;
  failureReason?: string;
  demo: boolean;
  text: string;
  createdAt: Date;
  receiptAt?: Date;
}

/** The number of matches counted for a search; past it the reply says "more than". */
export const SEARCH_COUNT_CAP = 1000;

const select = {
  id: true, product: true, direction: true, from: true, to: true, country: true, network: true, networkName: true,
  parts: true, price: true, status: true, failureReason: true, demo: true, text: true, createdAt: true,
} as const;

/** One row of the one-pass summary: which view it belongs to, up to three keys, and its sums. */
interface SummaryRow {
  view: "total" | "country" | "number" | "reason" | "day";
  a: string;
  b: string | null;
  c: string | null;
  n: number;
  parts: number;
  cost: string;
}

export class MessageRecords {
  constructor(private readonly db: Db) {}

  /** `tx`: the caller's transaction (the charge of an outbound message), else its own. */
  async add(record: NewRecord, tx: Tx = this.db): Promise<void> {
    await tx.messageRecord.create({ data: { ...record, price: record.price.toString() } });
  }

  /** How many messages the account sent to this number before: varies the simulated receipts. */
  async sentBefore(accountId: string, to: string, tx: Tx = this.db): Promise<number> {
    return tx.messageRecord.count({ where: { accountId, to, direction: "outbound" } });
  }

  async get(accountId: string, id: string, tx: Tx = this.db) {
    return tx.messageRecord.findFirst({ where: { accountId, id }, select });
  }

  async totals(accountId: string, period: Period): Promise<UsageTotals> {
    const rows = await this.db.$queryRaw<{ product: string; direction: string; status: string; n: number; parts: number; cost: string }[]>`
      SELECT product, direction, status, count(*)::int AS n, coalesce(sum(parts), 0)::int AS parts, coalesce(sum(price), 0)::text AS cost
      FROM "MessageRecord"
      WHERE "accountId" = ${accountId} AND "createdAt" >= ${period.from} AND "createdAt" < ${period.to}
      GROUP BY product, direction, status`;
    return totalsFrom(rows);
  }

  /**
   * Every view of the period from one read of its rows: the period is materialised once and
   * each view (totals, top countries, top numbers, failure reasons, spend per day) groups
   * that, instead of five queries each walking the index and the table again.
   */
  async summary(accountId: string, period: Period): Promise<UsageSummary> {
    const rows = await this.db.$queryRaw<SummaryRow[]>`
      WITH period AS MATERIALIZED (
        SELECT product, direction, status, parts, price, country, "to", "failureReason", "createdAt"
        FROM "MessageRecord"
        WHERE "accountId" = ${accountId} AND "createdAt" >= ${period.from} AND "createdAt" < ${period.to}
      )
      SELECT 'total' AS view, product AS a, direction AS b, status AS c, count(*)::int AS n, coalesce(sum(parts), 0)::int AS parts, coalesce(sum(price), 0)::text AS cost
        FROM period GROUP BY product, direction, status
      UNION ALL (
        SELECT 'country', country, NULL, NULL, count(*)::int, 0, coalesce(sum(price), 0)::text
        FROM period WHERE direction = 'outbound' GROUP BY country ORDER BY 5 DESC, 7 DESC, 2 LIMIT 5)
      UNION ALL (
        SELECT 'number', "to", NULL, NULL, count(*)::int, 0, coalesce(sum(price), 0)::text
        FROM period WHERE direction = 'outbound' GROUP BY "to" ORDER BY 5 DESC, 7 DESC, 2 LIMIT 5)
      UNION ALL (
        SELECT 'reason', coalesce("failureReason", 'no reason given'), NULL, NULL, count(*)::int, 0, '0'
        FROM period WHERE status = 'failed' GROUP BY 2 ORDER BY 5 DESC, 2 LIMIT 5)
      UNION ALL (
        SELECT 'day', to_char(date_trunc('day', "createdAt"), 'YYYY-MM-DD'), product, country, 0, 0, sum(price)::text
        FROM period WHERE price > 0 GROUP BY 2, 3, 4 ORDER BY 2)`;
    const of = (view: SummaryRow["view"]) => rows.filter((r) => r.view === view);
    // UNION ALL keeps no order between its branches' rows: each view is sorted again here.
    const byCount = (x: SummaryRow, y: SummaryRow) => y.n - x.n || new Decimal(y.cost).comparedTo(x.cost) || (x.a < y.a ? -1 : x.a > y.a ? 1 : 0);
    const toRanked = (list: SummaryRow[]): Ranked[] => list.sort(byCount).map((r) => ({ key: r.a, count: r.n, cost: new Decimal(r.cost) }));
    return {
      totals: totalsFrom(of("total").map((r) => ({ product: r.a, direction: r.b!, status: r.c!, n: r.n, parts: r.parts, cost: r.cost }))),
      topCountries: toRanked(of("country")),
      topNumbers: toRanked(of("number")),
      failureReasons: of("reason")
        .sort((x, y) => y.n - x.n || (x.a < y.a ? -1 : 1))
        .map((r) => ({ reason: r.a, count: r.n })),
      daily: of("day")
        .sort((x, y) => (x.a < y.a ? -1 : x.a > y.a ? 1 : 0))
        .map((d): DailySpend => ({ day: d.a, product: d.b as DailySpend["product"], country: d.c!, cost: new Decimal(d.cost) })),
    };
  }

  async search(accountId: string, filter: UsageFilter, page: { offset: number; size: number }): Promise<SearchPage> {
    const where: Prisma.MessageRecordWhereInput = {
      accountId,
      ...(filter.to ? { to: filter.to } : {}),
      ...(filter.from ? { from: filter.from } : {}),
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.since || filter.until ? { createdAt: { ...(filter.since ? { gte: filter.since } : {}), ...(filter.until ? { lt: filter.until } : {}) } } : {}),
      ...(filter.text ? { text: { contains: filter.text, mode: "insensitive" as const } } : {}),
    };
    const rows = await this.db.messageRecord.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: page.offset, take: page.size, select });
    // Counting stops at the cap: an exact count of a large account would read every row.
    const counted = await this.db.messageRecord.findMany({ where, select: { id: true }, take: SEARCH_COUNT_CAP + 1 });
    return { records: rows.map(toUsageRecord), total: Math.min(counted.length, SEARCH_COUNT_CAP), capped: counted.length > SEARCH_COUNT_CAP };
  }

  async records(accountId: string, period: Period, limit: number): Promise<UsageRecord[]> {
    const rows = await this.db.messageRecord.findMany({
      where: { accountId, createdAt: { gte: period.from, lt: period.to } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: limit,
      select,
    });
    return rows.map(toUsageRecord);
  }
}

function toUsageRecord(row: {
  id: string; product: string; direction: string; from: string; to: string; country: string; network: string | null; networkName: string | null;
  parts: number; price: { toString(): string }; status: string; failureReason: string | null; demo: boolean; text: string; createdAt: Date;
}): UsageRecord {
  return {
    ...row,
    product: row.product as UsageRecord["product"],
    direction: row.direction as UsageRecord["direction"],
    network: row.network ?? undefined,
    networkName: row.networkName ?? undefined,
    failureReason: row.failureReason ?? undefined,
    price: new Decimal(row.price.toString()),
  };
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
