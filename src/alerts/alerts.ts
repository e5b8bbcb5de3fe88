// The alerts part of Services: balance alerts, event subscriptions and their fan-out,
// quiet hours. Billing plugs in its auto-reload reader and currency display here.
import type { Db } from "../data/database.ts";
import type { Clock } from "../core/clock.ts";
import type { Ledger } from "../billing/ledger.ts";
import type { Outbox } from "../outbox/outbox.ts";
import { BalanceAlertRepo } from "./balance-alert-repo.ts";
import { BalanceAlerts, type AlertChart } from "./balance-alerts.ts";
import { BalanceFactsReader, type BalanceOf, type BalancesOf } from "./balance-facts.ts";
import { EventFanout } from "./event-fanout.ts";
import { EventSubscriptions } from "./event-subscriptions.ts";
import { QuietHoursStore } from "./quiet-hours-store.ts";
import { autoReloadNotSetUp, type AutoReloadReader, type AutoReloadsReader } from "./auto-reload-status.ts";
import { euroDisplay, type MoneyDisplay } from "./display-money.ts";

export interface Alerts {
  rules: BalanceAlertRepo;
  balance: BalanceAlerts;
  subscriptions: EventSubscriptions;
  events: EventFanout;
  quietHours: QuietHoursStore;
  money: MoneyDisplay;
}

export interface AlertsDeps {
  db: Db;
  clock: Clock;
  ledger: Ledger;
  outbox: Outbox;
  autoReload?: AutoReloadReader;
  /** The same for many accounts in one query (the sweep). */
  autoReloads?: AutoReloadsReader;
  money?: MoneyDisplay;
  /** The balance an alert checks: the ledger for sandbox accounts, the API for Vonage ones. */
  balanceOf?: BalanceOf;
  /** The balances one query can give (the sweep); by default every account's maintained balance. */
  balances?: BalancesOf;
  /** The chart a balance alert's first post carries. */
  chart?: AlertChart;
}

export function buildAlerts({ db, clock, ledger, outbox, autoReload, autoReloads, money = euroDisplay, balanceOf, balances, chart }: AlertsDeps): Alerts {
  const rules = new BalanceAlertRepo(db);
  const quietHours = new QuietHoursStore(db);
  const subscriptions = new EventSubscriptions(db);
  const facts = new BalanceFactsReader(db, balanceOf ?? ((account) => ledger.balance(account.id)), autoReload ?? autoReloadNotSetUp, {
    autoReloads,
    // Without a balanceOf of its own, every balance is the maintained one: one query a batch.
    balances: balances ?? (balanceOf ? undefined : (accounts) => ledger.balances(accounts.map((a) => a.id))),
  });
  return {
    rules,
    balance: new BalanceAlerts({ db, repo: rules, outbox, facts, quiet: quietHours, money, chart }),
    subscriptions,
    events: new EventFanout(db, clock, outbox, subscriptions, quietHours),
    quietHours,
    money,
  };
}
