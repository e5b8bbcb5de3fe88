// The usage queries' plans at scale, for the statements exactly as Prisma sends them and with
// the generic plan (plan_cache_mode = force_generic_plan: what a prepared statement gets
// after five runs, when the planner no longer looks at the parameters' values). The failure
// search must walk the status index in its order (no sort of every failed record), and the
// summary must read the roll-up, not the period's records.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database.ts";
import { PrismaClient } from "../../src/generated/prisma/client.ts";
import { MessageRecords } from "../../src/usage/message-records.ts";
import { resolvePeriod } from "../../src/usage/usage-period.ts";
import { seedUsageRecords } from "../../bench/usage-seed.ts";

const RECORDS = 30_000;
const NOW = new Date("2026-03-20T15:45:00Z");
const BUSY = "acc_plans_busy";

let testDb: TestDatabase;
/** A second client on the same database that reports each statement it sends. */
let logged: PrismaClient<"query">;
const sent: { query: string; params: string }[] = [];

beforeAll(async () => {
  testDb = await createTestDatabase();
  await seedUsageRecords(testDb.database.prisma, { records: RECORDS, days: 90, busyAccountId: BUSY, now: NOW });
  logged = new PrismaClient({ adapter: testDb.database.adapterFactory, log: [{ emit: "event" as const, level: "query" as const }] });
  logged.$on("query", (e) => sent.push({ query: e.query, params: e.params }));
}, 240_000);
afterAll(async () => {
  await logged?.$disconnect();
  await testDb.close();
});

/** The statements `work` sends through the logging client. */
async function statementsOf(work: (records: MessageRecords) => Promise<unknown>) {
  sent.length = 0;
  await work(new MessageRecords(logged as never));
  return sent.splice(0);
}

/** EXPLAIN of the statement prepared with parameters and run with the generic plan. */
async function genericPlan(statement: { query: string; params: string }): Promise<string> {
  const params = (JSON.parse(statement.params) as unknown[]).map((p) => (typeof p === "string" ? `'${p.replace(/'/g, "''")}'` : String(p)));
  const db = testDb.database.prisma;
  // One transaction: the setting and the prepared statement live on its one connection.
  return db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SET LOCAL plan_cache_mode = force_generic_plan`);
    await tx.$executeRawUnsafe(`PREPARE usage_plan AS ${statement.query}`);
    const rows = await tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN EXECUTE usage_plan(${params.join(", ")})`);
    await tx.$executeRawUnsafe(`DEALLOCATE usage_plan`);
    return rows.map((r) => r["QUERY PLAN"]).join("\n");
  });
}

describe("usage query plans", () => {
  it("search status:failed (its page and its capped count) walks the status index in order, sorting nothing", async () => {
    const statements = await statementsOf((records) => records.search(BUSY, { status: "failed" }, { offset: 80, size: 8 }));
    expect(statements).toHaveLength(2);
    for (const statement of statements) {
      const plan = await genericPlan(statement);
      expect(plan, statement.query).toMatch(/Index (Only )?Scan using "?MessageRecord_accountId_status_createdAt_id_idx"?/);
      expect(plan, statement.query).not.toMatch(/Sort|Seq Scan/);
    }
    const found = await new MessageRecords(testDb.database.prisma).search(BUSY, { status: "failed" }, { offset: 0, size: 8 });
    // The busy account has its share of failures (the seed gives every account 5%).
    expect(found.records).toHaveLength(8);
    expect(found.total).toBeGreaterThan(200);
  });

  it("the summary of 30 days reads the roll-ups by their keys and no period of records", async () => {
    const statements = await statementsOf((records) => records.summary(BUSY, resolvePeriod(NOW, "30d")));
    expect(statements).toHaveLength(1);
    const plan = await genericPlan(statements[0]!);
    expect(plan).toMatch(/Index Scan using "?MessageUsageDay_pkey"?|Bitmap Index Scan on "?MessageUsageDay_pkey"?/);
    expect(plan).toMatch(/Index Scan using "?MessageNumberDay_pkey"?|Bitmap Index Scan on "?MessageNumberDay_pkey"?/);
    expect(plan).not.toMatch(/Seq Scan/);
  });
});
