import type { AccountCommandContext } from "../../core/commands/context.ts";
import { formatMoney } from "../../core/money.ts";
import type { VonageClient, VonageSubaccount } from "../../providers/vonage-gateway.ts";

export async function subaccountsClient(ctx: AccountCommandContext): Promise<VonageClient> {
  return ctx.services.vonage.client(ctx.account);
}

export function describeSubaccount(sub: VonageSubaccount): string {
  const money = sub.sharesPrimaryBalance
    ? "shares the primary balance"
    : `balance ${formatMoney(sub.balance ?? 0)}, credit limit ${formatMoney(sub.creditLimit ?? 0)}`;
  return `${money}${sub.suspended ? " · SUSPENDED" : ""}`;
}
