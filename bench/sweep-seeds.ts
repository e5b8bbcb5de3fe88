// Set-based seeding for the sweep benchmarks: one statement per table, whatever the count.
// Every tenth account is "below": its balance is €3 against a €10 alert threshold or a
// €5 auto-reload threshold; the others hold €50.
import type { Db } from "../src/data/database.ts";

const acc = `'acc_' || lpad(i::text, 8, '0')`;
// The maintained balance is seeded equal to the one ledger entry, as the ledger leaves it.
const balance = "CASE WHEN i % 10 = 0 THEN 3 ELSE 50 END";

export async function seedAccounts(db: Db, count: number): Promise<void> {
  await db.$executeRawUnsafe(`
    INSERT INTO "Account" (id, "apiKey", "companyName", "contactName", email, balance, "createdAt")
    SELECT ${acc}, lpad(to_hex(i), 8, '0'), 'Company ' || i, 'Contact', 'c' || i || '@bench.test', ${balance}, now() - interval '30 days'
    FROM generate_series(1, ${count}) AS i`);
  await db.$executeRawUnsafe(`
    INSERT INTO "LedgerEntry" (id, "accountId", kind, amount, description, ref, "createdAt")
    SELECT 'led_' || i, ${acc}, 'credit', ${balance}, 'Seed', 'seed', now() - interval '20 days'
    FROM generate_series(1, ${count}) AS i`);
}

export async function seedBalanceAlerts(db: Db, count: number): Promise<void> {
  await db.$executeRawUnsafe(`
    INSERT INTO "BalanceAlert" (id, "accountId", threshold, level, channel, "createdBy", "createdAt")
    SELECT 'al_' || lpad(i::text, 8, '0'), ${acc}, 10, 'warning', 'console:local:ops', 'console:local:operator', now() - interval '10 days'
    FROM generate_series(1, ${count}) AS i`);
}

/** One rental per account, due yesterday (period 1 of a subscription a month ago). */
export async function seedDueRentals(db: Db, count: number): Promise<void> {
  await db.$executeRawUnsafe(`
    INSERT INTO "NumberRental" (id, "accountId", msisdn, "activeMsisdn", country, type, features, "monthlyPrice", "subscribedAt", "nextRenewalAt")
    SELECT 'num_' || lpad(i::text, 8, '0'), ${acc}, (447000000000 + i)::text, (447000000000 + i)::text, 'GB', 'mobile-lvn',
           ARRAY['SMS'], 0.85, date_trunc('day', now()) - interval '1 month 1 day', date_trunc('day', now()) - interval '1 day'
    FROM generate_series(1, ${count}) AS i`);
}

/** Auto-reload on for every account, €20 from a card the simulated processor approves. */
export async function seedAutoReloads(db: Db, count: number): Promise<void> {
  await db.$executeRawUnsafe(`
    INSERT INTO "PaymentMethod" (id, "accountId", kind, processor, "processorToken", brand, last4, "expMonth", "expYear", label, "billingName", "billingAddress", "addedBy", "createdAt")
    SELECT 'pm_' || i, ${acc}, 'card', 'simulated', 'sim_approve_bench' || i, 'Visa', '4242', 12, 2040, 'Visa •••• 4242', 'Bench', '{}'::jsonb, 'console:local:operator', now() - interval '20 days'
    FROM generate_series(1, ${count}) AS i`);
  await db.$executeRawUnsafe(`
    INSERT INTO "AutoReload" ("accountId", enabled, threshold, amount, "methodId", "updatedAt")
    SELECT ${acc}, true, 5, 20, 'pm_' || i, now() - interval '20 days'
    FROM generate_series(1, ${count}) AS i`);
}
