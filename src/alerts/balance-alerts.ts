// Balance alerts: checks accounts against their thresholds and keeps one live message per
// alert. Each change of an alert and the post it causes are written in one transaction,
// guarded by the alert's version, so a retried or concurrent check posts once.
import type { Db } from "../data/database.ts";
import type { Logger } from "../platform/logger.ts";
import type { JobProgress } from "../jobs/job-runner.ts";
import type { FileOut, Message } from "../core/view.ts";
import type { Outbox } from "../outbox/outbox.ts";
import { accountSelect, type AccountRecord } from "../accounts/directory.ts";
import { forEachLimited, sweepConcurrency } from "../data/embedded.ts";
import { notFound, UserError } from "../core/errors.ts";
import type { BalanceAlertRecord, BalanceAlertRepo, AlertChanges } from "./balance-alert-repo.ts";
import type { BalanceFacts, BalanceFactsReader } from "./balance-facts.ts";
import type { QuietHoursStore } from "./quiet-hours-store.ts";
import type { MoneyDisplay } from "./display-money.ts";
import { nextStep, type MessageAction, type Step } from "./balance-alert-rules.ts";
import { firingMessage, removedMessage, resolvedMessage } from "./balance-alert-message.ts";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const SNOOZE_MS = 24 * 3600 * 1000;
const BATCH = 100;
/** Accounts a selection page covers: one statement each, a few ids back. */
const PAGE = 2000;

export interface CheckOutcome {
  posted: number;
  updated: number;
  resolved: number;
  notes: string[];
}

export interface SweepStats {
  accountsChecked: number;
  /** Accounts the selection looked at; only the accountsChecked among them were loaded. */
  accountsScanned: number;
  alertsPosted: number;
  alertsUpdated: number;
  alertsResolved: number;
  failures: number;
  [key: string]: number;
}

export interface BalanceAlertsDeps {
  db: Db;
  repo: BalanceAlertRepo;
  outbox: Outbox;
  facts: BalanceFactsReader;
  quiet: QuietHoursStore;
  money: MoneyDisplay;
  /** The balance chart an alert's first post carries; none for an account without history (Vonage). */
  chart?: AlertChart;
}

export type AlertChart = (account: AccountRecord, at: Date) => Promise<FileOut | undefined>;

export class BalanceAlerts {
  constructor(private readonly deps: BalanceAlertsDeps) {}

  /**
   * The hourly sweep, set-based: one query a page of accounts picks those where some alert
   * must change, and only those are loaded and checked in full, each on its own clock. An
   * hour where nothing changes reads one row a page and writes nothing.
   */
  async checkAll(now: Date, log: Logger, progress?: JobProgress): Promise<SweepStats> {
    const concurrency = await sweepConcurrency(this.deps.db);
    const stats: SweepStats = { accountsChecked: 0, accountsScanned: 0, alertsPosted: 0, alertsUpdated: 0, alertsResolved: 0, failures: 0 };
    for (let cursor = progress?.resumeAfter ?? ""; ; ) {
      const { last, scanned, due } = await this.deps.repo.changingPage(cursor, PAGE, now);
      if (last === undefined) return stats;
      stats.accountsScanned += scanned;
      for (let i = 0; i < due.length; i += BATCH) {
        const ids = due.slice(i, i + BATCH);
        const accounts = await this.deps.db.account.findMany({ where: { id: { in: ids }, closedAt: null }, select: accountSelect });
        // Accounts are independent (each alert change is guarded by its version): on
        // PostgreSQL several are checked at once, which hides the round trips.
        await forEachLimited(accounts, concurrency, async (account) => {
          try {
            const outcome = await this.checkAccount(account, new Date(now.getTime() + Number(account.clockOffsetMs)));
            stats.alertsPosted += outcome.posted;
            stats.alertsUpdated += outcome.updated;
            stats.alertsResolved += outcome.resolved;
          } catch (error) {
            stats.failures++;
            log.warn({ accountId: account.id, err: { message: (error as Error).message } }, "balance check failed");
          }
          stats.accountsChecked++;
        });
      }
      cursor = last;
      await progress?.save(cursor);
    }
  }

  /** Checks one account's thresholds at `at`, the account's own time. */
  async checkAccount(account: AccountRecord, at: Date): Promise<CheckOutcome> {
    const outcome: CheckOutcome = { posted: 0, updated: 0, resolved: 0, notes: [] };
    const alerts = await this.deps.repo.ofAccount(account.id);
    if (alerts.length === 0) return outcome;
    // Most hours nothing changes: the full facts (burn rate, renewals) are read only when
    // some alert will post, edit or change state.
    const balance = await this.deps.facts.balance(account);
    const changes = alerts
      .map((alert) => ({ alert, step: nextStep(alert, balance, at) }))
      .filter(({ alert, step }) => step.state !== alert.state || step.message !== "none");
    if (changes.length === 0) return outcome;
    const facts = await this.deps.facts.read(account, at, balance);
    for (const { alert, step } of changes) {
      if (!(await this.apply(alert, account, facts, step, at))) continue;
      const what = `${alert.level} alert at ${(await this.deps.money(account.displayCurrency))(alert.threshold)}`;
      if (step.message === "post") {
        outcome.posted++;
        outcome.notes.push(`Balance ${what}: posted to ${alert.channel}.`);
      } else if (step.state === "resolved" && alert.state !== "resolved") {
        outcome.resolved++;
        outcome.notes.push(`Balance ${what}: resolved.`);
      } else if (step.message === "edit") outcome.updated++;
    }
    return outcome;
  }

  async snooze(account: AccountRecord, id: string, at: Date): Promise<BalanceAlertRecord> {
    const alert = await this.find(account, id);
    return this.change(alert, account, { snoozedUntil: new Date(at.getTime() + SNOOZE_MS) }, at);
  }

  async acknowledge(account: AccountRecord, id: string, by: string, at: Date): Promise<BalanceAlertRecord> {
    const alert = await this.find(account, id);
    if (alert.state !== "firing") {
      throw new UserError("not_firing", "That alert is not firing: there is nothing to acknowledge.", {
        hint: "`alerts list` shows each alert's state.",
      });
    }
    return this.change(alert, account, { ackedAt: at, ackedBy: by }, at);
  }

  /** Removes an alert; a firing alert's message says so, so nobody clicks its buttons in vain. */
  async remove(account: AccountRecord, id: string, by: string, at: Date): Promise<boolean> {
    const alert = await this.deps.repo.find(account.id, id);
    if (!alert) return false;
    const live = alert.state === "firing" ? alert.liveMessageId : null;
    const money = await this.deps.money(account.displayCurrency);
    const message = live ? await this.deps.outbox.prepare(removedMessage(alert, account, money, by)) : undefined;
    return this.deps.db.$transaction(async (tx) => {
      if (!(await this.deps.repo.remove(tx, alert, at))) return false;
      if (live && message && !(await this.deps.outbox.cancelIfUnsent(tx, live))) {
        await this.deps.outbox.enqueueIn(tx, { channel: alert.channel, message, dedupeKey: `alert:${alert.id}:removed`, replaces: live });
      }
      return true;
    });
  }

  private async find(account: AccountRecord, id: string): Promise<BalanceAlertRecord> {
    const alert = await this.deps.repo.find(account.id, id);
    if (!alert) throw notFound(`The balance alert ${id}`, "`alerts list` shows the alerts of this account and their ids.");
    return alert;
  }

  /** A change a person made (snooze, acknowledge): the live message shows it at once. */
  private async change(alert: BalanceAlertRecord, account: AccountRecord, changes: AlertChanges, at: Date): Promise<BalanceAlertRecord> {
    const next = { ...alert, ...changes };
    const refresh = alert.state === "firing" && alert.liveMessageId !== null;
    const facts = refresh ? await this.deps.facts.read(account, at) : undefined;
    const message = facts ? await this.render(next, account, facts, at, false) : undefined;
    if (facts) changes.shownBalance = facts.balance;
    const done = await this.deps.db.$transaction(async (tx) => {
      if (!(await this.deps.repo.update(tx, alert, changes))) return false;
      if (message) await this.send(tx, { ...next, version: alert.version + 1 }, "edit", message);
      return true;
    });
    if (!done) throw new UserError("alert_busy", "That alert changed while you clicked.", { hint: "Try again." });
    return next;
  }

  private async apply(alert: BalanceAlertRecord, account: AccountRecord, facts: BalanceFacts, step: Step, at: Date): Promise<boolean> {
    const changes = changesFor(alert, step, facts, at);
    const next = { ...alert, ...changes };
    const message = step.message === "none" ? undefined : await this.render(next, account, facts, at, step.message === "post");
    const hold = step.message === "post" ? await this.deps.quiet.holdUntil(alert.channel, alert.level === "critical", at) : undefined;
    // Only a new incident's post carries the chart: its edits keep the text only.
    const chart = step.message === "post" && step.state === "firing" && this.deps.chart ? await this.deps.chart(account, at) : undefined;
    return this.deps.db.$transaction(async (tx) => {
      if (!(await this.deps.repo.update(tx, alert, changes))) return false;
      if (message) await this.send(tx, { ...next, version: alert.version + 1 }, step.message, message, hold, chart ? [chart] : undefined);
      return true;
    });
  }

  private async send(tx: Tx, alert: BalanceAlertRecord, action: MessageAction, message: Message, hold?: Date, files?: FileOut[]): Promise<void> {
    const { outbox, repo } = this.deps;
    const dedupeKey = `alert:${alert.id}:v${alert.version}`;
    if (action === "post") {
      const id = await outbox.enqueueIn(tx, { channel: alert.channel, message, dedupeKey, notBefore: hold, files });
      await repo.setLiveMessage(tx, alert.id, id);
      return;
    }
    const live = alert.liveMessageId!;
    // Resolved before it was ever posted (held by quiet hours): nobody needs to hear of it.
    if (alert.state === "resolved" && (await outbox.cancelIfUnsent(tx, live))) {
      await repo.setLiveMessage(tx, alert.id, null);
      return;
    }
    await outbox.enqueueIn(tx, { channel: alert.channel, message, dedupeKey, replaces: live });
  }

  private async render(alert: BalanceAlertRecord, account: AccountRecord, facts: BalanceFacts, at: Date, first: boolean): Promise<Message> {
    const money = await this.deps.money(account.displayCurrency);
    const input = { alert, account, facts, money, first, at };
    return this.deps.outbox.prepare(alert.state === "resolved" ? resolvedMessage(input) : firingMessage(input));
  }
}

function changesFor(alert: BalanceAlertRecord, step: Step, facts: BalanceFacts, at: Date): AlertChanges {
  const changes: AlertChanges = { state: step.state };
  if (step.message !== "none") changes.shownBalance = facts.balance;
  // A new incident: its own time, no acknowledgement carried over, and no live message until
  // it is posted (so a re-fire held by a snooze posts anew instead of editing the old one).
  if (alert.state !== "firing" && step.state === "firing") {
    Object.assign(changes, { firedAt: at, resolvedAt: null, ackedAt: null, ackedBy: null, liveMessageId: null });
  }
  if (step.state === "resolved") changes.resolvedAt = at;
  if (step.state === "armed") changes.liveMessageId = null;
  return changes;
}
