// What a balance alert shows from billing: whether auto-reload will catch the balance,
// and amounts in the account's display currency.
import type { Clock } from "../core/clock.ts";
import { formatMoney } from "../core/money.ts";
import type { AutoReloadReader, AutoReloadStatus, AutoReloadsReader } from "../alerts/auto-reload-status.ts";
import type { AutoReloadState } from "./auto-reload.ts";
import type { MoneyDisplay } from "../alerts/display-money.ts";
import type { Billing } from "./billing.ts";
import { displayFor } from "./display-currency.ts";

export function alertHooks(billing: Billing, clock: Clock): { autoReload: AutoReloadReader; autoReloads: AutoReloadsReader; money: MoneyDisplay } {
  return {
    autoReload: async (accountId) => statusOf(await billing.autoReload.state(accountId)),
    async autoReloads(accountIds) {
      const states = await billing.autoReload.states(accountIds);
      return new Map(accountIds.map((id) => [id, statusOf(states.get(id))]));
    },
    money: async (currency) => (await displayFor(billing.fx, currency, clock)).format,
  };
}

function statusOf(state: AutoReloadState | undefined): AutoReloadStatus {
  if (!state?.enabled) return { on: false };
  return { on: true, detail: `adds ${formatMoney(state.amount)} when the balance falls below ${formatMoney(state.threshold)}` };
}
