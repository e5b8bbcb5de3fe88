// The hourly balance check over many accounts: throughput and memory. The sweep reads
// accounts in batches behind a cursor, so its heap should stay flat as the number of
// accounts grows. Seeds BENCH_ACCOUNTS accounts (default 2,000) with one threshold each,
// a tenth of them below it, on an in-memory PGlite or on TEST_DATABASE_URL's server.
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { createTestDatabase } from "../test/helpers/test-database.ts";
import { buildServices } from "../src/services.ts";
import { systemClock } from "../src/core/clock.ts";
import { silentLogger } from "../src/platform/logger.ts";
import { SecretBox } from "../src/platform/secret-box.ts";

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 2000);

const testDb = await createTestDatabase();
const db = testDb.database.prisma;
const services = buildServices({
  db,
  clock: systemClock,
  log: silentLogger,
  instanceId: "bench",
  secrets: new SecretBox(randomBytes(32)),
  settings: { publicUrl: "http://127.0.0.1:3000", devMode: false, inviteTtlDays: 7 },
});

const seedStart = performance.now();
// Set-based seeding: one statement per table, whatever the count. The maintained balance
// is seeded equal to the one ledger entry, as the ledger would have left it.
await db.$executeRawUnsafe(`
  INSERT INTO "Account" (id, "apiKey", "companyName", "contactName", email, balance, "createdAt")
  SELECT 'acc_' || lpad(i::text, 8, '0'), lpad(to_hex(i), 8, '0'), 'Company ' || i, 'Contact', 'c' || i || '@bench.test', CASE WHEN i % 10 = 0 THEN 3 ELSE 50 END, now() - interval '30 days'
  FROM generate_series(1, ${ACCOUNTS}) AS i`);
await db.$executeRawUnsafe(`
  INSERT INTO "LedgerEntry" (id, "accountId", kind, amount, description, ref, "createdAt")
  SELECT 'led_' || i, 'acc_' || lpad(i::text, 8, '0'), 'credit', CASE WHEN i % 10 = 0 THEN 3 ELSE 50 END, 'Seed', 'seed', now() - interval '20 days'
  FROM generate_series(1, ${ACCOUNTS}) AS i`);
await db.$executeRawUnsafe(`
  INSERT INTO "BalanceAlert" (id, "accountId", threshold, level, channel, "createdBy", "createdAt")
  SELECT 'al_' || i, 'acc_' || lpad(i::text, 8, '0'), 10, 'warning', 'console:local:ops', 'console:local:operator', now() - interval '10 days'
  FROM generate_series(1, ${ACCOUNTS}) AS i`);
console.log(`seeded ${ACCOUNTS} accounts in ${((performance.now() - seedStart) / 1000).toFixed(1)} s (${testDb.database.kind})`);

const heapBefore = process.memoryUsage().heapUsed;
const start = performance.now();
const stats = await services.alerts.balance.checkAll(new Date(), silentLogger);
const seconds = (performance.now() - start) / 1000;

console.log(`checked ${stats.accountsChecked} accounts in ${seconds.toFixed(2)} s: ${(stats.accountsChecked / seconds).toFixed(0)} accounts/s`);
console.log(`alerts posted: ${stats.alertsPosted}, failures: ${stats.failures}`);
// PGlite answers without yielding to timers, so a sampling interval would never fire:
// report the heap after the sweep and the process's peak resident size instead.
const heapAfter = process.memoryUsage().heapUsed;
console.log(`heap: ${(heapBefore / 1e6).toFixed(1)} MB before, ${(heapAfter / 1e6).toFixed(1)} MB after; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);

const again = performance.now();
const second = await services.alerts.balance.checkAll(new Date(), silentLogger);
console.log(`second sweep (nothing new to post): ${second.alertsPosted} posted in ${((performance.now() - again) / 1000).toFixed(2)} s`);
await testDb.close();
