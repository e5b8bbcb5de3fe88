// What a balance alert tells the team beyond the balance: how fast money goes, how long
// it lasts at that rate, which numbers renew before it runs out, and whether auto-reload
// will catch it.
import type { Db } from "../data/database.ts";
import type { AccountRecord } from "../accounts/directory.ts";
import { Decimal } from "../core/money.ts";
import type { AutoReloadReader, AutoReloadStatus } from "./auto-reload-status.ts";

const DAY_MS = 24 * 3600 * 1000;
const BURN_WINDOW_DAYS = 7;
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
  /** Average debits per day over the last 7 days (or the account's life, if shorter). */
  dailyBurn: Decimal;
  /** Days the balance lasts at that rate; undefined when nothing was spent. */
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
    const dailyBurn = await this.dailyBurn(account, at);
    const runwayDays = dailyBurn.isZero() ? undefined : balance.isNegative() ? 0 : balance.div(dailyBurn).toNumber();
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
      dailyBurn,
      runwayDays,
      renewals: rows.map((r) => ({ msisdn: r.msisdn, at: r.nextRenewalAt, price: new Decimal(r.monthlyPrice.toString()) })),
      moreRenewals: total - rows.length,
      renewalHorizonDays,
      autoReload: await this.autoReload(account.id),
    };
  }

  private async dailyBurn(account: AccountRecord, at: Date): Promise<Decimal> {
    const from = new Date(at.getTime() - BURN_WINDOW_DAYS * DAY_MS);
    const spent = await this.db.ledgerEntry.aggregate({
      where: { accountId: account.id, amount: { lt: 0 }, createdAt: { gt: from, lte: at } },
      _sum: { amount: true },
    });
    const total = new Decimal(spent._sum.amount?.toString() ?? "0").abs();
    // A young account has not had 7 days to spend in: average over its life (a day at least).
    const ageDays = Math.min(BURN_WINDOW_DAYS, Math.max(1, (at.getTime() - account.createdAt.getTime()) / DAY_MS));
    return total.div(ageDays);
  }
}
