// Pieces of billing replies that several commands show: the balance with its rules,
// and the auto-reload state.
import dayjs from "dayjs";
import utc from "dayjs/plugin/utc.js";
import type { Decimal } from "../../core/money.ts";
import type { Block } from "../../core/view.ts";
import { text } from "../../core/view.ts";
import type { Display } from "../../billing/display-currency.ts";
import type { AutoReloadState } from "../../billing/auto-reload.ts";

dayjs.extend(utc);

export const when = (date: Date) => dayjs.utc(date).format("D MMM YYYY HH:mm [UTC]");

export function autoReloadLine(state: AutoReloadState | undefined, methodLabel: string | undefined, display: Display): string {
  if (!state?.enabled) {
    const why = state?.disabledReason ? ` (switched off: ${state.disabledReason})` : "";
    return `off${why}`;
  }
  return `on: below ${display.format(state.threshold)}, adds ${display.format(state.amount)} from ${methodLabel ?? "its payment method"} (checked every 10 minutes)`;
}

export function lastReloadLine(state: AutoReloadState | undefined, display: Display): string {
  if (!state?.lastReloadAt || !state.lastReloadAmount) return "none yet";
  return `${display.format(state.lastReloadAmount)} on ${when(state.lastReloadAt)}`;
}

/** What a zero balance means, in the dashboard's words: no API use, numbers cancelled. */
export function zeroBalanceWarning(balance: Decimal): Block[] {
  if (balance.gt(0)) return [];
  return [
    text(
      "The balance is zero or below: the API refuses use (`sms send` is refused) and your numbers are cancelled as their rent falls due. Top up with `billing topup <amount>`, or turn on auto-reload with `billing autoreload on`.",
      "warning",
    ),
  ];
}
