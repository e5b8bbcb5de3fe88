import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Decimal } from "../../src/core/money.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { createTestAccount } from "../helpers/accounts.ts";
import type { AccountRecord } from "../../src/accounts/directory.ts";
import { balanceMismatches } from "../../src/billing/ledger-audit.ts";
import { housekeepingJob } from "../../src/jobs/housekeeping.job.ts";
import { silentLogger, type Logger } from "../../src/platform/logger.ts";

let app: TestApp;
let account: AccountRecord;

beforeAll(async () => {
  app = await createTestApp();
  ({ account } = await createTestAccount(app));
});
afterAll(() => app.close());

describe("ledger", () => {
  it("starts a new account with €2.00 of free test credit in DEMO mode", async () => {
    expect((await app.services.ledger.balance(account.id)).toFixed(2)).toBe("2.00");
    expect(account.mode).toBe("DEMO");
  });

  it("records a posting once per reference", async () => {
    const posting = { accountId: account.id, kind: "payment" as const, amount: new Decimal(10), description: "Top-up", ref: "payment:1", at: app.clock.now() };
    expect((await app.services.ledger.post(posting)).created).toBe(true);
    expect((await app.services.ledger.post(posting)).created).toBe(false);
    expect((await app.services.ledger.balance(account.id)).toFixed(2)).toBe("12.00");
  });

  it("never lets concurrent charges take the balance below zero", async () => {
    const charges = Array.from({ length: 8 }, (_, i) =>
      app.services.ledger
        .charge({ accountId: account.id, kind: "rent", amount: new Decimal("-2.50"), description: "Rent", ref: `rent:${i}`, at: app.clock.now() })
        .then(() => "ok", (error: Error) => error.message),
    );
    const outcomes = await Promise.all(charges);
    expect(outcomes.filter((o) => o === "ok")).toHaveLength(4);
    expect(outcomes.find((o) => o !== "ok")).toContain("does not cover €2.50");
    expect((await app.services.ledger.balance(account.id)).toFixed(2)).toBe("2.00");
  });

  it("leaves DEMO mode on the first successful payment only", async () => {
    expect(await app.services.accounts.recordSuccessfulPayment(account.id)).toBe(true);
    expect(await app.services.accounts.recordSuccessfulPayment(account.id)).toBe(false);
    expect((await app.services.accounts.get(account.id)).mode).toBe("LIVE");
  });
});

describe("the maintained balance", () => {
  it("moves with each entry, in the same transaction, and equals the ledger's sum", async () => {
    const { account: fresh } = await createTestAccount(app);
    const { ledger, db } = app.services;
    await ledger.post({ accountId: fresh.id, kind: "payment", amount: new Decimal("10.25"), description: "Top-up", ref: "payment:m1", at: app.clock.now() });
    await ledger.charge({ accountId: fresh.id, kind: "message", amount: new Decimal("-0.04"), description: "SMS", ref: "sms:m1", at: app.clock.now() });
    // A refused charge moves nothing.
    await expect(
      ledger.charge({ accountId: fresh.id, kind: "rent", amount: new Decimal("-100"), description: "Rent", ref: "rent:m1", at: app.clock.now() }),
    ).rejects.toThrow("does not cover €100.00");
    const row = await db.account.findUniqueOrThrow({ where: { id: fresh.id }, select: { balance: true } });
    expect(row.balance.toString()).toBe("12.21");
    const sum = await db.ledgerEntry.aggregate({ where: { accountId: fresh.id }, _sum: { amount: true } });
    expect(sum._sum.amount?.toString()).toBe("12.21");
    expect((await balanceMismatches(db)).count).toBe(0);
  });

  it("is checked by housekeeping, which reports an account whose balance was changed behind the ledger's back", async () => {
    const { account: edited } = await createTestAccount(app);
    const { db } = app.services;
    const errors: unknown[] = [];
    const log: Logger = Object.assign(Object.create(silentLogger) as Logger, { error: (fields: unknown) => void errors.push(fields) });
    expect((await housekeepingJob(app.services).run(app.clock.now(), log)).balanceMismatches).toBe(0);

    await db.account.update({ where: { id: edited.id }, data: { balance: "1000" } });
    try {
      expect((await housekeepingJob(app.services).run(app.clock.now(), log)).balanceMismatches).toBe(1);
      expect(JSON.stringify(errors)).toContain(edited.id);
      expect((await balanceMismatches(db)).sample).toEqual([{ accountId: edited.id, balance: "1000.000000", ledgerSum: "2.000000" }]);
    } finally {
      await db.account.update({ where: { id: edited.id }, data: { balance: "2" } });
    }
  });
});
