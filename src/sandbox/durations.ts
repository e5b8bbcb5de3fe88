// "3 months", "10m", "1h", "2 days", "1 week": what a person types to move a sandbox clock.
import dayjs from "dayjs";
import utc from "dayjs/plugin/utc.js";

dayjs.extend(utc);

const UNITS: Record<string, Duration["unit"]> = {
  m: "minute", min: "minute", mins: "minute", minute: "minute", minutes: "minute",
  h: "hour", hr: "hour", hrs: "hour", hour: "hour", hours: "hour",
  d: "day", day: "day", days: "day",
  w: "week", week: "week", weeks: "week",
  mo: "month", month: "month", months: "month",
  y: "year", year: "year", years: "year",
};

export interface Duration {
  amount: number;
  unit: "minute" | "hour" | "day" | "week" | "month" | "year";
}

export function parseDuration(input: string): Duration | undefined {
  const match = /^\s*(\d{1,4})\s*([a-z]+)\s*$/i.exec(input);
  const unit = match ? UNITS[match[2]!.toLowerCase()] : undefined;
  return match && unit ? { amount: Number(match[1]), unit } : undefined;
}

/** Calendar-aware: one month from 31 January is 28 or 29 February. */
export const addDuration = (from: Date, duration: Duration): Date => dayjs.utc(from).add(duration.amount, duration.unit).toDate();

export const describeDuration = (d: Duration) => `${d.amount} ${d.unit}${d.amount === 1 ? "" : "s"}`;
