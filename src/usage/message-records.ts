// The sandbox's message records: written by `sms send` and `sandbox receive`, read by the
// usage views. Every read takes the account id first; the (accountId, createdAt) indexes
// serve a period of one account, (accountId, to|from, createdAt) a search by number. Each
// write also moves the daily roll-ups (usage-rollup.ts) in its transaction, and the summary
// and totals of a period read those (rollup-summary.ts) instead of the period's records.
import type { Db } from "../data/database.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { Decimal } from "../core/money.ts";
import { retryConflicts } from "../data/transaction-retry.ts";
import { moveInRollup, ROLL_UP_INSERTED } from "./usage-rollup.ts";
import { rollupSummary, rollupTotals } from "./rollup-summary.ts";
import type { Period, SearchPage, UsageFilter, UsageRecord, UsageSummary, UsageTotals } from "./usage-types.ts";

type TxClient = Parameters<Parameters<Db["$transaction"]>[0]>[0];
type Tx = Db | TxClient;

export interface NewRecord {
  id: string;
  accountId: string;
  product: "sms" | "voice";
  direction: "outbound" | "inbound";
  from: string;
  to: string;
  country: string;
  network?: string;
  networkName?: string;
  parts: number;
  price: Decimal;
  status: string;
  failureReason?: string;
  demo: boolean;
  text: string;
  createdAt: Date;
  receiptAt?: Date;
}

/** The number of matches counted for a search; past it the reply says "more than". */
export const SEARCH_COUNT_CAP = 1000;

const select = {
  id: true, product: true, direction: true, from: true, to: true, country: true, network: true, networkName: true,
  parts: true, price: true, status: true, failureReason: true, demo: true, text: true, createdAt: true,
} as const;

export class MessageRecords {
  constructor(private readonly db: Db) {}

  /**
   * `tx`: the caller's transaction (the charge of an outbound message). The record and its
   * increments in the roll-ups are one statement: written together or not at all.
   */
  async add(record: NewRecord, tx?: TxClient): Promise<void> {
    // The roll-ups' spend per day counts days with a positive sum, which is a day with a
    // priced message only while no price is negative.
    if (record.price.isNegative()) throw new Error(`Message ${record.id} has a negative price (${record.price.toString()})`);
    const r = record;
    // An empty failure reason is stored as none (null), which the roll-up keys as "".
    const insert = (executor: Tx) => executor.$executeRaw`
      WITH inserted AS (
        INSERT INTO "MessageRecord" (id, "accountId", product, direction, "from", "to", country, network, "networkName", parts, price, status, "failureReason", demo, text, "createdAt", "receiptAt")
        VALUES (${r.id}, ${r.accountId}, ${r.product}, ${r.direction}, ${r.from}, ${r.to}, ${r.country}, ${r.network ?? null}, ${r.networkName ?? null}, ${r.parts},
                ${r.price.toString()}::numeric, ${r.status}, ${r.failureReason || null}, ${r.demo}, ${r.text}, ${r.createdAt}, ${r.receiptAt ?? null})
        RETURNING "accountId", "createdAt", product, direction, country, "to", status, "failureReason", parts, price
      ), ${ROLL_UP_INSERTED}
      SELECT 1`;
    if (tx) await insert(tx);
    else await retryConflicts(() => insert(this.db));
  }

  /**
   * A delivery receipt: the record's new status (and failure reason, for a failure) and when
   * the receipt came. The roll-up moves the message from its old status to the new one in
   * the same transaction, after the record's row lock, so two receipts for one message
   * apply one after the other. False when the account has no such record.
   */
  async changeStatus(accountId: string, id: string, change: { status: string; failureReason?: string; receiptAt: Date }, tx?: TxClient): Promise<boolean> {
    const failureReason = change.failureReason || null;
    const apply = async (t: TxClient): Promise<boolean> => {
      const [before] = await t.$queryRaw<{ product: string; direction: string; country: string; status: string; failureReason: string | null; parts: number; price: string; createdAt: Date }[]>`
        SELECT product, direction, country, status, "failureReason", parts, price::text AS price, "createdAt"
        FROM "MessageRecord" WHERE "accountId" = ${accountId} AND id = ${id} FOR UPDATE`;
      if (!before) return false;
      await t.messageRecord.update({ where: { id }, data: { status: change.status, failureReason, receiptAt: change.receiptAt } });
      if (before.status !== change.status || before.failureReason !== failureReason) {
        await moveInRollup(t, { ...before, accountId, price: new Decimal(before.price) }, { status: change.status, failureReason });
      }
      return true;
    };
    return tx ? apply(tx) : retryConflicts(() => this.db.$transaction(apply));
  }

  /** How many messages the account sent to this number before: varies the simulated receipts. */
  async sentBefore(accountId: string, to: string, tx: Tx = this.db): Promise<number> {
    return tx.messageRecord.count({ where: { accountId, to, direction: "outbound" } });
  }

  async get(accountId: string, id: string, tx: Tx = this.db) {
    return tx.messageRecord.findFirst({ where: { accountId, id }, select });
  }

  async totals(accountId: string, period: Period): Promise<UsageTotals> {
    return rollupTotals(this.db, accountId, period);
  }

  /** Every view of the period in one statement, from the roll-ups (and the records of part days). */
  async summary(accountId: string, period: Period): Promise<UsageSummary> {
    return rollupSummary(this.db, accountId, period);
  }

  async search(accountId: string, filter: UsageFilter, page: { offset: number; size: number }): Promise<SearchPage> {
    const where: Prisma.MessageRecordWhereInput = {
      accountId,
      ...(filter.to ? { to: filter.to } : {}),
      ...(filter.from ? { from: filter.from } : {}),
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.since || filter.until ? { createdAt: { ...(filter.since ? { gte: filter.since } : {}), ...(filter.until ? { lt: filter.until } : {}) } } : {}),
      ...(filter.text ? { text: { contains: filter.text, mode: "insensitive" as const } } : {}),
    };
    const orderBy = [{ createdAt: "desc" as const }, { id: "desc" as const }];
    const rows = await this.db.messageRecord.findMany({ where, orderBy, skip: page.offset, take: page.size, select });
    // Counting stops at the cap: an exact count of a large account would read every row.
    // In the page's order: without one, Prisma orders by id, which sorts every match.
    const counted = await this.db.messageRecord.findMany({ where, orderBy, select: { id: true }, take: SEARCH_COUNT_CAP + 1 });
    return { records: rows.map(toUsageRecord), total: Math.min(counted.length, SEARCH_COUNT_CAP), capped: counted.length > SEARCH_COUNT_CAP };
  }

  async records(accountId: string, period: Period, limit: number): Promise<UsageRecord[]> {
    const rows = await this.db.messageRecord.findMany({
      where: { accountId, createdAt: { gte: period.from, lt: period.to } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: limit,
      select,
    });
    return rows.map(toUsageRecord);
  }
}

function toUsageRecord(row: {
  id: string; product: string; direction: string; from: string; to: string; country: string; network: string | null; networkName: string | null;
  parts: number; price: { toString(): string }; status: string; failureReason: string | null; demo: boolean; text: string; createdAt: Date;
}): UsageRecord {
  return {
    ...row,
    product: row.product as UsageRecord["product"],
    direction: row.direction as UsageRecord["direction"],
    network: row.network ?? undefined,
    networkName: row.networkName ?? undefined,
    failureReason: row.failureReason ?? undefined,
    price: new Decimal(row.price.toString()),
  };
}
