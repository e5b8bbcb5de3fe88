// A fresh database per test file: an in-memory PGlite by default, or a new database on
// the PostgreSQL server named by TEST_DATABASE_URL (CI sets it), dropped afterwards.
import pg from "pg";
import { randomBytes } from "node:crypto";
import { openDatabase, type Database, type DatabaseTarget, type Db } from "../../src/data/database.ts";
import { balanceMismatches } from "../../src/billing/ledger-audit.ts";

export const usingPostgres = Boolean(process.env.TEST_DATABASE_URL);

export interface TestDatabase {
  database: Database;
  target: DatabaseTarget;
  close(): Promise<void>;
}

export async function createTestDatabaseTarget(): Promise<{ target: DatabaseTarget; drop(): Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) return { target: { kind: "pglite", dataDir: "memory://" }, drop: async () => {} };
  const name = `sb_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    target: { kind: "postgres", url: url.toString() },
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const { target, drop } = await createTestDatabaseTarget();
  const database = await openDatabase(target);
  return {
    database,
    target,
    async close() {
      try {
        await assertBalancesMatchLedger(database.prisma);
      } finally {
        await database.close();
        await drop();
      }
    },
  };
}

/**
 * Every test database is checked when it closes: after whatever flows a test file ran,
 * each account's maintained balance must equal its ledger's sum.
 */
export async function assertBalancesMatchLedger(db: Db): Promise<void> {
  const { count, sample } = await balanceMismatches(db);
  if (count > 0) throw new Error(`${count} maintained balance(s) differ from the ledger: ${JSON.stringify(sample)}`);
}
