// The sweeps' selection queries at scale: with statistics gathered (PGlite gathers none
// by itself), each batch query walks an index instead of a nested loop over full scans,
// which at 100,000 rentals took 45 s a call instead of 10 ms.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { DUE_BATCH_SQL } from "../../src/numbers/rentals-repository.ts";

const ROWS = 20_000;
let app: TestApp;

beforeAll(async () => {
  app = await createTestApp({ now: new Date("2026-03-01T00:00:00Z") });
  const { db } = app.services;
  await db.$executeRawUnsafe(`
    INSERT INTO "Account" (id, "apiKey", "companyName", "contactName", email, "createdAt")
    SELECT 'acc_' || lpad(i::text, 8, '0'), 'k' || i, 'Company', 'Contact', 'c' || i || '@plans.test', '2026-01-01'
    FROM generate_series(1, ${ROWS}) AS i`);
  await db.$executeRawUnsafe(`
    INSERT INTO "NumberRental" (id, "accountId", msisdn, "activeMsisdn", country, type, features, "monthlyPrice", "subscribedAt", "nextRenewalAt")
    SELECT 'num_' || lpad(i::text, 8, '0'), 'acc_' || lpad(i::text, 8, '0'), (447000000000 + i)::text, (447000000000 + i)::text,
           'GB', 'mobile-lvn', ARRAY['SMS'], 0.85, '2026-01-15', CASE WHEN i % 2 = 0 THEN '2026-02-15'::timestamp ELSE '2026-04-15'::timestamp END
    FROM generate_series(1, ${ROWS}) AS i`);
  // What the sweeps do after a bulk change (and housekeeping does hourly on PGlite).
  await app.services.statistics.afterBulkChange(ROWS, ["Account", "NumberRental"]);
}, 240_000);
afterAll(() => app.close());

async function plan(sql: string, ...params: unknown[]): Promise<string> {
  const rows = await app.services.db.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${sql}`, ...params);
  return rows.map((r) => r["QUERY PLAN"]).join("\n");
}

describe("sweep query plans at scale", () => {
  it("the renewals' due batch reads rentals through an index, not a full scan", async () => {
    const now = app.clock.now();
    const text = await plan(DUE_BATCH_SQL, "", String(now.getTime()), 500, now.toISOString());
    expect(text).toMatch(/Index (Only )?Scan using "?NumberRental_\w+"?/);
    expect(text).not.toMatch(/Seq Scan on "?NumberRental"?/);
    const batch = await app.services.db.$queryRawUnsafe<{ id: string }[]>(DUE_BATCH_SQL, "", String(now.getTime()), 500, now.toISOString());
    expect(batch.length).toBe(500);
  });

  it("gathers statistics on the embedded database from housekeeping", async () => {
    const embedded = await app.services.statistics.isEmbedded();
    expect(await app.services.statistics.refreshIfEmbedded()).toBe(embedded);
    const [row] = await app.services.db.$queryRawUnsafe<{ analyzed: boolean }[]>(
      `SELECT last_analyze IS NOT NULL OR last_autoanalyze IS NOT NULL AS analyzed FROM pg_stat_user_tables WHERE relname = 'NumberRental'`,
    );
    expect(row?.analyzed).toBe(true);
  });
});
