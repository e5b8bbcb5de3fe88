// The runway a balance alert shows, as a new account sees it: rent is a month's price,
// spread over the month, not a day's spend; under a day of history no rate is claimed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { createTestAccount } from "../helpers/accounts.ts";
import { RecordingPoster } from "../helpers/recording-poster.ts";
import { firstListed, topUp } from "../helpers/numbers.ts";
import { JobRunner } from "../../src/jobs/job-runner.ts";
import { balanceCheckJob } from "../../src/alerts/balance-check.job.ts";
import { Decimal } from "../../src/core/money.ts";
import { spendRate } from "../../src/billing/spend-rate.ts";
import { BalanceFactsReader } from "../../src/alerts/balance-facts.ts";
import { autoReloadNotSetUp } from "../../src/alerts/auto-reload-status.ts";
import type { AccountRecord } from "../../src/accounts/directory.ts";

const HOUR = 3600 * 1000;
let app: TestApp;
let account: AccountRecord;
let poster: RecordingPoster;

beforeAll(async () => {
  app = await createTestApp();
  ({ account } = await createTestAccount(app));
  poster = new RecordingPoster("console");
  app.services.posters.register(poster);
  await topUp(app, account.id, "10.00");
  // Two numbers at €1.00 and €8.00 a month: €3.00 left of the top-up and the €2.00 sign-up credit.
  for (const line of ["numbers search FR type:landline", "numbers search GB type:toll-free"]) {
    const number = await firstListed(app, line);
    expect((await app.run(`numbers rent ${number} confirm:yes`)).outcome).toBe("ok");
  }
  expect((await app.run("alerts balance 10")).outcome).toBe("ok");
});
afterAll(() => app.close());

async function hourlyCheck() {
  app.clock.advance(HOUR);
  await app.services.jobs.runSlot(balanceCheckJob(app.services.alerts.balance, "0 * * * *"), JobRunner.slotOf(app.clock.now()));
  await app.services.outboxDispatcher.dispatchDue();
}

describe("the runway of a new account with rented numbers", () => {
  it("says there is not enough history an hour after sign-up, instead of counting a month's rent as a day's spend", async () => {
    await hourlyCheck();
    const post = poster.posts.at(-1);
    expect(post?.text).toContain("Low balance · Acme Ltd");
    expect(post!.text).toContain("Spend: not enough history yet (under a day)");
    expect(post!.text).toContain("Runway: not enough history yet to project");
    expect(post!.text).not.toMatch(/Runway: less than a day/);
  });

  it("spreads the rent over its month once a day of history exists", async () => {
    app.clock.advance(24 * HOUR);
    const rate = await spendRate(app.services.db, account, app.clock.now());
    expect(rate.known).toBe(true);
    if (!rate.known) return;
    // €9.00 a month over 30.4375 days; nothing else was spent.
    expect(rate.rentPerDay.toFixed(4)).toBe(new Decimal(9).div("30.4375").toFixed(4));
    expect(rate.usagePerDay.toFixed(2)).toBe("0.00");
    const balance = await app.services.ledger.balance(account.id);
    const facts = await new BalanceFactsReader(app.services.db, (a) => app.services.ledger.balance(a.id), autoReloadNotSetUp).read(account, app.clock.now());
    expect(facts.runwayDays).toBeCloseTo(balance.div(rate.perDay).toNumber(), 6);
    expect(facts.runwayDays!).toBeGreaterThan(7);
  });

  it("adds the recent average of messages to the rent", async () => {
    await app.services.ledger.charge({ accountId: account.id, kind: "message", amount: new Decimal("-0.70"), description: "SMS", ref: "sms:runway", at: app.clock.now() });
    const rate = await spendRate(app.services.db, account, app.clock.now());
    if (!rate.known) throw new Error("the rate should be known after a day");
    const ageDays = (app.clock.now().getTime() - account.createdAt.getTime()) / (24 * HOUR);
    expect(rate.usagePerDay.toFixed(4)).toBe(new Decimal("0.70").div(ageDays).toFixed(4));
    expect(rate.perDay.toFixed(6)).toBe(rate.rentPerDay.plus(rate.usagePerDay).toFixed(6));
  });
});
