import { describe, expect, it } from "vitest";
import { resolveChannel } from "../../src/alerts/channel-address.ts";
import { parseEventTypes } from "../../src/alerts/event-names.ts";
import { checkTimeZone, parseClockTime, quietUntil } from "../../src/alerts/quiet-hours.ts";

const slack = { workspace: "slack:T1", channel: "slack:T1:CHERE" };
const discord = { workspace: "discord:G1", channel: "discord:G1:42" };

describe("channel arguments", () => {
  it("turns Slack and Discord channel mentions and bare ids into addresses in the same workspace", () => {
    expect(resolveChannel("<#C123|ops>", slack)).toBe("slack:T1:C123");
    expect(resolveChannel("<#C123>", slack)).toBe("slack:T1:C123");
    expect(resolveChannel("<#987654321>", discord)).toBe("discord:G1:987654321");
    expect(resolveChannel("C777", slack)).toBe("slack:T1:C777");
    expect(resolveChannel(undefined, slack)).toBe("slack:T1:CHERE");
  });

  it("refuses another workspace's channel and a bare channel name", () => {
    expect(() => resolveChannel("slack:T2:C1", slack)).toThrow("is not a channel of this workspace");
    expect(resolveChannel("slack:T1:C1", slack)).toBe("slack:T1:C1");
    expect(() => resolveChannel("#ops", slack)).toThrow("is a channel name");
  });
});

describe("event names", () => {
  it("accepts types, friendly names and groups", () => {
    expect(parseEventTypes(["number.rented"])).toEqual(["number.rented"]);
    expect(parseEventTypes(["renewal-failed", "Payment_Received"])).toEqual(["number.renewal_failed", "payment.received"]);
    expect(parseEventTypes(["users"])).toEqual(["user.joined", "user.removed", "user.linked"]);
    expect(parseEventTypes(["all"])).toHaveLength(15);
    expect(parseEventTypes(["approvals"])).toEqual(["spend.requested", "spend.approved", "spend.denied"]);
  });

  it("says which names exist when one is unknown", () => {
    expect(() => parseEventTypes(["sms.sent"])).toThrow('"sms.sent" is not an account event');
  });
});

describe("quiet hours", () => {
  const window = { startsAt: "22:00", endsAt: "07:00", timeZone: "Europe/London" };

  it("holds until the end of quiet hours in the channel's time zone, across midnight", () => {
    expect(quietUntil(window, new Date("2026-01-15T23:30:00Z"))).toEqual(new Date("2026-01-16T07:00:00Z"));
    expect(quietUntil(window, new Date("2026-01-16T06:59:00Z"))).toEqual(new Date("2026-01-16T07:00:00Z"));
    expect(quietUntil(window, new Date("2026-01-16T07:00:00Z"))).toBeUndefined();
    // British Summer Time: 22:00 in London is 21:00 UTC.
    expect(quietUntil(window, new Date("2026-07-15T21:30:00Z"))).toEqual(new Date("2026-07-16T06:00:00Z"));
  });

  it("reads times and time zones as people type them", () => {
    expect(parseClockTime("7", "to")).toBe("07:00");
    expect(parseClockTime("22:30", "from")).toBe("22:30");
    expect(() => parseClockTime("25:00", "from")).toThrow("is not a time of day");
    expect(checkTimeZone("Europe/Paris")).toBe("Europe/Paris");
    expect(() => checkTimeZone("Mars/Olympus")).toThrow("is not a time zone");
  });
});
