// A balance alert tells whether auto-reload will catch the balance and shows amounts in
// the account's display currency: both come from billing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { createTestAccount } from "../helpers/accounts.ts";
import { RecordingPoster } from "../helpers/recording-poster.ts";
import { Decimal } from "../../src/core/money.ts";
import type { AccountRecord } from "../../src/accounts/directory.ts";

let app: TestApp;
let account: AccountRecord;
const poster = new RecordingPoster("console");

beforeAll(async () => {
  app = await createTestApp();
  ({ account } = await createTestAccount(app));
  app.services.posters.register(poster);
});
afterAll(() => app.close());

describe("balance alerts and billing", () => {
  it("say that auto-reload is on, with its amount and threshold", async () => {
    await app.services.billing.autoReload.turnOn(account.id, { threshold: new Decimal(1), amount: new Decimal(20), methodId: "pm_test" }, app.clock.now());
    await app.run("alerts balance 5");
    await app.services.alerts.balance.checkAll(app.clock.now(), app.services.log);
    await app.services.outboxDispatcher.dispatchDue();
    const post = poster.newPosts()[0];
    expect(post?.text).toContain("adds €20.00 when the balance falls below €1.00");
  });
});
