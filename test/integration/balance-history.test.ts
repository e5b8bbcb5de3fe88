// The balance history a chart draws: the ledger's running balance per day, from the day the
// account was made (or 30 days back), and still today's point when the account row is
// stamped later than this instance's clock.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { createTestAccount } from "../helpers/accounts.ts";
import { topUp } from "../helpers/numbers.ts";
import { balanceHistory } from "../../src/usage/balance-history.ts";

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ now: new Date("2026-01-15T10:00:00Z") });
});
afterAll(() => app.close());

describe("balanceHistory", () => {
  it("has today's balance for an account stamped after the clock's now", async () => {
    const { account } = await createTestAccount(app);
    const start = await app.services.ledger.balance(account.id);
    await topUp(app, account.id, "12.50");
    const later = new Date("2026-01-16T00:00:05Z");
    const points = await balanceHistory(app.services.db, account.id, later, app.clock.now());
    expect(points.map((p) => [p.day, p.balance.toFixed(2)])).toEqual([["2026-01-15", start.plus("12.50").toFixed(2)]]);
  });

  it("runs day by day from the day the account was made", async () => {
    const { account } = await createTestAccount(app, { companyName: "Days Co", workspace: "console:days", creator: "console:days:ada" });
    const start = await app.services.ledger.balance(account.id);
    await topUp(app, account.id, "5.00");
    app.clock.set(new Date("2026-01-17T08:00:00Z"));
    await topUp(app, account.id, "1.00");
    const points = await balanceHistory(app.services.db, account.id, new Date("2026-01-15T09:00:00Z"), app.clock.now());
    expect(points.map((p) => [p.day, p.balance.toFixed(2)])).toEqual([
      ["2026-01-15", start.plus(5).toFixed(2)],
      ["2026-01-16", start.plus(5).toFixed(2)],
      ["2026-01-17", start.plus(6).toFixed(2)],
    ]);
  });
});
