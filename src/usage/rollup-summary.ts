// The usage summary and totals of a period from the daily roll-ups (usage-rollup.ts): the
// whole UTC days of the period come from MessageUsageDay and MessageNumberDay (a few hundred
// rows for a month of a busy account), and only the part days at its edges (a period that
// does not start or end at midnight UTC) from the records themselves. The numbers are the
// same as a computation over the period's records (summarize() in usage-aggregate.ts), which
// test/integration/usage-rollup.test.ts checks on seeded data.
import type { Db } from "../data/database.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { Decimal } from "../core/money.ts";
import { compareDaily, compareKeys, totalsFrom } from "./usage-aggregate.ts";
import type { DailySpend, Period, Ranked, UsageSummary, UsageTotals } from "./usage-types.ts";

const DAY_MS = 86_400_000;

/** The period as the whole UTC days inside it, [wholeFrom, wholeTo), and the part days around them. */
export function splitPeriod(period: Period): { wholeFrom: Date; wholeTo: Date } {
  const from = period.from.getTime();
  const to = period.to.getTime();
  const wholeFrom = Math.ceil(from / DAY_MS) * DAY_MS;
  const wholeTo = Math.floor(to / DAY_MS) * DAY_MS;
  // No whole day inside: the roll-up range is empty and the records cover [from, to).
  if (wholeFrom >= wholeTo) return { wholeFrom: period.to, wholeTo: period.to };
  return { wholeFrom: new Date(wholeFrom), wholeTo: new Date(wholeTo) };
}

const day = (at: Date) => at.toISOString().slice(0, 10);

/**
 * The period's groups (UTC day, product, direction, country, status, failure reason, with
 * messages, parts, cost) and outbound messages per number, each from the roll-up for the
 * whole days and from the records for the part days. `edges` is empty when the period is
 * made of whole days, as every period `usage` resolves is.
 */
function periodGroups(accountId: string, period: Period, withNumbers: boolean): Prisma.Sql {
  const { wholeFrom, wholeTo } = splitPeriod(period);
  const numbers = withNumbers
    ? Prisma.sql`,
      numbers AS (
        SELECT "to", messages, cost FROM "MessageNumberDay"
        WHERE "accountId" = ${accountId} AND day >= ${day(wholeFrom)}::date AND day < ${day(wholeTo)}::date
        UNION ALL
        SELECT "to", 1, price FROM edges WHERE direction = 'outbound'
      )`
    : Prisma.empty;
  return Prisma.sql`
    WITH edges AS MATERIALIZED (
      SELECT "createdAt"::date AS day, product, direction, country, status, coalesce("failureReason", '') AS reason, "to", parts, price
      FROM "MessageRecord"
      WHERE "accountId" = ${accountId}
        AND (("createdAt" >= ${period.from} AND "createdAt" < ${wholeFrom}) OR ("createdAt" >= ${wholeTo} AND "createdAt" < ${period.to}))
    ),
    groups AS MATERIALIZED (
      SELECT day, product, direction, country, status, "failureReason" AS reason, messages, parts, cost
      FROM "MessageUsageDay"
      WHERE "accountId" = ${accountId} AND day >= ${day(wholeFrom)}::date AND day < ${day(wholeTo)}::date
      UNION ALL
      SELECT day, product, direction, country, status, reason, count(*)::int, sum(parts)::int, sum(price)
      FROM edges GROUP BY 1, 2, 3, 4, 5, 6
    )${numbers}`;
}

// A status change can leave a roll-up row at zero messages: HAVING sum(messages) > 0 skips
// such groups. Keys tie-break in code-point order (COLLATE "C"), as compareKeys does.
const TOTALS = Prisma.sql`
  SELECT 'total' AS view, product AS a, direction AS b, status AS c, sum(messages)::int AS n, sum(parts)::int AS parts, sum(cost)::text AS cost
  FROM groups GROUP BY product, direction, status HAVING sum(messages) > 0`;

/** One row of the summary: which view it belongs to, up to three keys, and its sums. */
interface SummaryRow {
  view: "total" | "country" | "number" | "reason" | "day";
  a: string;
  b: string | null;
  c: string | null;
  n: number;
  parts: number;
  cost: string;
}

export async function rollupSummary(db: Db, accountId: string, period: Period): Promise<UsageSummary> {
  const rows = await db.$queryRaw<SummaryRow[]>`
    ${periodGroups(accountId, period, true)}
    ${TOTALS}
    UNION ALL (
      SELECT 'country', country, NULL, NULL, sum(messages)::int, 0, sum(cost)::text
      FROM groups WHERE direction = 'outbound' GROUP BY country HAVING sum(messages) > 0
      ORDER BY sum(messages) DESC, sum(cost) DESC, country COLLATE "C" LIMIT 5)
    UNION ALL (
      SELECT 'number', "to", NULL, NULL, sum(messages)::int, 0, sum(cost)::text
      FROM numbers GROUP BY "to"
      ORDER BY sum(messages) DESC, sum(cost) DESC, "to" COLLATE "C" LIMIT 5)
    UNION ALL (
      SELECT 'reason', label, NULL, NULL, sum(messages)::int, 0, '0'
      FROM (SELECT CASE WHEN reason = '' THEN 'no reason given' ELSE reason END AS label, messages FROM groups WHERE status = 'failed') AS failed
      GROUP BY label HAVING sum(messages) > 0
      ORDER BY sum(messages) DESC, label COLLATE "C" LIMIT 5)
    UNION ALL (
      -- Prices are never negative (MessageRecords.add refuses them), so a day with a
      -- positive sum is a day with a priced message, as the chart counts days.
      SELECT 'day', to_char(day, 'YYYY-MM-DD'), product, country, 0, 0, sum(cost)::text
      FROM groups GROUP BY day, product, country HAVING sum(cost) > 0)`;
  const of = (view: SummaryRow["view"]) => rows.filter((r) => r.view === view);
  // UNION ALL keeps no order between its branches' rows: each view is sorted again here.
  const byCount = (x: SummaryRow, y: SummaryRow) => y.n - x.n || new Decimal(y.cost).comparedTo(x.cost) || compareKeys(x.a, y.a);
  const toRanked = (list: SummaryRow[]): Ranked[] => list.sort(byCount).map((r) => ({ key: r.a, count: r.n, cost: new Decimal(r.cost) }));
  return {
    totals: totalsOfRows(of("total")),
    topCountries: toRanked(of("country")),
    topNumbers: toRanked(of("number")),
    failureReasons: of("reason")
      .sort((x, y) => y.n - x.n || compareKeys(x.a, y.a))
      .map((r) => ({ reason: r.a, count: r.n })),
    daily: of("day")
      .map((d): DailySpend => ({ day: d.a, product: d.b as DailySpend["product"], country: d.c!, cost: new Decimal(d.cost) }))
      .sort(compareDaily),
  };
}

export async function rollupTotals(db: Db, accountId: string, period: Period): Promise<UsageTotals> {
  const rows = await db.$queryRaw<SummaryRow[]>`${periodGroups(accountId, period, false)} ${TOTALS}`;
  return totalsOfRows(rows);
}

function totalsOfRows(rows: SummaryRow[]): UsageTotals {
  return totalsFrom(rows.map((r) => ({ product: r.a, direction: r.b!, status: r.c!, n: r.n, parts: r.parts, cost: r.cost })));
}
