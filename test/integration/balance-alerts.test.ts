// The balance-alert console scenario, as a new user would try it: a warning at 10 and a
// critical at 2, spending until the balance falls below each, the hourly check, a top-up.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { createTestAccount } from "../helpers/accounts.ts";
import { RecordingPoster } from "../helpers/recording-poster.ts";
import { Decimal } from "../../src/core/money.ts";
import { JobRunner } from "../../src/jobs/job-runner.ts";
import { balanceCheckJob } from "../../src/alerts/balance-check.job.ts";
import type { AccountRecord } from "../../src/accounts/directory.ts";
import { expectChartPng } from "../helpers/png.ts";

const HOUR = 3600 * 1000;
let app: TestApp;
let account: AccountRecord;
let poster: RecordingPoster;
let sms = 0;

beforeAll(async () => {
  app = await createTestApp();
  ({ account } = await createTestAccount(app));
  // A day old: the alert's spend rate needs a day of history.
  app.clock.advance(24 * HOUR);
  poster = new RecordingPoster("console");
  app.services.posters.register(poster);
});
afterAll(() => app.close());

/** Sends messages at €0.50 each until the balance is below `target`. */
async function spendUntilBelow(target: string) {
  while ((await app.services.ledger.balance(account.id)).greaterThanOrEqualTo(target)) {
    await app.services.ledger.charge({ accountId: account.id, kind: "message", amount: new Decimal("-0.50"), description: "SMS", ref: `sms:${++sms}`, at: app.clock.now() });
  }
}

const topUp = (amount: number, ref: string) =>
  app.services.ledger.post({ accountId: account.id, kind: "payment", amount: new Decimal(amount), description: "Top-up", ref, at: app.clock.now() });

/** An hour passes: the scheduled check runs for that hour's slot, then the outbox delivers. */
async function nextHour() {
  app.clock.advance(HOUR);
  const outcome = await app.services.jobs.runSlot(balanceCheckJob(app.services.alerts.balance, "0 * * * *"), JobRunner.slotOf(app.clock.now()));
  await app.services.outboxDispatcher.dispatchDue();
  if (outcome.state !== "ran") throw new Error(`the hourly check did not run: ${JSON.stringify(outcome)}`);
  return outcome;
}

describe("balance alerts in the console", () => {
  it("sets a warning at 10 and a critical at 2", async () => {
    await topUp(20, "payment:first");
    const warning = await app.run("alerts balance 10");
    expect(warning.outcome).toBe("ok");
    expect(warning.text).toContain("a warning alert in this channel when the balance of Acme Ltd falls below €10.00");
    expect(warning.text).toContain("resolves once the balance is back above €11.00");
    expect((await app.run("alerts balance 2 level:critical")).outcome).toBe("ok");
    const list = await app.run("alerts list");
    expect(list.text).toMatch(/warning below €10.00 → this channel: armed/);
    expect(list.text).toMatch(/critical below €2.00 → this channel: armed/);
  });

  it("posts one warning once the balance is below 10, not one every hour", async () => {
    await spendUntilBelow("10");
    const run = await nextHour();
    expect(run).toMatchObject({ state: "ran", stats: { accountsChecked: 1, alertsPosted: 1, failures: 0 } });
    expect(poster.posts).toHaveLength(1);
    const [post] = poster.posts;
    expect(post!.channel).toBe("console:local:console");
    expect(post!.text).toContain("Low balance · Acme Ltd");
    expect(post!.text).toContain("The balance is *€9.50*, below the warning threshold of €10.00.");
    // €12.50 spent over the account's 25 hours of life.
    expect(post!.text).toContain("Spend: €12.00 a day");
    expect(post!.text).toContain("Runway: less than a day at that rate");
    expect(post!.text).toContain("Auto-reload: off");
    expect(post!.text).toContain("At €0.00 the APIs stop working and your numbers are cancelled.");
    expect(post!.text).toContain("[Top up] [Snooze 24h] [Acknowledge]");
    // The first post carries the 30-day balance chart, with the threshold and the runway.
    const [chart] = post!.files;
    expect(chart).toMatchObject({ name: `balance-${account.apiKey}-2026-01-16.png`, mimeType: "image/png", image: { width: 800, height: 400 } });
    expect(chart!.image!.alt).toContain("runway");
    expectChartPng(chart!.content);
    // Delivered: the outbox no longer keeps the bytes.
    expect(await app.services.db.outboxFile.count()).toBe(0);

    expect((await nextHour()).stats).toMatchObject({ alertsPosted: 0 });
    expect((await nextHour()).stats).toMatchObject({ alertsPosted: 0 });
    expect(poster.posts).toHaveLength(1);
  });

  it("posts the critical below 2 and keeps the warning's message up to date in place", async () => {
    await spendUntilBelow("2");
    expect((await nextHour()).stats).toMatchObject({ alertsPosted: 1, alertsUpdated: 1 });
    const [warning] = poster.newPosts();
    const critical = poster.newPosts()[1]!;
    expect(critical.text).toContain("Critical: balance · Acme Ltd");
    expect(critical.text).toContain("below the critical threshold of €2.00");
    const edit = poster.posts.find((p) => p.replaced === warning!.ref)!;
    expect(edit.text).toContain("The balance is *€1.50*, below the warning threshold of €10.00.");
    expect(poster.newPosts()).toHaveLength(2);
    // The critical's own first post has its chart; the warning's edit keeps the text only.
    expect(critical.files.map((f) => f.mimeType)).toEqual(["image/png"]);
    expect(edit.files).toEqual([]);
  });

  it("marks both alerts resolved, in place, after a top-up", async () => {
    await topUp(30, "payment:second");
    const before = poster.posts.length;
    expect((await nextHour()).stats).toMatchObject({ alertsPosted: 0, alertsResolved: 2 });
    const edits = poster.posts.slice(before);
    expect(edits.map((e) => e.replaced).sort()).toEqual(poster.newPosts().map((p) => p.ref).sort());
    for (const edit of edits) expect(edit.text).toContain("Resolved: balance · Acme Ltd");
    expect(edits.map((e) => e.text).join("\n")).toContain("The balance is back to *€31.50*, above the warning threshold of €10.00.");
    expect(poster.newPosts()).toHaveLength(2);
    expect((await app.run("alerts list")).text).toMatch(/warning below €10.00 → this channel: resolved/);
  });

  it("posts a new warning, at the next check, when a resolved alert fires again; the resolved message stays as it was", async () => {
    const resolvedMessages = poster.posts.length;
    await spendUntilBelow("10");
    expect((await nextHour()).stats).toMatchObject({ alertsPosted: 1, alertsUpdated: 0 });
    expect(poster.newPosts()).toHaveLength(3);
    expect(poster.posts.slice(resolvedMessages).every((p) => p.replaced === undefined)).toBe(true);
    expect(poster.newPosts()[2]!.text).toContain("Low balance · Acme Ltd");
  });

  it("keeps one live alert while the balance hovers just above the threshold, and says when it resolves", async () => {
    await topUp(0.6, "payment:hover"); // €9.xx + €0.60: above €10.00, below the €11.00 that resolves it
    expect((await nextHour()).stats).toMatchObject({ alertsPosted: 0, alertsResolved: 0, alertsUpdated: 1 });
    const edit = poster.posts.at(-1)!;
    expect(edit.replaced).toBe(poster.newPosts()[2]!.ref);
    expect(edit.text).toMatch(/back above the warning threshold of €10.00; the alert resolves once it reaches €11.00/);
    await spendUntilBelow("10");
    expect((await nextHour()).stats).toMatchObject({ alertsPosted: 0 });
    expect(poster.newPosts()).toHaveLength(3);
  });

  it("shows who acknowledged, from the alert's own button", async () => {
    const warning = poster.newPosts()[2]!;
    const ack = poster.button(warning, "Acknowledge");
    const result = await app.dispatch({ kind: "action", ref: ack.ref! });
    expect(result.outcome).toBe("ok");
    await app.services.outboxDispatcher.dispatchDue();
    const edit = poster.posts[poster.posts.length - 1]!;
    expect(edit.replaced).toBe(warning.ref);
    expect(edit.text).toContain("Acknowledged by Local operator");
    expect(edit.text).not.toContain("[Acknowledge]");
  });

  it("says so in the live message when a firing alert is removed", async () => {
    const warning = poster.newPosts()[2]!;
    const snooze = poster.button(warning, "Snooze 24h");
    const id = snooze.action.args.id as string;
    expect((await app.run(`alerts remove ${id}`)).text).toBe(`Removed ${id}.`);
    await app.services.outboxDispatcher.dispatchDue();
    const edit = poster.posts[poster.posts.length - 1]!;
    expect(edit.replaced).toBe(warning.ref);
    expect(edit.text).toContain("Local operator removed the warning alert below €10.00; it no longer posts here.");
    expect((await app.dispatch({ kind: "action", ref: snooze.ref! })).text).toContain(`The balance alert ${id} was not found.`);
  });

  it("says when each job last ran and what it did", async () => {
    const status = await app.run("alerts status");
    expect(status.text).toContain("Job: balance-alerts");
    expect(status.text).toMatch(/Accounts checked: 1/);
    // The last run edited the hovering warning's live message and posted nothing.
    expect(status.text).toMatch(/Alerts posted: 0/);
    expect(status.text).toMatch(/Alerts updated: 1/);
    expect(status.text).toMatch(/Failures: 0/);
    expect(status.text).toContain("Posts waiting: 0");
    expect(status.text).toContain("Connected platforms: console");
  });
});
