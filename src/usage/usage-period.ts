// The periods `usage` understands, in UTC days on the account's clock: today, the last 7
// or 30 days (today included), this calendar month, or from:/to: dates (to: included).
// Each has a previous period of the same length to compare with.
import dayjs from "dayjs";
import utc from "dayjs/plugin/utc.js";
import { UserError } from "../core/errors.ts";
import type { Period } from "./usage-types.ts";

dayjs.extend(utc);

export const PERIOD_NAMES = ["today", "7d", "30d", "month"] as const;
export type PeriodName = (typeof PERIOD_NAMES)[number];

/** The longest from:/to: range: a year of records is what an export or chart can carry. */
const MAX_DAYS = 366;

export function resolvePeriod(now: Date, name: PeriodName | undefined, from?: Date, to?: Date): Period {
  const today = dayjs.utc(now).startOf("day");
  if (from || to) {
    const start = dayjs.utc(from ?? today.subtract(6, "day").toDate()).startOf("day");
    const end = dayjs.utc(to ?? today.toDate()).startOf("day").add(1, "day");
    if (!start.isBefore(end)) throw new UserError("invalid_range", "The start date is after the end date.", { field: "from" });
    if (end.diff(start, "day") > MAX_DAYS) {
      throw new UserError("range_too_long", `A period is at most ${MAX_DAYS} days.`, { hint: "Choose a shorter from:/to: range.", field: "from" });
    }
    const label = `${start.format("D MMM YYYY")} to ${end.subtract(1, "day").format("D MMM YYYY")}`;
    return { from: start.toDate(), to: end.toDate(), label };
  }
  switch (name ?? "7d") {
    case "today":
      return { from: today.toDate(), to: today.add(1, "day").toDate(), label: `today (${today.format("D MMM YYYY")})` };
    case "30d":
      return { from: today.subtract(29, "day").toDate(), to: today.add(1, "day").toDate(), label: "the last 30 days" };
    case "month":
      return { from: today.startOf("month").toDate(), to: today.add(1, "day").toDate(), label: today.format("MMMM YYYY") };
    default:
      return { from: today.subtract(6, "day").toDate(), to: today.add(1, "day").toDate(), label: "the last 7 days" };
  }
}

/** The same length of time just before: what the comparison is against. */
export function previousPeriod(period: Period): Period {
  const length = period.to.getTime() - period.from.getTime();
  return { from: new Date(period.from.getTime() - length), to: period.from, label: "the previous period" };
}

/** A short name for files: 2026-01-09_2026-01-15. */
export function periodSlug(period: Period): string {
  return `${dayjs.utc(period.from).format("YYYY-MM-DD")}_${dayjs.utc(period.to).subtract(1, "millisecond").format("YYYY-MM-DD")}`;
}
