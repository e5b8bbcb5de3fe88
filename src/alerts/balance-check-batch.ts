// The balance check of many accounts at once, as the hourly sweep runs it: a batch of
// accounts costs a fixed number of statements, not a dozen round trips a firing alert.
//   1. the rules (balance-alert-rules.ts, the one source of truth) pick what changes;
//   2. the facts of every changing account are read together (balance-facts.ts: spend,
//      renewals, auto-reload), quiet hours of every channel posted to in one query;
//   3. messages are rendered in memory and their buttons stored in one insert;
//   4. one transaction writes the versioned alert changes (UPDATE … FROM unnest …
//      RETURNING id: an alert someone else changed since it was read is left alone and
//      posts nothing), the outbox rows and the live-message ids, a statement each.
// A post's chart is named by recipe and drawn when the post is delivered (file-recipes.ts).
import type { AccountRecord } from "../accounts/directory.ts";
import type { Message } from "../core/view.ts";
import type { Decimal } from "../core/money.ts";
import type { OutboxPost } from "../outbox/outbox.ts";
import { retryConflicts } from "../data/transaction-retry.ts";
import type { BalanceAlertRecord, AlertChanges } from "./balance-alert-repo.ts";
import type { BalanceFacts } from "./balance-facts.ts";
import type { MoneyFormatter } from "./display-money.ts";
import type { BalanceAlertsDeps, CheckOutcome } from "./balance-alerts.ts";
import { nextStep, type Step } from "./balance-alert-rules.ts";
import { firingMessage, resolvedMessage } from "./balance-alert-message.ts";

type Tx = Parameters<Parameters<BalanceAlertsDeps["db"]["$transaction"]>[0]>[0];

/** An account to check: at its own time, with its balance. */
export interface DueAccount {
  account: AccountRecord;
  at: Date;
  balance: Decimal;
}

/** One alert that changes: its state, and the post or edit it causes (if any). */
interface Change {
  due: DueAccount;
  alert: BalanceAlertRecord;
  step: Step;
  changes: AlertChanges;
  /** The alert as it will be, version included (the post's dedupe key names it). */
  next: BalanceAlertRecord;
  post?: OutboxPost;
}

// A batch does more in its transaction than one alert did: Prisma's 5 s default is tight on a loaded machine.
const TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 60_000 } as const;

export const emptyOutcome = (): CheckOutcome => ({ posted: 0, updated: 0, resolved: 0, notes: [] });

export class BalanceCheckBatch {
  constructor(private readonly deps: BalanceAlertsDeps) {}

  /** Checks the accounts' alerts (read beforehand, each account's in rule order); outcomes by account. */
  async check(dues: readonly DueAccount[], alertsOf: ReadonlyMap<string, readonly BalanceAlertRecord[]>): Promise<Map<string, CheckOutcome>> {
    const outcomes = new Map(dues.map((d) => [d.account.id, emptyOutcome()]));
    const changes = plan(dues, alertsOf);
    if (changes.length === 0) return outcomes;
    const money = await this.formatters(changes);
    await this.compose(changes, money);
    const applied = await retryConflicts(() => this.deps.db.$transaction((tx) => this.write(tx, changes), TRANSACTION_OPTIONS));
    for (const { due, alert, step } of changes) {
      if (!applied.has(alert.id)) continue;
      const outcome = outcomes.get(due.account.id)!;
      const what = `${alert.level} alert at ${money.get(due.account.displayCurrency)!(alert.threshold)}`;
      if (step.message === "post") {
        outcome.posted++;
        outcome.notes.push(`Balance ${what}: posted to ${alert.channel}.`);
      } else if (step.state === "resolved" && alert.state !== "resolved") {
        outcome.resolved++;
        outcome.notes.push(`Balance ${what}: resolved.`);
      } else if (step.message === "edit") outcome.updated++;
    }
    return outcomes;
  }

  /** One formatter a display currency (a rate lookup each), for every account of the batch. */
  private async formatters(changes: readonly Change[]): Promise<Map<string, MoneyFormatter>> {
    const currencies = [...new Set(changes.map((c) => c.due.account.displayCurrency))];
    return new Map(await Promise.all(currencies.map(async (c) => [c, await this.deps.money(c)] as const)));
  }

  /** Reads the facts, renders each post or edit and stores their buttons: everything before the transaction. */
  private async compose(changes: Change[], money: ReadonlyMap<string, MoneyFormatter>): Promise<void> {
    const sending = changes.filter((c) => c.step.message !== "none");
    if (sending.length === 0) return;
    const accounts = [...new Map(sending.map((c) => [c.due.account.id, c.due])).values()];
    const facts = await this.deps.facts.readMany(accounts);
    const factsOf = new Map(accounts.map((due, i) => [due.account.id, facts[i]!]));
    const posts = sending.filter((c) => c.step.message === "post");
    const holds = await this.deps.quiet.holds(posts.map(({ alert, due }) => ({ channel: alert.channel, critical: alert.level === "critical", at: due.at })));
    const holdOf = new Map(posts.map((c, i) => [c, holds[i]]));
    const messages = await this.deps.outbox.prepareMany(sending.map((c) => render(c, factsOf.get(c.due.account.id)!, money.get(c.due.account.displayCurrency)!)));
    sending.forEach((c, i) => {
      const base = { channel: c.alert.channel, message: messages[i]!, dedupeKey: `alert:${c.alert.id}:v${c.next.version}` };
      if (c.step.message === "edit") {
        c.post = { ...base, replaces: c.next.liveMessageId! };
        return;
      }
      // Only a new incident's post carries the chart: its edits keep the text only.
      const chart = c.step.state === "firing" ? this.deps.chart?.(c.due.account, c.due.at) : undefined;
      c.post = { ...base, notBefore: holdOf.get(c), draw: chart ? [chart] : undefined };
    });
  }

  /** The batch's writes, a statement each; returns the alerts it changed (the others changed meanwhile). */
  private async write(tx: Tx, changes: readonly Change[]): Promise<Set<string>> {
    const { repo, outbox } = this.deps;
    const applied = await repo.updateMany(tx, changes);
    const sending = changes.filter((c) => c.post && applied.has(c.alert.id));
    // Resolved before it was ever posted (held by quiet hours): nobody needs to hear of it.
    const resolving = sending.filter((c) => c.step.message === "edit" && c.next.state === "resolved");
    const cancelled = await outbox.cancelManyIfUnsent(tx, resolving.map((c) => c.next.liveMessageId!));
    const dropped = resolving.filter((c) => cancelled.has(c.next.liveMessageId!));
    const enqueued = sending.filter((c) => !dropped.includes(c));
    const ids = await outbox.enqueueManyIn(tx, enqueued.map((c) => c.post!));
    await repo.setLiveMessages(tx, [
      ...enqueued.flatMap((c, i) => (c.step.message === "post" ? [{ id: c.alert.id, liveMessageId: ids[i]! }] : [])),
      ...dropped.map((c) => ({ id: c.alert.id, liveMessageId: null })),
    ]);
    return applied;
  }
}

/** The alerts whose state or message changes, by the rules, each with its changes. */
function plan(dues: readonly DueAccount[], alertsOf: ReadonlyMap<string, readonly BalanceAlertRecord[]>): Change[] {
  return dues.flatMap((due) =>
    (alertsOf.get(due.account.id) ?? []).flatMap((alert) => {
      const step = nextStep(alert, due.balance, due.at);
      if (step.state === alert.state && step.message === "none") return [];
      const changes = changesFor(alert, step, due.balance, due.at);
      return [{ due, alert, step, changes, next: { ...alert, ...changes, version: alert.version + 1 } }];
    }),
  );
}

function render(change: Change, facts: BalanceFacts, money: MoneyFormatter): Message {
  const input = { alert: change.next, account: change.due.account, facts, money, first: change.step.message === "post", at: change.due.at };
  return change.next.state === "resolved" ? resolvedMessage(input) : firingMessage(input);
}

function changesFor(alert: BalanceAlertRecord, step: Step, balance: Decimal, at: Date): AlertChanges {
  const changes: AlertChanges = { state: step.state };
  if (step.message !== "none") changes.shownBalance = balance;
  // A new incident: its own time, no acknowledgement carried over, and no live message until
  // it is posted (so a re-fire held by a snooze posts anew instead of editing the old one).
  if (alert.state !== "firing" && step.state === "firing") {
    Object.assign(changes, { firedAt: at, resolvedAt: null, ackedAt: null, ackedBy: null, liveMessageId: null });
  }
  if (step.state === "resolved") changes.resolvedAt = at;
  if (step.state === "armed") changes.liveMessageId = null;
  return changes;
}
