// Finding one of the account's own numbers for configure and cancel.
import type { CommandContext } from "../../core/commands/context.ts";
import { requireAccount } from "../../core/commands/context.ts";
import { normalizeMsisdn } from "../../numbers/msisdn.ts";
import { notYours } from "../../numbers/number-errors.ts";

export async function ownedNumber(ctx: CommandContext, number: string) {
  const account = requireAccount(ctx);
  const msisdn = normalizeMsisdn(number);
  const provider = ctx.services.numberProviders.for(account);
  const owned = (await provider.list(account)).find((n) => n.msisdn === msisdn);
  if (!owned) throw notYours(msisdn);
  return { account, provider, owned, msisdn };
}
