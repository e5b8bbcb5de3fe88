// The one lock order for money: a transaction that moves an account's money locks the
// account row first (SELECT … FOR UPDATE), before it inserts or updates anything that
// references the account. Inserting a row with a foreign key to the account takes a
// key-share lock on it; a transaction that did that first and asked for FOR UPDATE second
// could deadlock with another doing the same (issue 17: 24 rents at once, 18 failed).
// Every money path runs through withAccountLock, and the ledger only posts through the
// LockedAccount it hands out, so no path can skip the lock.
import type { Db } from "../data/database.ts";
import { Decimal } from "../core/money.ts";
import { retryConflicts, type RetryOptions } from "../data/transaction-retry.ts";

export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

declare const locked: unique symbol;

/** Proof that the account row is locked in `tx`; only withAccountLock makes one. */
export interface LockedAccount {
  readonly tx: Tx;
  readonly accountId: string;
  /** The maintained balance: as read under the lock, then moved by each posting through this lock. */
  balance: Decimal;
  readonly [locked]: true;
}

// Waiting for the lock counts against the transaction's time: with dozens of spends queued
// on one account under load, Prisma's defaults (2 s to start, 5 s in all) are too short.
const TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 30_000 } as const;

export class AccountNotFound extends Error {
  constructor(accountId: string) {
    super(`Account ${accountId} does not exist`);
    this.name = "AccountNotFound";
  }
}

/**
 * Runs `work` in a transaction that holds the account's row lock from its first statement.
 * A deadlock or serialization failure re-runs the whole transaction (a bounded number of
 * times), so `work` must do nothing but database work in `tx`.
 */
export function withAccountLock<T>(db: Db, accountId: string, work: (account: LockedAccount) => Promise<T>, retry?: RetryOptions): Promise<T> {
  return retryConflicts(
    () =>
      db.$transaction(async (tx) => {
        const rows = await tx.$queryRaw<{ balance: string }[]>`SELECT "balance"::text AS balance FROM "Account" WHERE "id" = ${accountId} FOR UPDATE`;
        if (rows.length === 0) throw new AccountNotFound(accountId);
        return work({ tx, accountId, balance: new Decimal(rows[0]!.balance) } as LockedAccount);
      }, TRANSACTION_OPTIONS),
    retry,
  );
}
