// A sandbox account's balance at the end of each of the last days, from its ledger (the
// record every balance change goes through), and where it heads at the recent spend rate.
import dayjs from "dayjs";
import utc from "dayjs/plugin/utc.js";
import type { Db } from "../data/database.ts";
import { Decimal } from "../core/money.ts";

dayjs.extend(utc);

export interface BalanceDay {
  day: string;
  balance: Decimal;
}

export async function balanceHistory(db: Db, accountId: string, createdAt: Date, now: Date, days = 30): Promise<BalanceDay[]> {
  const first = dayjs.utc(now).startOf("day").subtract(days - 1, "day");
  const today = dayjs.utc(now).startOf("day");
  // An account stamped later than this instance's clock (another instance's clock runs
  // ahead, or the row was made at midnight) still has today: the chart never goes empty.
  const born = dayjs.utc(Math.min(createdAt.getTime(), today.valueOf())).startOf("day");
  const start = born.isAfter(first) ? born : first;
  const before = await db.ledgerEntry.aggregate({ where: { accountId, createdAt: { lt: start.toDate() } }, _sum: { amount: true } });
  const rows = await db.$queryRaw<{ day: string; amount: string }[]>`
    SELECT to_char(date_trunc('day', "createdAt"), 'YYYY-MM-DD') AS day, sum(amount)::text AS amount
    FROM "LedgerEntry"
    WHERE "accountId" = ${accountId} AND "createdAt" >= ${start.toDate()} AND "createdAt" <= ${now}
    GROUP BY 1`;
  const byDay = new Map(rows.map((r) => [r.day, new Decimal(r.amount)]));
  let balance = new Decimal(before._sum.amount?.toString() ?? "0");
  const out: BalanceDay[] = [];
  for (let d = start; !d.isAfter(now); d = d.add(1, "day")) {
    const day = d.format("YYYY-MM-DD");
    balance = balance.plus(byDay.get(day) ?? 0);
    out.push({ day, balance });
  }
  return out;
}

/** Day by day from today to the day the balance reaches zero (at most `maxDays` ahead). */
export function projectRunway(today: BalanceDay, perDay: Decimal, maxDays = 60): { points: BalanceDay[]; runwayDays?: number } {
  if (perDay.lte(0) || today.balance.lte(0)) return { points: [] };
  const runwayDays = today.balance.div(perDay).toNumber();
  const points: BalanceDay[] = [today];
  const last = Math.min(Math.ceil(runwayDays), maxDays);
  for (let i = 1; i <= last; i++) {
    const balance = Decimal.max(0, today.balance.minus(perDay.times(i)));
    points.push({ day: dayjs.utc(today.day).add(i, "day").format("YYYY-MM-DD"), balance });
  }
  return { points, runwayDays };
}
