// How fast an account's money goes, for the runway in the balance alert and the balance
// chart. Two kinds of spend behave differently: rent is charged a month at a time, so a
// new number's first month would read as a whole month spent in a day; it is counted as
// its monthly price spread over the month, for the numbers rented now. Everything else
// (messages, calls) is averaged over the last 7 days, or the account's life if shorter.
// Under a day of history there is no rate worth showing: one hour's traffic is not a day's.
import type { Db } from "../data/database.ts";
import { Decimal } from "../core/money.ts";

const DAY_MS = 24 * 3600 * 1000;
export const SPEND_WINDOW_DAYS = 7;
/** A month's rent spread over the average month (365.25 / 12 days). */
const DAYS_PER_MONTH = new Decimal("30.4375");

export type SpendRate =
  | { known: true; perDay: Decimal; rentPerDay: Decimal; usagePerDay: Decimal }
  | { known: false; reason: "not_enough_history" };

export async function spendRate(db: Db, account: { id: string; createdAt: Date }, at: Date): Promise<SpendRate> {
  return (await spendRates(db, [{ account, at }]))[0]!;
}

/**
 * The rates of many accounts, each at its own instant, in one statement (the balance
 * sweep's firing alerts): the same sums `spendRate` always took, grouped by account.
 */
export async function spendRates(db: Db, requests: readonly { account: { id: string; createdAt: Date }; at: Date }[]): Promise<SpendRate[]> {
  const windows = requests.map(({ account, at }) => {
    const ageMs = at.getTime() - account.createdAt.getTime();
    if (ageMs < DAY_MS) return undefined;
    const windowDays = Math.min(SPEND_WINDOW_DAYS, ageMs / DAY_MS);
    return { accountId: account.id, windowDays, from: new Date(at.getTime() - windowDays * DAY_MS), at };
  });
  const known = windows.flatMap((w, i) => (w ? [{ ...w, i }] : []));
  const sums = new Map<number, { usage: string | null; rent: string | null }>();
  if (known.length > 0) {
    const rows = await db.$queryRawUnsafe<{ i: number; usage: string | null; rent: string | null }[]>(
      SPEND_SQL,
      known.map((w) => w.accountId),
      known.map((w) => w.from.toISOString()),
      known.map((w) => w.at.toISOString()),
      known.map((w) => w.i),
    );
    for (const row of rows) sums.set(Number(row.i), row);
  }
  return windows.map((window, i) => {
    if (!window) return { known: false, reason: "not_enough_history" };
    const sum = sums.get(i);
    const usagePerDay = new Decimal(sum?.usage ?? "0").abs().div(window.windowDays);
    const rentPerDay = new Decimal(sum?.rent ?? "0").div(DAYS_PER_MONTH);
    return { known: true, perDay: usagePerDay.plus(rentPerDay), rentPerDay, usagePerDay };
  });
}

/**
 * $1 accounts, $2 from (exclusive), $3 at (inclusive), $4 each request's position: spend
 * other than rent in the window, and the monthly rent of the numbers rented now.
 */
const SPEND_SQL = `
SELECT v.i,
       (SELECT sum(l.amount) FROM "LedgerEntry" l
         WHERE l."accountId" = v.id AND l.amount < 0 AND l.kind <> 'rent' AND l."createdAt" > v.since AND l."createdAt" <= v.until)::text AS usage,
       (SELECT sum(r."monthlyPrice") FROM "NumberRental" r WHERE r."accountId" = v.id AND r."releasedAt" IS NULL)::text AS rent
  FROM unnest($1::text[], $2::timestamp[], $3::timestamp[], $4::int[]) AS v(id, since, until, i)`;
