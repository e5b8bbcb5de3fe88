// Search latency of the computed sandbox inventory, through the sandbox number provider
// (inventory walk + the query for rented numbers) and through the whole command path.
// Runs on an in-memory PGlite with a few thousand numbers already rented, or on a fresh
// database of the PostgreSQL server named by TEST_DATABASE_URL (dropped afterwards).
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { createTestDatabase } from "../test/helpers/test-database.ts";
import { buildServices } from "../src/services.ts";
import { systemClock } from "../src/core/clock.ts";
import { silentLogger } from "../src/platform/logger.ts";
import { SecretBox } from "../src/platform/secret-box.ts";
import { Dispatcher } from "../src/core/commands/dispatcher.ts";
import { Decimal } from "../src/core/money.ts";
import { newId } from "../src/core/ids.ts";
import { SandboxInventory } from "../src/numbers/inventory/sandbox-inventory.ts";
import type { NumberSearchQuery } from "../src/providers/number-provider.ts";
import { measureLatency } from "./measure-latency.ts";

const quick = process.env.BENCH_QUICK === "1";
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? (quick ? 30 : 200));
const RENTED = Number(process.env.BENCH_RENTED ?? (quick ? 1000 : 5000));

const measure = (label: string, fn: () => Promise<unknown>) =>
  measureLatency(label, fn, { iterations: ITERATIONS, warmup: 20, digits: 2, labelWidth: 58 });

const built = performance.now();
const inventory = new SandboxInventory();
const buildMs = performance.now() - built;
const counted = performance.now();
const size = inventory.size();
console.log(`inventory: ${size.toLocaleString("en")} numbers in ${inventory.countryCodes().length} countries (laid out in ${buildMs.toFixed(1)} ms, counted in ${(performance.now() - counted).toFixed(0)} ms)`);

const testDb = await createTestDatabase();
const database = testDb.database;
console.log(`database: ${database.kind === "postgres" ? "PostgreSQL (TEST_DATABASE_URL)" : "PGlite in memory"}`);
const services = buildServices({
  db: database.prisma,
  clock: systemClock,
  log: silentLogger,
  instanceId: "bench",
  secrets: new SecretBox(randomBytes(32)),
  settings: { publicUrl: "http://127.0.0.1:3000", devMode: true, inviteTtlDays: 7 },
});
const operator = { surface: "console" as const, actor: "console:local:operator", actorName: "Bench", workspace: "console:local", channel: "console:local:console", canShowForms: false };
const { account } = await services.accounts.create({
  companyName: "Bench Ltd",
  contactName: "Bench",
  email: "bench@example.test",
  phone: "+447700900001",
  creator: { address: operator.actor, name: "Bench" },
  workspace: operator.workspace,
  at: new Date(),
});
await services.ledger.post({ accountId: account.id, kind: "payment", amount: new Decimal(1000), description: "Bench", ref: "payment:bench", at: new Date() });

// Rent a few thousand GB mobile numbers straight into the table (other accounts' rentals, in effect).
const provider = services.numberProviders.for(account);
const toRent = inventory.search({ country: "GB", type: "mobile-lvn", page: 1, pageSize: RENTED }, new Set()).numbers;
const now = new Date();
for (let i = 0; i < toRent.length; i += 500) {
  await database.prisma.numberRental.createMany({
    data: toRent.slice(i, i + 500).map((n) => ({
      id: newId("num"),
      accountId: account.id,
      msisdn: n.msisdn,
      activeMsisdn: n.msisdn,
      country: n.country,
      type: n.type,
      features: n.features,
      monthlyPrice: n.monthlyPrice.toString(),
      subscribedAt: now,
      nextRenewalAt: now,
    })),
  });
}
console.log(`rented: ${toRent.length.toLocaleString("en")} GB mobile numbers; ${ITERATIONS} runs per search after 20 warm-up runs\n`);

const searches: [string, Omit<NumberSearchQuery, "pageSize">][] = [
  ["GB mobile-lvn containing 77 (page 1)", { country: "GB", type: "mobile-lvn", pattern: "77", match: "contains", page: 1 }],
  ["GB mobile-lvn, no filter", { country: "GB", type: "mobile-lvn", page: 1 }],
  ["US any type starting with 1212", { country: "US", pattern: "1212", match: "starts", page: 1 }],
  ["DE landline ending in 00", { country: "DE", type: "landline", pattern: "00", match: "ends", page: 1 }],
  ["FR any type with SMS, page 200", { country: "FR", features: ["SMS"], page: 200 }],
  ["US mobile-lvn with MMS containing 2026", { country: "US", type: "mobile-lvn", features: ["MMS"], pattern: "2026", match: "contains", page: 1 }],
];
console.log("provider.search (inventory walk + rented-numbers query; the GB mobile searches skip the rented ones):");
for (const [label, query] of searches) await measure(label, () => provider.search(account, { ...query, pageSize: 10 }));
console.log("\ninventory only (no database):");
for (const [label, query] of searches.slice(0, 3)) await measure(label, async () => inventory.search({ ...query, pageSize: 10 }, new Set()));

console.log("\nwhole command through the dispatcher (parse, account, permissions, search, reply, button refs):");
const dispatcher = new Dispatcher(services);
await measure("numbers search GB type:mobile-lvn pattern:77", () => dispatcher.dispatch(operator, { kind: "text", text: "numbers search GB type:mobile-lvn pattern:77" }));

await testDb.close();
