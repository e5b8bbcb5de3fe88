// What a provider call can fail with, in words a user can act on. The Vonage adapter
// classifies every failure shape (problem details, `error-code` bodies even inside an
// HTTP 200, 420 "method failed", 401, 429, timeouts) into a ProviderFailure; this file
// turns that into the sentence. A ProviderError is a UserError, so the dispatcher shows
// it as such; it never carries the SDK's error (which holds the Authorization header).
import { UserError } from "../core/errors.ts";
import type { ErrorCode } from "../core/error-codes.ts";
import { dashboardLink } from "./dashboard-links.ts";

export type ProviderFailureKind =
  | "bad-credentials"
  | "auto-reload-disabled"
  | "rate-limited"
  | "method-failed"
  | "number-unavailable"
  | "already-owned"
  | "low-balance"
  | "unprovisioned"
  | "forbidden"
  | "rejected"
  | "not-found"
  | "validation"
  | "last-secret"
  | "too-many-secrets"
  | "conflict"
  | "timeout"
  /** A purchase timed out and the number is not on the account: it was not bought. */
  | "purchase-unconfirmed"
  /** A purchase timed out and the owned-numbers check failed too: nobody knows yet. */
  | "outcome-unknown"
  | "unavailable"
  | "unknown";

export type ProviderOperation =
  | "verify"
  | "balance"
  | "top-up"
  | "settings"
  | "secrets.list"
  | "secrets.create"
  | "secrets.revoke"
  | "subaccounts.list"
  | "subaccounts.create"
  | "subaccounts.update"
  | "subaccounts.transfer-credit"
  | "subaccounts.transfer-balance"
  | "subaccounts.transfer-number"
  | "numbers.search"
  | "numbers.buy"
  | "numbers.cancel"
  | "numbers.update"
  | "numbers.list"
  | "reports.records";

export interface ProviderFailure {
  kind: ProviderFailureKind;
  operation: ProviderOperation;
  status?: number;
  /** The provider's own words (error-code-label, or problem title and detail), cleaned. */
  detail?: string;
  retryAfterSeconds?: number;
  /** What the call was about: a number, a secret id, a subaccount key. */
  subject?: string;
}

export class ProviderError extends UserError {
  constructor(readonly failure: ProviderFailure) {
    const { code, message, hint } = describeFailure(failure);
    super(code, message, { hint });
    this.name = "ProviderError";
  }
}

export const isProviderError = (error: unknown): error is ProviderError => error instanceof ProviderError;

const said = (f: ProviderFailure) => (f.detail ? ` Vonage said: "${f.detail}".` : "");
const shown = (subject?: string) => (subject && /^\d{6,15}$/.test(subject) ? `+${subject}` : (subject ?? "that"));

interface Description {
  code: ErrorCode;
  message: string;
  hint?: string;
}

function describeFailure(f: ProviderFailure): Description {
  const subject = shown(f.subject);
  switch (f.kind) {
    case "bad-credentials":
      return f.operation === "verify"
        ? { code: "vonage_bad_credentials", message: "Vonage did not accept that API key and secret.", hint: `Copy both from the dashboard's API settings (${dashboardLink("api-settings")}) and try again.` }
        : { code: "vonage_credentials_revoked", message: "Vonage refused Switchboard's stored credentials: the API secret was probably revoked or changed.", hint: "The primary user can relink with `account link` and a current API secret." };
    case "auto-reload-disabled":
      return { code: "vonage_auto_reload_off", message: "Vonage only tops up accounts that have auto-reload enabled, and this account does not.", hint: `Turn auto-reload on in the dashboard (${dashboardLink("auto-reload")}), then try again.` };
    case "rate-limited":
      return { code: "vonage_rate_limited", message: "Vonage says Switchboard is sending it too many requests right now.", hint: `Slow down and retry in ${f.retryAfterSeconds ?? 1} second${f.retryAfterSeconds === 1 || !f.retryAfterSeconds ? "" : "s"}.` };
    case "number-unavailable":
      return { code: "number_unavailable", message: `${subject} is no longer available.${said(f)}`, hint: "Search again (`numbers search`) and pick another number." };
    case "already-owned":
      return { code: "number_already_owned", message: `${subject} is already on this Vonage account.`, hint: "See it with `numbers list`." };
    case "low-balance":
      return { code: "balance_too_low", message: `The balance does not cover it${f.detail ? ` (${f.detail})` : ""}.`, hint: "Top up first (`vonage topup`, or in the dashboard), then try again." };
    case "method-failed":
      return { code: "vonage_method_failed", message: `Vonage refused that (420 "method failed").${said(f)}`, hint: "Check the details and try again; some changes can only be made in the dashboard." };
    case "unprovisioned":
      return f.operation.startsWith("subaccounts")
        ? { code: "subaccounts_not_enabled", message: "Subaccounts are not enabled for this Vonage account.", hint: "Vonage enables the Subaccounts API on request: ask your Vonage account manager or support." }
        : { code: "vonage_unprovisioned", message: `This Vonage account is not enabled for that.${said(f)}`, hint: "Ask Vonage support to enable it." };
    case "forbidden":
      return { code: "vonage_forbidden", message: `Vonage does not allow this account to do that.${said(f)}` };
    case "rejected":
      return { code: "vonage_rejected", message: `Vonage refused the transfer.${said(f)}` };
    case "not-found":
      return notFound(f, subject);
    case "validation":
      return f.operation === "secrets.create"
        ? { code: "invalid_secret", message: `Vonage refused that API secret.${said(f)}`, hint: "8 to 25 characters with at least one lower-case letter, one upper-case letter and one digit." }
        : { code: "vonage_invalid_request", message: `Vonage refused the request as invalid.${said(f)}` };
    case "last-secret":
      return { code: "last_secret", message: "That is the account's last API secret: Vonage does not allow revoking it.", hint: "Create a new one first with `account secret create`, then revoke this one." };
    case "too-many-secrets":
      return { code: "too_many_secrets", message: "The account already has 2 API secrets, the most Vonage allows.", hint: "Revoke one first: `account secret reveal` lists their ids." };
    case "conflict":
      return { code: "vonage_conflict", message: `Vonage reports a conflict.${said(f)}` };
    case "timeout":
      return { code: "vonage_timeout", message: "Vonage did not answer in time.", hint: f.operation.startsWith("numbers.") || f.operation === "balance" || f.operation === "secrets.list" || f.operation === "subaccounts.list" ? "Try again in a moment." : "It may or may not have been applied: check before trying again." };
    case "purchase-unconfirmed":
      return { code: "purchase_not_confirmed", message: `Vonage did not confirm the purchase of ${subject} in time, and ${subject} is not on your account (checked just now): it was not bought.`, hint: "Nothing was rented; you can try again." };
    case "outcome-unknown":
      return { code: "purchase_outcome_unknown", message: `Vonage did not answer in time and Switchboard could not check whether ${subject} was bought.`, hint: "Run `numbers list` before trying again, so the number is not bought twice." };
    case "unavailable":
      return { code: "vonage_unavailable", message: `Vonage could not be reached or had an error${f.status ? ` (HTTP ${f.status})` : ""}.`, hint: "Try again in a minute." };
    case "unknown":
      return { code: "vonage_error", message: `Vonage answered in a way Switchboard did not understand${f.status ? ` (HTTP ${f.status})` : ""}.`, hint: "Try again; if it keeps happening, check the dashboard." };
  }
}

function notFound(f: ProviderFailure, subject: string): Description {
  if (f.operation === "secrets.revoke") {
    return { code: "unknown_secret", message: `The Vonage account has no API secret ${subject}.`, hint: "`account secret reveal` lists the secret ids." };
  }
  if (f.operation.startsWith("numbers.")) {
    return { code: "number_not_owned", message: `${subject} is not one of this account's numbers.`, hint: "`numbers list` shows them." };
  }
  if (f.operation === "subaccounts.transfer-number") {
    return { code: "number_not_found", message: `Vonage could not transfer ${subject}: it is not on the account it should come from.${said(f)}`, hint: "Check `from:` and the number's country." };
  }
  if (f.operation.startsWith("subaccounts")) {
    return { code: "unknown_subaccount", message: `Vonage found no ${subject === "that" ? "such account" : subject} among this account's subaccounts.${said(f)}`, hint: "`subaccounts list` shows their API keys." };
  }
  return { code: "vonage_not_found", message: `Vonage could not find ${subject}.${said(f)}` };
}
