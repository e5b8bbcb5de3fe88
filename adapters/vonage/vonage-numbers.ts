// Vonage numbers through @vonage/numbers: search, buy, cancel, update, list owned. A buy
// whose outcome is unknown (timeout, dropped connection, 5xx) is checked against the
// owned numbers before anything is reported, so a retry never buys twice.
import type { Numbers, NumbersOwnedNumber, NumbersSearchFilter } from "@vonage/numbers";
import type { Decimal } from "../../src/core/money.ts";
import { formatMoney } from "../../src/core/money.ts";
import { toMsisdn } from "../../src/numbers/msisdn.ts";
import type { NumberFeature, PatternMatch } from "../../src/providers/number-provider.ts";
import type { ProviderFailure } from "../../src/providers/provider-error.ts";
import type { VonageBalance } from "../../src/providers/vonage-gateway.ts";
import { failureFromCode } from "./vonage-errors.ts";
import type { VonageCalls } from "./vonage-calls.ts";
import { decimalOf } from "./vonage-account-ops.ts";

// Numbers in Vonage's own words, inside this adapter only: money in Decimal EUR, msisdns
// in Vonage's form (digits, no "+"), types as Vonage names them. The core sees numbers
// through the port in src/providers/number-provider.ts (vonage-number-provider.ts).

/** Vonage's number types ("landline-toll-free" is the port's "toll-free"). */
export type VonageNumberType = "landline" | "mobile-lvn" | "landline-toll-free";

export interface VonageNumberSearch {
  /** ISO 3166-1 alpha-2, e.g. "GB". */
  country: string;
  type?: VonageNumberType;
  /** Every listed feature must be supported. */
  features?: NumberFeature[];
  pattern?: string;
  /** Where `pattern` must match: Vonage's search_pattern 0, 1 and 2. */
  match?: PatternMatch;
  /** Page size, at most 100 (Vonage's default is 10). */
  size?: number;
  /** 1-based page index. */
  index?: number;
}

/** A number on sale, as /number/search lists it. */
export interface VonageOffer {
  msisdn: string;
  country: string;
  type: string;
  features: string[];
  /** Monthly rent in EUR. */
  monthlyCost: Decimal;
}

/** One of the account's numbers, as /account/numbers lists it. */
export interface VonageOwnedNumber {
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

const SEARCH_PATTERN: Record<PatternMatch, 0 | 1 | 2> = { starts: 0, contains: 1, ends: 2 };

export class VonageNumbers {
  constructor(
    private readonly sdk: Numbers,
    private readonly calls: VonageCalls,
    private readonly balance: () => Promise<VonageBalance>,
  ) {}

  // Answers are read inside run(): a malformed one is a classified failure, not a TypeError.
  search(filter: VonageNumberSearch): Promise<NumberPage<VonageOffer>> {
    const query = {
      country: filter.country.toUpperCase(),
      type: filter.type,
      features: filter.features,
      pattern: filter.pattern,
      searchPattern: filter.pattern ? SEARCH_PATTERN[filter.match ?? "contains"] : undefined,
      size: filter.size,
      index: filter.index,
    } as NumbersSearchFilter;
    return this.calls.run("numbers.search", async () => {
      const data = await this.sdk.getAvailableNumbers(query);
      const numbers = (data.numbers ?? []).map((n) => ({
        msisdn: n.msisdn ?? "",
        country: n.country ?? query.country,
        type: n.type ?? "",
        features: n.features ?? [],
        monthlyCost: decimalOf(n.cost),
      }));
      return { count: data.count ?? numbers.length, numbers };
    });
  }

  async buy(input: { msisdn: string; country: string; expectedMonthlyCost?: Decimal; targetApiKey?: string }): Promise<PurchaseResult> {
    const msisdn = toMsisdn(input.msisdn);
    const country = input.country.toUpperCase();
    let failure: ProviderFailure | undefined;
    try {
      const result = await this.sdk.buyNumber({ country, msisdn, ...(input.targetApiKey ? { targetApiKey: input.targetApiKey } : {}) });
      failure = failureFromCode(result.errorCode, result.errorCodeLabel, "numbers.buy", msisdn);
    } catch (error) {
      failure = await this.calls.classify(error, "numbers.buy", msisdn);
    }
    if (!failure) return { msisdn, country, confirmedBy: "response" };
    // Sent but not clearly answered: the purchase may have happened.
    if (failure.kind === "timeout" || failure.kind === "unknown" || (failure.kind === "unavailable" && (failure.status ?? 0) >= 500)) {
      return this.settleUnknownPurchase(msisdn, country, failure, input.targetApiKey);
    }
    if (failure.kind === "method-failed") throw this.calls.fail(await this.explainRefusal(failure, msisdn, input.expectedMonthlyCost));
    throw this.calls.fail(failure);
  }

  async cancel(input: { msisdn: string; country: string; targetApiKey?: string }): Promise<void> {
    const msisdn = toMsisdn(input.msisdn);
    try {
      await this.calls.runCoded(
        "numbers.cancel",
        () => this.sdk.cancelNumber({ country: input.country.toUpperCase(), msisdn, ...(input.targetApiKey ? { targetApiKey: input.targetApiKey } : {}) }),
        msisdn,
      );
    } catch (error) {
      // 420 is all Vonage says when the number is not the account's to cancel.
      const failure = await this.calls.classify(error, "numbers.cancel", msisdn);
      if (failure.kind === "method-failed" && !input.targetApiKey && !(await this.findOwnedQuietly(msisdn))) {
        throw this.calls.fail({ ...failure, kind: "not-found", detail: undefined });
      }
      throw error;
    }
  }

  async update(change: NumberUpdate): Promise<VonageOwnedNumber> {
    const msisdn = toMsisdn(change.msisdn);
    const current = await this.findOwned(msisdn);
    if (!current) throw this.calls.fail({ kind: "not-found", operation: "numbers.update", subject: msisdn });
    // Every setting is sent, the unchanged ones as they are, so nothing is reset by omission.
    const next: VonageOwnedNumber = {
      ...current,
      inboundSmsUrl: change.inboundSmsUrl ?? current.inboundSmsUrl,
      voiceCallbackType: change.voiceCallback?.type ?? current.voiceCallbackType,
      voiceCallbackValue: change.voiceCallback?.value ?? current.voiceCallbackValue,
      voiceStatusUrl: change.voiceStatusUrl ?? current.voiceStatusUrl,
      applicationId: change.applicationId ?? current.applicationId,
    };
    await this.calls.runCoded(
      "numbers.update",
      () =>
        this.sdk.updateNumber({
          country: change.country.toUpperCase() || current.country,
          msisdn,
          appId: next.applicationId,
          moHttpUrl: next.inboundSmsUrl,
          voiceCallbackType: next.voiceCallbackType as never,
          voiceCallbackValue: next.voiceCallbackValue,
          voiceStatusCallback: next.voiceStatusUrl,
        }),
      msisdn,
    );
    return (await this.findOwnedQuietly(msisdn)) ?? next;
  }

  listOwned(filter: OwnedFilter = {}): Promise<NumberPage<VonageOwnedNumber>> {
    return this.calls.run("numbers.list", async () => {
      const data = await this.sdk.getOwnedNumbers({
        country: filter.country?.toUpperCase(),
        pattern: filter.pattern,
        searchPattern: filter.pattern ? SEARCH_PATTERN[filter.match ?? "contains"] : undefined,
        applicationId: filter.applicationId,
        size: filter.size,
        index: filter.index,
      });
      const numbers = (data.numbers ?? []).map(ownedOf);
      return { count: data.count ?? numbers.length, numbers };
    });
  }

  async findOwned(msisdn: string): Promise<VonageOwnedNumber | undefined> {
    const wanted = toMsisdn(msisdn);
    const page = await this.listOwned({ pattern: wanted, match: "contains", size: 100 });
    return page.numbers.find((n) => n.msisdn === wanted);
  }

  private async findOwnedQuietly(msisdn: string): Promise<VonageOwnedNumber | undefined> {
    return this.findOwned(msisdn).catch(() => undefined);
  }

  private async settleUnknownPurchase(msisdn: string, country: string, failure: ProviderFailure, targetApiKey?: string): Promise<PurchaseResult> {
    // A subaccount's numbers are not in this account's list: there is nothing to check.
    let owned: VonageOwnedNumber | undefined;
    try {
      if (targetApiKey) throw new Error("not checkable");
      owned = await this.findOwned(msisdn);
    } catch {
      throw this.calls.fail({ ...failure, kind: "outcome-unknown" });
    }
    if (owned) return { msisdn, country: owned.country || country, confirmedBy: "owned-list" };
    throw this.calls.fail({ ...failure, kind: "purchase-unconfirmed" });
  }

  /** 420 "method failed" names no reason: find it (already ours? balance? gone?). */
  private async explainRefusal(failure: ProviderFailure, msisdn: string, expectedCost?: Decimal): Promise<ProviderFailure> {
    if (await this.findOwnedQuietly(msisdn)) return { ...failure, kind: "already-owned" };
    if (expectedCost) {
      const balance = await this.balance().catch(() => undefined);
      if (balance && balance.value.lt(expectedCost)) {
        return { ...failure, kind: "low-balance", detail: `the balance is ${formatMoney(balance.value)} and the number costs ${formatMoney(expectedCost)} a month` };
      }
    }
    // A label with words in it (e.g. "needs a local address: use the dashboard") is kept.
    return failure.detail ? failure : { ...failure, kind: "number-unavailable" };
  }
}

function ownedOf(n: NumbersOwnedNumber & { app_id?: string; voiceStatusCallback?: string }): VonageOwnedNumber {
  return {
    msisdn: n.msisdn ?? "",
    country: n.country ?? "",
    type: n.type ?? "",
    features: n.features ?? [],
    inboundSmsUrl: n.moHttpUrl || undefined,
    voiceCallbackType: n.voiceCallbackType || undefined,
    voiceCallbackValue: n.voiceCallbackValue || undefined,
    voiceStatusUrl: n.voiceStatusCallback || undefined,
    applicationId: n.app_id || (n.messagesCallbackType === "app" ? n.messagesCallbackValue : undefined) || undefined,
  };
}
