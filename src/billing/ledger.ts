// The ledger is the record of an account's money: entries (credits, payments, rents,
// messages, refunds), never overwritten. The account also carries a maintained balance,
// moved only here, in the same transaction as the entry that moves it and under the
// account's row lock (account-lock.ts), so reading a balance costs one row, not a sum over
// every entry the account ever had. Housekeeping checks the two agree. Each entry has a
// reference unique per account, so a retried charge is recorded once.
import type { Db } from "../data/database.ts";
import { Decimal } from "../core/money.ts";
import { newId } from "../core/ids.ts";
import { UserError } from "../core/errors.ts";
import { formatMoney } from "../core/money.ts";
import { withAccountLock, type LockedAccount, type Tx } from "./account-lock.ts";

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

/** A posting made under an account's lock: the account is the locked one. */
export type EntryInput = Omit<LedgerPosting, "accountId">;

export type PostingResult = { created: true; balance: Decimal } | { created: false; balance: Decimal };

export class Ledger {
  constructor(private readonly db: Db) {}

  /** The maintained balance (EUR); 0 for an account that does not exist. */
  async balance(accountId: string, tx: Tx | Db = this.db): Promise<Decimal> {
    const row = await tx.account.findUnique({ where: { id: accountId }, select: { balance: true } });
    return new Decimal(row?.balance.toString() ?? "0");
  }

  /** The maintained balances of several accounts in one query; an account that does not exist is absent. */
  async balances(accountIds: readonly string[]): Promise<Map<string, Decimal>> {
    if (accountIds.length === 0) return new Map();
    const rows = await this.db.$queryRawUnsafe<{ id: string; balance: string }[]>(`SELECT id, balance::text AS balance FROM "Account" WHERE id = ANY($1::text[])`, accountIds);
    return new Map(rows.map((r) => [r.id, new Decimal(r.balance)]));
  }

  /**
   * Records many postings in two statements, each once per reference (a repeat is
   * skipped), for sweeps holding every account's lock (withAccountLocks) that have checked
   * the cover themselves; the maintained balances move by what was inserted. Returns how
   * many were new.
   */
  async postManyIn(accounts: Map<string, LockedAccount>, postings: LedgerPosting[]): Promise<number> {
    if (postings.length === 0) return 0;
    const first = accounts.get(postings[0]!.accountId);
    if (!first || postings.some((p) => !accounts.has(p.accountId))) throw new Error("postManyIn: every posting's account must be locked");
    const { tx } = first;
    const inserted = await tx.$queryRawUnsafe<{ accountId: string; amount: string }[]>(
      `INSERT INTO "LedgerEntry" (id, "accountId", kind, amount, description, ref, "createdAt")
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::numeric[], $5::text[], $6::text[], $7::timestamp[])
       ON CONFLICT ("accountId", ref) DO NOTHING
       RETURNING "accountId", amount::text AS amount`,
      postings.map(() => newId("led")),
      postings.map((p) => p.accountId),
      postings.map((p) => p.kind),
      postings.map((p) => p.amount.toString()),
      postings.map((p) => p.description),
      postings.map((p) => p.ref),
      postings.map((p) => p.at.toISOString()),
    );
    const moved = new Map<string, Decimal>();
    for (const row of inserted) moved.set(row.accountId, (moved.get(row.accountId) ?? new Decimal(0)).plus(row.amount));
    if (moved.size === 0) return 0;
    await tx.$executeRawUnsafe(
      `UPDATE "Account" a SET "balance" = a."balance" + v.delta FROM unnest($1::text[], $2::numeric[]) AS v(id, delta) WHERE a.id = v.id`,
      [...moved.keys()],
      [...moved.values()].map((d) => d.toString()),
    );
    for (const [id, delta] of moved) accounts.get(id)!.balance = accounts.get(id)!.balance.plus(delta);
    return inserted.length;
  }

  /** Records a posting once per reference; a repeat returns the current balance. */
  async post(posting: LedgerPosting): Promise<PostingResult> {
    return withAccountLock(this.db, posting.accountId, (account) => this.postIn(account, posting, false));
  }

  /**
   * Takes money only if the balance covers it, atomically with other charges to the same
   * account (the account row is locked for the transaction).
   */
  async charge(posting: LedgerPosting): Promise<PostingResult> {
    if (!posting.amount.isNegative()) throw new Error("A charge takes money: its amount must be negative");
    return withAccountLock(this.db, posting.accountId, (account) => this.postIn(account, posting, true));
  }

  /** For callers composing a larger transaction under the account's lock (renting a number and paying its first month). */
  async postIn(account: LockedAccount, posting: EntryInput, requireCover: boolean): Promise<PostingResult> {
    const { tx, accountId } = account;
    const existing = await tx.ledgerEntry.findUnique({ where: { accountId_ref: { accountId, ref: posting.ref } }, select: { id: true } });
    if (existing) return { created: false, balance: account.balance };
    const after = account.balance.plus(posting.amount);
    if (requireCover && after.isNegative()) throw notCovered(account.balance, posting.amount);
    await tx.ledgerEntry.create({
      data: {
        id: newId("led"),
        accountId,
        kind: posting.kind,
        amount: posting.amount.toString(),
        description: posting.description,
        ref: posting.ref,
        createdAt: posting.at,
      },
    });
    await tx.account.update({ where: { id: accountId }, data: { balance: { increment: posting.amount.toString() } }, select: { id: true } });
    account.balance = after;
    return { created: true, balance: after };
  }

  async entries(accountId: string, options: { from?: Date; to?: Date; take?: number } = {}) {
    return this.db.ledgerEntry.findMany({
      where: { accountId, createdAt: { gte: options.from, lt: options.to } },
      orderBy: { createdAt: "asc" },
      select: { kind: true, amount: true, description: true, ref: true, createdAt: true },
      take: options.take,
    });
  }
}

function notCovered(balance: Decimal, amount: Decimal): UserError {
  return new UserError("insufficient_balance", `The balance (${formatMoney(balance)}) does not cover ${formatMoney(amount.abs())}.`, {
    hint: "Top up with `billing topup <amount>`, or turn on auto-reload with `billing autoreload on`.",
  });
}
