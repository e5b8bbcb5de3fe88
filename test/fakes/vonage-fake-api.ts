// The API host (api.nexmo.com): secrets and subaccounts. JSON bodies; failures as RFC 7807
// problem details (application/problem+json).
import { randomBytes, randomUUID } from "node:crypto";
import { Decimal } from "decimal.js";
import type { FakeAccount, FakeReply } from "./vonage-fake-state.ts";
import { json, newAccount, problem, secretProblems, subaccountJson } from "./vonage-fake-state.ts";

export interface ApiContext {
  account: FakeAccount;
  params: string[];
  body: Record<string, unknown>;
  lookup(apiKey: string): FakeAccount | undefined;
  add(account: FakeAccount): void;
  subaccountsOf(apiKey: string): FakeAccount[];
}

type Handler = (ctx: ApiContext) => FakeReply;

const SECRETS = "/account/secret-management";
const SUBS = "/subaccounts";

const unknownKey = (key: string) => problem(404, "#invalid-api-key", "Invalid API Key", `API key '${key}' does not exist, or you do not have access`);
const unprovisioned = (key: string) => problem(403, "#unprovisioned", "Authorisation error", `Account ${key} is not provisioned to access Subaccount Provisioning API`);
const invalidTransfer = (detail: string) => problem(403, `${SUBS}#invalid-transfers`, "Invalid Transfer", detail);

/** The account a path's {api_key} names: the caller itself, or one of its subaccounts. */
function managed(ctx: ApiContext, key: string): FakeAccount | undefined {
  if (key === ctx.account.apiKey) return ctx.account;
  const sub = ctx.lookup(key);
  return sub?.parent === ctx.account.apiKey ? sub : undefined;
}

const secretJson = (key: string, s: { id: string; createdAt: string }) => ({
  _links: { self: { href: `/accounts/${key}/secrets/${s.id}` } },
  id: s.id,
  created_at: s.createdAt,
});

export const apiRoutes: [string, RegExp, Handler][] = [
  ["GET", /^\/accounts\/(\w+)\/secrets$/, (ctx) => {
    const target = managed(ctx, ctx.params[0]!);
    if (!target) return unknownKey(ctx.params[0]!);
    return json(200, { _links: { self: { href: `/accounts/${target.apiKey}/secrets` } }, _embedded: { secrets: target.secrets.map((s) => secretJson(target.apiKey, s)) } });
  }],
  ["POST", /^\/accounts\/(\w+)\/secrets$/, (ctx) => {
    const target = managed(ctx, ctx.params[0]!);
    if (!target) return unknownKey(ctx.params[0]!);
    const reason = secretProblems(ctx.body.secret);
    if (reason) return problem(400, `${SECRETS}#validation`, "Bad Request", "The request failed due to validation errors", { invalid_parameters: [{ name: "secret", reason }] });
    if (target.secrets.length >= 2) return problem(400, `${SECRETS}#add-excess-secret`, "Maxmimum number of secrets already met", "This account has reached maximum number of '2' allowed secrets");
    const secret = { id: randomUUID(), value: String(ctx.body.secret), createdAt: new Date().toISOString().replace(/\.\d+Z$/, "Z") };
    target.secrets.push(secret);
    return json(201, secretJson(target.apiKey, secret));
  }],
  ["DELETE", /^\/accounts\/(\w+)\/secrets\/([\w-]+)$/, (ctx) => {
    const target = managed(ctx, ctx.params[0]!);
    if (!target) return unknownKey(ctx.params[0]!);
    const index = target.secrets.findIndex((s) => s.id === ctx.params[1]);
    if (index < 0) return problem(404, "#invalid-id", "Invalid ID", `ID '${ctx.params[1]}' could not be found`);
    if (target.secrets.length === 1) return problem(403, `${SECRETS}#delete-last-secret`, "Secret Deletion Forbidden", "Can not delete the last secret. The account must always have at least 1 secret active at any time");
    target.secrets.splice(index, 1);
    return { status: 204 };
  }],
  ["GET", /^\/accounts\/(\w+)\/subaccounts$/, (ctx) => {
    const primary = primaryCalling(ctx);
    if ("status" in primary) return primary;
    const subs = ctx.subaccountsOf(primary.apiKey);
    const own = subs.filter((s) => !s.sharesPrimaryBalance);
    return json(200, {
      total_balance: own.reduce((sum, s) => sum.plus(s.balance), primary.balance).toNumber(),
      total_credit_limit: own.reduce((sum, s) => sum.plus(s.creditLimit), primary.creditLimit).toNumber(),
      _links: { self: { href: `/accounts/${primary.apiKey}/subaccounts` } },
      _embedded: { primary_account: subaccountJson(primary), subaccounts: subs.map((s) => subaccountJson(s)) },
    });
  }],
  ["POST", /^\/accounts\/(\w+)\/subaccounts$/, (ctx) => {
    const primary = primaryCalling(ctx);
    if ("status" in primary) return primary;
    const name = ctx.body.name;
    if (typeof name !== "string" || !name || name.length > 80) {
      return problem(422, `${SUBS}#validation`, "Bad Request", "The request failed due to validation errors", { invalid_parameters: [{ name: "name", reason: "Must be 1 to 80 characters" }] });
    }
    const secret = typeof ctx.body.secret === "string" ? ctx.body.secret : `Sub${randomBytes(6).toString("hex")}9`;
    const sub = newAccount({
      apiKey: randomBytes(4).toString("hex"),
      secret,
      name,
      balance: "0",
      parent: primary.apiKey,
      sharesPrimaryBalance: ctx.body.use_primary_account_balance !== false,
      createdAt: new Date().toISOString(),
    });
    ctx.add(sub);
    return json(200, subaccountJson(sub, secret));
  }],
  ["PATCH", /^\/accounts\/(\w+)\/subaccounts\/(\w+)$/, (ctx) => {
    const primary = primaryCalling(ctx);
    if ("status" in primary) return primary;
    const sub = ctx.lookup(ctx.params[1]!);
    if (!sub || sub.parent !== primary.apiKey) return unknownKey(ctx.params[1]!);
    if (typeof ctx.body.suspended === "boolean") sub.suspended = ctx.body.suspended;
    if (typeof ctx.body.name === "string") sub.name = ctx.body.name;
    return json(200, subaccountJson(sub));
  }],
  ["POST", /^\/accounts\/(\w+)\/(credit|balance)-transfers$/, (ctx) => {
    const primary = primaryCalling(ctx);
    if ("status" in primary) return primary;
    const parties = transferParties(ctx, primary);
    if ("status" in parties) return parties;
    const amount = new Decimal(String(ctx.body.amount ?? "0"));
    if (!amount.gt(0)) return problem(422, `${SUBS}#validation`, "Bad Request", "The request failed due to validation errors", { invalid_parameters: [{ name: "amount", reason: "Must be greater than 0" }] });
    const { from, to } = parties;
    if (from.sharesPrimaryBalance || to.sharesPrimaryBalance) return invalidTransfer(`Account ${from.sharesPrimaryBalance ? from.apiKey : to.apiKey} uses the primary account's balance`);
    const kind = ctx.params[1]!;
    if (kind === "balance") {
      const available = from.balance.minus(from.creditLimit);
      if (amount.gt(available)) return invalidTransfer(`Transfer amount ${amount.toFixed(2)} exceeds the balance available for transfer (${available.toFixed(2)})`);
      from.balance = from.balance.minus(amount);
      to.balance = to.balance.plus(amount);
    } else {
      if (amount.gt(from.creditLimit.abs())) return invalidTransfer(`Transfer amount ${amount.toFixed(2)} exceeds the credit limit of ${from.apiKey} (${from.creditLimit.abs().toFixed(2)})`);
      from.creditLimit = from.creditLimit.plus(amount);
      to.creditLimit = to.creditLimit.minus(amount);
    }
    return json(200, {
      [`${kind}_transfer_id`]: randomUUID(),
      amount: amount.toNumber(),
      from: from.apiKey,
      to: to.apiKey,
      reference: typeof ctx.body.reference === "string" ? ctx.body.reference : "",
      created_at: new Date().toISOString(),
    });
  }],
  ["POST", /^\/accounts\/(\w+)\/transfer-number$/, (ctx) => {
    const primary = primaryCalling(ctx);
    if ("status" in primary) return primary;
    const parties = transferParties(ctx, primary);
    if ("status" in parties) return parties;
    const number = parties.from.owned.get(String(ctx.body.number ?? ""));
    if (!number || number.country !== ctx.body.country) {
      return problem(404, `${SUBS}#missing-number-transfer`, "Invalid Number Transfer", `Could not transfer number ${String(ctx.body.number)} from account ${parties.from.apiKey} to ${parties.to.apiKey} - number not found`);
    }
    parties.from.owned.delete(number.msisdn);
    parties.to.owned.set(number.msisdn, number);
    return json(200, { number: number.msisdn, country: number.country, from: parties.from.apiKey, to: parties.to.apiKey });
  }],
];

/** Subaccount endpoints need the primary account's own key, and the feature enabled. */
function primaryCalling(ctx: ApiContext): FakeAccount | FakeReply {
  if (ctx.params[0] !== ctx.account.apiKey) return unknownKey(ctx.params[0]!);
  if (!ctx.account.subaccountsEnabled) return unprovisioned(ctx.account.apiKey);
  return ctx.account;
}

function transferParties(ctx: ApiContext, primary: FakeAccount): { from: FakeAccount; to: FakeAccount } | FakeReply {
  const from = ctx.lookup(String(ctx.body.from ?? ""));
  const to = ctx.lookup(String(ctx.body.to ?? ""));
  const related = (a?: FakeAccount) => a && (a.apiKey === primary.apiKey || a.parent === primary.apiKey);
  if (!from || !to || !related(from) || !related(to) || from === to || (from !== primary && to !== primary)) {
    return invalidTransfer("Transfers are only possible between the primary account and one of its subaccounts");
  }
  return { from, to };
}
