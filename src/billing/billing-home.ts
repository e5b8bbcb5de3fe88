// The Billing section of `home` (and Slack's App Home): balance in the display currency,
// mode and auto-reload. The home lists every account of the workspace, but asks for this
// section only for accounts the user belongs to: a balance is private to their users.
import type { CommandContext } from "../core/commands/context.ts";
import type { AccountRecord } from "../accounts/directory.ts";
import type { Block } from "../core/view.ts";
import { fields, text } from "../core/view.ts";
import { displayFor } from "./display-currency.ts";

export async function billingHomeSection(ctx: CommandContext, account: AccountRecord): Promise<Block[]> {
  const { ledger, billing } = ctx.services;
  const display = await displayFor(billing.fx, account.displayCurrency, ctx.clock);
  const balance = await ledger.balance(account.id);
  const reload = await billing.autoReload.state(account.id);
  const autoReload = reload?.enabled ? `on: below ${display.format(reload.threshold)}, adds ${display.format(reload.amount)}` : "off";
  return [
    text("*Billing*"),
    fields({ Balance: display.format(balance), Mode: account.mode, "Auto-reload": autoReload }),
    ...(balance.gt(0) ? [] : [text("The balance is zero: the API refuses use and numbers are cancelled as they fall due. `billing topup <amount>`", "warning")]),
  ];
}
