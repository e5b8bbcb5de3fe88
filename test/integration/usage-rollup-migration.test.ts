// The migration that adds the usage roll-ups fills them from the records already written,
// so an existing data folder or database opens with summaries that match its records.
import { describe, expect, it } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { migrationSteps } from "../helpers/migration-steps.ts";

const ROLLUP_MIGRATION = "_usage_rollup";

describe("the usage roll-up migration", () => {
  it("back-fills the daily and per-number roll-ups from the existing message records", async () => {
    const steps = migrationSteps(ROLLUP_MIGRATION);
    const db = new PGlite();
    try {
      await steps.applyBefore(db);
      // Two accounts, two days, a failure with and one without a reason, an inbound message.
      await db.exec(`
        INSERT INTO "MessageRecord" (id, "accountId", product, direction, "from", "to", country, parts, price, status, "failureReason", text, "createdAt") VALUES
          ('m1', 'acc_a', 'sms', 'outbound', 'Switchboard', '+447700900001', 'GB', 1, 0.04, 'delivered', NULL, 'a', '2026-01-10 23:59:59.999'),
          ('m2', 'acc_a', 'sms', 'outbound', 'Switchboard', '+447700900001', 'GB', 2, 0.08, 'delivered', NULL, 'b', '2026-01-10 08:00:00'),
          ('m3', 'acc_a', 'sms', 'outbound', 'Switchboard', '+447700900002', 'GB', 1, 0.04, 'failed', 'Handset busy (7)', 'c', '2026-01-11 00:00:00'),
          ('m4', 'acc_a', 'sms', 'outbound', 'Switchboard', '+4915112345678', 'DE', 1, 0.09, 'failed', NULL, 'd', '2026-01-11 10:00:00'),
          ('m5', 'acc_a', 'sms', 'inbound', '+447700900003', '+447451290774', 'GB', 1, 0, 'received', NULL, 'e', '2026-01-11 11:00:00'),
          ('m6', 'acc_b', 'sms', 'outbound', 'Switchboard', '+447700900001', 'GB', 1, 0.04, 'submitted', NULL, 'f', '2026-01-11 12:00:00');`);
      await steps.applyFrom(db);
      const days = await db.query<{ row: string }>(`
        SELECT concat_ws('|', "accountId", day, direction, country, status, "failureReason", messages, parts, cost) AS row
        FROM "MessageUsageDay" ORDER BY 1`);
      expect(days.rows.map((r) => r.row)).toEqual([
        "acc_a|2026-01-10|outbound|GB|delivered||2|3|0.120000",
        "acc_a|2026-01-11|inbound|GB|received||1|1|0.000000",
        "acc_a|2026-01-11|outbound|DE|failed||1|1|0.090000",
        "acc_a|2026-01-11|outbound|GB|failed|Handset busy (7)|1|1|0.040000",
        "acc_b|2026-01-11|outbound|GB|submitted||1|1|0.040000",
      ]);
      const numbers = await db.query<{ row: string }>(`SELECT concat_ws('|', "accountId", day, "to", messages, cost) AS row FROM "MessageNumberDay" ORDER BY 1`);
      expect(numbers.rows.map((r) => r.row)).toEqual([
        "acc_a|2026-01-10|+447700900001|2|0.120000",
        "acc_a|2026-01-11|+447700900002|1|0.040000",
        "acc_a|2026-01-11|+4915112345678|1|0.090000",
        "acc_b|2026-01-11|+447700900001|1|0.040000",
      ]);
    } finally {
      await db.close();
    }
  }, 120_000);
});
