// Finding one of the account's own numbers for configure and cancel.
import type { AccountCommandContext } from "../../core/commands/context.ts";
import { normalizeMsisdn } from "../../numbers/msisdn.ts";
import { notYours } from "../../numbers/number-errors.ts";

export async function ownedNumber(ctx: AccountCommandContext, number: string) {
  const { account } = ctx;
  const msisdn = normalizeMsisdn(number);
  const provider = ctx.services.numberProviders.for(account);
  const owned = (await provider.list(account)).find((n) => n.msisdn === msisdn);
  if (!owned) throw notYours(msisdn);
  return { account, provider, owned, msisdn };
}
