// One transaction renews a whole batch of due rentals: a handful of statements whatever
// the batch size (lock the accounts, read the rentals and the balances, insert the rents,
// move the rentals on, release the unpaid), instead of ~16 statements and three account
// locks per rental. Each period is still charged once: the ledger's rent:<rental>:<period>
// reference is unique, and a rental moves on only from the period that was read.
import type { Ledger, LedgerPosting } from "../billing/ledger.ts";
import { Decimal } from "../core/money.ts";
import { renewalDate, formatDay } from "./renewal-dates.ts";
import type { Db } from "../data/database.ts";
import type { Tx } from "./rentals-repository.ts";
import { withAccountLocks, type LockedAccount } from "../billing/account-lock.ts";
import { rentRef } from "./sandbox-number-provider.ts";
import { formatMsisdn } from "./msisdn.ts";

export interface DueItem {
  rentalId: string;
  /** The account's own "now" (sandbox accounts may run ahead). */
  at: Date;
}

export type Outcome =
  | { state: "renewed"; msisdn: string; price: Decimal; dueAt: Date }
  | { state: "released"; rentalId: string; msisdn: string; price: Decimal; balance: Decimal; dueAt: Date; period: number; accountId: string };

interface Move {
  id: string;
  from: number;
  to: number;
  next: Date;
}

/** Charges every period due of each item, oldest first, rentals in the order given. */
export async function renewBatch(db: Db, ledger: Ledger, items: DueItem[]): Promise<Outcome[]> {
  const ids = items.map((i) => i.rentalId);
  // A rental never changes account: its head is read before taking the locks.
  const heads = await db.numberRental.findMany({ where: { id: { in: ids } }, select: { accountId: true } });
  if (heads.length === 0) return [];
  // The lock order for money: every account first, in id order, so two sweeps (or a sweep
  // and a rent) cannot deadlock; under these locks nothing else moves these rentals.
  return withAccountLocks(db, heads.map((h) => h.accountId), (accounts) => renewLocked(accounts, ledger, items));
}

async function renewLocked(accounts: Map<string, LockedAccount>, ledger: Ledger, items: DueItem[]): Promise<Outcome[]> {
  const tx = accounts.values().next().value?.tx;
  if (!tx) return [];
  const rows = await tx.numberRental.findMany({
    where: { id: { in: items.map((i) => i.rentalId) }, releasedAt: null, accountId: { in: [...accounts.keys()] } },
    select: { id: true, accountId: true, msisdn: true, monthlyPrice: true, subscribedAt: true, nextRenewalAt: true, periodsPaid: true },
  });
  const rentals = new Map(rows.map((r) => [r.id, r]));
  const balances = new Map([...accounts].map(([id, account]) => [id, account.balance]));
  const outcomes: Outcome[] = [];
  const postings: LedgerPosting[] = [];
  const moves: Move[] = [];
  const releases: { id: string; at: Date }[] = [];
  for (const item of items) {
    const rental = rentals.get(item.rentalId);
    if (!rental) continue;
    const price = new Decimal(rental.monthlyPrice.toString());
    let period = rental.periodsPaid;
    let dueAt = rental.nextRenewalAt;
    let balance = balances.get(rental.accountId)!;
    while (dueAt <= item.at) {
      if (balance.lessThan(price)) {
        releases.push({ id: rental.id, at: dueAt });
        outcomes.push({ state: "released", rentalId: rental.id, msisdn: rental.msisdn, price, balance, dueAt, period, accountId: rental.accountId });
        break;
      }
      postings.push({
        accountId: rental.accountId,
        kind: "rent",
        amount: price.negated(),
        description: `Rent of ${formatMsisdn(rental.msisdn)}, month from ${formatDay(dueAt)}`,
        ref: rentRef(rental.id, period),
        at: dueAt,
      });
      outcomes.push({ state: "renewed", msisdn: rental.msisdn, price, dueAt });
      balance = balance.minus(price);
      period++;
      dueAt = renewalDate(rental.subscribedAt, period);
    }
    balances.set(rental.accountId, balance);
    if (period !== rental.periodsPaid) moves.push({ id: rental.id, from: rental.periodsPaid, to: period, next: dueAt });
  }
  await ledger.postManyIn(accounts, postings);
  await moveOn(tx, moves);
  await release(tx, releases);
  return outcomes;
}

async function moveOn(tx: Tx, moves: Move[]): Promise<void> {
  if (moves.length === 0) return;
  const count = await tx.$executeRawUnsafe(
    `UPDATE "NumberRental" r SET "periodsPaid" = v.to_period, "nextRenewalAt" = v.next
       FROM unnest($1::text[], $2::int[], $3::int[], $4::timestamp[]) AS v(id, from_period, to_period, next)
      WHERE r.id = v.id AND r."periodsPaid" = v.from_period`,
    moves.map((m) => m.id),
    moves.map((m) => m.from),
    moves.map((m) => m.to),
    moves.map((m) => m.next.toISOString()),
  );
  // Cannot happen under the account locks; if it did, roll the charges back rather than loop.
  if (count !== moves.length) throw new Error(`${moves.length - count} of ${moves.length} rentals changed while being renewed`);
}

async function release(tx: Tx, releases: { id: string; at: Date }[]): Promise<void> {
  if (releases.length === 0) return;
  await tx.$executeRawUnsafe(
    `UPDATE "NumberRental" r SET "releasedAt" = v.at, "activeMsisdn" = NULL, "releaseReason" = 'unpaid'
       FROM unnest($1::text[], $2::timestamp[]) AS v(id, at)
      WHERE r.id = v.id AND r."releasedAt" IS NULL`,
    releases.map((r) => r.id),
    releases.map((r) => r.at.toISOString()),
  );
}
