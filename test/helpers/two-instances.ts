// Two Switchboard instances on one database: two Prisma clients (two connection pools on
// PostgreSQL) and two Services with their own instance ids, sharing a manual clock.
import { randomBytes } from "node:crypto";
import { ManualClock } from "../../src/core/clock.ts";
import { openDatabase, type Database } from "../../src/data/database.ts";
import { buildServices, type Services } from "../../src/services.ts";
import { SecretBox } from "../../src/platform/secret-box.ts";
import { silentLogger } from "../../src/platform/logger.ts";
import { assertBalancesMatchLedger, createTestDatabaseTarget } from "./test-database.ts";

export interface TwoInstances {
  clock: ManualClock;
  a: Services;
  b: Services;
  close(): Promise<void>;
}

export async function startTwoInstances(now = new Date("2026-01-15T10:00:00Z")): Promise<TwoInstances> {
  const { target, drop } = await createTestDatabaseTarget();
  if (target.kind !== "postgres") throw new Error("two instances need TEST_DATABASE_URL (one PostgreSQL server)");
  const clock = new ManualClock(now);
  const secrets = new SecretBox(randomBytes(32));
  const databases: Database[] = [];
  const services = async (instanceId: string) => {
    const database = await openDatabase(target);
    databases.push(database);
    const settings = { publicUrl: "http://127.0.0.1:3000", devMode: true, inviteTtlDays: 7 };
    return buildServices({ db: database.prisma, clock, log: silentLogger, instanceId, secrets, settings });
  };
  const a = await services("instance-a");
  const b = await services("instance-b");
  return {
    clock,
    a,
    b,
    async close() {
      try {
        await assertBalancesMatchLedger(databases[0]!.prisma);
      } finally {
        for (const database of databases) await database.close();
        await drop();
      }
    },
  };
}
