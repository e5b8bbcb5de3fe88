// The account lock: one transaction at a time moves an account's money, and a deadlock the
// database breaks is retried instead of reaching the user.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Decimal } from "../../src/core/money.ts";
import { AccountNotFound, withAccountLock } from "../../src/billing/account-lock.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { createTestAccount } from "../helpers/accounts.ts";
import { usingPostgres } from "../helpers/test-database.ts";

let app: TestApp;

beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

describe("withAccountLock", () => {
  it("keeps nothing of a unit that fails: entry and balance roll back together", async () => {
    const { account } = await createTestAccount(app);
    const { db, ledger } = app.services;
    const failing = withAccountLock(db, account.id, async (locked) => {
      await ledger.postIn(locked, { kind: "payment", amount: new Decimal(50), description: "Top-up", ref: "payment:rolled-back", at: app.clock.now() }, false);
      expect(locked.balance.toString()).toBe("52");
      throw new Error("something after the posting failed");
    });
    await expect(failing).rejects.toThrow("something after the posting failed");
    expect((await ledger.balance(account.id)).toString()).toBe("2");
    expect(await db.ledgerEntry.count({ where: { accountId: account.id, ref: "payment:rolled-back" } })).toBe(0);
  });

  it("refuses an account that does not exist", async () => {
    await expect(withAccountLock(app.services.db, "acc_missing", async () => "never")).rejects.toBeInstanceOf(AccountNotFound);
  });

  // Two transactions each lock one account, then the other's: PostgreSQL breaks the cycle by
  // failing one with 40P01. The barrier makes the cycle certain, whatever the machine's speed.
  it.skipIf(!usingPostgres)("retries the transaction PostgreSQL picked as a deadlock victim, and both complete", async () => {
    const { account: x } = await createTestAccount(app);
    const { account: y } = await createTestAccount(app);
    const { db } = app.services;
    let holding = 0;
    let release!: () => void;
    const bothHolding = new Promise<void>((resolve) => (release = resolve));
    const retries: string[] = [];
    const crossLock = (first: string, second: string) =>
      withAccountLock(
        db,
        first,
        async ({ tx }) => {
          if (++holding === 2) release();
          await bothHolding;
          await tx.$queryRaw`SELECT "id" FROM "Account" WHERE "id" = ${second} FOR UPDATE`;
          return first;
        },
        { onRetry: () => void retries.push(first) },
      );
    expect(await Promise.all([crossLock(x.id, y.id), crossLock(y.id, x.id)])).toEqual([x.id, y.id]);
    expect(retries).toHaveLength(1);
  }, 60_000);
});
