// Balance alerts: checks accounts against their thresholds and keeps one live message per
// alert. Each change of an alert and the post it causes are written in one transaction,
// guarded by the alert's version, so a retried or concurrent check posts once. The sweep
// checks its accounts a batch at a time (balance-check-batch.ts); one account's check is a
// batch of one.
import type { Db } from "../data/database.ts";
import type { Logger } from "../platform/logger.ts";
import type { JobProgress } from "../jobs/job-runner.ts";
import type { Message } from "../core/view.ts";
import type { Outbox } from "../outbox/outbox.ts";
import type { FileRecipe } from "../outbox/file-recipes.ts";
import { openAccountsByIds, type AccountRecord } from "../accounts/directory.ts";
import { forEachLimited, sweepConcurrency } from "../data/embedded.ts";
import { notFound, UserError } from "../core/errors.ts";
import type { BalanceAlertRecord, BalanceAlertRepo, AlertChanges } from "./balance-alert-repo.ts";
import type { BalanceFacts, BalanceFactsReader } from "./balance-facts.ts";
import type { QuietHoursStore } from "./quiet-hours-store.ts";
import type { MoneyDisplay } from "./display-money.ts";
import { firingMessage, removedMessage, resolvedMessage } from "./balance-alert-message.ts";
import { BalanceCheckBatch, emptyOutcome, type DueAccount } from "./balance-check-batch.ts";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const SNOOZE_MS = 24 * 3600 * 1000;
/** Accounts checked together: their alerts, facts and writes are a statement each. */
const BATCH = 500;
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
  /**
   * The balance chart an alert's first post carries, as a recipe drawn when the post is
   * delivered; none for an account without history (Vonage).
   */
  chart?: AlertChart;
}

export type AlertChart = (account: AccountRecord, at: Date) => FileRecipe | undefined;

export class BalanceAlerts {
  private readonly batch: BalanceCheckBatch;

  constructor(private readonly deps: BalanceAlertsDeps) {
    this.batch = new BalanceCheckBatch(deps);
  }

  /**
   * The hourly sweep, set-based: one query a page of accounts picks those where some alert
   * must change, and only those are loaded and checked, a batch at a time, each account on
   * its own clock. An hour where nothing changes reads one row a page and writes nothing.
   */
  async checkAll(now: Date, log: Logger, progress?: JobProgress): Promise<SweepStats> {
    const stats: SweepStats = { accountsChecked: 0, accountsScanned: 0, alertsPosted: 0, alertsUpdated: 0, alertsResolved: 0, failures: 0 };
    for (let cursor = progress?.resumeAfter ?? ""; ; ) {
      const { last, scanned, due } = await this.deps.repo.changingPage(cursor, PAGE, now);
      if (last === undefined) return stats;
      stats.accountsScanned += scanned;
      for (let i = 0; i < due.length; i += BATCH) {
        const ids = due.slice(i, i + BATCH);
        const accounts = await openAccountsByIds(this.deps.db, ids);
        await this.checkBatch(accounts, now, log, stats);
        stats.accountsChecked += accounts.length;
      }
      cursor = last;
      await progress?.save(cursor);
    }
  }

  /** Checks one account's thresholds at `at`, the account's own time. */
  async checkAccount(account: AccountRecord, at: Date): Promise<CheckOutcome> {
    const alerts = await this.deps.repo.ofAccount(account.id);
    if (alerts.length === 0) return emptyOutcome();
    const balance = await this.deps.facts.balance(account);
    const outcomes = await this.batch.check([{ account, at, balance }], new Map([[account.id, alerts]]));
    return outcomes.get(account.id)!;
  }

  /**
   * One batch of the sweep. If it fails as a whole, each of its accounts is checked on its
   * own, so one bad account cannot hold up the others (nothing of the batch was written).
   */
  private async checkBatch(accounts: AccountRecord[], now: Date, log: Logger, stats: SweepStats): Promise<void> {
    const count = (outcome: CheckOutcome) => {
      stats.alertsPosted += outcome.posted;
      stats.alertsUpdated += outcome.updated;
      stats.alertsResolved += outcome.resolved;
    };
    const failed = (accountId: string, error: unknown) => {
      stats.failures++;
      log.warn({ accountId, err: { message: (error as Error).message } }, "balance check failed");
    };
    let alone: AccountRecord[] = [];
    try {
      const { dues, alertsOf, failures } = await this.dueAccounts(accounts, now);
      failures.forEach(({ accountId, error }) => failed(accountId, error));
      (await this.batch.check(dues, alertsOf)).forEach(count);
    } catch (error) {
      log.warn({ accounts: accounts.length, err: { message: (error as Error).message } }, "balance check batch failed: checking its accounts one by one");
      alone = accounts;
    }
    for (const account of alone) {
      try {
        count(await this.checkAccount(account, atOf(account, now)));
      } catch (error) {
        failed(account.id, error);
      }
    }
  }

  /**
   * The batch's alerts (one query) and balances: the maintained ones in one query, the
   * others (Vonage: an API call each) one by one, several at once on PostgreSQL; an
   * account whose balance cannot be had is a failure of its own.
   */
  private async dueAccounts(accounts: AccountRecord[], now: Date) {
    const alertsOf = await this.deps.repo.ofAccounts(accounts.map((a) => a.id));
    const withAlerts = accounts.filter((a) => alertsOf.has(a.id));
    const balances = await this.deps.facts.balances(withAlerts);
    const failures: { accountId: string; error: unknown }[] = [];
    const alone = withAlerts.filter((a) => !balances.has(a.id));
    await forEachLimited(alone, await sweepConcurrency(this.deps.db), async (account) => {
      try {
        balances.set(account.id, await this.deps.facts.balance(account));
      } catch (error) {
        failures.push({ accountId: account.id, error });
      }
    });
    const dues: DueAccount[] = withAlerts.flatMap((account) => {
      const balance = balances.get(account.id);
      return balance ? [{ account, at: atOf(account, now), balance }] : [];
    });
    return { dues, alertsOf, failures };
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
      if (message) await this.sendEdit(tx, { ...next, version: alert.version + 1 }, message);
      return true;
    });
    if (!done) throw new UserError("alert_busy", "That alert changed while you clicked.", { hint: "Try again." });
    return next;
  }

  /** The live message of a firing alert shows a person's change (an edit in place). */
  private async sendEdit(tx: Tx, alert: BalanceAlertRecord, message: Message): Promise<void> {
    const dedupeKey = `alert:${alert.id}:v${alert.version}`;
    await this.deps.outbox.enqueueIn(tx, { channel: alert.channel, message, dedupeKey, replaces: alert.liveMessageId! });
  }

  private async render(alert: BalanceAlertRecord, account: AccountRecord, facts: BalanceFacts, at: Date, first: boolean): Promise<Message> {
    const money = await this.deps.money(account.displayCurrency);
    const input = { alert, account, facts, money, first, at };
    return this.deps.outbox.prepare(alert.state === "resolved" ? resolvedMessage(input) : firingMessage(input));
  }
}

const atOf = (account: AccountRecord, now: Date) => new Date(now.getTime() + Number(account.clockOffsetMs));
