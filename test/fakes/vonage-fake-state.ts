// The fake Vonage's accounts, numbers and the shapes it answers with, following the
// public API reference (Nexmo/api-specification: account.yml, numbers.yml, subaccounts.yml).
import { randomBytes, randomUUID } from "node:crypto";
import { Decimal } from "decimal.js";

export interface FakeNumber {
  msisdn: string;
  country: string;
  type: "landline" | "mobile-lvn" | "landline-toll-free";
  features: string[];
  /** Monthly rent, EUR, as the search shows it. */
  cost: string;
}

export interface FakeOwnedNumber extends FakeNumber {
  moHttpUrl?: string;
  voiceCallbackType?: string;
  voiceCallbackValue?: string;
  voiceStatusCallback?: string;
  app_id?: string;
}

export interface FakeAccount {
  apiKey: string;
  name: string;
  secrets: { id: string; value: string; createdAt: string }[];
  balance: Decimal;
  creditLimit: Decimal;
  autoReload: boolean;
  /** The reference of the payment made when auto-reload was enabled. */
  topUpTrx?: string;
  topUpAmount: Decimal;
  settings: { mo: string; dr: string };
  owned: Map<string, FakeOwnedNumber>;
  subaccountsEnabled: boolean;
  parent?: string;
  suspended: boolean;
  sharesPrimaryBalance: boolean;
  createdAt: string;
}

export interface FakeReply {
  status: number;
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
}

export const json = (status: number, body: unknown): FakeReply => ({ status, body, contentType: "application/json" });

/** The REST API's `error-code` body; `status` may well be 200 (buy, cancel, update do that). */
export const coded = (code: number, label: string, status = code): FakeReply => json(status, { "error-code": String(code), "error-code-label": label });
export const success = (): FakeReply => coded(200, "success");
export const methodFailed = (): FakeReply => coded(420, "method failed");

/** RFC 7807 problem details, as the API host (api.nexmo.com) answers. */
export function problem(status: number, type: string, title: string, detail: string, extra: Record<string, unknown> = {}): FakeReply {
  return {
    status,
    contentType: "application/problem+json",
    body: { type: type.startsWith("http") ? type : `https://developer.nexmo.com/api-errors${type}`, title, detail, instance: randomBytes(16).toString("hex"), ...extra },
  };
}

export function newAccount(input: {
  apiKey: string;
  secret: string;
  name?: string;
  balance?: string;
  autoReload?: boolean;
  topUpTrx?: string;
  topUpAmount?: string;
  subaccountsEnabled?: boolean;
  parent?: string;
  sharesPrimaryBalance?: boolean;
  createdAt?: string;
}): FakeAccount {
  const createdAt = input.createdAt ?? "2024-03-02T16:34:49Z";
  return {
    apiKey: input.apiKey,
    name: input.name ?? `Account ${input.apiKey}`,
    secrets: [{ id: randomUUID(), value: input.secret, createdAt }],
    balance: new Decimal(input.balance ?? "10.00"),
    creditLimit: new Decimal(0),
    autoReload: input.autoReload ?? false,
    topUpTrx: input.topUpTrx,
    topUpAmount: new Decimal(input.topUpAmount ?? "20.00"),
    settings: { mo: "", dr: "" },
    owned: new Map(),
    subaccountsEnabled: input.subaccountsEnabled ?? false,
    parent: input.parent,
    suspended: false,
    sharesPrimaryBalance: input.sharesPrimaryBalance ?? false,
    createdAt,
  };
}

export function subaccountJson(account: FakeAccount, includeSecret?: string) {
  const shared = account.sharesPrimaryBalance;
  return {
    api_key: account.apiKey,
    name: account.name,
    ...(account.parent ? { primary_account_api_key: account.parent, use_primary_account_balance: shared } : {}),
    created_at: account.createdAt,
    suspended: account.suspended,
    balance: shared ? null : account.balance.toNumber(),
    credit_limit: shared ? null : account.creditLimit.toNumber(),
    ...(includeSecret ? { secret: includeSecret } : {}),
  };
}

export function ownedJson(n: FakeOwnedNumber) {
  return {
    country: n.country,
    msisdn: n.msisdn,
    type: n.type,
    features: n.features,
    ...(n.moHttpUrl ? { moHttpUrl: n.moHttpUrl } : {}),
    ...(n.voiceCallbackType ? { voiceCallbackType: n.voiceCallbackType, voiceCallbackValue: n.voiceCallbackValue } : {}),
    ...(n.voiceStatusCallback ? { voiceStatusCallback: n.voiceStatusCallback } : {}),
    ...(n.app_id ? { app_id: n.app_id, messagesCallbackType: "app", messagesCallbackValue: n.app_id } : {}),
  };
}

/** search_pattern: 0 starts with, 1 contains, 2 ends with (the API's default is 0). */
export function matchesPattern(msisdn: string, pattern: string | null, searchPattern: string | null): boolean {
  if (!pattern) return true;
  if (searchPattern === "1") return msisdn.includes(pattern);
  if (searchPattern === "2") return msisdn.endsWith(pattern);
  return msisdn.startsWith(pattern);
}

/** size (default 10, at most 100) and 1-based index. */
export function page<T>(items: T[], query: URLSearchParams): T[] {
  const size = Math.min(100, Math.max(1, Number(query.get("size") ?? 10) || 10));
  const index = Math.max(1, Number(query.get("index") ?? 1) || 1);
  return items.slice((index - 1) * size, index * size);
}

/** The Account API's rules for a new secret. */
export function secretProblems(secret: unknown): string | undefined {
  if (typeof secret !== "string") return "Must be a string";
  if (secret.length < 8 || secret.length > 25 || !/[a-z]/.test(secret) || !/[A-Z]/.test(secret) || !/\d/.test(secret)) {
    return "Does not meet complexity requirements";
  }
  return undefined;
}
