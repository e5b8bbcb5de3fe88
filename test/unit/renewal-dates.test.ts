// The dashboard's renewal rule, table-driven: renewals come from the ORIGINAL subscription
// date, clamp to short months, and month-end subscriptions renew on month ends.
import { describe, expect, it } from "vitest";
import { formatDay, renewalDate, renewalRule } from "../../src/numbers/renewal-dates.ts";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (date: Date) => date.toISOString().slice(0, 10);

const cases: { name: string; subscribed: string; renewals: string[] }[] = [
  { name: "the seed's own example: rented on the last day of February", subscribed: "2015-02-28", renewals: ["2015-03-31", "2015-04-30", "2015-05-31", "2015-06-30"] },
  { name: "the 30th clamps to short months and comes back", subscribed: "2015-01-30", renewals: ["2015-02-28", "2015-03-30", "2015-04-30", "2015-05-30"] },
  { name: "28 February of a leap year is not the month's last day", subscribed: "2016-02-28", renewals: ["2016-03-28", "2016-04-28", "2016-05-28"] },
  { name: "29 February of a leap year is its last day", subscribed: "2016-02-29", renewals: ["2016-03-31", "2016-04-30", "2016-05-31"] },
  { name: "the 31st renews on every month's last day", subscribed: "2015-01-31", renewals: ["2015-02-28", "2015-03-31", "2015-04-30"] },
  { name: "30 April is a month end: renews on the 31st of May", subscribed: "2015-04-30", renewals: ["2015-05-31", "2015-06-30", "2015-07-31"] },
  { name: "the 29th of January meets a leap February", subscribed: "2016-01-29", renewals: ["2016-02-29", "2016-03-29", "2016-04-29"] },
  { name: "the 29th of January meets a common February", subscribed: "2015-01-29", renewals: ["2015-02-28", "2015-03-29"] },
  { name: "an ordinary day stays the same", subscribed: "2026-01-15", renewals: ["2026-02-15", "2026-03-15", "2026-04-15"] },
  { name: "across a year end", subscribed: "2025-10-30", renewals: ["2025-11-30", "2025-12-30", "2026-01-30", "2026-02-28", "2026-03-30"] },
  { name: "30 November is a month end: renews on the 31st of December", subscribed: "2025-11-30", renewals: ["2025-12-31", "2026-01-31", "2026-02-28"] },
  { name: "31 December renews on month ends", subscribed: "2025-12-31", renewals: ["2026-01-31", "2026-02-28", "2026-03-31"] },
];

describe("renewal dates", () => {
  it.each(cases)("$name ($subscribed)", ({ subscribed, renewals }) => {
    const computed = renewals.map((_, i) => iso(renewalDate(day(subscribed), i + 1)));
    expect(computed).toEqual(renewals);
  });

  it("counts from the original date, so a far period is not drifted by short months", () => {
    expect(iso(renewalDate(day("2015-01-30"), 13))).toBe("2016-02-29");
    expect(iso(renewalDate(day("2015-01-30"), 14))).toBe("2016-03-30");
  });

  it("is due from the start of the renewal day, whatever time the number was rented", () => {
    expect(renewalDate(new Date("2026-01-15T17:42:00Z"), 1).toISOString()).toBe("2026-02-15T00:00:00.000Z");
    expect(renewalDate(new Date("2026-01-15T17:42:00Z"), 0).toISOString()).toBe("2026-01-15T00:00:00.000Z");
  });

  it("refuses a period that is not a whole number", () => {
    expect(() => renewalDate(day("2026-01-15"), -1)).toThrow();
    expect(() => renewalDate(day("2026-01-15"), 1.5)).toThrow();
  });

  it("says the rule in words for confirmations", () => {
    expect(renewalRule(day("2015-02-28"))).toBe("on the last day of every month");
    expect(renewalRule(day("2016-02-28"))).toBe("on the 28th of every month");
    expect(renewalRule(day("2015-01-30"))).toBe("on the 30th of every month (the last day of shorter months)");
    expect(renewalRule(day("2026-01-01"))).toBe("on the 1st of every month");
    expect(formatDay(day("2015-03-31"))).toBe("31 Mar 2015");
  });
});
