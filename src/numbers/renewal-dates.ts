// When a rented number's rent falls due. The dashboard's rule: renewals are computed from
// the ORIGINAL subscription date, not from the previous renewal, on the same day of the
// month (or the month's last day when it is shorter); a number rented on the last day of
// a month renews on the last day of every following month:
// 28.02.2015 → 31.03.2015 → 30.04.2015, while 30.01 → 28.02 → 30.03.
import dayjs from "dayjs";
import utc from "dayjs/plugin/utc.js";

dayjs.extend(utc);

const isLastDayOfMonth = (date: dayjs.Dayjs): boolean => date.date() === date.daysInMonth();

/**
 * The day the rent for `period` falls due (period 0 is the subscription itself), at 00:00
 * UTC: rent is taken "on the same day", so a renewal is due from the start of that day.
 */
export function renewalDate(subscribedAt: Date, period: number): Date {
  if (!Number.isInteger(period) || period < 0) throw new Error(`A renewal period is a whole number ≥ 0, not ${period}`);
  const start = dayjs.utc(subscribedAt).startOf("day");
  if (period === 0) return start.toDate();
  // dayjs clamps the day to the target month's length (30.01 + 1 month = 28.02).
  const sameDay = start.add(period, "month");
  return (isLastDayOfMonth(start) ? sameDay.endOf("month").startOf("day") : sameDay).toDate();
}

/** "15 Feb 2026": how renewal dates are shown. */
export const formatDay = (date: Date): string => dayjs.utc(date).format("D MMM YYYY");

/** How a rental's renewals fall, in words, for confirmations. */
export function renewalRule(subscribedAt: Date): string {
  const start = dayjs.utc(subscribedAt);
  if (isLastDayOfMonth(start)) return "on the last day of every month";
  const day = start.date();
  const ordinal = `${day}${day % 10 === 1 && day !== 11 ? "st" : day % 10 === 2 && day !== 12 ? "nd" : day % 10 === 3 && day !== 13 ? "rd" : "th"}`;
  return day > 28 ? `on the ${ordinal} of every month (the last day of shorter months)` : `on the ${ordinal} of every month`;
}
