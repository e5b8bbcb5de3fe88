// What a balance alert tells the team beyond the balance: how fast money goes, how long
// it lasts at that rate, which numbers renew before it runs out, and whether auto-reload
// will catch it.
import type { Db } from "../data/database.ts";
import type { AccountRecord } from "../accounts/directory.ts";
import { Decimal } from "../core/money.ts";
import { spendRates, type SpendRate } from "../billing/spend-rate.ts";
import { oneByOne, type AutoReloadReader, type AutoReloadStatus, type AutoReloadsReader } from "./auto-reload-status.ts";

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

/** One account's facts to read: at its own instant, with the balance already known. */
export interface FactsRequest {
  account: AccountRecord;
  at: Date;
  balance: Decimal;
}

/**
 * The balances one query can give (a sweep's page); the accounts it leaves out are asked
 * one by one with BalanceOf (a Vonage account's balance is an API call).
 */
export type BalancesOf = (accounts: readonly AccountRecord[]) => Promise<Map<string, Decimal>>;

/** Readers of many accounts at once, for sweeps; without them, one read an account. */
export interface BulkReaders {
  autoReloads?: AutoReloadsReader;
  balances?: BalancesOf;
}

export class BalanceFactsReader {
  private readonly autoReloads: AutoReloadsReader;
  private readonly bulkBalances: BalancesOf;

  constructor(
    private readonly db: Db,
    private readonly balanceOf: BalanceOf,
    autoReload: AutoReloadReader,
    bulk: BulkReaders = {},
  ) {
    this.autoReloads = bulk.autoReloads ?? oneByOne(autoReload);
    this.bulkBalances = bulk.balances ?? (async () => new Map());
  }

  /** The balance alone: what decides whether an alert changes at all. */
  balance(account: AccountRecord): Promise<Decimal> {
    return this.balanceOf(account);
  }

  /** The balances of the accounts that one query can answer; the others are absent (ask `balance`). */
  balances(accounts: readonly AccountRecord[]): Promise<Map<string, Decimal>> {
    return this.bulkBalances(accounts);
  }

  async read(account: AccountRecord, at: Date, knownBalance?: Decimal): Promise<BalanceFacts> {
    const balance = knownBalance ?? (await this.balanceOf(account));
    return (await this.readMany([{ account, at, balance }]))[0]!;
  }

  /**
   * The facts of many accounts, in the requests' order, in three queries whatever their
   * number: the spend rates, the renewals within each one's horizon, and auto-reload.
   */
  async readMany(requests: readonly FactsRequest[]): Promise<BalanceFacts[]> {
    if (requests.length === 0) return [];
    const spends = await spendRates(this.db, requests);
    const runways = requests.map(({ balance }, i) => {
      const spend = spends[i]!;
      const runwayDays = !spend.known || spend.perDay.isZero() ? undefined : balance.isNegative() ? 0 : balance.div(spend.perDay).toNumber();
      return { runwayDays, renewalHorizonDays: runwayDays ?? NO_SPEND_HORIZON_DAYS };
    });
    const renewals = await upcomingRenewals(
      this.db,
      requests.map(({ account, at }, i) => ({ accountId: account.id, until: new Date(at.getTime() + runways[i]!.renewalHorizonDays * DAY_MS) })),
    );
    const autoReload = await this.autoReloads([...new Set(requests.map((r) => r.account.id))]);
    return requests.map(({ account, balance }, i) => ({
      balance,
      spend: spends[i]!,
      ...runways[i]!,
      renewals: renewals[i]!.shown,
      moreRenewals: renewals[i]!.total - renewals[i]!.shown.length,
      autoReload: autoReload.get(account.id) ?? { on: false },
    }));
  }
}

/** Each account's first renewals up to its own date (RENEWALS_SHOWN of them) and how many there are, in one query. */
async function upcomingRenewals(db: Db, requests: readonly { accountId: string; until: Date }[]): Promise<{ shown: Renewal[]; total: number }[]> {
  const rows = await db.$queryRawUnsafe<{ i: number; total: number; msisdn: string | null; at: Date | null; price: string | null }[]>(
    RENEWALS_SQL,
    requests.map((r) => r.accountId),
    requests.map((r) => r.until.toISOString()),
    requests.map((_, i) => i),
    RENEWALS_SHOWN,
  );
  const out = requests.map(() => ({ shown: [] as Renewal[], total: 0 }));
  for (const row of rows) {
    const entry = out[Number(row.i)]!;
    entry.total = Number(row.total);
    if (row.msisdn !== null) entry.shown.push({ msisdn: row.msisdn, at: new Date(row.at!), price: new Decimal(row.price!) });
  }
  return out;
}

/** $1 accounts, $2 until (inclusive), $3 positions, $4 how many to list: rentals not released, soonest first. */
const RENEWALS_SQL = `
SELECT v.i, c.total, r.msisdn, r."nextRenewalAt" AS at, r."monthlyPrice"::text AS price
  FROM unnest($1::text[], $2::timestamp[], $3::int[]) AS v(id, until, i)
 CROSS JOIN LATERAL (SELECT count(*)::int AS total FROM "NumberRental" n
                      WHERE n."accountId" = v.id AND n."releasedAt" IS NULL AND n."nextRenewalAt" <= v.until) c
  LEFT JOIN LATERAL (SELECT n.id, n.msisdn, n."nextRenewalAt", n."monthlyPrice" FROM "NumberRental" n
                      WHERE n."accountId" = v.id AND n."releasedAt" IS NULL AND n."nextRenewalAt" <= v.until
                      ORDER BY n."nextRenewalAt", n.id LIMIT $4::int) r ON true
 ORDER BY v.i, r."nextRenewalAt", r.id`;
