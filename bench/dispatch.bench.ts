// Commands through the dispatcher, without a chat platform in front: how many a second one
// instance answers for 50 accounts, each with its own user, at 1, 10 and 50 at a time.
// `billing balance` is the read a team runs most; `billing topup 20 confirm:yes` is the
// write (a charge at the simulated processor, a payment, a ledger entry, an invoice, all
// under the account's row lock). PGlite by default; TEST_DATABASE_URL for PostgreSQL.
//   BENCH_REQUESTS=600 (per case), BENCH_ACCOUNTS=50, BENCH_COMMANDS="billing balance,…"
import { randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { createTestDatabase } from "../test/helpers/test-database.ts";
import { buildServices, type Services } from "../src/services.ts";
import { systemClock } from "../src/core/clock.ts";
import { silentLogger } from "../src/platform/logger.ts";
import { SecretBox } from "../src/platform/secret-box.ts";
import { Dispatcher } from "../src/core/commands/dispatcher.ts";
import type { Invocation } from "../src/core/commands/context.ts";
import { plainText, readyFiles } from "../src/core/view.ts";

const quick = process.env.BENCH_QUICK === "1";
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? (quick ? 200 : 600));
const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 50);
const WARMUP = 50;
const database = process.env.TEST_DATABASE_URL ? "PostgreSQL" : "PGlite";
const load = () => loadavg().map((l) => l.toFixed(2)).join(" ");

/** A test card number for account `i`: distinct per account (one card belongs to one account) and Luhn-valid. */
function cardNumber(i: number): string {
  const body = `4111${String(i).padStart(11, "0")}`;
  let sum = 0;
  for (let k = 0; k < body.length; k++) {
    let digit = Number(body[body.length - 1 - k]);
    if (k % 2 === 0) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return body + String((10 - (sum % 10)) % 10);
}

function userOf(i: number): Invocation {
  const workspace = `console:bench${i}`;
  return { surface: "console", actor: `${workspace}:owner`, actorName: `Owner ${i}`, workspace, channel: `${workspace}:general`, canShowForms: false };
}

async function seed(services: Services): Promise<Invocation[]> {
  const users: Invocation[] = [];
  for (let i = 0; i < ACCOUNTS; i++) {
    const user = userOf(i);
    const { account } = await services.accounts.create({
      companyName: `Bench ${i} Ltd`,
      contactName: `Owner ${i}`,
      email: `owner${i}@bench.test`,
      phone: `+4477009${String(10000 + i)}`,
      creator: { address: user.actor, name: user.actorName },
      workspace: user.workspace,
      at: systemClock.now(),
    });
    const address = { name: `Owner ${i}`, line1: "1 Bench Street", city: "London", postalCode: "N1 1AA", country: "GB" };
    const vault = await services.billing.processor.vault({ kind: "card", number: cardNumber(i), expMonth: 12, expYear: 2030, cvc: "123" }, address, systemClock.now());
    if (!vault.ok) throw new Error(`the simulated processor refused card ${i}: ${vault.reason}`);
    const added = await services.billing.methods.add({ accountId: account.id, processor: services.billing.processor.name, vaulted: vault.method, address, addedBy: user.actor, at: systemClock.now() });
    if (!added.ok) throw new Error(`card ${i} was not added: ${added.reason}`);
    users.push(user);
  }
  return users;
}

interface Figures {
  perSecond: number;
  p50: number;
  p99: number;
  failures: number;
}

let firstFailure: string | undefined;

async function drive(dispatcher: Dispatcher, users: Invocation[], text: string, concurrency: number): Promise<Figures> {
  const times: number[] = [];
  let issued = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (issued < REQUESTS) {
        const user = users[issued++ % users.length]!;
        const start = performance.now();
        const result = await dispatcher.dispatch(user, { kind: "text", text });
        // Until the reply's files are drawn too (a balance chart is drawn after the answer):
        // the whole work of a request, as a surface that sends them waits for it.
        await readyFiles(result.reply.files);
        times.push(performance.now() - start);
        if (result.outcome !== "ok") {
          failures++;
          firstFailure ??= `${result.outcome} ${result.code ?? ""}: ${plainText(result.reply.message).slice(0, 160)}`;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!;
  return { perSecond: times.length / seconds, p50: at(50), p99: at(99), failures };
}

const testDb = await createTestDatabase();
const services = buildServices({
  db: testDb.database.prisma,
  clock: systemClock,
  log: silentLogger,
  instanceId: "bench",
  secrets: new SecretBox(randomBytes(32)),
  // Command rate limits live in the chat adapters, in front of the dispatcher: none here.
  settings: { publicUrl: "http://127.0.0.1:3000", devMode: true, inviteTtlDays: 7 },
});
const dispatcher = new Dispatcher(services);
try {
  const users = await seed(services);
  console.log(`Commands through the dispatcher: ${ACCOUNTS} accounts, ${REQUESTS} requests per case after ${WARMUP} warm-up, ${database}, load average ${load()}`);
  console.log(`${"command".padEnd(30)} ${"at once".padStart(7)} ${"per s".padStart(7)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)} failed`);
  for (const text of (process.env.BENCH_COMMANDS ?? "billing balance,billing topup 20 confirm:yes").split(",")) {
    await drive(dispatcher, users, text, 10).then(() => undefined, () => undefined);
    for (const concurrency of [1, 10, 50]) {
      const f = await drive(dispatcher, users, text, concurrency);
      console.log(`${text.padEnd(30)} ${String(concurrency).padStart(7)} ${f.perSecond.toFixed(0).padStart(7)} ${f.p50.toFixed(1).padStart(8)} ${f.p99.toFixed(1).padStart(8)} ${f.failures}`);
    }
  }
  if (firstFailure) console.log(`first failure: ${firstFailure}`);
  console.log(`load average at the end ${load()}`);
} finally {
  await services.actions.settle();
  await testDb.close();
}
