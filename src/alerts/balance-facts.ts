// What a balance alert tells the team beyond the balance: how fast money goes, how long
// it lasts at that rate, which numbers renew before it runs out, and whether auto-reload
// will catch it.
import type { Db } from "../data/database.ts";
import type { AccountRecord } from "../accounts/directory.ts";
import { Decimal } from "../core/money.ts";
import { spendRate, type SpendRate } from "../billing/spend-rate.ts";
import type { AutoReloadReader, AutoReloadStatus } from "./auto-reload-status.ts";

const DAY_MS = 24 * 3600 * 1000;
/** With no spend there is no runway to speak of: renewals this far ahead are shown. */
const NO_SPEND_HORIZON_DAYS = 30;
const RENEWALS_SHOWN = 5;

export interface Renewal {
  msisdn: string;
  at: Date;
  price: Decimal;
}

export interface BalanceFacts {
  balance: Decimal;
  /** Rent spread over its month plus the recent average of other spend; unknown under a day of history. */
  spend: SpendRate;
  /** Days the balance lasts at that rate; undefined when nothing is spent or the rate is unknown. */
  runwayDays: number | undefined;
  renewals: Renewal[];
  moreRenewals: number;
  renewalHorizonDays: number;
  autoReload: AutoReloadStatus;
}

export type BalanceOf = (account: AccountRecord) => Promise<Decimal>;

export class BalanceFactsReader {
  constructor(
    private readonly db: Db,
    private readonly balanceOf: BalanceOf,
    private readonly autoReload: AutoReloadReader,
  ) {}

  /** The balance alone: what decides whether an alert changes at all. */
  balance(account: AccountRecord): Promise<Decimal> {
    return this.balanceOf(account);
  }

  async read(account: AccountRecord, at: Date, knownBalance?: Decimal): Promise<BalanceFacts> {
    const balance = knownBalance ?? (await this.balanceOf(account));
    const spend = await spendRate(this.db, account, at);
    const runwayDays = !spend.known || spend.perDay.isZero() ? undefined : balance.isNegative() ? 0 : balance.div(spend.perDay).toNumber();
    const renewalHorizonDays = runwayDays ?? NO_SPEND_HORIZON_DAYS;
    const until = new Date(at.getTime() + renewalHorizonDays * DAY_MS);
    const where = { accountId: account.id, releasedAt: null, nextRenewalAt: { lte: until } };
    const [rows, total] = await Promise.all([
      this.db.numberRental.findMany({
        where,
        orderBy: { nextRenewalAt: "asc" },
        take: RENEWALS_SHOWN,
        select: { msisdn: true, nextRenewalAt: true, monthlyPrice: true },
      }),
      this.db.numberRental.count({ where }),
    ]);
    return {
      balance,
      spend,
      runwayDays,
      renewals: rows.map((r) => ({ msisdn: r.msisdn, at: r.nextRenewalAt, price: new Decimal(r.monthlyPrice.toString()) })),
      moreRenewals: total - rows.length,
      renewalHorizonDays,
      autoReload: await this.autoReload(account.id),
    };
  }
}
