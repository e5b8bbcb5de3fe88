// One page of the hourly balance sweep where everything happens at once, checked a batch at
// a time: an alert fires, one resolves in place, one resolves before its post ever went out
// (held by quiet hours: the post is cancelled), a live message is edited, a critical and a
// warning fire in a quiet channel (the critical goes out at once), and a person snoozes an
// alert between the sweep's read and its write: the person wins, and nothing is posted for
// it. The outcome is the one the account-by-account sweep gave (this file passed on it).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { createTestAccount } from "../helpers/accounts.ts";
import { RecordingPoster } from "../helpers/recording-poster.ts";
import { Decimal, formatMoney } from "../../src/core/money.ts";
import { BalanceAlerts } from "../../src/alerts/balance-alerts.ts";
import { BalanceFactsReader } from "../../src/alerts/balance-facts.ts";
import { autoReloadNotSetUp } from "../../src/alerts/auto-reload-status.ts";
import type { MoneyDisplay } from "../../src/alerts/display-money.ts";
import type { AccountRecord } from "../../src/accounts/directory.ts";
import type { BalanceAlertRecord } from "../../src/alerts/balance-alert-repo.ts";
import type { LedgerKind } from "../../src/billing/ledger.ts";

const HOUR = 3600 * 1000;
const OPS = "console:local:ops";
const QUIET = "console:local:quiet";
let app: TestApp;
let poster: RecordingPoster;
const accounts: Record<string, AccountRecord> = {};
const alerts: Record<string, BalanceAlertRecord> = {};
let ref = 0;

const move = (name: string, amount: string, kind: LedgerKind = "adjustment") =>
  app.services.ledger.post({ accountId: accounts[name]!.id, kind, amount: new Decimal(amount), description: "Test", ref: `t:${++ref}`, at: app.clock.now() });
async function alertNamed(name: string) {
  const row = await app.services.db.balanceAlert.findUniqueOrThrow({ where: { id: alerts[name]!.id } });
  return { ...row, threshold: row.threshold.toFixed(2), shownBalance: row.shownBalance?.toFixed(2) ?? null };
}
const outboxRow = (dedupeKey: string) => app.services.db.outboxMessage.findUnique({ where: { dedupeKey } });

async function addAlert(name: string, account: string, threshold: number, level: "warning" | "critical", channel: string) {
  alerts[name] = await app.services.alerts.rules.create({ accountId: accounts[account]!.id, threshold: new Decimal(threshold), level, channel, by: "test", at: app.clock.now() });
}

/** The sweep under test, with a money display that lets a person act on C's alert mid-sweep (C shows amounts in USD). */
function sweepWithConcurrentSnooze() {
  let snoozed = false;
  const money: MoneyDisplay = async (currency) => {
    if (currency === "USD" && !snoozed) {
      snoozed = true;
      await app.services.alerts.balance.snooze(accounts.C!, alerts.C!.id, app.clock.now());
    }
    return (eur) => formatMoney(eur);
  };
  const { db, ledger, outbox } = app.services;
  const facts = new BalanceFactsReader(db, (a) => ledger.balance(a.id), autoReloadNotSetUp, {
    balances: (list) => ledger.balances(list.map((a) => a.id)),
  });
  return new BalanceAlerts({ db, repo: app.services.alerts.rules, outbox, facts, quiet: app.services.alerts.quietHours, money });
}

beforeAll(async () => {
  app = await createTestApp();
  poster = new RecordingPoster("console");
  app.services.posters.register(poster);
  for (const name of ["A", "B", "C", "D", "E", "F", "G"]) {
    ({ account: accounts[name] } = await createTestAccount(app, { workspace: `console:${name}`, companyName: `Company ${name}` }));
  }
  await app.services.db.account.update({ where: { id: accounts.C!.id }, data: { displayCurrency: "USD" } });
  accounts.C = { ...accounts.C!, displayCurrency: "USD" };
  // Warnings in the quiet channel wait from 09:00 to 12:00 UTC; the sweeps run at 10:00 and 10:30.
  await app.services.alerts.quietHours.set(QUIET, { startsAt: "09:00", endsAt: "12:00", timeZone: "UTC" });
  for (const name of ["A", "B", "C", "D", "F"]) await addAlert(name, name, 10, "warning", OPS);
  await addAlert("E", "E", 10, "warning", QUIET);
  await addAlert("Gc", "G", 2, "critical", QUIET);
  await addAlert("Gw", "G", 10, "warning", QUIET);
  // A has spent and rents a number: its post shows the spend, the runway and the renewal.
  await app.services.db.numberRental.create({
    data: {
      id: "num_batch_a",
      accountId: accounts.A!.id,
      msisdn: "447700900111",
      activeMsisdn: "447700900111",
      country: "GB",
      type: "mobile-lvn",
      features: ["SMS"],
      monthlyPrice: "3.00",
      subscribedAt: app.clock.now(),
      nextRenewalAt: new Date("2026-01-17T11:30:00Z"),
    },
  });
  // Two days of history (the spend rate needs one), then the balances before the first sweep
  // (each account starts with its €2.00 sign-up credit): B, D and E fire.
  app.clock.advance(48 * HOUR);
  for (const [name, amount] of Object.entries({ A: "46", B: "3", C: "46", D: "6", E: "3", F: "46", G: "46" })) await move(name, amount);
  await move("A", "-2.80", "message");
  const first = await app.services.alerts.balance.checkAll(app.clock.now(), app.services.log);
  expect(first).toMatchObject({ alertsPosted: 3, failures: 0 });
  await app.services.outboxDispatcher.dispatchDue();
  // B and D went out; E waits for the end of the quiet hours.
  expect(poster.newPosts().map((p) => p.text.match(/Company \w/)![0]).sort()).toEqual(["Company B", "Company D"]);
}, 180_000);
afterAll(() => app.close());

describe("a page of the balance sweep, checked a batch at a time", () => {
  it("fires, edits, resolves and cancels as the account-by-account sweep did, and lets a concurrent change win", async () => {
    app.clock.advance(HOUR / 2);
    await move("A", "-42.20"); // €45.20 → €3.00: fires
    await move("B", "7"); // €5 → €12: clear of the €1 margin, resolves in place
    await move("C", "-45"); // €3.00: would fire, but is snoozed meanwhile
    await move("D", "-1"); // €8 → €7: the live message is edited
    await move("E", "7"); // €5 → €12: resolves while its post still waits: the post is cancelled
    await move("G", "-47"); // €1.00: the critical goes out now, the warning waits
    const before = Object.fromEntries(await Promise.all(Object.keys(alerts).map(async (n) => [n, await alertNamed(n)] as const)));

    const stats = await sweepWithConcurrentSnooze().checkAll(app.clock.now(), app.services.log);
    expect(stats).toEqual({ accountsScanned: 7, accountsChecked: 6, alertsPosted: 3, alertsUpdated: 1, alertsResolved: 2, failures: 0 });

    const after = Object.fromEntries(await Promise.all(Object.keys(alerts).map(async (n) => [n, await alertNamed(n)] as const)));
    const now = app.clock.now();
    // A: a new incident, posted.
    expect(after.A).toMatchObject({ state: "firing", version: 1, firedAt: now, shownBalance: "3.00" });
    const postA = await outboxRow(`alert:${alerts.A!.id}:v1`);
    expect(postA).toMatchObject({ id: after.A!.liveMessageId, channel: OPS, status: "pending", replacesId: null, nextAttemptAt: now });
    // B: resolved, its live message edited in place.
    expect(after.B).toMatchObject({ state: "resolved", version: 2, resolvedAt: now, liveMessageId: before.B!.liveMessageId, shownBalance: "12.00" });
    expect(await outboxRow(`alert:${alerts.B!.id}:v2`)).toMatchObject({ replacesId: before.B!.liveMessageId, status: "pending" });
    // C: the person's snooze won; the sweep changed nothing and posted nothing.
    expect(after.C).toMatchObject({ state: "armed", version: 1, liveMessageId: null, shownBalance: null, firedAt: null });
    expect(after.C!.snoozedUntil).toEqual(new Date(now.getTime() + 24 * HOUR));
    expect(await app.services.db.outboxMessage.count({ where: { dedupeKey: { startsWith: `alert:${alerts.C!.id}:` } } })).toBe(0);
    // D: still firing, the live message edited.
    expect(after.D).toMatchObject({ state: "firing", version: 2, liveMessageId: before.D!.liveMessageId, shownBalance: "7.00" });
    expect(await outboxRow(`alert:${alerts.D!.id}:v2`)).toMatchObject({ replacesId: before.D!.liveMessageId, status: "pending" });
    // E: resolved before its post went out: the post is cancelled, no edit, no live message.
    expect(after.E).toMatchObject({ state: "resolved", version: 2, liveMessageId: null, shownBalance: "12.00" });
    expect(await app.services.db.outboxMessage.findUnique({ where: { id: before.E!.liveMessageId! } })).toMatchObject({ status: "cancelled" });
    expect(await outboxRow(`alert:${alerts.E!.id}:v2`)).toBeNull();
    // F: untouched.
    expect(after.F).toEqual(before.F);
    // G: the critical now, the warning at the end of the quiet hours.
    expect(await outboxRow(`alert:${alerts.Gc!.id}:v1`)).toMatchObject({ id: after.Gc!.liveMessageId, channel: QUIET, nextAttemptAt: now });
    expect(await outboxRow(`alert:${alerts.Gw!.id}:v1`)).toMatchObject({ id: after.Gw!.liveMessageId, nextAttemptAt: new Date("2026-01-17T12:00:00Z") });

    await app.services.outboxDispatcher.dispatchDue();
    const latest = poster.posts.slice(2);
    const byCompany = (name: string) => latest.filter((p) => p.text.includes(`Company ${name}`));
    const [a] = byCompany("A");
    expect(a!.replaced).toBeUndefined();
    expect(a!.text).toContain("The balance is *€3.00*, below the warning threshold of €10.00.");
    // €45.00 spent over two days and a half hour, and €3.00 a month of rent: the number
    // renews within the 3 hours the balance lasts.
    expect(a!.text).toContain("Spend: €22.37 a day (rent €0.10 + usage €22.27)");
    expect(a!.text).toContain("Runway: less than a day at that rate");
    expect(a!.text).toContain("Renewals before then: 447700900111 on 17 Jan (€3.00)");
    expect(a!.text).toContain("[Top up] [Snooze 24h] [Acknowledge]");
    const [b] = byCompany("B");
    expect(b).toMatchObject({ replaced: poster.posts[0]!.text.includes("Company B") ? poster.posts[0]!.ref : poster.posts[1]!.ref });
    expect(b!.text).toContain("Resolved: balance · Company B");
    expect(byCompany("D")[0]!.text).toContain("The balance is *€7.00*, below the warning threshold of €10.00.");
    expect(byCompany("G").map((p) => p.text.split("\n")[0])).toEqual(["Critical: balance · Company G"]);
    expect(byCompany("C")).toEqual([]);
    expect(byCompany("E")).toEqual([]);
    expect(latest).toHaveLength(4);
  });

  it("then changes nothing while nothing changes, and posts C's snoozed fire only once the snooze ends", async () => {
    app.clock.advance(HOUR / 2);
    const idle = await app.services.alerts.balance.checkAll(app.clock.now(), app.services.log);
    // C is below and snoozed: it becomes firing without a post; nothing else changes.
    expect(idle).toMatchObject({ accountsChecked: 1, alertsPosted: 0, alertsUpdated: 0, alertsResolved: 0, failures: 0 });
    expect(await alertNamed("C")).toMatchObject({ state: "firing", liveMessageId: null });
    app.clock.advance(24 * HOUR);
    const later = await app.services.alerts.balance.checkAll(app.clock.now(), app.services.log);
    expect(later).toMatchObject({ alertsPosted: 1, failures: 0 });
    expect((await alertNamed("C")).liveMessageId).not.toBeNull();
  });
});
