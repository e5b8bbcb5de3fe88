// EUR→USD for display only: charges stay in EUR. The rate comes from a configurable
// source (the ECB's daily XML by default), is cached in the database for an hour, and
// when the source cannot be reached the last known rate is used and said to be old.
import type { Db } from "../data/database.ts";
import type { Clock } from "../core/clock.ts";
import type { Logger } from "../platform/logger.ts";
import { Decimal } from "../core/money.ts";
import { parseEcbRate } from "./ecb-rates.ts";

const CACHE_MS = 60 * 60_000;
const FETCH_TIMEOUT_MS = 3_000;
const KEY = "billing:fx:EUR:USD";

export interface FxQuote {
  rate: Decimal;
  /** The source's date for the rate. */
  date: string;
  fetchedAt: Date;
  /** Set when the source could not be reached and this is the last known rate. */
  stale: boolean;
}

interface Cached {
  rate: string;
  date: string;
  fetchedAt: string;
}

export class FxRates {
  private inFlight?: Promise<FxQuote | undefined>;

  constructor(
    private readonly db: Db,
    private readonly source: () => string | undefined,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /** The EUR→USD rate, or undefined when none is known at all. */
  async usd(): Promise<FxQuote | undefined> {
    const cached = await this.cached();
    if (cached && this.clock.now().getTime() - cached.fetchedAt.getTime() < CACHE_MS) return cached;
    // Concurrent views share one request to the source.
    this.inFlight ??= this.refresh(cached).finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async refresh(cached: FxQuote | undefined): Promise<FxQuote | undefined> {
    const url = this.source();
    if (!url) return cached && { ...cached, stale: true };
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      if (!response.ok) throw new Error(`the rate source answered ${response.status}`);
      const parsed = parseEcbRate(await response.text(), "USD");
      if (!parsed) throw new Error("the rate source sent no EUR→USD rate");
      const fresh: Cached = { rate: parsed.rate.toString(), date: parsed.date, fetchedAt: this.clock.now().toISOString() };
      await this.db.keyValue.upsert({ where: { key: KEY }, create: { key: KEY, value: { ...fresh } }, update: { value: { ...fresh } } });
      return { rate: parsed.rate, date: parsed.date, fetchedAt: this.clock.now(), stale: false };
    } catch (error) {
      const err = { message: (error as Error).message };
      // With no rate ever known there is nothing to fall back on and nothing an operator
      // must act on: the reply already says amounts are shown in EUR.
      if (!cached) this.log.info({ err }, "could not fetch the EUR→USD reference rate; none is known yet, so amounts are shown in EUR");
      else this.log.warn({ err, rateDate: cached.date }, "could not fetch the EUR→USD reference rate; using the last known one");
      return cached && { ...cached, stale: true };
    }
  }

  private async cached(): Promise<FxQuote | undefined> {
    const row = await this.db.keyValue.findUnique({ where: { key: KEY }, select: { value: true } });
    const value = row?.value as Cached | undefined;
    if (!value) return undefined;
    return { rate: new Decimal(value.rate), date: value.date, fetchedAt: new Date(value.fetchedAt), stale: false };
  }
}
