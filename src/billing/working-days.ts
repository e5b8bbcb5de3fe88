// Banks take 1 to 3 working days: calendar math in UTC, Saturdays and Sundays skipped.
import dayjs from "dayjs";
import utc from "dayjs/plugin/utc.js";

dayjs.extend(utc);

export function addWorkingDays(from: Date, days: number): Date {
  let day = dayjs.utc(from);
  let left = days;
  while (left > 0) {
    day = day.add(1, "day");
    if (day.day() !== 0 && day.day() !== 6) left--;
  }
  return day.toDate();
}
