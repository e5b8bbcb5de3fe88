import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Decimal } from "../../src/core/money.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { createTestAccount } from "../helpers/accounts.ts";
import type { AccountRecord } from "../../src/accounts/directory.ts";

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
