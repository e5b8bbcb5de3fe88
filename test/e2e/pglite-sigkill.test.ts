// SIGKILL on the embedded default (PGlite), in the middle of a renewal sweep, an
// auto-reload sweep, a top-up and an alert dispatch. A real child process (test/fixtures/
// fault-process.ts: the app's own startApp on a PGlite data folder) is stopped at a point
// seen from the outside, killed with SIGKILL, and started again on the same folder with its
// clock past the lease. What must hold: the folder opens (PostgreSQL's crash recovery
// replays the committed WAL and drops the transaction the kill cut short), every rental is
// charged once for its period, every reload and top-up is charged and credited once, every
// alert is posted once. Waits are on log lines and on the fake Slack API's calls, never on
// time; the children are killed whatever the outcome (spawn.ts).
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { ChildProcess } from "node:child_process";
import { openDatabase, type Database } from "../../src/data/database.ts";
import { JOB_LEASE_MS } from "../../src/jobs/job-runner.ts";
import { collect, spawnEntry, tempDataDir, waitForLine } from "../helpers/spawn.ts";
import { FakeSlackApi } from "../helpers/slack-fake-api.ts";
import { assertBalancesMatchLedger } from "../helpers/test-database.ts";
import { seedAccounts, seedAutoReloads, seedDueRentals } from "../../bench/sweep-seeds.ts";

const ENTRY = "test/fixtures/fault-process.ts";
const KEY = randomBytes(32).toString("base64");
const MINUTE = 60_000;

let fake: FakeSlackApi;
beforeAll(async () => {
  fake = await new FakeSlackApi().start();
});
afterAll(() => fake.close());

let open: Database | undefined;
afterEach(async () => {
  await open?.close();
  open = undefined;
});

/** Opens the data folder in this process, as a restarted Switchboard would. */
async function openFolder(dataDir: string): Promise<Database> {
  open = await openDatabase({ kind: "pglite", dataDir: path.join(dataDir, "pglite") });
  return open;
}

async function closeFolder(): Promise<void> {
  await open?.close();
  open = undefined;
}

async function seed(dataDir: string, work: (db: Database["prisma"]) => Promise<void>): Promise<void> {
  const database = await openFolder(dataDir);
  await work(database.prisma);
  await closeFolder();
}

function start(dataDir: string, work: string, now: Date, extra: Record<string, string> = {}): ChildProcess {
  return spawnEntry(ENTRY, { DATA_DIR: dataDir, FAULT_WORK: work, FAULT_NOW: now.toISOString(), SWITCHBOARD_ENCRYPTION_KEY: KEY, PORT: "0", ...extra });
}

async function kill(child: ChildProcess): Promise<void> {
  const done = collect(child);
  child.kill("SIGKILL");
  expect(await done).toMatchObject({ signal: "SIGKILL" });
}

/** Starts the work again on the same folder and lets it finish; returns its outcome line. */
async function restart(dataDir: string, work: string, now: Date, extra: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const child = start(dataDir, work, now, extra);
  const done = collect(child);
  const line = await waitForLine(child, /fault: work done/);
  const result = await done;
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(line).outcome as Record<string, unknown>;
}

describe("SIGKILL on the embedded database", () => {
  it("in the middle of a renewal sweep: the cut batch is rolled back, the rest charged once after the restart", async () => {
    const dataDir = tempDataDir();
    const RENTALS = 1_100; // batches of 500: the kill lands inside the second
    await seed(dataDir, async (db) => {
      await seedAccounts(db, RENTALS);
      await seedDueRentals(db, RENTALS);
    });
    const now = new Date();

    const child = start(dataDir, "renewals", now, { FAULT_HOLD_AT: "2" });
    const held = JSON.parse(await waitForLine(child, /fault: holding inside a renewal batch/)) as { rents: number };
    expect(held.rents).toBe(500);
    // While it lives, nobody else may open its folder (two writers lose each other's writes).
    await expect(openDatabase({ kind: "pglite", dataDir: path.join(dataDir, "pglite") })).rejects.toThrow(`in use by another Switchboard process (pid ${child.pid})`);
    await kill(child);

    // The folder opens; the first batch is there, the second (written, not committed) is not.
    let db = (await openFolder(dataDir)).prisma;
    expect(await db.ledgerEntry.count({ where: { kind: "rent" } })).toBe(500);
    expect(await db.numberRental.count({ where: { periodsPaid: { gt: 1 } } })).toBe(500);
    const run = await db.jobRun.findFirstOrThrow({ where: { job: "renewals" }, select: { finishedAt: true, cursor: true } });
    expect(run).toEqual({ finishedAt: null, cursor: "num_00000500" });
    await assertBalancesMatchLedger(db);
    await closeFolder();

    const outcome = await restart(dataDir, "renewals", new Date(now.getTime() + JOB_LEASE_MS + MINUTE));
    expect(outcome).toMatchObject({ state: "ran", resumed: { from: "num_00000500", outcome: "ran" } });

    db = (await openFolder(dataDir)).prisma;
    const rents = await db.ledgerEntry.groupBy({ by: ["ref"], where: { kind: "rent" }, _count: { _all: true } });
    expect(rents).toHaveLength(RENTALS);
    expect(rents.every((r) => r._count._all === 1)).toBe(true);
    expect(await db.numberRental.count({ where: { periodsPaid: 2, releasedAt: null } })).toBe(RENTALS);
    expect(await db.jobRun.count({ where: { job: "renewals", finishedAt: null } })).toBe(0);
    await assertBalancesMatchLedger(db);
  }, 300_000);

  it("in the middle of an auto-reload sweep: each reload is charged and credited once after the restart", async () => {
    const dataDir = tempDataDir();
    const ACCOUNTS = 8;
    await seed(dataDir, async (db) => {
      await seedAccounts(db, ACCOUNTS);
      await seedAutoReloads(db, ACCOUNTS);
      // Everyone below the €5 threshold.
      await db.$executeRawUnsafe(`UPDATE "Account" SET balance = 3`);
      await db.$executeRawUnsafe(`UPDATE "LedgerEntry" SET amount = 3`);
    });
    const now = new Date();

    const child = start(dataDir, "auto-reload", now, { FAULT_HOLD_AT: "4" });
    await waitForLine(child, /fault: holding after the processor charged a reload/);
    await kill(child);

    let db = (await openFolder(dataDir)).prisma;
    const before = await db.payment.findMany({ orderBy: { accountId: "asc" }, select: { accountId: true, status: true, creditedAt: true } });
    // The batch started all eight reloads in one statement and asked the processor about
    // each; Switchboard died (at the fourth answer) before it recorded any of them.
    expect(before.map((p) => [p.accountId, p.status, p.creditedAt])).toEqual(
      Array.from({ length: ACCOUNTS }, (_, i) => [`acc_${String(i + 1).padStart(8, "0")}`, "processing", null]),
    );
    await closeFolder();

    // The next tick after the lease finds them abandoned and asks the processor again about
    // each, with its own key: it charges once per key.
    await restart(dataDir, "auto-reload", new Date(now.getTime() + JOB_LEASE_MS + MINUTE));

    db = (await openFolder(dataDir)).prisma;
    const payments = await db.payment.findMany({ orderBy: { accountId: "asc" }, select: { accountId: true, status: true, creditedAt: true, processorRef: true } });
    expect(payments).toHaveLength(ACCOUNTS);
    expect(payments.every((p) => p.status === "succeeded" && p.creditedAt !== null)).toBe(true);
    const credits = await db.ledgerEntry.groupBy({ by: ["accountId"], where: { kind: "payment" }, _count: { _all: true }, _sum: { amount: true } });
    expect(credits).toHaveLength(ACCOUNTS);
    expect(credits.every((c) => c._count._all === 1 && Number(c._sum.amount) === 20)).toBe(true);
    const accounts = await db.account.findMany({ select: { balance: true } });
    expect(accounts.every((a) => Number(a.balance) === 23)).toBe(true);
    await assertBalancesMatchLedger(db);
  }, 300_000);

  it("after the processor charged a top-up nobody retries: the reconcile job credits it once after the restart", async () => {
    const dataDir = tempDataDir();
    const now = new Date();
    const child = start(dataDir, "topup", now, { FAULT_HOLD_AT: "1" });
    await waitForLine(child, /fault: holding after the processor charged a top-up/);
    await kill(child);

    // Charged by the processor; Switchboard died before it heard: nothing credited.
    let db = (await openFolder(dataDir)).prisma;
    const [payment] = await db.payment.findMany({ select: { id: true, accountId: true, origin: true, status: true, creditedAt: true } });
    expect(payment).toMatchObject({ origin: "topup", status: "processing", creditedAt: null });
    expect(await db.ledgerEntry.count({ where: { ref: `payment:${payment!.id}` } })).toBe(0);
    expect(await db.idempotencyRecord.findMany({ select: { status: true } })).toEqual([{ status: "running" }]);
    const before = (await db.account.findUniqueOrThrow({ where: { id: payment!.accountId }, select: { balance: true } })).balance.toString();
    await closeFolder();

    // Nobody retries. Past the abandon time (5 minutes) the reconcile job asks the processor
    // again with the payment's key and credits it.
    const outcome = await restart(dataDir, "payment-reconcile", new Date(now.getTime() + 6 * MINUTE));
    expect(outcome).toMatchObject({ state: "ran", stats: { credited: 1, failed: 0 } });

    db = (await openFolder(dataDir)).prisma;
    expect(await db.payment.findUniqueOrThrow({ where: { id: payment!.id }, select: { status: true, creditedAt: true } })).toMatchObject({ status: "succeeded", creditedAt: expect.any(Date) });
    expect(await db.ledgerEntry.count({ where: { ref: `payment:${payment!.id}` } })).toBe(1);
    const after = await db.account.findUniqueOrThrow({ where: { id: payment!.accountId }, select: { balance: true } });
    expect(Number(after.balance) - Number(before)).toBe(20);
    expect(await db.invoice.count({ where: { paymentId: payment!.id } })).toBe(1);
    expect(await db.accountEvent.count({ where: { type: "payment.received" } })).toBe(1);
    await assertBalancesMatchLedger(db);
  }, 300_000);

  it("in the middle of an alert dispatch: each alert is posted once after the restart", async () => {
    const dataDir = tempDataDir();
    const ACCOUNTS = 6;
    await seed(dataDir, async (db) => {
      await seedAccounts(db, ACCOUNTS);
      await db.$executeRawUnsafe(`UPDATE "Account" SET balance = 3`);
      await db.$executeRawUnsafe(`UPDATE "LedgerEntry" SET amount = 3`);
      await db.$executeRawUnsafe(`
        INSERT INTO "BalanceAlert" (id, "accountId", threshold, level, channel, "createdBy", "createdAt")
        SELECT 'al_' || i, 'acc_' || lpad(i::text, 8, '0'), 10, 'warning', 'slack:T1:CK' || i, 'slack:T1:U1', now() - interval '10 days'
        FROM generate_series(1, ${ACCOUNTS}) AS i`);
    });
    const slack = { SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: "s", SLACK_API_URL: fake.apiUrl };
    const posts = () => fake.callsTo("chat.postMessage").filter((c) => String(c.args.channel).startsWith("CK"));
    const now = new Date();

    // Slack takes the third post and never answers; the process dies waiting.
    fake.holdAnswer("chat.postMessage", 3);
    const child = start(dataDir, "alerts", now, slack);
    await fake.waitFor(() => posts().length === 3, 240_000);
    await kill(child);
    fake.holdAnswer("chat.postMessage", 0);

    let db = (await openFolder(dataDir)).prisma;
    expect(await db.outboxMessage.count({ where: { status: "sent" } })).toBe(2);
    expect(await db.outboxMessage.count({ where: { status: "pending" } })).toBe(ACCOUNTS - 2);
    await closeFolder();

    // Past the outbox claim (60 s): the next delivery finds the third post in the channel's
    // history by its outbox id and posts the other three.
    await restart(dataDir, "alerts", new Date(now.getTime() + 2 * MINUTE), slack);

    db = (await openFolder(dataDir)).prisma;
    expect(await db.outboxMessage.count({ where: { status: { not: "sent" } } })).toBe(0);
    for (let i = 1; i <= ACCOUNTS; i++) {
      const history = fake.history.get(`CK${i}`) ?? [];
      expect(history, `channel CK${i}`).toHaveLength(1);
    }
    const ids = new Set(posts().map((c) => (c.args.metadata as { event_payload: { outbox_id: string } }).event_payload.outbox_id));
    expect(ids.size).toBe(ACCOUNTS);
    expect(posts()).toHaveLength(ACCOUNTS);
  }, 300_000);
});
