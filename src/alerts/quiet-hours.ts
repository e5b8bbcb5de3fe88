// Quiet hours of a channel, in its time zone: a warning raised during them is held back
// until they end; a critical alert is posted at once.
import { UserError } from "../core/errors.ts";

export interface QuietWindow {
  startsAt: string;
  endsAt: string;
  timeZone: string;
}

/** "22", "22:00", "7:30" → "HH:MM". */
export function parseClockTime(typed: string, field: string): string {
  const match = /^(\d{1,2})(?::(\d{2}))?$/.exec(typed.trim());
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2] ?? 0);
  if (!match || hours > 23 || minutes > 59) {
    throw new UserError("bad_time", `"${typed}" is not a time of day.`, { hint: "Use 24-hour times such as 22:00 or 7:30.", field });
  }
  return `${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`;
}

export function checkTimeZone(typed: string): string {
  try {
    return new Intl.DateTimeFormat("en-GB", { timeZone: typed }).resolvedOptions().timeZone;
  } catch {
    throw new UserError("bad_time_zone", `"${typed}" is not a time zone.`, {
      hint: "Use an IANA name such as Europe/London, America/New_York or UTC.",
      field: "timezone",
    });
  }
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Local minutes since midnight of `at` in `timeZone`. */
function localMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(at);
  const value = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return value("hour") * 60 + value("minute");
}

/** When the quiet hours around `at` end, or undefined when `at` is not within them. */
export function quietUntil(window: QuietWindow, at: Date): Date | undefined {
  const start = minutesOf(window.startsAt);
  const end = minutesOf(window.endsAt);
  if (start === end) return undefined;
  const now = localMinutes(at, window.timeZone);
  const inside = start < end ? now >= start && now < end : now >= start || now < end;
  if (!inside) return undefined;
  const wait = (end - now + 1440) % 1440;
  const startOfMinute = at.getTime() - (at.getTime() % 60_000);
  return new Date(startOfMinute + wait * 60_000);
}
