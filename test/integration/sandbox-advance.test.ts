import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { createTestAccount } from "../helpers/accounts.ts";
import { SandboxTimeline } from "../../src/sandbox/sandbox-timeline.ts";
import type { AccountRecord } from "../../src/accounts/directory.ts";
import { parseDuration, addDuration } from "../../src/sandbox/durations.ts";

let app: TestApp;
let account: AccountRecord;

beforeAll(async () => {
  app = await createTestApp({ now: new Date("2026-01-31T12:00:00Z") });
  ({ account } = await createTestAccount(app));
});
afterAll(() => app.close());

describe("durations", () => {
  it("reads what people type and adds calendar months", () => {
    expect(parseDuration("10m")).toEqual({ amount: 10, unit: "minute" });
    expect(parseDuration("3 months")).toEqual({ amount: 3, unit: "month" });
    expect(parseDuration("soon")).toBeUndefined();
    expect(addDuration(new Date("2026-01-31T00:00:00Z"), { amount: 1, unit: "month" }).toISOString()).toBe("2026-02-28T00:00:00.000Z");
  });
});

describe("sandbox timeline", () => {
  it("replays scheduled steps in order and periodic checks after each of them, not every tick", async () => {
    const timeline = new SandboxTimeline();
    const log: string[] = [];
    const dues = [new Date("2026-02-10T00:00:00Z"), new Date("2026-03-10T00:00:00Z")];
    timeline.addScheduled({
      name: "renewal",
      order: 1,
      nextDue: async (_a, after, until) => dues.find((d) => d > after && d <= until),
      run: async (_a, at) => void log.push(`renewal ${at.toISOString().slice(0, 10)}`),
    });
    timeline.addPeriodic({ name: "check", order: 2, everyMs: 3_600_000, run: async (_a, at) => void log.push(`check ${at.toISOString().slice(0, 13)}`) });
    await timeline.replay(account, new Date("2026-02-01T00:30:00Z"), new Date("2026-04-01T00:00:00Z"));
    // A renewal at midnight is followed by the check due at that same midnight, as the real jobs order them.
    expect(log).toEqual(["check 2026-02-01T01", "renewal 2026-02-10", "check 2026-02-10T00", "renewal 2026-03-10", "check 2026-03-10T00"]);
  });
});

describe("periodic steps that act", () => {
  it("run again at their next tick until they have nothing to do, as a declined reload is retried", async () => {
    const timeline = new SandboxTimeline();
    const ticks: string[] = [];
    let declines = 3;
    timeline.addPeriodic({
      name: "auto-reload",
      order: 1,
      everyMs: 600_000,
      run: async (_a, at) => {
        ticks.push(at.toISOString().slice(11, 16));
        return declines-- > 0 ? "declined" : undefined;
      },
    });
    const notes = await timeline.replay(account, new Date("2026-02-01T00:05:00Z"), new Date("2026-02-01T02:00:00Z"));
    expect(notes).toEqual(["declined", "declined", "declined"]);
    expect(ticks).toEqual(["00:10", "00:20", "00:30", "00:40"]);
  });

  it("stop after a bounded streak when they act at every tick", async () => {
    const timeline = new SandboxTimeline();
    timeline.addPeriodic({ name: "always", order: 1, everyMs: 600_000, run: async () => "acted" });
    const notes = await timeline.replay(account, new Date("2026-02-01T00:00:00Z"), new Date("2026-03-01T00:00:00Z"));
    expect(notes).toHaveLength(50);
  });
});

describe("sandbox advance", () => {
  it("moves only that account's clock, and expires its invitations on the way", async () => {
    await app.run("users invite @zoe");
    const result = await app.run("sandbox advance 8 days");
    expect(result.text).toContain("forward 8 days");
    expect(result.text).toContain("1 invitation(s) expired");
    expect(result.text).toContain("Sandbox time: 2026-02-08 12:00 UTC");
    expect((await app.run("sandbox clock")).text).toContain("Ahead of real time: 192.0 hours");
    const invite = await app.services.db.invite.findFirst({ where: { accountId: account.id } });
    expect(invite?.status).toBe("expired");
  });

  it("is for the primary user of a sandbox account, one year at most", async () => {
    expect((await app.run("sandbox advance 2 years")).text).toContain("at most one year");
    expect((await app.run("sandbox advance whenever")).text).toContain("must be an amount and a unit");
    expect((await app.run("sandbox advance 1h", { actor: "console:local:stranger" })).text).toContain("You are not a user");
  });
});

describe("the hourly balance check in a simulated hour", () => {
  it("fires an alert set just before, wherever in the hour the clock stands (the 10-minute check at the same instant does not hide it)", async () => {
    for (const minute of ["00:00.000", "00:00.001", "01:00.000", "59:59.999"]) {
      app.clock.set(new Date(`2026-02-01T12:${minute}Z`));
      const who = { workspace: `console:h${minute}`, channel: `console:h${minute}:console`, actor: `console:h${minute}:ada` };
      await createTestAccount(app, { workspace: who.workspace, creator: who.actor, companyName: "Hourly Ltd" });
      // The sign-up credit is €2.00: already below the threshold, so the alert says it fires at the next check.
      const set = await app.run("alerts balance 10", who);
      expect(set.text).toContain("already below: it fires at the next check");
      const advanced = await app.run("sandbox advance 1h", who);
      expect(advanced.text, `clock at 12:${minute}`).toContain(`Balance warning alert at €10.00: posted to ${who.channel}.`);
    }
  });
});
