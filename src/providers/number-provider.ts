// The port every numbers command goes through, and the only place its types are defined.
// The sandbox account platform implements it (src/numbers/sandbox-number-provider.ts), and
// the Vonage provider does for linked accounts (adapters/vonage/vonage-number-provider.ts,
// passed in by the composition root): the commands never know which one answers. Money here is a price in EUR, nothing more:
// how a provider charges it is its own business.
import type { Decimal } from "../core/money.ts";
import type { AccountRecord } from "../accounts/directory.ts";

export const NUMBER_TYPES = ["landline", "mobile-lvn", "toll-free"] as const;
export type NumberType = (typeof NUMBER_TYPES)[number];

export const NUMBER_FEATURES = ["SMS", "VOICE", "MMS"] as const;
export type NumberFeature = (typeof NUMBER_FEATURES)[number];

/** Vonage's search_pattern: 0 starts with, 1 anywhere, 2 ends with. */
export type PatternMatch = "starts" | "contains" | "ends";

export interface NumberSearchQuery {
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
  type?: NumberType;
  /** Every listed feature is required. */
  features?: NumberFeature[];
  /** Digits matched against the number in international format without "+". */
  pattern?: string;
  match?: PatternMatch;
  /** 1-based. */
  page: number;
  pageSize: number;
}

export interface AvailableNumber {
  /** International format without "+": 447700900123. */
  msisdn: string;
  country: string;
  type: NumberType;
  features: NumberFeature[];
  /** Rent per month, EUR. */
  monthlyPrice: Decimal;
}

export interface NumberSearchResult {
  numbers: AvailableNumber[];
  /** How many numbers match in all pages. */
  total: number;
}

export interface NumberConfig {
  smsWebhookUrl?: string | null;
  voiceAnswerUrl?: string | null;
  voiceEventUrl?: string | null;
  applicationId?: string | null;
}

export interface OwnedNumber extends AvailableNumber {
  config: NumberConfig;
  subscribedAt?: Date;
  /** When the next month's rent is due, if the provider says. */
  nextRenewalAt?: Date;
}

export interface NumberProvider {
  /** The account provider it serves ("sandbox", "vonage"). */
  readonly name: string;
  search(account: AccountRecord, query: NumberSearchQuery): Promise<NumberSearchResult>;
  /** A number that can be rented now, or undefined if it is taken or does not exist. */
  available(account: AccountRecord, msisdn: string): Promise<AvailableNumber | undefined>;
  /** What a rent confirmation shows: the balance the first month is paid from (EUR). */
  balance(account: AccountRecord): Promise<Decimal>;
  /** Rents the number and pays its first month. `at` is the account's now. */
  rent(account: AccountRecord, msisdn: string, at: Date): Promise<OwnedNumber>;
  list(account: AccountRecord): Promise<OwnedNumber[]>;
  /** One of the account's numbers, or undefined if the account does not have it. */
  find(account: AccountRecord, msisdn: string): Promise<OwnedNumber | undefined>;
  /** Only the given keys change; null clears one. */
  configure(account: AccountRecord, msisdn: string, config: NumberConfig): Promise<OwnedNumber>;
  cancel(account: AccountRecord, msisdn: string, at: Date): Promise<OwnedNumber>;
}
