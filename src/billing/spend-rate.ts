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
  const ageMs = at.getTime() - account.createdAt.getTime();
  if (ageMs < DAY_MS) return { known: false, reason: "not_enough_history" };
  const windowDays = Math.min(SPEND_WINDOW_DAYS, ageMs / DAY_MS);
  const from = new Date(at.getTime() - windowDays * DAY_MS);
  const [usage, rentals] = await Promise.all([
    db.ledgerEntry.aggregate({
      where: { accountId: account.id, amount: { lt: 0 }, kind: { not: "rent" }, createdAt: { gt: from, lte: at } },
      _sum: { amount: true },
    }),
    db.numberRental.aggregate({ where: { accountId: account.id, releasedAt: null }, _sum: { monthlyPrice: true } }),
  ]);
  const usagePerDay = new Decimal(usage._sum.amount?.toString() ?? "0").abs().div(windowDays);
  const rentPerDay = new Decimal(rentals._sum.monthlyPrice?.toString() ?? "0").div(DAYS_PER_MONTH);
  return { known: true, perDay: usagePerDay.plus(rentPerDay), rentPerDay, usagePerDay };
}
