// Monthly rent of sandbox numbers. Each period is charged once (ledger ref
// rent:<rental>:<period>, and the rental's periodsPaid moves in the same transaction);
// a number whose rent the balance cannot cover is released and the account is told.
import type { Db } from "../data/database.ts";
import type { Ledger } from "../billing/ledger.ts";
import type { AccountEvents } from "../accounts/account-events.ts";
import type { Logger } from "../platform/logger.ts";
import type { TableStatistics } from "../data/table-statistics.ts";
import { formatMoney } from "../core/money.ts";
import { formatDay } from "./renewal-dates.ts";
import type { RentalsRepository } from "./rentals-repository.ts";
import { renewBatch, type DueItem, type Outcome } from "./renewals-batch.ts";
import type { JobProgress } from "../jobs/job-runner.ts";
import { formatMsisdn } from "./msisdn.ts";

export interface RenewalStats {
  renewed: number;
  released: number;
  notes: string[];
}

const BATCH = 500;

export class Renewals {
  constructor(
    private readonly db: Db,
    private readonly rentals: RentalsRepository,
    private readonly ledger: Ledger,
    private readonly events: AccountEvents,
    private readonly statistics?: TableStatistics,
  ) {}

  /**
   * The daily sweep: every sandbox rental due at its account's now, in batches of one
   * transaction each. A batch that fails is retried rental by rental, so one bad rental
   * cannot hold up the others; the next run retries it, and the ledger references keep
   * every period charged once.
   */
  async runDue(realNow: Date, options: { batchSize?: number; log?: Logger; progress?: JobProgress } = {}): Promise<RenewalStats & { batches: number; failed: number }> {
    // Counts only: a line per rental would be 100,000 strings kept to the end of a pass.
    const stats = { renewed: 0, released: 0, batches: 0, failed: 0 };
    const dueBy = await this.rentals.latestAccountNow(realNow);
    for (let cursor = options.progress?.resumeAfter ?? ""; ; ) {
      const batch = await this.rentals.dueBatch(realNow, cursor, options.batchSize ?? BATCH, dueBy);
      if (batch.length === 0) break;
      stats.batches++;
      const items = batch.map((due) => ({ rentalId: due.id, at: new Date(realNow.getTime() + due.offsetMs) }));
      try {
        count(stats, await this.renewItems(items));
      } catch {
        for (const item of items) {
          try {
            count(stats, await this.renew(item.rentalId, item.at));
          } catch (error) {
            stats.failed++;
            options.log?.error({ rentalId: item.rentalId, err: { message: (error as Error).message } }, "could not renew a number");
          }
        }
      }
      cursor = batch[batch.length - 1]!.id;
      await options.progress?.save(cursor);
    }
    await this.statistics?.afterBulkChange(stats.renewed + stats.released, ["NumberRental", "LedgerEntry"]);
    return { ...stats, notes: [] };
  }

  /** Everything one account owes at `at` (its own time): what `sandbox advance` replays. */
  async renewAccount(accountId: string, at: Date): Promise<RenewalStats> {
    const stats: RenewalStats = { renewed: 0, released: 0, notes: [] };
    const ids = await this.rentals.dueOfAccount(accountId, at);
    add(stats, await this.renewItems(ids.map((rentalId) => ({ rentalId, at }))));
    return stats;
  }

  /** Charges every period of one rental due by `now`, oldest first. */
  renew(rentalId: string, now: Date): Promise<Outcome[]> {
    return this.renewItems([{ rentalId, at: now }]);
  }

  private async renewItems(items: DueItem[]): Promise<Outcome[]> {
    if (items.length === 0) return [];
    const outcomes = await renewBatch(this.db, this.ledger, items);
    for (const outcome of outcomes) if (outcome.state === "released") await this.announceRelease(outcome.rentalId, outcome);
    return outcomes;
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

function count(stats: { renewed: number; released: number }, outcomes: Outcome[]): void {
  for (const outcome of outcomes) {
    if (outcome.state === "renewed") stats.renewed++;
    else if (outcome.state === "released") stats.released++;
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
