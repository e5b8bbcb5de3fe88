// Monthly rent of sandbox numbers. Each period is charged once (ledger ref
// rent:<rental>:<period>, and the rental's periodsPaid moves in the same transaction);
// a number whose rent the balance cannot cover is released and the account is told.
import type { Db } from "../data/database.ts";
import type { Ledger } from "../billing/ledger.ts";
import type { AccountEvents } from "../accounts/account-events.ts";
import type { Logger } from "../platform/logger.ts";
import { Decimal, formatMoney } from "../core/money.ts";
import { renewalDate, formatDay } from "./renewal-dates.ts";
import { rentalSelect, type RentalsRepository } from "./rentals-repository.ts";
import { withAccountLock, type LockedAccount } from "../billing/account-lock.ts";
import { rentRef } from "./sandbox-number-provider.ts";
import { formatMsisdn } from "./msisdn.ts";

type Outcome =
  | { state: "current" }
  | { state: "renewed"; msisdn: string; price: Decimal; dueAt: Date }
  | { state: "released"; msisdn: string; price: Decimal; balance: Decimal; dueAt: Date; period: number; accountId: string };

export interface RenewalStats {
  renewed: number;
  released: number;
  notes: string[];
}

export class Renewals {
  constructor(
    private readonly db: Db,
    private readonly rentals: RentalsRepository,
    private readonly ledger: Ledger,
    private readonly events: AccountEvents,
  ) {}

  /**
   * The daily sweep: every sandbox rental due at its account's now, in batches. A rental
   * that fails is logged and skipped, so it cannot hold up the others; the next run
   * retries it, and the ledger references keep every period charged once.
   */
  async runDue(realNow: Date, options: { batchSize?: number; log?: Logger } = {}): Promise<RenewalStats & { batches: number; failed: number }> {
    const stats = { renewed: 0, released: 0, notes: [] as string[], batches: 0, failed: 0 };
    for (let cursor = ""; ; ) {
      const batch = await this.rentals.dueBatch(realNow, cursor, options.batchSize ?? 200);
      if (batch.length === 0) return { ...stats, notes: [] };
      stats.batches++;
      for (const due of batch) {
        try {
          add(stats, await this.renew(due.id, new Date(realNow.getTime() + due.offsetMs)));
        } catch (error) {
          stats.failed++;
          options.log?.error({ rentalId: due.id, err: { message: (error as Error).message } }, "could not renew a number");
        }
      }
      cursor = batch[batch.length - 1]!.id;
    }
  }

  /** Everything one account owes at `at` (its own time): what `sandbox advance` replays. */
  async renewAccount(accountId: string, at: Date): Promise<RenewalStats> {
    const stats: RenewalStats = { renewed: 0, released: 0, notes: [] };
    for (const id of await this.rentals.dueOfAccount(accountId, at)) add(stats, await this.renew(id, at));
    return stats;
  }

  /** Charges every period of one rental due by `now`, oldest first. */
  async renew(rentalId: string, now: Date): Promise<Outcome[]> {
    const head = await this.db.numberRental.findUnique({ where: { id: rentalId }, select: { accountId: true } });
    if (!head) return [];
    const outcomes: Outcome[] = [];
    for (;;) {
      // Serialises with rents, charges, cancels and other renewers of this account.
      const outcome = await withAccountLock(this.db, head.accountId, (account) => this.renewOnce(account, rentalId, now));
      if (outcome.state === "current") return outcomes;
      outcomes.push(outcome);
      if (outcome.state === "released") {
        await this.announceRelease(rentalId, outcome);
        return outcomes;
      }
    }
  }

  private async renewOnce(account: LockedAccount, rentalId: string, now: Date): Promise<Outcome> {
    const { tx } = account;
    const rental = await tx.numberRental.findUnique({ where: { id: rentalId }, select: { ...rentalSelect, releasedAt: true } });
    if (!rental || rental.releasedAt || rental.nextRenewalAt > now) return { state: "current" };
    const period = rental.periodsPaid;
    const price = new Decimal(rental.monthlyPrice.toString());
    const dueAt = rental.nextRenewalAt;
    const balance = account.balance;
    if (balance.lessThan(price)) {
      await this.rentals.release(rental.id, dueAt, "unpaid", tx);
      return { state: "released", msisdn: rental.msisdn, price, balance, dueAt, period, accountId: rental.accountId };
    }
    await this.ledger.postIn(
      account,
      {
        kind: "rent",
        amount: price.negated(),
        description: `Rent of ${formatMsisdn(rental.msisdn)}, month from ${formatDay(dueAt)}`,
        ref: rentRef(rental.id, period),
        at: dueAt,
      },
      true,
    );
    const { count } = await tx.numberRental.updateMany({
      where: { id: rental.id, periodsPaid: period },
      data: { periodsPaid: period + 1, nextRenewalAt: renewalDate(rental.subscribedAt, period + 1) },
    });
    // Cannot happen under the account lock; if it did, roll the charge back rather than loop.
    if (count !== 1) throw new Error(`Rental ${rental.id} changed while period ${period} was being renewed`);
    return { state: "renewed", msisdn: rental.msisdn, price, dueAt };
  }

  private async announceRelease(rentalId: string, outcome: Extract<Outcome, { state: "released" }>): Promise<void> {
    const number = formatMsisdn(outcome.msisdn);
    const data = { msisdn: outcome.msisdn, rentalId, period: outcome.period, price: outcome.price.toString(), balance: outcome.balance.toString() };
    await this.events.emit({
      accountId: outcome.accountId,
      type: "number.renewal_failed",
      summary: `The ${formatMoney(outcome.price)} rent of ${number} due ${formatDay(outcome.dueAt)} could not be taken: the balance was ${formatMoney(outcome.balance)}.`,
      data,
      at: outcome.dueAt,
    });
    await this.events.emit({
      accountId: outcome.accountId,
      type: "number.released",
      summary: `${number} was released: the balance could not cover its rent.`,
      data: { ...data, reason: "unpaid" },
      at: outcome.dueAt,
    });
  }
}

function add(stats: RenewalStats, outcomes: Outcome[]): void {
  for (const outcome of outcomes) {
    if (outcome.state === "renewed") {
      stats.renewed++;
      stats.notes.push(`${formatDay(outcome.dueAt)}: renewed ${formatMsisdn(outcome.msisdn)} for ${formatMoney(outcome.price)}`);
    } else if (outcome.state === "released") {
      stats.released++;
      stats.notes.push(`${formatDay(outcome.dueAt)}: released ${formatMsisdn(outcome.msisdn)}, the balance could not cover its rent`);
    }
  }
}
