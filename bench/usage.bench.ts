// `usage` over a million message records: the summary a user asks for (7 and 30 days of one
// busy account among a thousand), the search by number, status and text, the whole command
// through the dispatcher, and rendering the charts alone. Seeding is set-based (bench/usage-seed.ts:
// one INSERT … SELECT … FROM generate_series for the records, one GROUP BY for their roll-ups),
// so it takes a minute or two, not an hour. Runs on an in-memory PGlite, or on a fresh
// database of the PostgreSQL server named by TEST_DATABASE_URL (dropped afterwards).
import { randomBytes } from "node:crypto";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { createTestDatabase } from "../test/helpers/test-database.ts";
import { buildServices } from "../src/services.ts";
import { systemClock } from "../src/core/clock.ts";
import { silentLogger } from "../src/platform/logger.ts";
import { SecretBox } from "../src/platform/secret-box.ts";
import { Dispatcher } from "../src/core/commands/dispatcher.ts";
import { Decimal } from "../src/core/money.ts";
import { resolvePeriod } from "../src/usage/usage-period.ts";
import { renderChart } from "../src/charts/chart-renderer.ts";
import { usageChartSpec } from "../src/charts/usage-chart.ts";
import { balanceChartSpec } from "../src/charts/balance-chart.ts";
import { measureLatency } from "./measure-latency.ts";
import { BUSY_SHARE, seedUsageRecords } from "./usage-seed.ts";

const RECORDS = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 40);
const DAYS = 90;

const measure = (label: string, fn: () => Promise<unknown>, iterations = ITERATIONS) =>
  measureLatency(label, fn, { iterations, warmup: 3, digits: 1, labelWidth: 52 });

console.log(`load average: ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} on ${os.cpus().length} cores`);
const testDb = await createTestDatabase();
const database = testDb.database;
const db = database.prisma;
console.log(`database: ${database.kind === "postgres" ? "PostgreSQL (TEST_DATABASE_URL)" : "PGlite in memory"}`);
const services = buildServices({
  db,
  clock: systemClock,
  log: silentLogger,
  instanceId: "bench",
  secrets: new SecretBox(randomBytes(32)),
  settings: { publicUrl: "http://127.0.0.1:3000", devMode: true, inviteTtlDays: 7 },
});
const operator = { surface: "console" as const, actor: "console:local:operator", actorName: "Bench", workspace: "console:local", channel: "console:local:console", canShowForms: false };
const now = new Date();
const { account } = await services.accounts.create({
  companyName: "Bench Ltd",
  contactName: "Bench",
  email: "bench@example.test",
  phone: "+447700900001",
  creator: { address: operator.actor, name: "Bench" },
  workspace: operator.workspace,
  at: new Date(now.getTime() - DAYS * 86_400_000),
});
await services.ledger.post({ accountId: account.id, kind: "payment", amount: new Decimal(5000), description: "Bench", ref: "payment:bench", at: new Date(now.getTime() - DAYS * 86_400_000) });

const seeded = performance.now();
await seedUsageRecords(db, { records: RECORDS, days: DAYS, busyAccountId: account.id, now });
const busy = await db.messageRecord.count({ where: { accountId: account.id } });
const busyFailed = await db.messageRecord.count({ where: { accountId: account.id, status: "failed" } });
const rollupRows = await db.messageUsageDay.count();
const numberRows = await db.messageNumberDay.count();
console.log(`seeded ${RECORDS.toLocaleString("en")} records and their roll-ups in ${((performance.now() - seeded) / 1000).toFixed(1)} s (set-based); one record in ${BUSY_SHARE} is the busy account's: ${busy.toLocaleString("en")} over ${DAYS} days, ${busyFailed.toLocaleString("en")} of them failed`);
console.log(`roll-ups: ${rollupRows.toLocaleString("en")} daily rows, ${numberRows.toLocaleString("en")} per-number rows (all accounts)`);
console.log(`${ITERATIONS} runs each after 3 warm-up runs\n`);

const records = services.usage.records;
const week = resolvePeriod(now, "7d");
const month = resolvePeriod(now, "30d");
console.log("queries (the records repository; what `usage` and `usage search` ask the database):");
await measure("summary, 7 days (~15,500 records)", () => records.summary(account.id, week));
await measure("summary, 30 days (~66,700 records)", () => records.summary(account.id, month));
const hours = { from: new Date(month.from.getTime() + 5 * 3_600_000), to: new Date(now.getTime() - 3_600_000), label: "part days" };
await measure("summary, 30 days starting and ending mid-day", () => records.summary(account.id, hours));
await measure("totals of the previous 7 days", () => records.totals(account.id, resolvePeriod(new Date(now.getTime() - 7 * 86_400_000), "7d")));
await measure("search to:+447700900123, page 1", () => records.search(account.id, { to: "+447700900123" }, { offset: 0, size: 8 }));
await measure("search status:failed, page 1", () => records.search(account.id, { status: "failed" }, { offset: 0, size: 8 }));
await measure("search to:+447700900123 over 30 days, page 1", () => records.search(account.id, { to: "+447700900123", since: month.from }, { offset: 0, size: 8 }));
await measure("search text:\"code is 42\" since 7 days", () => records.search(account.id, { text: "code is 42", since: week.from }, { offset: 0, size: 8 }));

console.log("\ncharts alone (Vega-Lite → SVG → PNG, 800×400):");
const summary = await records.summary(account.id, month);
const currency = { code: "EUR", symbol: "€", convert: (v: Decimal.Value) => new Decimal(v) };
await measure("spend chart, 30 days by country", () => renderChart(usageChartSpec(summary.daily, month, currency, "Bench")), 20);
const points = Array.from({ length: 30 }, (_, i) => ({ day: new Date(now.getTime() - (29 - i) * 86_400_000).toISOString().slice(0, 10), balance: new Decimal(500 - i * 10) }));
await measure("balance chart, 30 days with projection", () => renderChart(balanceChartSpec({ points, projection: points.slice(-1), threshold: new Decimal(100), currency, title: "Bench", subtitle: "" })), 20);

console.log("\nwhole command through the dispatcher (queries, reply, chart):");
const dispatcher = new Dispatcher(services);
await measure("usage (7 days, with its chart)", () => dispatcher.dispatch(operator, { kind: "text", text: "usage" }), 20);
await measure("usage 30d (with its chart)", () => dispatcher.dispatch(operator, { kind: "text", text: "usage 30d" }), 20);
await measure("usage search to:+447700900123", () => dispatcher.dispatch(operator, { kind: "text", text: "usage search to:+447700900123" }), 20);
await measure("usage search status:failed", () => dispatcher.dispatch(operator, { kind: "text", text: "usage search status:failed" }), 20);
await measure("usage search status:failed page:50", () => dispatcher.dispatch(operator, { kind: "text", text: "usage search status:failed page:50" }), 20);

console.log("\nwrites (the busy account's, with their roll-up increments):");
let written = 0;
const record = () => ({
  id: `sms_bench_write_${written++}`, accountId: account.id, product: "sms" as const, direction: "outbound" as const, from: "Switchboard", to: "+447700900123",
  country: "GB", parts: 1, price: new Decimal("0.04"), status: "submitted", demo: false, text: "Your code is 1", createdAt: new Date(),
});
await measure("add a record (one statement)", () => records.add(record()), 20);
await measure("add a record, then its delivery receipt", async () => {
  const r = record();
  await records.add(r);
  await records.changeStatus(account.id, r.id, { status: "delivered", receiptAt: new Date() });
}, 20);

console.log(`\nload average at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} (database: ${database.kind === "postgres" ? "PostgreSQL" : "PGlite"}, ${RECORDS.toLocaleString("en")} records)`);
await testDb.close();
