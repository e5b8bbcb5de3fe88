// `usage` over a million message records: the summary a user asks for (7 and 30 days of one
// busy account among a thousand), the search by number and by text, the whole command
// through the dispatcher, and rendering the charts alone. Seeding is one set-based INSERT
// (generate_series), so it takes seconds, not an hour. Runs on an in-memory PGlite, or on a
// fresh database of the PostgreSQL server named by TEST_DATABASE_URL (dropped afterwards).
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

const RECORDS = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 40);
/** One record in five belongs to the busy account; the rest to 999 others. */
const BUSY_SHARE = 5;
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
// Every column from the row number: accounts, times spread over 90 days, 7 countries, 5,000
// destination numbers, 5% failed and 2% awaiting a receipt, one message in ten of two parts.
await db.$executeRawUnsafe(
  `INSERT INTO "MessageRecord" (id, "accountId", product, direction, "from", "to", country, network, "networkName", parts, price, status, "failureReason", demo, text, "createdAt", "receiptAt")
   SELECT 'sms_bench_' || g,
          CASE WHEN g % ${BUSY_SHARE} = 0 THEN $1 ELSE 'acc_bench_' || (g % 999) END,
          'sms',
          CASE WHEN g % 50 = 0 THEN 'inbound' ELSE 'outbound' END,
          'Switchboard',
          '+4477009' || lpad((g % 5000)::text, 5, '0'),
          (ARRAY['GB','DE','FR','US/CA','ES','IT','NL'])[1 + g % 7],
          '23410', 'O2 UK',
          1 + (g % 10 = 0)::int,
          CASE WHEN g % 50 = 0 THEN 0 ELSE 0.04 * (1 + (g % 10 = 0)::int) END,
          CASE WHEN g % 50 = 0 THEN 'received' WHEN g % 100 < 5 THEN 'failed' WHEN g % 100 < 7 THEN 'submitted' ELSE 'delivered' END,
          CASE WHEN g % 100 < 5 AND g % 50 <> 0 THEN 'Absent subscriber (2): the phone is off or out of coverage' END,
          false,
          'Your code is ' || (g % 10000),
          $2::timestamp - make_interval(secs => (g % (${DAYS} * 86400))::double precision),
          $2::timestamp - make_interval(secs => (g % (${DAYS} * 86400))::double precision) + interval '3 seconds'
   FROM generate_series(1, ${RECORDS}) AS g`,
  account.id,
  now,
);
await db.$executeRawUnsafe(`ANALYZE "MessageRecord"`);
const busy = await db.messageRecord.count({ where: { accountId: account.id } });
console.log(`seeded ${RECORDS.toLocaleString("en")} records in ${((performance.now() - seeded) / 1000).toFixed(1)} s (set-based); the busy account has ${busy.toLocaleString("en")} over ${DAYS} days`);
console.log(`${ITERATIONS} runs each after 3 warm-up runs\n`);

const records = services.usage.records;
const week = resolvePeriod(now, "7d");
const month = resolvePeriod(now, "30d");
console.log("queries (the records repository; what `usage` and `usage search` ask the database):");
await measure("summary, 7 days (~15,500 records)", () => records.summary(account.id, week));
await measure("summary, 30 days (~66,700 records)", () => records.summary(account.id, month));
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

console.log(`\nload average at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} (database: ${database.kind === "postgres" ? "PostgreSQL" : "PGlite"}, ${RECORDS.toLocaleString("en")} records)`);
await testDb.close();
