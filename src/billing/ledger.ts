// The balance is a ledger of entries (credits, payments, rents, messages, refunds), never a
// number that is overwritten: it is the sum of the entries at any time. Each entry has a
// reference unique per account, so a retried charge is recorded once.
import type { Db } from "../data/database.ts";
import { Decimal } from "../core/money.ts";
import { newId } from "../core/ids.ts";
import { UserError } from "../core/errors.ts";
import { formatMoney } from "../core/money.ts";

export type LedgerKind = "credit" | "payment" | "rent" | "message" | "refund" | "adjustment";

export interface LedgerPosting {
  accountId: string;
  kind: LedgerKind;
  /** Positive adds to the balance, negative takes from it (EUR). */
  amount: Decimal;
  description: string;
  /** Unique per account: rent:<rental>:<period>, payment:<id>, sms:<id>... */
  ref: string;
  at: Date;
}

export type PostingResult = { created: true; balance: Decimal } | { created: false; balance: Decimal };

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export class Ledger {
  constructor(private readonly db: Db) {}

  async balance(accountId: string, tx: Tx | Db = this.db): Promise<Decimal> {
    const result = await tx.ledgerEntry.aggregate({ where: { accountId }, _sum: { amount: true } });
    return new Decimal(result._sum.amount?.toString() ?? "0");
  }

  /** The balances of several accounts in one statement (sweeps); an account with no entries has 0. */
  async balances(accountIds: string[], tx: Tx | Db = this.db): Promise<Map<string, Decimal>> {
    const rows = await tx.ledgerEntry.groupBy({ by: ["accountId"], where: { accountId: { in: accountIds } }, _sum: { amount: true } });
    const sums = new Map(rows.map((r) => [r.accountId, new Decimal(r._sum.amount?.toString() ?? "0")]));
    return new Map(accountIds.map((id) => [id, sums.get(id) ?? new Decimal(0)]));
  }

  /**
   * Records many postings in one statement, each once per reference (a repeat is skipped),
   * for sweeps that have already locked every account concerned (the lock order) and
   * checked the cover themselves. Returns how many were new.
   */
  async postManyIn(tx: Tx, postings: LedgerPosting[]): Promise<number> {
    if (postings.length === 0) return 0;
    const { count } = await tx.ledgerEntry.createMany({
      data: postings.map((p) => ({
        id: newId("led"),
        accountId: p.accountId,
        kind: p.kind,
        amount: p.amount.toString(),
        description: p.description,
        ref: p.ref,
        createdAt: p.at,
      })),
      skipDuplicates: true,
    });
    return count;
  }

  /** Records a posting once per reference; a repeat returns the current balance. */
  async post(posting: LedgerPosting): Promise<PostingResult> {
    return this.db.$transaction((tx) => this.postIn(tx, posting, false));
  }

  /**
   * Takes money only if the balance covers it, atomically with other charges to the same
   * account (the account row is locked for the transaction).
   */
  async charge(posting: LedgerPosting): Promise<PostingResult> {
    if (!posting.amount.isNegative()) throw new Error("A charge takes money: its amount must be negative");
    return this.db.$transaction((tx) => this.postIn(tx, posting, true));
  }

  /** For callers composing a larger transaction (renting a number and paying its first month). */
  async postIn(tx: Tx, posting: LedgerPosting, requireCover: boolean): Promise<PostingResult> {
    await tx.$queryRawUnsafe(`SELECT id FROM "Account" WHERE id = $1 FOR UPDATE`, posting.accountId);
    const existing = await tx.ledgerEntry.findUnique({
      where: { accountId_ref: { accountId: posting.accountId, ref: posting.ref } },
      select: { id: true },
    });
    const balance = await this.balance(posting.accountId, tx);
    if (existing) return { created: false, balance };
    const after = balance.plus(posting.amount);
    if (requireCover && after.isNegative()) {
      throw new UserError(
        "insufficient_balance",
        `The balance (${formatMoney(balance)}) does not cover ${formatMoney(posting.amount.abs())}.`,
        { hint: "Top up with `billing topup <amount>`, or turn on auto-reload with `billing autoreload on`." },
      );
    }
    await tx.ledgerEntry.create({
      data: {
        id: newId("led"),
        accountId: posting.accountId,
        kind: posting.kind,
        amount: posting.amount.toString(),
        description: posting.description,
        ref: posting.ref,
        createdAt: posting.at,
      },
    });
    return { created: true, balance: after };
  }

  async entries(accountId: string, options: { from?: Date; to?: Date; take?: number } = {}) {
    return this.db.ledgerEntry.findMany({
      where: { accountId, createdAt: { gte: options.from, lt: options.to } },
      orderBy: { createdAt: "asc" },
      take: options.take,
      select: { kind: true, amount: true, description: true, ref: true, createdAt: true },
    });
  }
}
