// What the usage views read, whichever platform keeps the records: the sandbox's own
// table (usage-module.ts), or Vonage's Reports API (adapters/vonage/vonage-usage-source.ts,
// passed in by the composition root). The port (UsageProvider → UsageSource) is implemented for each.
import type { Decimal } from "../core/money.ts";
import type { Clock } from "../core/clock.ts";
import type { AccountRecord } from "../accounts/directory.ts";

export type Product = "sms" | "voice";
export type Direction = "outbound" | "inbound";
/** Outbound: submitted, delivered, failed. Inbound: received. Voice: answered, failed... */
export type RecordStatus = string;

export interface UsageRecord {
  id: string;
  product: Product;
  direction: Direction;
  from: string;
  to: string;
  /** ISO code of the remote party's country. */
  country: string;
  network?: string;
  networkName?: string;
  parts: number;
  /** EUR. */
  price: Decimal;
  status: RecordStatus;
  failureReason?: string;
  demo: boolean;
  text?: string;
  createdAt: Date;
}

/** [from, to): a half-open range of instants. */
export interface Period {
  from: Date;
  to: Date;
  label: string;
}

export interface UsageTotals {
  smsSent: number;
  smsReceived: number;
  callsMade: number;
  callsReceived: number;
  parts: number;
  /** EUR. */
  cost: Decimal;
  delivered: number;
  failed: number;
  /** Outbound messages with no receipt yet. */
  pending: number;
}

export interface Ranked {
  key: string;
  count: number;
  cost: Decimal;
}

export interface DailySpend {
  /** YYYY-MM-DD (UTC). */
  day: string;
  product: Product;
  country: string;
  cost: Decimal;
}

export interface UsageSummary {
  totals: UsageTotals;
  topCountries: Ranked[];
  topNumbers: Ranked[];
  failureReasons: { reason: string; count: number }[];
  daily: DailySpend[];
}

export interface UsageFilter {
  to?: string;
  from?: string;
  status?: string;
  since?: Date;
  until?: Date;
  text?: string;
}

export interface SearchPage {
  records: UsageRecord[];
  /** How many match, counted up to a cap (`capped` says the real number is larger). */
  total: number;
  capped: boolean;
}

/** The usage records of one account provider. */
export interface UsageProvider {
  /** The account provider it serves ("sandbox", "vonage"). */
  readonly name: string;
  /** `clock`: the account's (a sandbox account's may run ahead). */
  source(account: AccountRecord, clock: Clock): UsageSource;
}

export interface UsageSource {
  summary(period: Period): Promise<UsageSummary>;
  totals(period: Period): Promise<UsageTotals>;
  /** Newest first. */
  search(filter: UsageFilter, page: { offset: number; size: number }): Promise<SearchPage>;
  /** Oldest first, at most `limit`. */
  records(period: Period, limit: number): Promise<UsageRecord[]>;
  /** What this source cannot answer, said plainly in the reply. */
  limits: string[];
}
