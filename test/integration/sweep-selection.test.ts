// The sweeps select their work set-based: only accounts whose state must change are
// loaded, and a re-run with nothing to change loads none and writes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { createTestAccount } from "../helpers/accounts.ts";
import { Decimal } from "../../src/core/money.ts";
import type { AccountRecord } from "../../src/accounts/directory.ts";

const HOUR = 3600 * 1000;
let app: TestApp;
let low: AccountRecord;
let high: AccountRecord;
let ref = 0;

const move = (account: AccountRecord, amount: string) =>
  app.services.ledger.post({ accountId: account.id, kind: "adjustment", amount: new Decimal(amount), description: "Test", ref: `t:${++ref}`, at: app.clock.now() });
const sweep = () => app.services.alerts.balance.checkAll(app.clock.now(), app.services.log);
const outboxRows = () => app.services.db.outboxMessage.count();

beforeAll(async () => {
  app = await createTestApp();
  ({ account: low } = await createTestAccount(app, { workspace: "console:low" }));
  ({ account: high } = await createTestAccount(app, { workspace: "console:high" }));
  for (const account of [low, high]) {
    await app.services.alerts.rules.create({ accountId: account.id, threshold: new Decimal(10), level: "warning", channel: "console:local:ops", by: "test", at: app.clock.now() });
  }
  await move(high, "50");
}, 120_000);
afterAll(() => app.close());

describe("balance sweep selection", () => {
  it("loads only the account whose alert fires, then nothing while nothing changes", async () => {
    expect(await sweep()).toMatchObject({ accountsScanned: 2, accountsChecked: 1, alertsPosted: 1 });
    const posts = await outboxRows();
    app.clock.advance(HOUR);
    expect(await sweep()).toMatchObject({ accountsScanned: 2, accountsChecked: 0, alertsPosted: 0, alertsUpdated: 0 });
    expect(await outboxRows()).toBe(posts);
  });

  it("picks up a firing alert whose balance moved, its resolution, and a re-fire", async () => {
    await move(low, "-0.50");
    expect(await sweep()).toMatchObject({ accountsChecked: 1, alertsUpdated: 1 });
    await move(low, "9"); // €10.50: above the threshold, inside the margin: still firing, the message edited
    expect(await sweep()).toMatchObject({ accountsChecked: 1, alertsUpdated: 1, alertsResolved: 0 });
    expect(await sweep()).toMatchObject({ accountsChecked: 0 });
    await move(low, "1"); // €11.50: clear of the €1 margin
    expect(await sweep()).toMatchObject({ accountsChecked: 1, alertsResolved: 1 });
    expect((await app.services.alerts.rules.ofAccount(low.id))[0]!.state).toBe("resolved");
    expect(await sweep()).toMatchObject({ accountsChecked: 0 });
    await move(low, "-2"); // €9.50: below again, a new post
    expect(await sweep()).toMatchObject({ accountsChecked: 1, alertsPosted: 1 });
  });

  it("skips a closed account", async () => {
    await app.services.db.account.update({ where: { id: high.id }, data: { closedAt: app.clock.now() } });
    await move(high, "-45");
    expect(await sweep()).toMatchObject({ accountsChecked: 0 });
  });
});
