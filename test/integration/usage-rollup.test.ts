// The usage summary reads the daily roll-ups; these tests hold it to the numbers a direct
// computation over the raw records gives (summarize(), what the Vonage source uses), on
// seeded data: a fixed seed, so every run writes the same records, changes the same
// statuses and checks the same periods, whole-day and part-day ones.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database.ts";
import { MessageRecords, type NewRecord } from "../../src/usage/message-records.ts";
import { summarize, totalsOf } from "../../src/usage/usage-aggregate.ts";
import { previousPeriod, resolvePeriod, PERIOD_NAMES } from "../../src/usage/usage-period.ts";
import { rebuildUsageRollup } from "../../src/usage/usage-rollup.ts";
import { Decimal } from "../../src/core/money.ts";
import type { Db } from "../../src/data/database.ts";
import type { Period, UsageSummary, UsageTotals } from "../../src/usage/usage-types.ts";

const DAY = 86_400_000;
const NOW = new Date("2026-03-20T15:45:12.345Z");

/** mulberry32: a small seeded generator, so the data is the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REASONS = ["Absent subscriber (2): the phone is off or out of coverage", "Call barred by user (4)", "Handset busy (7)", "Anti-spam rejection (6)"];
const COUNTRIES = ["GB", "DE", "FR", "US/CA", "ES", "IT", "NL"];

/**
 * Records over the 40 days before NOW for two accounts: few numbers and countries (so
 * rankings tie and the tie-break matters), free and priced messages, voice and SMS, some
 * exactly at midnight UTC (the edge of a day), some failures without a reason.
 */
function generateRecords(random: () => number, count: number, accounts: string[]): NewRecord[] {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const inbound = random() < 0.15;
    const product = random() < 0.1 ? "voice" : "sms";
    const dayStart = Math.floor(NOW.getTime() / DAY) * DAY - Math.floor(random() * 40) * DAY;
    const createdAt = new Date(random() < 0.05 ? dayStart : Math.min(NOW.getTime(), dayStart + Math.floor(random() * DAY)));
    const roll = random();
    const status = inbound ? "received" : roll < 0.15 ? "failed" : roll < 0.3 ? "submitted" : "delivered";
    const parts = 1 + Math.floor(random() * 3);
    return {
      id: `msg_${String(i).padStart(5, "0")}`,
      accountId: pick(accounts),
      product,
      direction: inbound ? "inbound" : "outbound",
      from: inbound ? `+4477009001${Math.floor(random() * 10)}` : "Switchboard",
      to: inbound ? "+447451290774" : `+4477009002${Math.floor(random() * 12)}`,
      country: pick(COUNTRIES),
      parts,
      // Whole cents and sub-cent prices: sums that a float would get wrong.
      price: inbound || random() < 0.05 ? new Decimal(0) : new Decimal(pick(["0.04", "0.085", "0.0475", "0.1"])).times(parts),
      status,
      failureReason: status === "failed" && random() < 0.8 ? pick(REASONS) : undefined,
      demo: false,
      text: `Message ${i}`,
      createdAt,
    } satisfies NewRecord;
  });
}

/** A summary as plain values, money to six decimals: what two summaries compare by. */
function plain(summary: UsageSummary) {
  const ranked = (list: { key: string; count: number; cost: Decimal }[]) => list.map((r) => `${r.key} ${r.count} ${r.cost.toFixed(6)}`);
  return {
    totals: plainTotals(summary.totals),
    topCountries: ranked(summary.topCountries),
    topNumbers: ranked(summary.topNumbers),
    failureReasons: summary.failureReasons.map((f) => `${f.reason} ${f.count}`),
    daily: summary.daily.map((d) => `${d.day} ${d.product} ${d.country} ${d.cost.toFixed(6)}`),
  };
}

function plainTotals(totals: UsageTotals) {
  return { ...totals, cost: totals.cost.toFixed(6) };
}

/** Every period the command resolves, the previous periods it compares with, and part-day ones. */
function periodsToCheck(random: () => number): Period[] {
  const named = PERIOD_NAMES.map((name) => resolvePeriod(NOW, name));
  const ranges = [resolvePeriod(NOW, undefined, new Date("2026-02-14T00:00:00Z"), new Date("2026-03-02T00:00:00Z"))];
  const partial: Period[] = Array.from({ length: 12 }, (_, i) => {
    const from = NOW.getTime() - Math.floor(random() * 42 * DAY);
    const length = i < 3 ? Math.floor(random() * 6 * 3_600_000) : Math.floor(random() * 20 * DAY);
    return { from: new Date(from), to: new Date(from + length + 1), label: `part days ${i}` };
  });
  // A part day that ends at midnight, one that starts at it, and a single whole day.
  const midnight = Math.floor(NOW.getTime() / DAY) * DAY - 3 * DAY;
  const edges: Period[] = [
    { from: new Date(midnight - 5 * 3_600_000), to: new Date(midnight), label: "evening" },
    { from: new Date(midnight), to: new Date(midnight + 2 * DAY + 7_000), label: "from midnight" },
    { from: new Date(midnight), to: new Date(midnight + DAY), label: "one day" },
  ];
  const all = [...named, ...ranges, ...partial, ...edges];
  return [...all, ...all.map(previousPeriod)];
}

async function recordsIn(db: Db, accountId: string, period: Period) {
  const records = new MessageRecords(db);
  return records.records(accountId, period, 1_000_000);
}

/** The roll-ups as they are, and as a recomputation from the records says they should be. */
async function rollupsAndRecomputation(db: Db) {
  const rolled = await db.$queryRawUnsafe<{ row: string }[]>(`
    SELECT concat_ws('|', "accountId", day, product, direction, country, status, "failureReason", messages, parts, cost) AS row
    FROM "MessageUsageDay" WHERE messages <> 0 OR parts <> 0 OR cost <> 0 ORDER BY 1`);
  const recomputed = await db.$queryRawUnsafe<{ row: string }[]>(`
    SELECT concat_ws('|', "accountId", "createdAt"::date, product, direction, country, status, coalesce("failureReason", ''), count(*), sum(parts), sum(price)::numeric(18, 6)) AS row
    FROM "MessageRecord" GROUP BY "accountId", "createdAt"::date, product, direction, country, status, coalesce("failureReason", '') ORDER BY 1`);
  const numbers = await db.$queryRawUnsafe<{ row: string }[]>(`SELECT concat_ws('|', "accountId", day, "to", messages, cost) AS row FROM "MessageNumberDay" ORDER BY 1`);
  const numbersRecomputed = await db.$queryRawUnsafe<{ row: string }[]>(`
    SELECT concat_ws('|', "accountId", "createdAt"::date, "to", count(*), sum(price)::numeric(18, 6)) AS row
    FROM "MessageRecord" WHERE direction = 'outbound' GROUP BY "accountId", "createdAt"::date, "to" ORDER BY 1`);
  const negative = await db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "MessageUsageDay" WHERE messages < 0 OR parts < 0 OR cost < 0`);
  return { rolled: rolled.map((r) => r.row), recomputed: recomputed.map((r) => r.row), numbers: numbers.map((r) => r.row), numbersRecomputed: numbersRecomputed.map((r) => r.row), negative: negative[0]!.n };
}

let testDb: TestDatabase;
let db: Db;
let records: MessageRecords;
const ACCOUNTS = ["acc_rollup_a", "acc_rollup_b"];

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = testDb.database.prisma;
  records = new MessageRecords(db);
}, 120_000);
afterAll(() => testDb.close());

describe("the usage roll-ups", () => {
  it("give the same summary and totals as the raw records, also after delivery receipts changed statuses", async () => {
    const random = seeded(20261126);
    const written = generateRecords(random, 400, ACCOUNTS);
    for (const record of written) await records.add(record);

    // Receipts after the fact: pending messages delivered or failed, a failure's reason
    // corrected, a failure delivered after all, and a receipt that changes nothing.
    const outbound = written.filter((r) => r.direction === "outbound");
    let changed = 0;
    for (const record of outbound) {
      const roll = random();
      if (roll > 0.35) continue;
      const change =
        record.status === "submitted"
          ? roll < 0.2 ? { status: "delivered" } : { status: "failed", failureReason: REASONS[Math.floor(random() * REASONS.length)] }
          : record.status === "failed"
            ? roll < 0.1 ? { status: "delivered" } : roll < 0.2 ? { status: "failed", failureReason: undefined } : { status: "failed", failureReason: REASONS[3] }
            : { status: "delivered" };
      expect(await records.changeStatus(record.accountId, record.id, { ...change, receiptAt: new Date(record.createdAt.getTime() + 5_000) })).toBe(true);
      changed++;
    }
    expect(changed).toBeGreaterThan(50);
    // Another account's record is not this account's to change.
    expect(await records.changeStatus(ACCOUNTS[1]!, outbound.find((r) => r.accountId === ACCOUNTS[0])!.id, { status: "failed", receiptAt: NOW })).toBe(false);

    const state = await rollupsAndRecomputation(db);
    expect(state.rolled).toEqual(state.recomputed);
    expect(state.numbers).toEqual(state.numbersRecomputed);
    expect(state.negative).toBe(0);

    let compared = 0;
    for (const accountId of ACCOUNTS) {
      for (const period of periodsToCheck(random)) {
        const raw = await recordsIn(db, accountId, period);
        const label = `${accountId} ${period.label} ${period.from.toISOString()}–${period.to.toISOString()}`;
        expect(plain(await records.summary(accountId, period)), label).toEqual(plain(summarize(raw)));
        expect(plainTotals(await records.totals(accountId, period)), label).toEqual(plainTotals(totalsOf(raw)));
        if (raw.length > 0) compared++;
      }
    }
    // The periods are not all empty ones: most of them hold records to compare.
    expect(compared).toBeGreaterThan(40);
  }, 240_000);

  it("rebuild from the records to the same rows it keeps (the seed's and the migration's statement)", async () => {
    const before = await rollupsAndRecomputation(db);
    await rebuildUsageRollup(db);
    const after = await rollupsAndRecomputation(db);
    expect(after.rolled).toEqual(before.rolled);
    expect(after.numbers).toEqual(before.numbers);
  });

  it("count every concurrent insert and status change once", async () => {
    const random = seeded(7);
    const accountId = "acc_rollup_concurrent";
    const base = Math.floor(NOW.getTime() / DAY) * DAY + 3_600_000;
    // Thirty messages with the same key, written at once: the roll-up row is the same.
    const same: NewRecord[] = Array.from({ length: 30 }, (_, i) => ({
      id: `msg_same_${i}`, accountId, product: "sms", direction: "outbound", from: "Switchboard", to: "+447700900300", country: "GB",
      parts: 1, price: new Decimal("0.04"), status: i % 2 ? "submitted" : "delivered", demo: false, text: "x", createdAt: new Date(base + i * 1000),
    }));
    await Promise.all(same.map((r) => records.add(r)));
    // Then receipts in both directions at once (submitted → delivered, delivered → failed):
    // two transactions that each touch both rows, the order of the rows' locks is the same.
    await Promise.all(
      same.map((r) =>
        records.changeStatus(accountId, r.id, r.status === "submitted" ? { status: "delivered", receiptAt: NOW } : { status: "failed", failureReason: REASONS[Math.floor(random() * 2)], receiptAt: NOW }),
      ),
    );
    const state = await rollupsAndRecomputation(db);
    expect(state.rolled).toEqual(state.recomputed);
    expect(state.numbers).toEqual(state.numbersRecomputed);
    const summary = await records.summary(accountId, resolvePeriod(NOW, "today"));
    expect(summary.totals).toMatchObject({ smsSent: 30, delivered: 15, failed: 15, pending: 0 });
    expect(summary.topNumbers.map((n) => `${n.key} ${n.count} ${n.cost.toFixed(2)}`)).toEqual(["+447700900300 30 1.20"]);
  }, 120_000);

  it("leave no trace of a record write that fails", async () => {
    const record = { ...generateRecords(seeded(99), 1, ["acc_rollup_failed"])[0]!, id: "msg_trace" };
    await records.add(record);
    const before = await rollupsAndRecomputation(db);
    // The caller's transaction fails after the write (as a charge can): neither the record
    // nor its roll-up increments stay.
    const failing = db.$transaction(async (tx) => {
      await records.add({ ...record, id: "msg_rolled_back", createdAt: NOW }, tx);
      throw new Error("the charge failed");
    });
    await expect(failing).rejects.toThrow("the charge failed");
    // The same id again: the record's insert fails, and nothing is counted.
    await expect(records.add({ ...record, createdAt: NOW })).rejects.toThrow();
    await expect(records.add({ ...record, id: "msg_negative", price: new Decimal("-0.01") })).rejects.toThrow(/negative price/);
    const after = await rollupsAndRecomputation(db);
    expect(after.rolled).toEqual(before.rolled);
    expect(after.numbers).toEqual(before.numbers);
  });
});
