// The REST host (rest.nexmo.com): balance, top-up, account settings and numbers.
// Form-encoded POSTs; failures as `error-code` bodies, inside an HTTP 200 where the real
// API does that (buy, cancel, update: "method failed").
import { Decimal } from "decimal.js";
import type { FakeAccount, FakeNumber, FakeReply } from "./vonage-fake-state.ts";
import { coded, json, matchesPattern, methodFailed, ownedJson, page, success } from "./vonage-fake-state.ts";

export interface RestContext {
  account: FakeAccount;
  /** Another account this one may act for (target_api_key: its own subaccount). */
  lookup(apiKey: string): FakeAccount | undefined;
  inventory: FakeNumber[];
  query: URLSearchParams;
  form: Record<string, string>;
}

type Handler = (ctx: RestContext) => FakeReply;

export const restRoutes: Record<string, Handler> = {
  "GET /account/get-balance": ({ account }) => json(200, { value: account.balance.toNumber(), autoReload: account.autoReload }),

  "POST /account/top-up": ({ account, form }) => {
    if (!account.autoReload) return coded(401, "not auto-reload enabled");
    if (!form.trx || form.trx !== account.topUpTrx) return coded(420, "method failed", 200);
    account.balance = account.balance.plus(account.topUpAmount);
    return success();
  },

  // Without parameters it answers the current settings; "" removes a URL.
  "POST /account/settings": ({ account, form }) => {
    if ("moCallBackUrl" in form) account.settings.mo = form.moCallBackUrl!;
    if ("drCallBackUrl" in form) account.settings.dr = form.drCallBackUrl!;
    return json(200, {
      "mo-callback-url": account.settings.mo,
      "dr-callback-url": account.settings.dr,
      "max-outbound-request": 30,
      "max-inbound-request": 30,
      "max-calls-per-second": 30,
    });
  },

  "GET /number/search": ({ inventory, query }) => {
    const country = query.get("country");
    if (!country) return coded(400, "missing country");
    const features = (query.get("features") ?? "").split(",").filter(Boolean);
    const matches = inventory.filter(
      (n) =>
        n.country === country &&
        (!query.get("type") || n.type === query.get("type")) &&
        features.every((f) => n.features.includes(f)) &&
        matchesPattern(n.msisdn, query.get("pattern"), query.get("search_pattern")),
    );
    const numbers = page(matches, query);
    return json(200, matches.length ? { count: matches.length, numbers } : { count: 0 });
  },

  "POST /number/buy": (ctx) => {
    const target = targetOf(ctx);
    const wanted = ctx.inventory.findIndex((n) => n.msisdn === ctx.form.msisdn && n.country === ctx.form.country);
    if (!target || wanted < 0) return methodFailed();
    const number = ctx.inventory[wanted]!;
    const payer = target.sharesPrimaryBalance && target.parent ? ctx.lookup(target.parent)! : target;
    if (payer.balance.minus(payer.creditLimit).lt(new Decimal(number.cost))) return methodFailed();
    ctx.inventory.splice(wanted, 1);
    payer.balance = payer.balance.minus(number.cost);
    target.owned.set(number.msisdn, { ...number });
    return success();
  },

  "POST /number/cancel": (ctx) => {
    const target = targetOf(ctx);
    const number = target?.owned.get(ctx.form.msisdn ?? "");
    if (!target || !number || number.country !== ctx.form.country) return methodFailed();
    target.owned.delete(number.msisdn);
    const { msisdn, country, type, features, cost } = number;
    ctx.inventory.push({ msisdn, country, type, features, cost });
    return success();
  },

  "POST /number/update": ({ account, form }) => {
    const number = account.owned.get(form.msisdn ?? "");
    if (!number || number.country !== form.country) return methodFailed();
    if ("moHttpUrl" in form) number.moHttpUrl = form.moHttpUrl;
    if ("voiceCallbackType" in form) number.voiceCallbackType = form.voiceCallbackType;
    if ("voiceCallbackValue" in form) number.voiceCallbackValue = form.voiceCallbackValue;
    if ("voiceStatusCallback" in form) number.voiceStatusCallback = form.voiceStatusCallback;
    if ("app_id" in form) number.app_id = form.app_id;
    return success();
  },

  "GET /account/numbers": ({ account, query }) => {
    const matches = [...account.owned.values()].filter(
      (n) =>
        (!query.get("country") || n.country === query.get("country")) &&
        (!query.get("application_id") || n.app_id === query.get("application_id")) &&
        matchesPattern(n.msisdn, query.get("pattern"), query.get("search_pattern")),
    );
    return json(200, matches.length ? { count: matches.length, numbers: page(matches, query).map(ownedJson) } : { count: 0 });
  },
};

function targetOf({ account, form, lookup }: RestContext): FakeAccount | undefined {
  if (!form.target_api_key) return account;
  const sub = lookup(form.target_api_key);
  return sub?.parent === account.apiKey ? sub : undefined;
}
