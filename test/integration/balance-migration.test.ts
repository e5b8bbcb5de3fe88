// The migration that adds the maintained balance fills it from each account's ledger, so
// an existing data folder or database opens with balances that match their history.
import { describe, expect, it } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { migrationSteps } from "../helpers/migration-steps.ts";

const BALANCE_MIGRATION = "_account_balance";

describe("the account balance migration", () => {
  it("backfills each account's balance with the sum of its ledger entries", async () => {
    const steps = migrationSteps(BALANCE_MIGRATION);
    const db = new PGlite();
    try {
      await steps.applyBefore(db);
      await db.exec(`
        INSERT INTO "Account" (id, "apiKey", "companyName", "contactName", email) VALUES
          ('acc_a', 'k1', 'A', 'A', 'a@a.test'), ('acc_b', 'k2', 'B', 'B', 'b@b.test'), ('acc_c', 'k3', 'C', 'C', 'c@c.test');
        INSERT INTO "LedgerEntry" (id, "accountId", kind, amount, description, ref, "createdAt") VALUES
          ('l1', 'acc_a', 'credit', 2, 'Free test credit', 'signup-credit', now()),
          ('l2', 'acc_a', 'payment', 20.5, 'Top-up', 'payment:1', now()),
          ('l3', 'acc_a', 'rent', -0.95, 'Rent', 'rent:1:0', now()),
          ('l4', 'acc_b', 'credit', 2, 'Free test credit', 'signup-credit', now()),
          ('l5', 'acc_b', 'message', -2, 'SMS', 'sms:1', now());`);
      await steps.applyFrom(db);
      const { rows } = await db.query<{ id: string; balance: string }>(`SELECT id, balance::text AS balance FROM "Account" ORDER BY id`);
      expect(rows).toEqual([
        { id: "acc_a", balance: "21.550000" },
        { id: "acc_b", balance: "0.000000" },
        { id: "acc_c", balance: "0.000000" },
      ]);
    } finally {
      await db.close();
    }
  }, 120_000);
});
