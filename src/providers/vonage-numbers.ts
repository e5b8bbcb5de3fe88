// The Vonage number operations as the core sees them: plain objects, money in Decimal
// EUR, msisdns in Vonage's form (digits, no "+"). The SDK implementation lives in
// adapters/vonage/vonage-numbers.ts; the provider-neutral numbers port adapts to this.
import type { Decimal } from "../core/money.ts";

export type NumberType = "landline" | "mobile-lvn" | "landline-toll-free";
export type NumberFeature = "SMS" | "VOICE" | "MMS";
/** Where `pattern` must match: Vonage's search_pattern 0, 1 and 2. */
export type PatternMatch = "starts" | "contains" | "ends";

export interface NumberSearch {
  /** ISO 3166-1 alpha-2, e.g. "GB". */
  country: string;
  type?: NumberType;
  /** Every listed feature must be supported. */
  features?: NumberFeature[];
  pattern?: string;
  match?: PatternMatch;
  /** Page size, at most 100 (Vonage's default is 10). */
  size?: number;
  /** 1-based page index. */
  index?: number;
}

export interface AvailableNumber {
  msisdn: string;
  country: string;
  type: string;
  features: string[];
  /** Monthly rent in EUR. */
  monthlyCost: Decimal;
}

export interface OwnedNumber {
  msisdn: string;
  country: string;
  type: string;
  features: string[];
  /** Inbound SMS webhook (moHttpUrl). */
  inboundSmsUrl?: string;
  voiceCallbackType?: string;
  /** A SIP URI, telephone number or (deprecated) application id, per voiceCallbackType. */
  voiceCallbackValue?: string;
  voiceStatusUrl?: string;
  applicationId?: string;
}

export interface NumberPage<T> {
  /** All matches, not just this page. */
  count: number;
  numbers: T[];
}

export interface OwnedFilter {
  country?: string;
  pattern?: string;
  match?: PatternMatch;
  applicationId?: string;
  size?: number;
  index?: number;
}

export interface NumberUpdate {
  msisdn: string;
  country: string;
  /** "" removes the webhook. */
  inboundSmsUrl?: string;
  voiceCallback?: { type: "sip" | "tel" | "app"; value: string };
  voiceStatusUrl?: string;
  applicationId?: string;
}

export interface PurchaseResult {
  msisdn: string;
  country: string;
  /**
   * "response": Vonage confirmed the purchase. "owned-list": the purchase timed out and
   * the number was then found among the account's numbers.
   */
  confirmedBy: "response" | "owned-list";
}

export interface VonageNumberOps {
  search(filter: NumberSearch): Promise<NumberPage<AvailableNumber>>;
  /**
   * Buys a number. A purchase whose outcome is unknown (timeout, dropped connection) is
   * checked against the owned numbers before anything is reported; `expectedMonthlyCost`
   * (from the search) lets a 420 refusal say whether the balance was the reason.
   */
  buy(input: { msisdn: string; country: string; expectedMonthlyCost?: Decimal; targetApiKey?: string }): Promise<PurchaseResult>;
  cancel(input: { msisdn: string; country: string; targetApiKey?: string }): Promise<void>;
  /** Changes only what is given; returns the number as configured afterwards. */
  update(change: NumberUpdate): Promise<OwnedNumber>;
  listOwned(filter?: OwnedFilter): Promise<NumberPage<OwnedNumber>>;
  findOwned(msisdn: string): Promise<OwnedNumber | undefined>;
}

/** "+44 7700 900123", "447700900123" → "447700900123". */
export const toMsisdn = (number: string): string => number.replace(/[^\d]/g, "");
